/** How reports show digests (issue 12): short in tables, in full in the pull request body and job summary. */
import { describe, expect, it } from 'vitest';
import { pullRequestBody } from '../../src/publish/pr-body.js';
import type { ImageChange } from '../../src/publish/types.js';
import { pinnedDigestLines, shortDigest, shortenDigests, writtenRef } from '../../src/report/digest-text.js';
import { renderSummaryMarkdown, renderTable } from '../../src/report/render.js';
import { emptyReport, type UpdateEntry } from '../../src/report/result.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'abcdef012345'}${'9'.repeat(52)}`;
const S1 = `sha256:${'1'.repeat(12)}`;
const S2 = 'sha256:abcdef012345';

describe('digest text', () => {
  const cases: Array<[string, string, string]> = [
    ['a digest', D2, S2],
    ['a pinned reference', `1.1.0@${D1}`, `1.1.0@${S1}`],
    ['two digests in one text', `${D1} -> ${D2}`, `${S1} -> ${S2}`],
    ['a bare tag', '1.1.0', '1.1.0'],
    ['already short', S2, S2],
  ];
  it.each(cases)('shortenDigests: %s', (_name, input, want) => expect(shortenDigests(input)).toBe(want));

  it('shortDigest keeps sha256: and 12 hex digits', () => expect(shortDigest(D2)).toBe(S2));

  it('writtenRef shows the digest only when it is written', () => {
    expect(writtenRef({ to: '1.1.0', digest: D1, pinned: true })).toBe(`1.1.0@${S1}`);
    // newest-build knows the digest but writes the bare tag.
    expect(writtenRef({ to: '1.1.0', digest: D1 })).toBe('1.1.0');
  });

  it('pinnedDigestLines lists full references under a heading, and nothing when none is pinned', () => {
    expect(pinnedDigestLines([{ application: 'web-prod', alias: 'web', image: 'r.example/team/web', tag: '1.1.0', digest: D1 }])).toEqual([
      '**Pinned digests**',
      '',
      `- web-prod web: \`r.example/team/web:1.1.0@${D1}\``,
      '',
    ]);
    expect(pinnedDigestLines([])).toEqual([]);
  });
});

function pinnedReport() {
  const report = emptyReport(false);
  const moved: UpdateEntry = { application: 'web-prod', alias: 'web', image: 'r.example/team/web', from: `1.1.0@${D1}`, to: '1.1.0', digest: D2, pinned: true, strategy: 'semver', file: 'envs/prod/kustomization.yaml', mode: 'pull-request' };
  const unpinned: UpdateEntry = { application: 'web-dev', alias: 'web', image: 'r.example/team/web', from: 'abc1234', to: 'def5678', digest: D1, strategy: 'newest-build', file: 'envs/dev/kustomization.yaml', mode: 'commit' };
  report.updates.push(moved, unpinned);
  return report;
}

describe('reports of pinned updates', () => {
  it('the CLI table shows from and to with short digests, so a moved digest is visible', () => {
    const lines = renderTable(pinnedReport()).split('\n');
    expect(lines[1]).toMatch(new RegExp(`^web-prod\\s+web\\s+r\\.example/team/web\\s+1\\.1\\.0@${S1}\\s+1\\.1\\.0@${S2}\\s+semver`));
    expect(lines[2]).toMatch(/^web-dev\s+web\s+r\.example\/team\/web\s+abc1234\s+def5678\s+newest-build/);
  });

  it('the job summary: short digests in the table, the pinned references in full below it', () => {
    const summary = renderSummaryMarkdown(pinnedReport());
    expect(summary).toContain(`| web-prod | web | \`r.example/team/web\` | 1.1.0@${S1} | **1.1.0@${S2}** | pull-request | envs/prod/kustomization.yaml |`);
    expect(summary).toContain(`| web-dev | web | \`r.example/team/web\` | abc1234 | **def5678** | commit | envs/dev/kustomization.yaml |`);
    expect(summary).toContain(`**Pinned digests**\n\n- web-prod web: \`r.example/team/web:1.1.0@${D2}\`\n`);
    expect(summary).not.toContain(`def5678@`);
  });

  it('the pull request body: short digests in the table, the pinned references in full below it', () => {
    const change: ImageChange = { application: 'web-prod', alias: 'web', image: 'r.example/team/web', from: `1.1.0@${D1}`, to: `1.1.0@${D2}`, digest: D2, strategy: 'semver', file: 'envs/prod/kustomization.yaml' };
    const body = pullRequestBody('web-prod', 'main', [change]);
    expect(body).toContain(`| web-prod | \`r.example/team/web\` (web) | \`1.1.0@${S1}\` | \`1.1.0@${S2}\` | \`${S2}\` | semver |  | \`envs/prod/kustomization.yaml\` |`);
    expect(body).toContain(`**Pinned digests**\n\n- web-prod web: \`r.example/team/web:1.1.0@${D2}\`\n`);
  });
});

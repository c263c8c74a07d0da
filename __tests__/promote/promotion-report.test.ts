/** The pull request body and the job summary say where a promoted tag comes from and how long it soaked (issue 12). */
import { describe, expect, it } from 'vitest';
import { pullRequestBody } from '../../src/publish/pr-body.js';
import type { ImageChange } from '../../src/publish/types.js';
import { renderSummaryMarkdown } from '../../src/report/summary-markdown.js';
import { emptyReport } from '../../src/report/result.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const NOTE = 'in web-staging/web since 2026-11-27T06:00:00Z ([1111111](https://github.com/acme/gitops/commit/1111111)), soaked 30 h';

describe('promotion in the pull request body', () => {
  const change: ImageChange = { application: 'web-prod', alias: 'web', image: 'r.example/team/web', from: '1.0.0', to: `1.1.0@${DIGEST}`, digest: DIGEST, strategy: 'semver', file: 'envs/web-prod/kustomization.yaml', promotedFrom: NOTE };

  it('names the source, the commit link, the time and the soak (the pinned digest is listed once, under Pinned digests)', () => {
    const body = pullRequestBody('web-prod', 'main', [change]);
    expect(body).toContain(`**Promotion**\n\n- web-prod web: \`1.1.0\` (pinned) ${NOTE}\n`);
  });

  it('a promotion without soak says where it comes from; the digest is shown when the tag does not carry it', () => {
    const body = pullRequestBody('web-prod', 'main', [{ ...change, to: '1.1.0', promotedFrom: 'from web-staging/web' }]);
    expect(body).toContain(`- web-prod web: \`1.1.0\` (\`${DIGEST}\`) promoted from web-staging/web\n`);
  });

  it('changes without promote-from add no section', () => {
    const { promotedFrom: _, ...plain } = change;
    expect(pullRequestBody('web-prod', 'main', [plain])).not.toContain('**Promotion**');
  });
});

describe('promotion in the job summary', () => {
  it('puts the note under the new tag', () => {
    const report = emptyReport(false);
    report.updates.push({ application: 'web-prod', alias: 'web', image: 'r.example/team/web', from: '1.0.0', to: '1.1.0', digest: DIGEST, strategy: 'semver', file: 'f.yaml', mode: 'pull-request', promotedFrom: NOTE });
    expect(renderSummaryMarkdown(report)).toContain(`| **1.1.0**<br>${NOTE} | pull-request |`);
  });
});

/** Pull request text and records, edge by edge (pure): body cells and notes, oversized records, decline notes, hunk owners. */
import { describe, expect, it } from 'vitest';
import { pickHunkSide } from '../../src/publish/owner.js';
import { fingerprintOf, pullRequestBody, pullRequestTitle } from '../../src/publish/pr-body.js';
import { recordOf, timesOf, type RecordedChange } from '../../src/publish/pr-record.js';
import { declinedNote } from '../../src/publish/pull-guards.js';
import type { ImageChange } from '../../src/publish/types.js';

const change = (over: Partial<ImageChange> = {}): ImageChange => ({
  application: 'web', alias: 'web', image: 'ghcr.io/acme/web', from: '1.0.0', to: '1.1.0', strategy: 'semver', file: 'apps/web.yaml', ...over,
});
const recorded = (over: Partial<RecordedChange> = {}): RecordedChange => ({ app: 'web', alias: 'web', image: 'acme/web', to: '1.1.0', strategy: 'semver', file: 'a.yaml', ...over });

describe('pull request body and title', () => {
  it('shows a first deployment as none, in the title and the table', () => {
    expect(pullRequestTitle('web', [change({ from: null })])).toBe('chore(deploy): web: web none → 1.1.0');
    expect(pullRequestBody('web', 'main', [change({ from: null })])).toContain('| web | `ghcr.io/acme/web` (web) | _none_ | `1.1.0` |');
  });

  it('links the source changes between the two revisions', () => {
    const c = change({ labels: { 'org.opencontainers.image.revision': 'bbb1' }, fromLabels: { 'org.opencontainers.image.revision': 'aaa1' } });
    expect(pullRequestBody('web', 'main', [c])).toContain('| semver | [changes](https://github.com/acme/web/compare/aaa1...bbb1) | `apps/web.yaml` |');
  });

  it('puts a note before the closing line, with a blank line after it', () => {
    expect(pullRequestBody('web', 'main', [change()], 'the note')).toContain('\nthe note\n\n_Opened by argocd-image-promoter;');
  });

  it('says where a promoted tag without a digest comes from', () => {
    expect(pullRequestBody('web', 'main', [change({ promotedFrom: 'from web-staging/web since x' })])).toContain('\n- web web: `1.1.0` promoted from web-staging/web since x\n');
  });

  it('keeps only the key of a record too large for the body', () => {
    const many = Array.from({ length: 400 }, (_, i) => recorded({ app: `app-${i}`, file: `apps/app-${i}/kustomization.yaml` }));
    expect(recordOf(pullRequestBody('web', 'main', [change()], undefined, { key: 'web', declined: 3, changes: many }))).toEqual({ key: 'web', declined: 3, changes: [] });
  });

  it('reads no fingerprint and no record from a missing body', () => {
    expect([fingerprintOf(undefined), recordOf(undefined)]).toEqual([undefined, undefined]);
  });
});

describe('timesOf / declinedNote', () => {
  it('keeps each time that is known', () => {
    expect([timesOf({ created: 'c' }), timesOf({ seenAt: 's' }), timesOf(undefined)]).toStrictEqual([{ created: 'c' }, { seenAt: 's' }, {}]);
  });

  it('links the declined pull request, and says how to re-arm auto-merge only in auto-merge mode', () => {
    const declined = { number: 4, url: 'https://github.example/acme/gitops/pull/4' };
    const note = 'A person closed the earlier pull request of this group without merging it: [#4](https://github.example/acme/gitops/pull/4). This one proposes newer images.';
    expect(declinedNote(declined, false)).toBe(note);
    expect(declinedNote(declined, true)).toBe(`${note} Auto-merge is not armed because of that decline: add the label \`image-promoter:auto-merge\` to this pull request (or enable auto-merge on it) to let it merge on its own.`);
  });
});

describe('pickHunkSide: conflicts', () => {
  const at = { path: 'a.yaml', url: 'https://github.example/acme/gitops/pull/1', baseBranch: 'main' };
  const hunk = (ours: string[], theirs: string[]) => ({ kind: 'conflict' as const, line: 3, base: ['  newTag: 1.0.0\n'], ours, theirs });

  it('keeps the pull request\'s line, with a warning, when it names a checked image and another Application\'s entry', () => {
    const who = { own: [], mine: [recorded({ to: '2.0.0' })], others: [recorded({ app: 'api', to: '3.0.0' })] };
    expect(pickHunkSide(hunk(['  newTag: 1.5.0\n'], ['  newTag: 2.0.0 # 3.0.0\n']), who, at).side).toBe('theirs');
  });

  it('shows a side that removed the lines as (nothing)', () => {
    expect(pickHunkSide(hunk([], ['  newTag: 1.6.0\n']), { own: [], mine: [], others: [] }, at).warning).toContain('(`(nothing)` on main, `newTag: 1.6.0` in the pull request)');
  });

  it('names no Application when the pull request\'s line is nobody\'s entry', () => {
    const decision = pickHunkSide(hunk(['  newTag: 1.5.0\n'], ['  newTag: 1.6.0\n']), { own: [], mine: [], others: [] }, at);
    expect(decision).toEqual({
      side: 'theirs',
      warning: 'a.yaml:3: main and https://github.example/acme/gitops/pull/1 changed this line differently (`newTag: 1.5.0` on main, `newTag: 1.6.0` in the pull request); the pull request\'s line is kept: check it before merging, or close the pull request so a run over every Application proposes it again',
    });
  });
});

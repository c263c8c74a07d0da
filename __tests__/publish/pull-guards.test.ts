import { describe, expect, it } from 'vitest';
import { recordOf, renderRecord, withRecord, type RecordedChange } from '../../src/publish/pr-record.js';
import { compareProposals, olderThanProposed } from '../../src/publish/pull-guards.js';
import { isDeclinedChange, proposesAll } from '../../src/publish/owner.js';
import { branchAfterDecline, findOpenPull } from '../../src/publish/pull-history.js';
import type { OpenPull } from '../../src/publish/pull-request.js';

const change = (to: string, extra: Partial<RecordedChange> = {}): RecordedChange => ({ app: 'web', alias: 'web', image: 'r/web', to, strategy: 'semver', file: 'k.yaml', ...extra });

describe('pr-record', () => {
  it('round-trips through a body and survives a person editing the text around it', () => {
    const record = { key: 'web', declined: 3, changes: [change('1.2.0')] };
    const body = withRecord('Promotes images.\n', record);
    expect(recordOf(`Edited by Alice.\n\n${body}`)).toEqual(record);
    expect(recordOf(withRecord(body, { ...record, closedBy: 'promoter' }))?.closedBy).toBe('promoter');
    expect(body.match(/image-promoter:record=/g)).toHaveLength(1);
  });
  it.each([
    ['no marker', 'plain body'],
    ['not base64url JSON', `${renderRecord({ key: 'k', changes: [] }).slice(0, 30)}!!! -->`],
    ['JSON of the wrong shape', `<!-- image-promoter:record=${Buffer.from('{"a":1}').toString('base64url')} -->`],
  ])('reads nothing from %s', (_name, body) => {
    expect(recordOf(body)).toBeUndefined();
  });
  it('proposesAll: same Application, image and tag; an empty change set is never "the same"', () => {
    expect(proposesAll([change('1.2.0'), change('2.0.0', { app: 'api' })], [change('1.2.0')])).toBe(true);
    expect(proposesAll([change('1.2.0')], [change('1.3.0')])).toBe(false);
    expect(proposesAll([change('1.2.0')], [change('1.2.0', { app: 'other' })])).toBe(false);
    expect(proposesAll([change('1.2.0')], [])).toBe(false);
  });
});

describe('pull-guards', () => {
  it.each([
    ['semver', '1.10.0', '1.9.0', 1],
    ['semver', '1.2.0@sha256:aa', '1.3.0', -1],
    ['alphabetical', '2024-01-10', '2024-01-09', 1],
    ['newest-build', 'a', 'b', undefined],
    ['digest', 'latest@sha256:aa', 'latest@sha256:bb', undefined],
  ])('compareProposals(%s, %s, %s) by tag, undefined without recorded times', (strategy, a, b, want) => {
    const got = compareProposals(strategy, { to: a }, { to: b });
    expect(got === undefined ? undefined : Math.sign(got)).toBe(want);
  });
  it('never older for newest-build: by build time, whatever the tag names say', () => {
    const built = (to: string, created: string) => change(to, { strategy: 'newest-build', created });
    const proposed = built('a0-hotfix', '2024-06-02T00:00:00Z');
    expect(Math.sign(compareProposals('newest-build', built('b9', '2024-06-01T00:00:00Z'), proposed)!)).toBe(-1);
    expect(olderThanProposed([proposed], [built('b9', '2024-06-01T00:00:00Z')])).toEqual({ change: built('b9', '2024-06-01T00:00:00Z'), proposed: 'a0-hotfix' });
    expect(olderThanProposed([proposed], [built('a0', '2024-06-03T00:00:00Z')])).toBeUndefined();
    expect(olderThanProposed([change('a0-hotfix', { strategy: 'newest-build' })], [built('b9', '2024-06-01T00:00:00Z')])).toBeUndefined();
  });
  it('never older for digest: the digest a run resolved before the proposed one was resolved does not replace it', () => {
    const resolved = (digest: string, seenAt: string, created?: string) => change(`latest@sha256:${digest}`, { strategy: 'digest', seenAt, ...(created ? { created } : {}) });
    const proposed = resolved('bb', '2024-06-02T10:00:00Z');
    expect(olderThanProposed([proposed], [resolved('aa', '2024-06-02T09:59:00Z')])).toEqual({ change: resolved('aa', '2024-06-02T09:59:00Z'), proposed: 'latest@sha256:bb' });
    expect(olderThanProposed([proposed], [resolved('cc', '2024-06-02T10:01:00Z')])).toBeUndefined();
    // A build time, when both are known, decides before the reading times.
    expect(olderThanProposed([resolved('bb', '2024-06-02T10:00:00Z', '2024-06-01T00:00:00Z')], [resolved('aa', '2024-06-02T09:00:00Z', '2024-06-05T00:00:00Z')])).toBeUndefined();
  });
  it('olderThanProposed: older by the strategy, never for a rollback, another strategy or another image', () => {
    expect(olderThanProposed([change('1.2.0')], [change('1.1.0')])).toEqual({ change: change('1.1.0'), proposed: '1.2.0' });
    expect(olderThanProposed([change('1.2.0')], [change('1.3.0')])).toBeUndefined();
    expect(olderThanProposed([change('1.2.0')], [change('1.1.0', { strategy: 'rollback' })])).toBeUndefined();
    expect(olderThanProposed([change('1.2.0')], [change('1.1.0', { strategy: 'alphabetical' })])).toBeUndefined();
    expect(olderThanProposed([change('1.2.0')], [change('1.1.0', { alias: 'other' })])).toBeUndefined();
  });
  it('isDeclinedChange uses the record, or the fingerprint of a pull request opened before records', () => {
    expect(isDeclinedChange({ number: 1, url: 'u', record: { key: 'web', changes: [change('1.2.0')] } }, [change('1.2.0')], 'f')).toBe(true);
    expect(isDeclinedChange({ number: 1, url: 'u', record: { key: 'web', changes: [change('1.2.0')] } }, [change('1.3.0')], 'f')).toBe(false);
    expect(isDeclinedChange({ number: 1, url: 'u', fingerprint: 'f' }, [change('1.2.0')], 'f')).toBe(true);
    expect(isDeclinedChange({ number: 1, url: 'u' }, [change('1.2.0')], 'f')).toBe(false);
  });
});

describe('pull-history: branches after a decline', () => {
  const pull = (number: number, branch: string): OpenPull => ({ number, branch, url: `u${number}`, nodeId: 'n', headSha: 's', title: 't', body: '' });
  it('finds the open pull request on the branch or on its newest branch after a decline, never on a look-alike', () => {
    const base = 'image-promoter/web';
    expect(branchAfterDecline(base, 7)).toBe('image-promoter/web@7');
    const open = new Map([pull(9, 'image-promoter/web@7'), pull(4, 'image-promoter/web@2'), pull(5, 'image-promoter/web-prod'), pull(6, 'image-promoter/webx@1')].map((p) => [p.branch, p]));
    expect(findOpenPull(open, base)?.number).toBe(9);
    expect(findOpenPull(new Map([[base, pull(1, base)], ...open]), base)?.number).toBe(1);
    expect(findOpenPull(new Map([pull(5, 'image-promoter/web-prod')].map((p) => [p.branch, p])), base)).toBeUndefined();
  });
});

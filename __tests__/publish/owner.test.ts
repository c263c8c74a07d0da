import { describe, expect, it } from 'vitest';
import { checkedBy, claimsGroup, declineOf, namesTag, pickHunkSide, pushedByOthers, splitEntries } from '../../src/publish/owner.js';
import { headMarker, type RecordedChange } from '../../src/publish/pr-record.js';

const entry = (app: string, alias: string, to: string): RecordedChange => ({ app, alias, image: `acme/${alias}`, to, strategy: 'semver', file: 'k.yaml' });
const at = { path: 'k.yaml', url: 'https://github.example/acme/gitops/pull/1', baseBranch: 'main' };

describe('namesTag', () => {
  it.each([
    ['  newTag: 1.1.0\n', '1.1.0', true],
    ['  tag: "1.1.0"\n', '1.1.0', true],
    ['image: acme/web:1.1.0\n', '1.1.0', true],
    ['  newTag: 11.1.0\n', '1.1.0', false],
    ['  newTag: 1.1.0-rc.1\n', '1.1.0', false],
    ['  newTag: 1.1.0+build\n', '1.1.0', false],
    ['  digest: sha256:abc\n', '1.1.0@sha256:abc', true],
    ['  newTag: 1.1.x\n', '1.1.0', false],
  ])('%j names %s: %s', (line, to, expected) => {
    expect(namesTag(line, to)).toBe(expected);
  });
});

describe('splitEntries', () => {
  it('checked Applications are mine; of a partial one only the images this run changed or found up to date', () => {
    const entries = [entry('web', 'web', '1.1.0'), entry('api', 'api', '2.1.0'), entry('shop', 'web', '1.1.0'), entry('shop', 'api', '2.1.0'), entry('shop', 'db', '3.1.0')];
    const own = [entry('shop', 'web', '1.2.0')];
    const scope = { applications: ['web', 'shop'], partial: ['shop'], checkedImages: [{ app: 'shop', alias: 'db', image: 'acme/db' }] };
    const split = splitEntries(entries, scope, own);
    expect(split.mine.map((e) => `${e.app}/${e.alias}`)).toEqual(['web/web', 'shop/web', 'shop/db']);
    expect(split.stale.map((e) => `${e.app}/${e.alias}`)).toEqual(['web/web', 'shop/db']);
    expect(split.others.map((e) => `${e.app}/${e.alias}`)).toEqual(['api/api', 'shop/api']);
    expect(checkedBy(scope, [], entry('shop', 'api', '2.1.0'))).toBe(false);
  });
});

describe('pickHunkSide', () => {
  const who = { own: [entry('web', 'web', '1.2.0')], mine: [entry('web', 'web', '1.1.0'), entry('db', 'db', '1.1.0')], others: [entry('api', 'api', '2.1.0'), entry('ui', 'ui', '1.1.0')] };
  const hunk = (kind: 'theirs-only' | 'conflict', ours: string, theirs: string) => ({ kind, line: 7, base: ['  newTag: 1.0.0\n'], ours: [ours], theirs: [theirs] });
  it.each([
    ['theirs-only, an other\'s tag: kept', hunk('theirs-only', '  newTag: 1.0.0\n', '  newTag: 2.1.0\n'), 'theirs', undefined],
    ['theirs-only, nobody\'s tag: kept', hunk('theirs-only', '  newTag: 1.0.0\n', '# a comment\n'), 'theirs', undefined],
    ['conflict, this run\'s change: ours', hunk('conflict', '  newTag: 1.2.0\n', '  newTag: 1.0.7\n'), 'ours', undefined],
    ['conflict, this run\'s change on a line that held an other\'s too: ours, warned', hunk('conflict', 'images: web:1.2.0,api:2.0.0\n', 'images: web:1.1.0,api:2.1.0\n'), 'ours', /^k\.yaml:7: this run's change and .*pull\/1's entry for api acme\/api 2\.1\.0, ui acme\/ui 1\.1\.0 are on the same line; this run's line is kept/],
    ['conflict, an other\'s line: theirs, warned at file:line', hunk('conflict', '  newTag: 2.0.5\n', '  newTag: 2.1.0\n'), 'theirs', /^k\.yaml:7: main and .*pull\/1 changed this line differently \(`newTag: 2\.0\.5` on main, `newTag: 2\.1\.0` in the pull request \(api acme\/api 2\.1\.0\)\)/],
  ])('%s', (_name, h, side, warning) => {
    const decision = pickHunkSide(h, who, at);
    expect(decision.side).toBe(side);
    if (warning) expect(decision.warning).toMatch(warning);
    else expect(decision.warning).toBeUndefined();
  });

  it('a stale checked entry is dropped; one that shares its tag with an other\'s is kept with a warning', () => {
    const stale = pickHunkSide({ kind: 'theirs-only', line: 3, base: ['a: 1.0.0\n'], ours: ['a: 1.0.0\n'], theirs: ['a: 1.1.0\n'] }, { ...who, others: [entry('api', 'api', '2.1.0')] }, at);
    expect(stale).toEqual({ side: 'ours' });
    const shared = pickHunkSide({ kind: 'theirs-only', line: 3, base: ['a: 1.0.0\n'], ours: ['a: 1.0.0\n'], theirs: ['a: 1.1.0\n'] }, who, at);
    expect(shared.side).toBe('theirs');
    expect(shared.warning).toMatch(/^k\.yaml:3: .* changed this line for ui acme\/ui 1\.1\.0 and for an image this run checked/);
  });
});

describe('owner rules on pull requests (one place: declines, foreign commits, legacy branches)', () => {
  const record = (extra: object = {}) => `Updates for **web**.\n<!-- image-promoter:record=${Buffer.from(JSON.stringify({ key: 'web', changes: [entry('web', 'web', '1.1.0')], ...extra })).toString('base64url')} -->`;
  it.each([
    ['merged', { merged_at: '2026-01-01T00:00:00Z', body: record() }, undefined],
    ['closed by us', { merged_at: null, body: record({ closedBy: 'promoter' }) }, undefined],
    ['closed by a person', { merged_at: null, body: record() }, { number: 4, url: 'u4', record: expect.objectContaining({ key: 'web' }) }],
    ['closed by a person, opened before records', { merged_at: null, body: 'old body <!-- image-promoter:fingerprint=abc -->' }, expect.objectContaining({ number: 4, url: 'u4' })],
  ])('declineOf: %s', (_name, pull, expected) => {
    expect(declineOf({ number: 4, html_url: 'u4', ...pull })).toEqual(expected);
  });

  it('pushedByOthers: only a recorded head that differs from the branch head', () => {
    const body = `x\n${headMarker('a'.repeat(40), 'b'.repeat(40))}`;
    expect(pushedByOthers({ body, headSha: 'a'.repeat(40) })).toBe(false);
    expect(pushedByOthers({ body, headSha: 'c'.repeat(40) })).toBe(true);
    expect(pushedByOthers({ body: 'no marker', headSha: 'c'.repeat(40) })).toBe(false);
  });

  it('claimsGroup: the body names the group and its record (if any) agrees', () => {
    expect(claimsGroup(record(), 'web')).toBe(true);
    expect(claimsGroup(record(), 'api')).toBe(false);
    expect(claimsGroup('Updates for **web**.', 'web')).toBe(true);
    expect(claimsGroup('Updates for **web-prod**.', 'web')).toBe(false);
  });
});

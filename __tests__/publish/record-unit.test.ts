import { describe, expect, it } from 'vitest';
import { PublishError } from '../../src/errors.js';
import { recordFailedApplications, recordPublishResult } from '../../src/publish/record.js';
import type { ImageChange, PublishResult } from '../../src/publish/types.js';
import { emptyReport, type RunReport, type UpdateEntry } from '../../src/report/result.js';

const update = (application: string, mode: UpdateEntry['mode'], alias = 'web'): UpdateEntry => ({
  application, alias, image: 'ghcr.io/acme/web', from: '1.0.0', to: '1.1.0', digest: null, strategy: 'semver', file: 'apps/a.yaml', mode,
});
const reportWith = (...updates: UpdateEntry[]): RunReport => ({ ...emptyReport(false), updates });
const result = (over: Partial<PublishResult> = {}): PublishResult => ({ pullRequests: [], notes: [], failures: [], ...over });
const change = (application: string, alias: string, label?: string): ImageChange => ({
  application, alias, image: 'ghcr.io/acme/web', from: '1.0.0', to: '1.1.0', strategy: 'semver', file: 'apps/a.yaml', ...(label ? { label } : {}),
});
const pr = { number: 7, url: 'https://github.com/acme/gitops/pull/7', branch: 'image-promoter/web' };

describe('recordPublishResult: pull requests', () => {
  it('reports a pull request with only the fields it has', () => {
    const report = reportWith();
    recordPublishResult(result({ pullRequests: [{ ...pr, operation: 'created', key: 'web' }] }), report);
    expect(report.pullRequests).toStrictEqual([{ ...pr, operation: 'created' }]);
  });

  it('reports behind, reason, applications and the auto-merge state of a pull request', () => {
    const report = reportWith();
    const full = { behind: true, reason: 'why', applications: ['a'], autoMerge: 'not-enabled' as const, autoMergeReason: 'draft' };
    recordPublishResult(result({ pullRequests: [{ ...pr, operation: 'unchanged', ...full }] }), report);
    expect(report.pullRequests).toStrictEqual([{ ...pr, operation: 'unchanged', ...full }]);
  });

  it('links the pull-request and auto-merge updates of the Applications it carries, not commit updates nor others', () => {
    const report = reportWith(update('a', 'pull-request'), update('b', 'auto-merge'), update('c', 'commit'), update('d', 'pull-request'));
    recordPublishResult(result({ pullRequests: [{ ...pr, operation: 'created', applications: ['a', 'b', 'c'] }] }), report);
    expect(report.updates.map((u) => [u.application, u.pullRequest, u.pending])).toEqual([
      ['a', 7, undefined], ['b', 7, undefined], ['c', undefined, undefined], ['d', undefined, undefined],
    ]);
  });

  it('marks the updates of an unchanged pull request pending (already proposed: not news)', () => {
    const report = reportWith(update('a', 'pull-request'));
    recordPublishResult(result({ pullRequests: [{ ...pr, operation: 'unchanged', applications: ['a'] }] }), report);
    expect(report.updates[0]).toMatchObject({ pullRequest: 7, pending: true });
  });

  it('links no update to a pull request that carries no Applications', () => {
    const report = reportWith(update('a', 'pull-request'));
    recordPublishResult(result({ pullRequests: [{ ...pr, operation: 'closed' }] }), report);
    expect(report.updates[0]!.pullRequest).toBeUndefined();
  });
});

describe('recordPublishResult: commit, notes, failures', () => {
  it('records the commit SHA, and keeps the previous one when the publisher made no commit', () => {
    const report = reportWith();
    recordPublishResult(result({ commitSha: 'abc' }), report);
    expect(report.commitSha).toBe('abc');
    recordPublishResult(result(), report);
    expect(report.commitSha).toBe('abc');
  });

  it('turns notes into warnings', () => {
    const report = reportWith();
    recordPublishResult(result({ notes: ['labels not added', 'draft'] }), report);
    expect(report.warnings).toEqual([{ message: 'labels not added' }, { message: 'draft' }]);
  });

  it('reports each Application of a failed group as not published, with the error and its fix, and drops its updates', () => {
    const report = reportWith(update('a', 'commit'), update('b', 'commit'), update('c', 'commit'));
    const error = new PublishError('push refused', { fix: 'Give the token contents: write.' });
    recordPublishResult(result({ failures: [{ key: 'commit:main', applications: ['a', 'b', 'a'], error }] }), report);
    expect(report.errors).toStrictEqual([
      { application: 'a', message: 'not published: push refused Give the token contents: write.', stage: 'publish' },
      { application: 'b', message: 'not published: push refused Give the token contents: write.', stage: 'publish' },
    ]);
    expect(report.updates.map((u) => u.application)).toEqual(['c']);
  });
});

describe('recordPublishResult: withheld changes', () => {
  it('moves exactly the withheld images from updates to skipped, keyed by label and alias, and warns once', () => {
    const report = reportWith(update('ns/a', 'pull-request', 'web'), update('ns/a', 'pull-request', 'api'), update('b', 'pull-request', 'web'));
    const held = { reason: 'a person declined it', changes: [change('a', 'web', 'ns/a'), change('b', 'web')] };
    recordPublishResult(result({ withheld: [held] }), report);
    expect(report.updates.map((u) => [u.application, u.alias])).toEqual([['ns/a', 'api']]);
    expect(report.skipped).toStrictEqual([
      { application: 'ns/a', alias: 'web', reason: 'a person declined it' },
      { application: 'b', alias: 'web', reason: 'a person declined it' },
    ]);
    expect(report.warnings).toEqual([{ message: 'a person declined it' }]);
  });

  it('does not confuse application and alias boundaries in the key', () => {
    const report = reportWith(update('ab', 'pull-request', 'c'));
    recordPublishResult(result({ withheld: [{ reason: 'r', changes: [change('a', 'bc')] }] }), report);
    expect(report.updates.map((u) => u.application)).toEqual(['ab']);
  });
});

describe('recordFailedApplications', () => {
  it('is what the pipeline calls for a group it could not even plan', () => {
    const report = reportWith(update('a', 'auto-merge'), update('b', 'auto-merge'));
    recordFailedApplications(report, ['b'], 'boom');
    expect(report.errors).toStrictEqual([{ application: 'b', message: 'not published: boom', stage: 'publish' }]);
    expect(report.updates.map((u) => u.application)).toEqual(['a']);
  });
});

import { describe, expect, it } from 'vitest';
import { asHttpFailure, fixFor, isAlreadyExists, isNotFastForward, rateLimitReset, rulesetRule, toPublishError } from '../../src/publish/github-errors.js';

const RESET = String(Date.UTC(2026, 0, 1, 1) / 1000);

describe('asHttpFailure', () => {
  it('is undefined for null and for errors without a numeric status', () => {
    expect([asHttpFailure(null), asHttpFailure(new Error('x')), asHttpFailure({ status: '500' })]).toEqual([undefined, undefined, undefined]);
  });

  it('reads a missing message as empty, and the reset time when GitHub sent one', () => {
    expect(asHttpFailure({ status: 500 })).toStrictEqual({ status: 500, message: '' });
    expect(asHttpFailure({ status: 403, message: 'm', response: { headers: { 'x-ratelimit-reset': RESET } } })).toStrictEqual({ status: 403, message: 'm', resetAt: '2026-01-01T01:00:00.000Z' });
  });
});

describe('isNotFastForward / isAlreadyExists', () => {
  it('are false for errors that are not HTTP failures', () => {
    expect([isNotFastForward(new Error('Update is not a fast forward')), isAlreadyExists(new Error('Reference already exists'))]).toEqual([false, false]);
  });

  it('take "fastforward" written as one word', () => {
    expect(isNotFastForward({ status: 422, message: 'Update is not a fastforward' })).toBe(true);
  });

  it('need a 422 for "already exists"', () => {
    expect(isAlreadyExists({ status: 404, message: 'Reference already exists' })).toBe(false);
  });
});

describe('rulesetRule', () => {
  it('lists the rules, trimmed and joined, without the links', () => {
    const message = 'Repository rule violations found\n\n- Changes must be made through a pull request.  \nhttps://docs.github.com/rules\nhttp://ghe.example/rules\nRequired status check "ci" is expected (see https://x).\n';
    expect(rulesetRule(message)).toBe('Changes must be made through a pull request.; Required status check "ci" is expected (see https://x).');
  });

  it('names the ruleset in general when GitHub listed no rule', () => {
    expect(rulesetRule('Repository rule violations found\n\n')).toBe('a ruleset of the repository');
  });
});

describe('rateLimitReset', () => {
  it('ignores a retry-after of zero, negative or infinite and falls back to x-ratelimit-reset', () => {
    for (const after of ['0', '-5', 'Infinity']) expect(rateLimitReset({ 'retry-after': after, 'x-ratelimit-reset': RESET }, 0)).toBe('2026-01-01T01:00:00.000Z');
  });

  it('ignores an x-ratelimit-reset of zero or infinity', () => {
    expect([rateLimitReset({ 'x-ratelimit-reset': '0' }), rateLimitReset({ 'x-ratelimit-reset': 'Infinity' })]).toEqual([undefined, undefined]);
  });
});

describe('fixFor', () => {
  it('names the branch in general when the ruleset or protection failure has none', () => {
    expect(fixFor({ status: 422, message: 'Repository rule violations found\n\nCannot force-push to this branch\n' }, 'acme/gitops')).toBe(
      'A ruleset on the branch refused the push (rule: Cannot force-push to this branch): use `mode: pull-request` or `auto-merge` for these Applications, or add the token\'s actor (e.g. the GitHub App) to the ruleset\'s bypass list.',
    );
    // Bug fix (issue 13): this said "Branch  is protected" (no name, two spaces).
    expect(fixFor({ status: 422, message: 'Protected branch update failed' }, 'acme/gitops')).toBe(
      'The branch is protected against direct pushes: use `mode: pull-request` or `auto-merge` for these Applications, or allow the token\'s actor to bypass the protection.',
    );
  });

  it('says when a rate limit resets only when known; 429 is a rate limit too, a 500 mentioning one is not', () => {
    const primary = 'GitHub\'s primary rate limit was still exhausted after waiting and retrying. Run again later, or spread runs out (`concurrency:`, fewer parallel jobs).';
    expect(fixFor({ status: 403, message: 'API rate limit exceeded' }, 'acme/gitops')).toBe(primary);
    expect(fixFor({ status: 429, message: 'API rate limit exceeded' }, 'acme/gitops')).toBe(primary);
    expect(fixFor({ status: 500, message: 'rate limit backend down' }, 'acme/gitops')).toBe('See the GitHub message above; the run can be retried.');
  });
});

describe('toPublishError', () => {
  it('keeps the original error as the cause', () => {
    const cause = new Error('socket hang up');
    expect(toPublishError(cause, 'creating a commit', 'acme/gitops').cause).toBe(cause);
  });

  it('puts GitHub\'s multi-line message on one line', () => {
    expect(toPublishError({ status: 422, message: 'Validation Failed\nhead  \n\n  invalid ' }, 'opening a pull request', 'acme/gitops').message).toBe(
      'opening a pull request in acme/gitops failed (HTTP 422: Validation Failed head invalid).',
    );
    expect(toPublishError({ status: 422, message: 'a\nb' }, 'x', 'acme/gitops').message).toBe('x in acme/gitops failed (HTTP 422: a b).');
  });
});

/**
 * The allow-tags fast path must agree with RE2 (re2js) wherever it accepts a pattern, and hand every
 * other pattern back to RE2.
 */
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compileSimpleRegexp } from '../../src/strategy/simple-regexp.js';

const TAGS = [
  '', '1', '1.2.3', 'v1.2.3', 'V1', 'rel-abc', 'xrel-1', 'rel-', 'latest', '0abc', 'abc0', 'a.b', 'a-b', 'a_b',
  '1.2.3-amd64', 'amd64', 'a$', 'a\\', 'é1', '1é', '😀1', '1😀', 'a/b', 'a:b', 'f33bacd', '[a]', '^a', 'A-z', '`', 'c', '-1',
];

describe('compileSimpleRegexp', () => {
  const simple = [
    '', '^', '$', '^$', '^[0-9]', '^rel-', 'rel-', '-amd64$', '^v1\\.', '^1\\.2\\.3$', '[0-9]$', '^\\d', '\\d\\d',
    '^[a-f0-9]', '^[A-z]', '^[.]', '[_.]', 'a\\$', '^[\\-x]', '^a:b', '\\^a', '\\[a\\]', '\\`', 'b',
    '^[acb]', '^[a-a]',
  ];
  it.each(simple)('agrees with RE2 on %j', (pattern) => {
    const fast = compileSimpleRegexp(pattern);
    expect(fast).toBeDefined();
    const re = RE2JS.compile(pattern);
    for (const tag of TAGS) expect([tag, fast!.test(tag)]).toEqual([tag, re.test(tag)]);
  });

  const notSimple = [
    '^v?1', 'a+', 'a*', 'a{2}', '(a)', 'a|b', '.', '^[^a]', '^[]a]', '[a-]', '[-a]', '[z-a]', '[', '(?i)a', '\\w', '\\s',
    'é', '^^a', 'a$b', 'a\\\\$', ' a', '[[:alpha:]]', '[]', '\\',
    '[.-z]', '[A-]x]', '[z-a', '[z-ab]', '[+]]', '[\\w]',
  ];
  it.each(notSimple)('leaves %j to RE2', (pattern) => {
    expect(compileSimpleRegexp(pattern)).toBeUndefined();
  });
});

/**
 * allow-tags (argocd-image-updater ParseMatch) and the combined filter (GetTags): allow AND not ignored
 * AND (digest only) equal to the tracked tag.
 */
import { describe, expect, it } from 'vitest';
import { allowTagsMatcher, tagFilterFromSpec } from '../../src/strategy/filter.js';

describe('allowTagsMatcher', () => {
  const cases: { allow: string | undefined; tag: string; match: boolean; warns: boolean; why: string }[] = [
    { allow: undefined, tag: 'x', match: true, warns: false, why: 'unset = any' },
    { allow: '', tag: 'x', match: true, warns: false, why: 'empty = unset' },
    { allow: 'any', tag: 'x', match: true, warns: false, why: 'any' },
    { allow: 'ANY', tag: 'x', match: true, warns: false, why: 'any is case-insensitive' },
    { allow: 'regexp:v1', tag: 'xv1y', match: true, warns: false, why: 'unanchored search' },
    { allow: 'RegExp:^v1$', tag: 'v1', match: true, warns: false, why: 'prefix is case-insensitive' },
    { allow: 'regexp:^v1$', tag: 'v10', match: false, warns: false, why: 'anchors are honoured' },
    { allow: 'regexp:^[0-9a-f]{7}$', tag: 'f33bacd', match: true, warns: false, why: 'commit SHA tags' },
    { allow: 'regexp:^[0-9a-f]{7}$', tag: 'latest', match: false, warns: false, why: 'commit SHA tags' },
    { allow: 'regexp:(?i)^LATEST$', tag: 'latest', match: true, warns: false, why: 'RE2 inline flags' },
    { allow: 'regexp:a:b', tag: 'a:b', match: true, warns: false, why: 'split at the first colon only' },
    { allow: 'regexp:', tag: 'anything', match: true, warns: false, why: 'empty regexp matches everything' },
    { allow: '^1', tag: '1.0', match: false, warns: true, why: 'no regexp: prefix = match none' },
    { allow: 'not-regexp:a-z', tag: 'abc', match: false, warns: true, why: 'unknown function = match none' },
    { allow: 'regexp:[aA-zZ', tag: 'abc', match: false, warns: true, why: 'does not compile = match none' },
    { allow: 'regexp:^v(?=1)', tag: 'v1', match: false, warns: true, why: 'look-ahead is not RE2' },
    { allow: 'regexp:(?<!x)y', tag: 'y', match: false, warns: true, why: 'look-behind is not RE2' },
    { allow: 'regexp:(a)\\1', tag: 'aa', match: false, warns: true, why: 'back-references are not RE2' },
    { allow: ' any', tag: 'x', match: false, warns: true, why: 'not trimmed, as in the updater' },
  ];
  it.each(cases)('$allow on $tag ($why)', ({ allow, tag, match, warns }) => {
    const matcher = allowTagsMatcher(allow);
    expect(matcher.test(tag)).toBe(match);
    expect(matcher.warning !== undefined).toBe(warns);
  });

  it('explains how to fix a value without a prefix', () => {
    expect(allowTagsMatcher('^1').warning).toContain('regexp:^1');
  });

  it('names an unknown function, even an empty one before a leading colon', () => {
    expect(allowTagsMatcher('not-regexp:a-z').warning).toBe('allow-tags "not-regexp:a-z" uses the unknown function "not-regexp", so no tag matches it; write "regexp:<pattern>" or "any".');
    expect(allowTagsMatcher(':a-z').warning).toBe('allow-tags ":a-z" uses the unknown function "", so no tag matches it; write "regexp:<pattern>" or "any".');
  });

  it('runs a hostile pattern in linear time (RE2), so a long tag cannot hang it', () => {
    const matcher = allowTagsMatcher('regexp:^(a+)+$');
    expect(matcher.test(`${'a'.repeat(5000)}!`)).toBe(false);
  });
});

describe('tagFilterFromSpec', () => {
  const tags = ['1.2.0', '1.3.0', '1.3.1', '1.4.0-rc.1', '1.4.0-beta', 'latest', 'tag1', 'tag10'];
  const cases: { name: string; spec: Parameters<typeof tagFilterFromSpec>[0]; kept: string[] }[] = [
    { name: 'no filters keep everything', spec: { strategy: 'semver', constraint: '', ignoreTags: [] }, kept: tags },
    {
      name: 'allow and ignore combine',
      spec: { strategy: 'semver', constraint: '', allowTags: 'regexp:^v?[0-9]+\\.[0-9]+\\.[0-9]+', ignoreTags: ['*-rc*', '1.3.*'] },
      kept: ['1.2.0', '1.4.0-beta'],
    },
    { name: 'ignore * pauses updates', spec: { strategy: 'semver', constraint: '', ignoreTags: ['*'] }, kept: [] },
    { name: '? is one character', spec: { strategy: 'alphabetical', constraint: '', ignoreTags: ['tag?'] }, kept: tags.filter((t) => t !== 'tag1') },
    { name: 'a malformed glob ignores nothing', spec: { strategy: 'alphabetical', constraint: '', ignoreTags: ['['] }, kept: tags },
    { name: 'digest keeps only the tracked tag', spec: { strategy: 'digest', constraint: 'latest', ignoreTags: [] }, kept: ['latest'] },
    { name: 'digest: the tracked tag must survive ignore-tags', spec: { strategy: 'digest', constraint: 'latest', ignoreTags: ['latest'] }, kept: [] },
    { name: 'digest: and allow-tags', spec: { strategy: 'digest', constraint: 'latest', allowTags: 'regexp:^1', ignoreTags: [] }, kept: [] },
    { name: 'semver does not filter on its constraint here', spec: { strategy: 'semver', constraint: 'latest', ignoreTags: [] }, kept: tags },
  ];
  it.each(cases)('$name', ({ spec, kept }) => {
    const filter = tagFilterFromSpec(spec);
    expect(tags.filter((t) => filter.accepts(t))).toEqual(kept);
  });
});

describe('tagFilterFromSpec warnings', () => {
  it('warns once per malformed ignore glob, naming it', () => {
    const filter = tagFilterFromSpec({ strategy: 'semver', constraint: '', allowTags: 'nope', ignoreTags: ['[', '*-rc*', 'a\\'] });
    expect(filter.warnings).toHaveLength(3);
    expect(filter.warnings[1]).toContain('"["');
    expect(filter.warnings[2]).toContain('"a\\"');
  });
});

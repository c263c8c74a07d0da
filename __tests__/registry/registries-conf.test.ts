import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parseGoDuration, parseRegistriesConf } from '../../src/registry/registries-conf.js';

const fixture = (name: string) => readFileSync(new URL(`../../__fixtures__/registries-conf/${name}`, import.meta.url), 'utf8');

describe('parseRegistriesConf', () => {
  it('reads every key of a full file', () => {
    const conf = parseRegistriesConf(fixture('full.conf'), 'full.conf');
    expect(conf).toEqual({
      endpoints: [
        { host: 'asia.gcr.io', apiUrl: 'https://asia.gcr.io', insecure: false, tagSortMode: 'none', limit: 15, credentials: 'env:GCR_CREDS', credsExpireMs: 5_400_000 },
        { host: 'europe-docker.pkg.dev', apiUrl: 'https://europe-docker.pkg.dev', insecure: false, tagSortMode: 'latest-first' },
        { host: 'docker.io', apiUrl: 'https://registry-1.docker.io', insecure: false, tagSortMode: 'none', defaultns: 'library' },
        { host: '127.0.0.1:5000', apiUrl: 'http://127.0.0.1:5000', insecure: true, tagSortMode: 'none' },
      ],
      defaultHost: 'docker.io',
      warnings: [],
    });
  });

  const good: { name: string; text: string; want: object }[] = [
    { name: 'empty text', text: '', want: { endpoints: [], warnings: [] } },
    { name: 'empty list', text: 'registries: []\n', want: { endpoints: [], warnings: [] } },
    { name: 'null list', text: 'registries:\n', want: { endpoints: [], warnings: [] } },
    {
      name: 'prefix with a path, several trailing slashes',
      text: 'registries:\n- name: a\n  api_url: http://127.0.0.1:5000//\n  prefix: gcr.io/my-project\n',
      want: { endpoints: [{ host: 'gcr.io/my-project', apiUrl: 'http://127.0.0.1:5000', insecure: false, tagSortMode: 'none' }] },
    },
    {
      name: 'tagsortmode case-insensitive, negative limit is unlimited',
      text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  prefix: gcr.io\n  tagsortmode: LATEST-LAST\n  limit: -1\n',
      want: { endpoints: [{ host: 'gcr.io', apiUrl: 'https://gcr.io', insecure: false, tagSortMode: 'latest-last' }] },
    },
    {
      name: 'ca_file is accepted with a warning',
      text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  prefix: gcr.io\n  ca_file: /etc/ca.pem\n',
      want: { warnings: ['registries.conf line 5: `ca_file` is not applied by this action; give the CA through NODE_EXTRA_CA_CERTS instead.'] },
    },
    {
      name: 'warm-cache extensions: immutabletags and tagttl',
      text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  prefix: gcr.io\n  immutabletags: true\n  tagttl: 6h\n',
      want: { endpoints: [{ host: 'gcr.io', apiUrl: 'https://gcr.io', insecure: false, tagSortMode: 'none', immutableTags: true, tagTtlMs: 21_600_000 }] },
    },
  ];
  it.each(good)('$name', ({ text, want }) => {
    expect(parseRegistriesConf(text, 'inline')).toMatchObject(want);
  });

  const bad: { name: string; text: string; line: number; message: RegExp }[] = [
    { name: 'unknown key (fixture)', text: fixture('unknown-key.conf'), line: 6, message: /unknown key `token_url`/ },
    { name: 'two defaults (fixture)', text: fixture('two-defaults.conf'), line: 10, message: /two registries.conf entries say `default: true` \(the other is on line 3\)/ },
    { name: 'missing api_url (fixture)', text: fixture('missing-api-url.conf'), line: 3, message: /no `api_url`; it is required/ },
    { name: 'bad tagsortmode (fixture)', text: fixture('bad-tagsortmode.conf'), line: 6, message: /`tagsortmode: newest-first` is not one of none, latest-first, latest-last/ },
    { name: 'bad credsexpire (fixture)', text: fixture('bad-credsexpire.conf'), line: 6, message: /not a Go duration/ },
    { name: 'immutabletags is not a boolean', text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  immutabletags: yes please\n', line: 4, message: /`immutabletags` must be true or false/ },
    { name: 'tagttl is not a duration', text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  tagttl: a day\n', line: 4, message: /`tagttl: a day` is not a Go duration/ },
    { name: 'missing name', text: 'registries:\n- api_url: https://gcr.io\n', line: 2, message: /no `name`/ },
    { name: 'unknown top-level key', text: 'registries: []\nmirrors: []\n', line: 2, message: /unknown key `mirrors`/ },
    { name: 'registries is a map', text: 'registries:\n  name: a\n', line: 2, message: /must be a list/ },
    { name: 'api_url is not a URL', text: 'registries:\n- name: a\n  api_url: gcr.io\n', line: 3, message: /not a URL/ },
    { name: 'api_url with another scheme', text: 'registries:\n- name: a\n  api_url: ftp://gcr.io\n', line: 3, message: /must start with https:\/\/ or http:\/\// },
    { name: 'insecure is not a boolean', text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  insecure: maybe\n', line: 4, message: /`insecure` must be true or false/ },
    { name: 'limit is a string', text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  limit: fast\n', line: 4, message: /`limit` must be a whole number/ },
    { name: 'duplicate prefix', text: 'registries:\n- name: a\n  api_url: https://gcr.io\n  prefix: gcr.io\n- name: b\n  api_url: https://x.io\n  prefix: gcr.io\n', line: 5, message: /two registries.conf entries have the prefix `gcr.io`/ },
    { name: 'a list as a value', text: 'registries:\n- name: a\n  api_url: [https://gcr.io]\n', line: 3, message: /must be a single value/ },
    { name: 'invalid YAML', text: 'registries:\n- name: a\n   api_url: x\n  : y\n', line: 2, message: /not valid YAML/ },
    { name: 'duplicate key', text: 'registries:\n- name: a\n  name: b\n  api_url: https://gcr.io\n', line: 3, message: /not valid YAML/ },
  ];
  it.each(bad)('rejects: $name', ({ text, line, message }) => {
    let caught: unknown;
    try {
      parseRegistriesConf(text, 'registries.conf');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect(caught).toMatchObject({ file: 'registries.conf', line, message: expect.stringMatching(message) });
  });
});

describe('parseGoDuration', () => {
  const cases: { text: string; want: number | undefined }[] = [
    { text: '5h', want: 18_000_000 },
    { text: '30m', want: 1_800_000 },
    { text: '1h30m', want: 5_400_000 },
    { text: '1.5h', want: 5_400_000 },
    { text: '300ms', want: 300 },
    { text: '2m0.5s', want: 120_500 },
    { text: '0', want: 0 },
    { text: '5', want: undefined },
    { text: '5 hours', want: undefined },
    { text: '-5m', want: undefined },
    { text: '', want: undefined },
    { text: '1d', want: undefined },
  ];
  it.each(cases)('$text -> $want', ({ text, want }) => {
    expect(parseGoDuration(text)).toBe(want);
  });
});

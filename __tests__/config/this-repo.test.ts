import { describe, expect, it } from 'vitest';
import { parseRepoUrl, thisRepoMatcher } from '../../src/config/this-repo.js';

describe('thisRepoMatcher', () => {
  const isThisRepo = thisRepoMatcher('acme', 'gitops');
  it.each([
    ['https://github.com/acme/gitops.git', true],
    ['https://github.com/acme/gitops', true],
    ['https://github.com/Acme/GitOps/', true],
    ['git@github.com:acme/gitops.git', true],
    ['ssh://git@github.com/acme/gitops.git', true],
    ['https://token@github.com/acme/gitops.git', true],
    ['https://github.com/acme/gitops-prod.git', false], // another repo with the same prefix
    ['https://github.com/other/gitops.git', false],
    ['https://gitlab.com/acme/gitops.git', false], // same path on another host
    ['https://charts.example.com', false], // a Helm repository
  ])('%s -> %s', (url, expected) => {
    expect(isThisRepo(url)).toBe(expected);
  });

  it('uses the server of GitHub Enterprise', () => {
    const ghes = thisRepoMatcher('acme', 'gitops', 'https://github.acme.internal');
    expect(ghes('https://github.acme.internal/acme/gitops.git')).toBe(true);
    expect(ghes('https://github.com/acme/gitops.git')).toBe(false);
  });
});

describe('parseRepoUrl: a checkout origin remote as host and owner/repo (issue 10)', () => {
  it.each([
    ['https://github.com/acme/gitops.git', { host: 'github.com', owner: 'acme', repo: 'gitops' }],
    ['https://github.com/acme/gitops', { host: 'github.com', owner: 'acme', repo: 'gitops' }],
    ['https://x-access-token:secret@github.com/acme/gitops.git', { host: 'github.com', owner: 'acme', repo: 'gitops' }],
    ['git@github.com:acme/gitops.git', { host: 'github.com', owner: 'acme', repo: 'gitops' }],
    ['ssh://git@github.acme.internal:2222/acme/gitops.git', { host: 'github.acme.internal', owner: 'acme', repo: 'gitops' }],
    ['https://gitlab.com/group/sub/gitops.git', { host: 'gitlab.com', owner: 'group/sub', repo: 'gitops' }],
    ['/srv/git/gitops.git', undefined], // a local path names no host
    ['file:///srv/git/gitops.git', undefined],
    ['https://github.com/acme', undefined], // no repo
  ])('%s', (url, expected) => {
    expect(parseRepoUrl(url)).toEqual(expected);
  });

  it('an ssh port is not part of the repository: ssh://host:2222 matches https://host', () => {
    const origin = parseRepoUrl('ssh://git@github.acme.internal:2222/acme/gitops.git')!;
    const isThisRepo = thisRepoMatcher(origin.owner, origin.repo, `https://${origin.host}`);
    expect(isThisRepo('https://github.acme.internal/acme/gitops')).toBe(true);
    expect(isThisRepo('ssh://git@github.acme.internal:2222/acme/gitops.git')).toBe(true);
  });
});

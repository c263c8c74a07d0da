import { describe, expect, it } from 'vitest';
import { thisRepoMatcher } from '../../src/config/this-repo.js';

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

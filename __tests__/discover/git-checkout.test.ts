/** locateCheckout against real git repositories in temp dirs (issue 10: subfolder runs, origin remotes). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locateCheckout } from '../../src/discover/git-checkout.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'aip-checkout-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

describe('locateCheckout', () => {
  it('a subfolder of a checkout reads the enclosing git root and says so in one line', async () => {
    git(dir, 'init', '-q');
    mkdirSync(join(dir, 'argocd-apps/prod'), { recursive: true });
    const checkout = await locateCheckout(join(dir, 'argocd-apps/prod'));
    expect(checkout.root).toBe(dir);
    expect(checkout.notes[0]).toBe(`reading ${dir}, the git root of ${join(dir, 'argocd-apps/prod')}`);
  });

  it('the origin remote names the repository: other repoURLs are not this repository', async () => {
    git(dir, 'init', '-q');
    git(dir, 'remote', 'add', 'origin', 'git@github.com:acme/gitops.git');
    const checkout = await locateCheckout(dir);
    expect(checkout).toMatchObject({ root: dir, origin: { host: 'github.com', owner: 'acme', repo: 'gitops' }, notes: [] });
    expect(checkout.isThisRepo!('https://github.com/acme/gitops')).toBe(true);
    expect(checkout.isThisRepo!('https://github.com/acme/charts')).toBe(false);
  });

  it('no origin: every source is this repository (no matcher), said once', async () => {
    git(dir, 'init', '-q');
    const checkout = await locateCheckout(dir);
    expect(checkout.isThisRepo).toBeUndefined();
    expect(checkout.notes).toEqual([`${dir} has no remote "origin": every Application's sources are taken to be in this repository (set git-repository on the others, or add the origin remote).`]);
  });

  it('an origin that is a local path cannot name a repository: said, never printed with what it holds', async () => {
    git(dir, 'init', '-q');
    git(dir, 'remote', 'add', 'origin', '/srv/git/gitops.git');
    const checkout = await locateCheckout(dir);
    expect(checkout.isThisRepo).toBeUndefined();
    expect(checkout.notes).toEqual([expect.stringContaining('has a remote "origin" that is not a host/owner/repo URL')]);
  });

  it('not a git checkout: the path is the root, nothing said', async () => {
    mkdirSync(join(dir, 'apps'));
    expect(await locateCheckout(join(dir, 'apps'))).toEqual({ root: join(dir, 'apps'), notes: [] });
  });
});

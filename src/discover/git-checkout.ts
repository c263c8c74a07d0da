/**
 * git-checkout (IO): what a local `path` is in git terms. A subfolder of a checkout is read from the enclosing
 * git root (an Application's paths are relative to the repository root, not to where the run started), and the
 * checkout's `origin` remote says which repository it is, so Applications whose sources live elsewhere are
 * skipped as they are when the repository is read through the API. Only local git commands: no network.
 */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { parseRepoUrl, thisRepoMatcher, type RepoLocation } from '../config/this-repo.js';

/** Checkout is where a run reads: the directory, and the repository it is a checkout of when known. */
export interface Checkout {
  /** The directory read: the git root enclosing `path`, or `path` itself when it is not in a git checkout. */
  root: string;
  /** The repository its `origin` remote names; undefined when there is none (or no git checkout). */
  origin?: RepoLocation;
  /** Says whether a source repoURL is this checkout's repository; undefined when the origin is unknown. */
  isThisRepo?: (repoURL: string) => boolean;
  /** One-line remarks for the log: the root that was chosen, an origin that could not be used. */
  notes: string[];
}

/** locateCheckout finds the git root enclosing `path` (absolute) and its origin; not a checkout → `path` as is. */
export async function locateCheckout(path: string): Promise<Checkout> {
  const top = await gitOutput(path, ['rev-parse', '--show-toplevel']);
  if (top === undefined) return { root: path, notes: [] };
  const root = await realpath(top);
  const notes = root === (await realpath(path)) ? [] : [`reading ${root}, the git root of ${path}`];
  const url = await gitOutput(root, ['remote', 'get-url', 'origin']);
  const origin = url === undefined ? undefined : parseRepoUrl(url);
  if (origin === undefined) {
    const why = url === undefined ? 'has no remote "origin"' : 'has a remote "origin" that is not a host/owner/repo URL';
    notes.push(`${root} ${why}: every Application's sources are taken to be in this repository (set git-repository on the others, or add the origin remote).`);
    return { root, notes };
  }
  return { root, origin, isThisRepo: thisRepoMatcher(origin.owner, origin.repo, `https://${origin.host}`), notes };
}

/** gitOutput runs a git command in `cwd` and returns its trimmed stdout, or undefined when git fails. */
function gitOutput(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}

/**
 * git-history: a file's history on a checkout (issue 12): `git log --first-parent` for the commits that changed it on
 * the checked-out branch (committer dates; a merge is where a merged value reached the branch) and one `git cat-file --batch` for its text at each. "Now" is this machine's clock, which also dated
 * local commits.
 */
import { execFile } from 'node:child_process';
import type { FileHistory, FileVersion, PromotionAccess } from './types.js';

/** GIT_HISTORY_DEPTH is how many commits of a file are read at most. */
export const GIT_HISTORY_DEPTH = 100;
const SEPARATOR = '\x1f';

/** GitHistoryParams say where the checkout is and which clock is "now". */
export interface GitHistoryParams {
  /** The directory the plan read (`--path`); paths are relative to it. */
  root: string;
  clock?: () => Date;
}

/** gitHistory is a PromotionAccess over the git repository holding `root`, or undefined when it is not in one. */
export async function gitHistory(params: GitHistoryParams): Promise<PromotionAccess | undefined> {
  let prefix: string;
  try {
    prefix = (await git(params.root, ['rev-parse', '--show-prefix'])).stdout.toString('utf8').trim();
  } catch {
    return undefined;
  }
  return { history: (path) => readHistory(params, prefix, path) };
}

/** readHistory: one `git log` for the commits and dates, one `git cat-file --batch` for every version's text. */
async function readHistory(params: GitHistoryParams, prefix: string, path: string): Promise<FileHistory> {
  const format = ['%H', '%cI'].join(SEPARATOR);
  const log = (await git(params.root, ['log', '--first-parent', `-n${GIT_HISTORY_DEPTH + 1}`, `--format=${format}`, '--', `./${path}`])).stdout.toString('utf8');
  const lines = log.split('\n').filter((line) => line !== '');
  const commits = lines.slice(0, GIT_HISTORY_DEPTH).map((line) => line.split(SEPARATOR));
  const texts = commits.length === 0 ? [] : await catFiles(params.root, commits.map(([sha]) => `${sha}:${prefix}${path}`));
  const versions: FileVersion[] = commits.map(([sha, date], i) => ({ sha, date: new Date(date), text: texts[i] }));
  return { versions, complete: lines.length <= GIT_HISTORY_DEPTH, now: (params.clock ?? (() => new Date()))() };
}

/** catFiles reads objects by `<rev>:<path>` in one process; a path missing at a commit is undefined. */
async function catFiles(cwd: string, names: string[]): Promise<(string | undefined)[]> {
  const out = (await git(cwd, ['cat-file', '--batch'], `${names.join('\n')}\n`)).stdout;
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString('utf8');
    at = end + 1;
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) {
      texts.push(undefined);
      continue;
    }
    texts.push(out.subarray(at, at + Number(size)).toString('utf8'));
    at += Number(size) + 1;
  }
  return texts;
}

function git(cwd: string, args: string[], input?: string): Promise<{ stdout: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' }, (error, stdout) => (error ? reject(error) : resolve({ stdout })));
    if (input !== undefined) child.stdin?.end(input);
  });
}

/**
 * Test harness around the fake GitHub: seed it from a fixture directory, build an Octokit pointed at
 * it (no pacing, no back-off sleeps), and a tiny planner that sets `newTag:` in a kustomization, so
 * publish tests can re-plan on fresh contents like the real pipeline does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createOctokit, type GitHubClient } from '../../src/publish/octokit.js';
import type { ImageChange, PublishGroup, RepoSnapshot } from '../../src/publish/types.js';
import type { RepoFiles } from '../../src/resolve/types.js';
import { FakeGitHub } from './server.js';

/** readFixtureDir returns every file under a directory as repo-relative path -> text. */
export function readFixtureDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** startFakeGitHub starts a fake seeded with files on `main` and an Octokit pointed at it. */
export async function startFakeGitHub(files: Record<string, string>): Promise<{ fake: FakeGitHub; octokit: GitHubClient; newOctokit: () => GitHubClient }> {
  const fake = new FakeGitHub();
  fake.repo.commitFiles('main', files, 'initial');
  await fake.start();
  const newOctokit = () => createOctokit({ token: fake.token, baseUrl: fake.url, retryAfterBaseMs: 0, noPacing: true });
  return { fake, octokit: newOctokit(), newOctokit };
}

/** Want is one Application's wish in a test plan. */
export interface Want {
  key: string;
  app: string;
  mode: PublishGroup['mode'];
  file: string;
  to: string;
  image?: string;
  labels?: string[];
  reviewers?: string[];
  assignees?: string[];
}

/** setNewTag rewrites the first `newTag:` value of a kustomization, keeping the rest of the line. */
export function setNewTag(text: string, tag: string): string {
  return text.replace(/^(\s*newTag:\s*)("?)[^\s"#]+\2/m, `$1$2${tag}$2`);
}

/** currentTag reads the first `newTag:` value. */
export function currentTag(text: string): string | null {
  return /^\s*newTag:\s*"?([^\s"#]+)/m.exec(text)?.[1] ?? null;
}

/** planGroups is the test planner: one group per want, empty when the file already has the tag. */
export function planGroups(files: RepoFiles, wants: Want[]): PublishGroup[] {
  return wants.map((w) => {
    const before = files.read(w.file) ?? '';
    const from = currentTag(before);
    const change: ImageChange = { application: w.app, alias: 'web', image: w.image ?? 'asia.gcr.io/acme/web', from, to: w.to, strategy: 'semver', file: w.file };
    const needed = from !== w.to;
    return {
      key: w.key, mode: w.mode, changes: needed ? [change] : [], files: needed ? [{ path: w.file, before, after: setNewTag(before, w.to) }] : [],
      labels: w.labels ?? [], reviewers: w.reviewers ?? [], teamReviewers: [], assignees: w.assignees ?? [], draft: false,
    };
  });
}

/** replanner returns a Replan for publishGroups that re-runs planGroups on the fresh snapshot. */
export function replanner(wants: Want[]): (s: RepoSnapshot) => PublishGroup[] {
  return (s) => planGroups(s.files, wants);
}

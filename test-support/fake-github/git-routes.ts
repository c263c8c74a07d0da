/**
 * Git Data API handlers of the fake GitHub (refs, trees, commits) and the pull request merge, which
 * needs the same git state. Refs move only fast-forward unless `force` is set, as on GitHub.
 */
import { decodeLossless, encodeLossless } from '../../src/edit/lossless-text.js';
import type { FakeGitHub } from './server.js';
import type { Handler, Reply } from './rest-routes.js';
import type { TreeWrite } from './git-store.js';

/** writeDenied answers a write when the token or repository does not allow it (undefined: allowed). */
export function writeDenied(fake: FakeGitHub): Reply | undefined {
  if (fake.repo.settings.archived) return { status: 403, body: fake.errorBody('Repository was archived so is read-only.') };
  if (fake.repo.settings.contents !== 'write') return { status: 403, body: fake.errorBody('Resource not accessible by integration') };
  return undefined;
}

function refJson(fake: FakeGitHub, ref: string, sha: string): Record<string, unknown> {
  const base = `${fake.url}/repos/${fake.repo.fullName}`;
  return { ref: `refs/${ref}`, node_id: `REF_${ref}`, url: `${base}/git/refs/${ref}`, object: { type: 'commit', sha, url: `${base}/git/commits/${sha}` } };
}

function commitJson(fake: FakeGitHub, sha: string): Record<string, unknown> {
  const c = fake.repo.git.commits.get(sha)!;
  const base = `${fake.url}/repos/${fake.repo.fullName}`;
  return fake.make('git-commit', {
    sha, node_id: `C_${sha}`, url: `${base}/git/commits/${sha}`, html_url: `https://github.example/${fake.repo.fullName}/commit/${sha}`,
    message: c.message, author: c.author, committer: c.committer,
    tree: { sha: c.tree, url: `${base}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({ sha: p, url: `${base}/git/commits/${p}`, html_url: `https://github.example/${fake.repo.fullName}/commit/${p}` })),
    verification: c.verified ? { verified: true, reason: 'valid', signature: null, payload: null, verified_at: null } : { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  });
}

const getRef: Handler = (fake, params) => {
  const sha = fake.repo.refs.get(params['ref']!);
  if (!sha) return { status: 404, body: fake.errorBody('Not Found') };
  return { status: 200, body: refJson(fake, params['ref']!, sha) };
};

const getTree: Handler = (fake, params, query) => {
  const git = fake.repo.git;
  const asked = params['tree_sha']!;
  const treeSha = git.commits.get(asked)?.tree ?? (git.trees.has(asked) ? asked : undefined);
  if (!treeSha) return { status: 404, body: fake.errorBody('Not Found') };
  const listing = git.treeListing(treeSha).filter((e) => query.get('recursive') || !e.path.includes('/'));
  const base = `${fake.url}/repos/${fake.repo.fullName}/git`;
  const tree = listing.map((e) => ({
    path: e.path, mode: e.type === 'tree' ? '040000' : '100644', type: e.type, sha: e.sha,
    url: `${base}/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`, ...(e.size === undefined ? {} : { size: e.size }),
  }));
  return { status: 200, body: { sha: treeSha, url: `${base}/trees/${treeSha}`, tree, truncated: false } };
};

const createTree: Handler = (fake, _p, _q, body) => {
  const denied = writeDenied(fake);
  if (denied) return denied;
  const git = fake.repo.git;
  const baseTree = body['base_tree'] ? git.trees.get(String(body['base_tree'])) : undefined;
  if (body['base_tree'] && !baseTree) return { status: 422, body: fake.errorBody('base_tree is not a valid tree'), assumed: true };
  const sha = git.writeTree(baseTree, body['tree'] as TreeWrite[]);
  return { ...getTree(fake, { tree_sha: sha }, new URLSearchParams('recursive=1'), {}), status: 201 };
};

const getBlob: Handler = (fake, params) => {
  const sha = params['file_sha']!;
  const text = fake.repo.git.blobs.get(sha);
  if (text === undefined) return { status: 404, body: fake.errorBody('Not Found') };
  const bytes = encodeLossless(text);
  const url = `${fake.url}/repos/${fake.repo.fullName}/git/blobs/${sha}`;
  return { status: 200, body: { sha, node_id: `B_${sha}`, size: bytes.length, url, content: bytes.toString('base64'), encoding: 'base64' } };
};

const createBlob: Handler = (fake, _p, _q, body) => {
  const denied = writeDenied(fake);
  if (denied) return denied;
  const encoding = body['encoding'] === undefined ? 'utf-8' : String(body['encoding']);
  if (encoding !== 'utf-8' && encoding !== 'base64') return { status: 422, body: fake.errorBody(`encoding ${encoding} is not supported`), assumed: true };
  const bytes = Buffer.from(String(body['content']), encoding === 'base64' ? 'base64' : 'utf8');
  const sha = fake.repo.git.putBlob(decodeLossless(bytes));
  return { status: 201, body: { url: `${fake.url}/repos/${fake.repo.fullName}/git/blobs/${sha}`, sha } };
};

const createCommit: Handler = (fake, _p, _q, body) => {
  const denied = writeDenied(fake);
  if (denied) return denied;
  const git = fake.repo.git;
  const parents = (body['parents'] ?? []) as string[];
  if (!git.trees.has(String(body['tree'])) || parents.some((p) => !git.commits.has(p))) {
    return { status: 422, body: fake.errorBody('Tree SHA does not exist') };
  }
  const commit = git.putCommit(String(body['tree']), parents, String(body['message']), body['author'] as { name: string; email: string } | undefined);
  // GitHub signs commits of App installation tokens (ghs_, GITHUB_TOKEN included) unless the author or committer is set.
  commit.verified = fake.requestToken.startsWith('ghs_') && body['author'] === undefined && body['committer'] === undefined;
  return { status: 201, body: commitJson(fake, commit.sha) };
};

/** moveRef applies GitHub's ref rules: known commit, protection, fast-forward unless forced. */
export function moveRef(fake: FakeGitHub, ref: string, sha: string, force: boolean): Reply | undefined {
  const repo = fake.repo;
  if (!repo.git.commits.has(sha)) return { status: 422, body: fake.errorBody('Object does not exist') };
  const branch = ref.replace(/^heads\//, '');
  if (repo.settings.protectedBranches.includes(branch)) {
    return { status: 422, body: fake.errorBody(`Protected branch update failed for refs/heads/${branch}.`) };
  }
  const current = repo.refs.get(ref);
  const fastForward = !current || repo.git.isAncestor(current, sha);
  const violated = rulesetViolations(fake, branch, fastForward, current !== undefined);
  if (violated.length > 0) {
    // GitHub's message for a ref update refused by rulesets: the header, then one line per rule.
    return { status: 422, body: fake.errorBody(`Repository rule violations found\n\n${violated.join('\n\n')}\n\n`) };
  }
  if (current && !force && !fastForward) {
    return { status: 422, body: fake.errorBody('Update is not a fast forward') };
  }
  repo.refs.set(ref, sha);
  return undefined;
}

/** rulesetViolations lists the messages of the ruleset rules a ref update to `branch` breaks. */
function rulesetViolations(fake: FakeGitHub, branch: string, fastForward: boolean, exists: boolean): string[] {
  const rulesets = fake.repo.settings.rulesets.filter((r) => r.branches.includes(branch));
  const rules = rulesets.flatMap((r) => r.rules);
  const out: string[] = [];
  if (exists && rules.includes('pull_request')) out.push('Changes must be made through a pull request.');
  const checks = rulesets.filter((r) => r.rules.includes('required_status_checks')).flatMap((r) => r.checks ?? ['ci']);
  if (exists) out.push(...checks.map((c) => `Required status check "${c}" is expected.`));
  if (exists && !fastForward && rules.includes('non_fast_forward')) out.push('Cannot force-push to this branch');
  return [...new Set(out)];
}

const updateRef: Handler = (fake, params, _q, body) => {
  const denied = writeDenied(fake);
  if (denied) return denied;
  const ref = params['ref']!;
  if (!fake.repo.refs.has(ref)) return { status: 422, body: fake.errorBody('Reference does not exist') };
  const refused = moveRef(fake, ref, String(body['sha']), body['force'] === true);
  return refused ?? { status: 200, body: refJson(fake, ref, String(body['sha'])) };
};

const createRef: Handler = (fake, _p, _q, body) => {
  const denied = writeDenied(fake);
  if (denied) return denied;
  const ref = String(body['ref']).replace(/^refs\//, '');
  if (fake.repo.refs.has(ref)) return { status: 422, body: fake.errorBody('Reference already exists') };
  const refused = moveRef(fake, ref, String(body['sha']), true);
  return refused ?? { status: 201, body: refJson(fake, ref, String(body['sha'])) };
};

const mergePull: Handler = (fake, params, _q, body) => {
  const denied = writeDenied(fake);
  if (denied) return denied;
  const repo = fake.repo;
  const pull = repo.pulls.find((p) => p.number === Number(params['pull_number']));
  if (!pull || pull.state !== 'open') return { status: 404, body: fake.errorBody('Not Found') };
  const headSha = repo.refs.get(`heads/${pull.head}`)!;
  if (body['sha'] && body['sha'] !== headSha) return { status: 409, body: fake.errorBody('Head branch was modified. Review and try the merge again.') };
  const merged = mergeFiles(fake, pull.base, headSha);
  if (!merged) return { status: 405, body: fake.errorBody('Pull Request is not mergeable') };
  const baseSha = repo.refs.get(`heads/${pull.base}`)!;
  // As on GitHub, a squash or rebase merge makes a commit with the base as its only parent; a merge commit has both.
  const parents = body['merge_method'] === 'squash' || body['merge_method'] === 'rebase' ? [baseSha] : [baseSha, headSha];
  const commit = repo.git.putCommit(repo.git.writeTree(undefined, [...merged].map(([path, content]) => ({ path, content }))), parents, pull.title);
  repo.refs.set(`heads/${pull.base}`, commit.sha);
  Object.assign(pull, { state: 'closed', merged: true, autoMerge: null });
  return { status: 200, body: { sha: commit.sha, merged: true, message: 'Pull Request successfully merged' } };
};

/** mergeFiles does a path-level three-way merge of head into base (undefined on conflict). */
function mergeFiles(fake: FakeGitHub, base: string, headSha: string): Map<string, string> | undefined {
  const git = fake.repo.git;
  const baseSha = fake.repo.refs.get(`heads/${base}`)!;
  let mergeBase = headSha;
  while (!git.isAncestor(mergeBase, baseSha)) mergeBase = git.commits.get(mergeBase)!.parents[0]!;
  const [ancestor, ours, theirs] = [git.filesAt(mergeBase), git.filesAt(baseSha), git.filesAt(headSha)];
  const result = new Map(ours);
  for (const path of new Set([...ancestor.keys(), ...theirs.keys()])) {
    if (theirs.get(path) === ancestor.get(path)) continue;
    if (ours.get(path) !== ancestor.get(path) && ours.get(path) !== theirs.get(path)) return undefined;
    if (theirs.has(path)) result.set(path, theirs.get(path)!);
    else result.delete(path);
  }
  return result;
}

/** GIT_ROUTES maps the git operationIds to handlers. */
export const GIT_ROUTES: Record<string, Handler> = {
  'git/get-ref': getRef,
  'git/get-tree': getTree,
  'git/create-blob': createBlob,
  'git/get-blob': getBlob,
  'git/create-tree': createTree,
  'git/create-commit': createCommit,
  'git/update-ref': updateRef,
  'git/create-ref': createRef,
  'pulls/merge': mergePull,
};

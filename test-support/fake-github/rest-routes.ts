/**
 * REST handlers of the fake GitHub, keyed by OpenAPI operationId. Each one works on the FakeRepo and
 * answers with the documented shape (FakeGitHub.make fills required fields the fake does not track).
 */
import type { FakeGitHub } from './server.js';
import type { FakePull, FakeRuleset } from './model.js';
import { GIT_ROUTES, writeDenied } from './git-routes.js';

/** Reply is a handler's answer; `assumed` marks statuses/bodies the OpenAPI description does not cover. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  assumed?: boolean;
}

/** Handler answers one operation. */
export type Handler = (fake: FakeGitHub, params: Record<string, string>, query: URLSearchParams, body: Record<string, unknown>) => Reply;

/** pullJson renders a pull request as the `pull-request` (or `pull-request-simple`) schema. */
export function pullJson(fake: FakeGitHub, pull: FakePull, component = 'pull-request'): Record<string, unknown> {
  const repo = fake.repo;
  const headSha = repo.refs.get(`heads/${pull.head}`) ?? '0'.repeat(40);
  const baseSha = repo.refs.get(`heads/${pull.base}`) ?? '0'.repeat(40);
  const repoJson = { node_id: repo.nodeId, name: repo.name, full_name: repo.fullName, owner: fake.make('simple-user', { login: repo.owner }) };
  const user = (login: string) => fake.make('simple-user', { login });
  return fake.make(component, {
    number: pull.number,
    id: pull.number,
    node_id: pull.nodeId,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    merged: pull.merged,
    merged_at: pull.merged ? '2024-01-02T00:00:00Z' : null,
    closed_at: pull.state === 'closed' ? '2024-01-02T00:00:00Z' : null,
    html_url: `https://github.example/${repo.fullName}/pull/${pull.number}`,
    url: `${fake.url}/repos/${repo.fullName}/pulls/${pull.number}`,
    head: { ref: pull.head, sha: headSha, label: `${repo.owner}:${pull.head}`, repo: repoJson },
    base: { ref: pull.base, sha: baseSha, label: `${repo.owner}:${pull.base}`, repo: repoJson },
    labels: pull.labels.map((name) => fake.make('label', { name })),
    requested_reviewers: pull.reviewers.map(user),
    requested_teams: pull.teamReviewers.map((slug) => fake.make('team-simple', { slug, name: slug })),
    assignees: pull.assignees.map(user),
    auto_merge: pull.autoMerge ? fake.make('auto-merge', { merge_method: pull.autoMerge.mergeMethod.toLowerCase(), enabled_by: user('github-actions') }) : null,
  });
}

function findPull(fake: FakeGitHub, n: string): FakePull | undefined {
  return fake.repo.pulls.find((p) => p.number === Number(n));
}

function prDenied(fake: FakeGitHub): Reply | undefined {
  if (fake.repo.settings.archived) return { status: 403, body: fake.errorBody('Repository was archived so is read-only.') };
  if (fake.repo.settings.pullRequests !== 'write') return { status: 403, body: fake.errorBody('Resource not accessible by integration') };
  return undefined;
}

const listPulls: Handler = (fake, _p, query) => {
  const state = query.get('state') ?? 'open';
  const head = query.get('head');
  const base = query.get('base');
  const pulls = fake.repo.pulls.filter(
    (p) => (state === 'all' || p.state === state) && (!head || `${fake.repo.owner}:${p.head}` === head) && (!base || p.base === base),
  );
  // GitHub's default order: newest first (sort=created, direction=desc).
  if (query.get('direction') !== 'asc') pulls.reverse();
  return { status: 200, body: pulls.map((p) => pullJson(fake, p, 'pull-request-simple')) };
};

/** tooLong answers GitHub's validation failure for a title or body over its limit. */
function tooLong(fake: FakeGitHub, body: Record<string, unknown>): Reply | undefined {
  const limits = [['title', 256], ['body', 65_536]] as const;
  for (const [field, max] of limits) {
    const value = body[field];
    if (typeof value === 'string' && [...value].length > max) {
      const message = `${field[0]!.toUpperCase()}${field.slice(1)} is too long (maximum is ${max} characters)`;
      return { status: 422, body: { ...fake.errorBody('Validation Failed'), errors: [{ resource: 'PullRequest', code: 'custom', field, message }] } };
    }
  }
  return undefined;
}

const createPull: Handler = (fake, _p, _q, body) => {
  const denied = prDenied(fake) ?? tooLong(fake, body);
  if (denied) return denied;
  if (!fake.repo.settings.actionsMayCreatePulls) return { status: 403, body: fake.errorBody('GitHub Actions is not permitted to create or approve pull requests.') };
  const head = String(body['head']).replace(`${fake.repo.owner}:`, '');
  const base = String(body['base']);
  if (!fake.repo.refs.has(`heads/${head}`) || !fake.repo.refs.has(`heads/${base}`)) {
    return { status: 422, body: { ...fake.errorBody('Validation Failed'), errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }] } };
  }
  if (fake.repo.openPulls().some((p) => p.head === head && p.base === base)) {
    const message = `A pull request already exists for ${fake.repo.owner}:${head}.`;
    return { status: 422, body: { ...fake.errorBody('Validation Failed'), errors: [{ resource: 'PullRequest', code: 'custom', message }] } };
  }
  const number = fake.repo.pulls.length + 1;
  const pull: FakePull = {
    number, nodeId: `PR_fake${number}`, head, base, title: String(body['title']), body: String(body['body'] ?? ''),
    state: 'open', merged: false, draft: body['draft'] === true, labels: [], reviewers: [], teamReviewers: [], assignees: [],
    autoMerge: null, comments: [], clean: fake.repo.settings.pullsStartClean,
  };
  fake.repo.pulls.push(pull);
  return { status: 201, body: pullJson(fake, pull) };
};

const updatePull: Handler = (fake, params, _q, body) => {
  const denied = prDenied(fake) ?? tooLong(fake, body);
  if (denied) return denied;
  const pull = findPull(fake, params['pull_number']!);
  if (!pull) return { status: 404, body: fake.errorBody('Not Found'), assumed: true };
  if (body['state'] === 'open' && pull.state === 'closed') {
    const refusal = fake.repo.reopenRefusal(pull);
    if (refusal) return { status: 422, body: { ...fake.errorBody('Validation Failed'), errors: [{ resource: 'PullRequest', code: 'custom', field: 'state', message: refusal }] } };
    pull.state = 'open';
  }
  if (typeof body['title'] === 'string') pull.title = body['title'];
  if (typeof body['body'] === 'string') pull.body = body['body'];
  if (body['state'] === 'closed' && pull.state === 'open') fake.repo.closePull(pull);
  return { status: 200, body: pullJson(fake, pull) };
};

const requestReviewers: Handler = (fake, params, _q, body) => {
  const denied = prDenied(fake);
  if (denied) return denied;
  const pull = findPull(fake, params['pull_number']!);
  if (!pull) return { status: 404, body: fake.errorBody('Not Found'), assumed: true };
  const reviewers = (body['reviewers'] ?? []) as string[];
  if (reviewers.some((r) => !fake.repo.settings.collaborators.includes(r))) {
    const message = `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${fake.repo.fullName} repository.`;
    // Documented as 422 without a body; GitHub sends this message (assumed, not in the description).
    return { status: 422, body: fake.errorBody(message), assumed: true };
  }
  pull.reviewers = [...new Set([...pull.reviewers, ...reviewers])];
  pull.teamReviewers = [...new Set([...pull.teamReviewers, ...((body['team_reviewers'] ?? []) as string[])])];
  return { status: 201, body: pullJson(fake, pull, 'pull-request-simple') };
};

const addLabels: Handler = (fake, params, _q, body) => {
  const denied = prDenied(fake);
  if (denied) return denied;
  const pull = findPull(fake, params['issue_number']!);
  if (!pull) return { status: 404, body: fake.errorBody('Not Found') };
  pull.labels = [...new Set([...pull.labels, ...((body['labels'] ?? []) as string[])])];
  return { status: 200, body: pull.labels.map((name) => fake.make('label', { name })) };
};

const addAssignees: Handler = (fake, params, _q, body) => {
  const denied = prDenied(fake);
  if (denied) return denied;
  const pull = findPull(fake, params['issue_number']!);
  if (!pull) return { status: 404, body: fake.errorBody('Not Found'), assumed: true };
  pull.assignees = [...new Set([...pull.assignees, ...((body['assignees'] ?? []) as string[])])];
  return { status: 201, body: fake.make('issue', { number: pull.number, title: pull.title, state: pull.state }) };
};

const createComment: Handler = (fake, params, _q, body) => {
  const denied = prDenied(fake);
  if (denied) return denied;
  const pull = findPull(fake, params['issue_number']!);
  if (!pull) return { status: 404, body: fake.errorBody('Not Found') };
  pull.comments.push(String(body['body']));
  return { status: 201, body: fake.make('issue-comment', { body: String(body['body']) }) };
};

const listComments: Handler = (fake, params) => {
  const pull = findPull(fake, params['issue_number']!);
  if (!pull) return { status: 404, body: fake.errorBody('Not Found') };
  return { status: 200, body: pull.comments.map((text, i) => fake.make('issue-comment', { id: pull.number * 1000 + i, body: text })) };
};

/** getBranch answers GET /repos/{owner}/{repo}/branches/{branch} with its protection summary. */
const getBranch: Handler = (fake, params) => {
  const name = params['branch']!;
  const sha = fake.repo.refs.get(`heads/${name}`);
  if (!sha) return { status: 404, body: fake.errorBody('Branch not found') };
  const strict = fake.repo.settings.requireUpToDate.includes(name);
  const isProtected = strict || fake.repo.settings.protectedBranches.includes(name);
  const base = `${fake.url}/repos/${fake.repo.fullName}/branches/${name}`;
  return {
    status: 200,
    body: fake.make('branch-with-protection', {
      name, protected: isProtected, protection_url: `${base}/protection`,
      commit: fake.make('commit', { sha }),
      protection: { enabled: isProtected, required_status_checks: { enforcement_level: isProtected ? 'non_admins' : 'off', contexts: [], checks: [], ...(isProtected ? { strict } : {}) } },
    }),
  };
};

/** ruleJson renders one rule of a ruleset as `repository-rule-detailed`. */
function ruleJson(ruleset: FakeRuleset, id: number, type: FakeRuleset['rules'][number]): Record<string, unknown> {
  const info = { ruleset_source_type: 'Repository', ruleset_source: 'acme/gitops', ruleset_id: id };
  if (type === 'required_status_checks') {
    const required_status_checks = (ruleset.checks ?? ['ci']).map((context) => ({ context }));
    return { type, parameters: { required_status_checks, strict_required_status_checks_policy: ruleset.strict === true }, ...info };
  }
  if (type === 'pull_request') {
    const parameters = { dismiss_stale_reviews_on_push: false, require_code_owner_review: false, require_last_push_approval: false, required_approving_review_count: 1, required_review_thread_resolution: false };
    return { type, parameters, ...info };
  }
  return { type, ...info };
}

/** getBranchRules answers GET /repos/{owner}/{repo}/rules/branches/{branch}: the rules of every ruleset on it. */
const getBranchRules: Handler = (fake, params) => {
  const branch = params['branch']!;
  const rules = fake.repo.settings.rulesets.flatMap((r, i) => (r.branches.includes(branch) ? r.rules.map((type) => ruleJson(r, i + 1, type)) : []));
  return { status: 200, body: rules };
};

/** getRepo answers GET /repos/{owner}/{repo}; the action asks it for the default branch. */
const getRepo: Handler = (fake) =>
  ({
    status: 200,
    body: fake.make('full-repository', {
      name: fake.repo.name,
      full_name: fake.repo.fullName,
      default_branch: fake.repo.defaultBranch,
      archived: fake.repo.settings.archived,
      allow_auto_merge: fake.repo.settings.allowAutoMerge,
    }),
  });

export { writeDenied };

let nextCheckId = 1;

/** createCommitStatus records a commit status (a CI system reporting on a commit). */
const createCommitStatus: Handler = (fake, params, _q, body) => {
  const sha = params['sha'] ?? '';
  if (!fake.repo.git.commits.has(sha)) return { status: 422, body: fake.errorBody(`No commit found for SHA: ${sha}`) };
  const id = nextCheckId++;
  const context = String(body['context'] ?? 'default');
  const state = String(body['state']);
  fake.repo.addCheck(sha, { kind: 'status', id, context, state });
  return { status: 201, body: fake.make('status', { id, context, state, url: `${fake.url}/repos/${fake.repo.fullName}/statuses/${sha}` }) };
};

/** createCheckRun records a check run on `head_sha`. */
const createCheckRun: Handler = (fake, _params, _q, body) => {
  const sha = String(body['head_sha']);
  if (!fake.repo.git.commits.has(sha)) return { status: 422, body: fake.errorBody(`No commit found for SHA: ${sha}`) };
  const id = nextCheckId++;
  const name = String(body['name']);
  const conclusion = typeof body['conclusion'] === 'string' ? body['conclusion'] : null;
  const status = conclusion === null ? String(body['status'] ?? 'queued') : 'completed';
  fake.repo.addCheck(sha, { kind: 'check-run', id, name, status, conclusion });
  return { status: 201, body: fake.make('check-run', { id, name, head_sha: sha, status, conclusion }) };
};

/** REST_ROUTES maps operationIds to handlers. */
export const REST_ROUTES: Record<string, Handler> = {
  ...GIT_ROUTES,
  'repos/get': getRepo,
  'repos/get-branch': getBranch,
  'repos/get-branch-rules': getBranchRules,
  'pulls/list': listPulls,
  'pulls/create': createPull,
  'pulls/update': updatePull,
  'pulls/request-reviewers': requestReviewers,
  'issues/add-labels': addLabels,
  'issues/add-assignees': addAssignees,
  'issues/create-comment': createComment,
  'issues/list-comments': listComments,
  'repos/create-commit-status': createCommitStatus,
  'checks/create': createCheckRun,
};


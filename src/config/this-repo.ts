/**
 * thisRepoMatcher: tells whether an Application's `repoURL` names the manifests repo this run works on,
 * so Applications whose source lives elsewhere are skipped with a reason (SPEC §3). parseRepoUrl reads a git
 * remote URL (https, ssh, scp-like) into host and owner/repo.
 */

/** RepoLocation is a repository named by a git URL: its host and owner/repo (owner may hold subgroups). */
export interface RepoLocation {
  host: string;
  owner: string;
  repo: string;
}

/** thisRepoMatcher accepts https, ssh and scp-style URLs of owner/repo on the GitHub server (case-insensitive, `.git` optional). */
export function thisRepoMatcher(owner: string, repo: string, serverUrl = 'https://github.com'): (repoURL: string) => boolean {
  const host = new URL(serverUrl).host.toLowerCase();
  const want = `${host}/${owner}/${repo}`.toLowerCase();
  return (repoURL) => normalise(repoURL) === want;
}

/**
 * parseRepoUrl reads `https://host/owner/repo(.git)`, `ssh://user@host(:port)/owner/repo`, `git@host:owner/repo`;
 * credentials in the URL are dropped. Anything else (a local path, `file://`, no owner) is undefined.
 */
export function parseRepoUrl(url: string): RepoLocation | undefined {
  if (!/^(?:https?|ssh|git(?:\+ssh)?):\/\//i.test(url.trim()) && !SCP_LIKE.test(url.trim())) return undefined;
  const text = normalise(url);
  const parts = text.split('/');
  if (parts.length < 3 || parts.some((p) => p === '')) return undefined;
  return { host: parts[0], owner: parts.slice(1, -1).join('/'), repo: parts[parts.length - 1] };
}

const SCP_LIKE = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/; // git@github.com:owner/repo

function normalise(repoURL: string): string {
  let text = repoURL.trim().toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');
  const scp = SCP_LIKE.exec(text);
  if (scp) return `${scp[1]}/${scp[2].replace(/^\/+/, '')}`;
  const ssh = /^(?:ssh|git\+ssh|git):\/\//.test(text);
  text = text.replace(/^[a-z+]+:\/\//, '').replace(/^[^@/]+@/, ''); // scheme, then user@
  // An ssh port is not the web port: ssh://git@host:2222/o/r is the repository of https://host/o/r.
  return ssh ? text.replace(/^([^/:]+):\d+\//, '$1/') : text;
}

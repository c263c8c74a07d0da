/**
 * thisRepoMatcher: tells whether an Application's `repoURL` names the manifests repo this run works on,
 * so Applications whose source lives elsewhere are skipped with a reason (SPEC §3).
 */

/** thisRepoMatcher accepts https, ssh and scp-style URLs of owner/repo on the GitHub server (case-insensitive, `.git` optional). */
export function thisRepoMatcher(owner: string, repo: string, serverUrl = 'https://github.com'): (repoURL: string) => boolean {
  const host = new URL(serverUrl).host.toLowerCase();
  const want = `${host}/${owner}/${repo}`.toLowerCase();
  return (repoURL) => normalise(repoURL) === want;
}

function normalise(repoURL: string): string {
  let text = repoURL.trim().toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(text); // git@github.com:owner/repo
  if (scp) return `${scp[1]}/${scp[2]}`;
  text = text.replace(/^[a-z+]+:\/\//, '').replace(/^[^@/]+@/, ''); // scheme, then user@
  return text;
}

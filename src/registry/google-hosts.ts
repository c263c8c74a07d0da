/** Which hosts are Google's registries (and so may receive a Google access token). */

/**
 * isGoogleHost tells whether a registry host is Google's: `gcr.io`, `*.gcr.io`, `*-docker.pkg.dev`.
 * Case-insensitive; a port, or a path (a registries.conf prefix such as `gcr.io/proj`), is ignored.
 */
export function isGoogleHost(host: string): boolean {
  const name = (host.split('/')[0] ?? '').replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  return name === 'gcr.io' || /^[a-z0-9-]+\.gcr\.io$/.test(name) || /^[a-z0-9-]+-docker\.pkg\.dev$/.test(name);
}

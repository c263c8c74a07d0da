/**
 * Endpoint selection, as argocd-image-updater's registries.conf lookup (ARGOCD-IMAGE-UPDATER.md 4.1):
 * an entry whose prefix equals the host, else the longest prefix that is a plain string prefix of
 * `host/repository` (not path-segment aware, like the updater), else an endpoint inferred from the host.
 */
import { DOCKER_HUB } from '../resolve/image-ref.js';
import type { Endpoint } from './client.js';

/** INFERRED_LIMIT is the updater's request rate for registries inferred from the image host (requests/s). */
export const INFERRED_LIMIT = 20;
/** DOCKER_HUB_LIMIT is the updater's built-in Docker Hub rate (requests/s). */
export const DOCKER_HUB_LIMIT = 10;

/** isLoopbackHost tells whether `host[:port]` is 127.0.0.0/8, localhost or [::1]. */
export function isLoopbackHost(hostWithPort: string): boolean {
  const host = stripPort(hostWithPort.toLowerCase());
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  // More than one colon without brackets is a bare IPv6 address, which has no port.
  return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.slice(0, colon) : host;
}

/**
 * inferEndpoint is the endpoint for a host nobody configured: `https://host`, except loopback hosts,
 * which get plain http like docker's default insecure registries (127.0.0.0/8). Docker Hub goes to
 * registry-1.docker.io with the `library` namespace, as the updater's built-in default.
 */
export function inferEndpoint(host: string): Endpoint {
  if (host === DOCKER_HUB) {
    return { host, apiUrl: 'https://registry-1.docker.io', insecure: false, defaultns: 'library', tagSortMode: 'none', limit: DOCKER_HUB_LIMIT };
  }
  const scheme = isLoopbackHost(host) ? 'http' : 'https';
  return { host, apiUrl: `${scheme}://${host}`, insecure: false, tagSortMode: 'none', limit: INFERRED_LIMIT };
}

/**
 * selectEndpoint picks the configured endpoint for an image (`host` is its registry, `repository` its path):
 * exact host match, then the longest plain-string prefix of `host/repository`, else inferEndpoint(host).
 */
export function selectEndpoint(host: string, repository: string, configured: readonly Endpoint[]): Endpoint {
  const exact = configured.find((e) => e.host === host);
  if (exact) return exact;
  const name = `${host}/${repository}`;
  let best: Endpoint | undefined;
  for (const endpoint of configured) {
    if (endpoint.host !== '' && name.startsWith(endpoint.host) && (!best || endpoint.host.length > best.host.length)) best = endpoint;
  }
  return best ?? inferEndpoint(host);
}

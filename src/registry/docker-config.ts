/**
 * Credentials from a docker `config.json` (what docker/login-action writes): the `auths` map.
 * Keys may be `host`, `https://host` or `https://host/v1/` (docker's `ConvertToHostname`), and Docker Hub
 * is stored under `https://index.docker.io/v1/`. `credsStore`/`credHelpers` name programs we do not run.
 */
import { ConfigError } from '../errors.js';
import { DOCKER_HUB } from '../resolve/image-ref.js';
import type { Credential, CredentialSource } from './client.js';

const DOCKER_HUB_KEYS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

type Entry = { credential: Credential } | { problem: string } | undefined;

/** hostOfAuthKey normalises an `auths` key to a host (docker's ConvertToHostname, plus Docker Hub aliases). */
export function hostOfAuthKey(key: string): string {
  const host = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]?.toLowerCase() ?? '';
  return DOCKER_HUB_KEYS.has(host) ? DOCKER_HUB : host;
}

function readEntry(value: unknown): Entry {
  if (typeof value !== 'object' || value === null) return { problem: 'is not an object' };
  const entry = value as Record<string, unknown>;
  if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') {
    return { credential: { kind: 'identity-token', token: entry.identitytoken } };
  }
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return { problem: '"auth" is not base64 of user:password' };
    return { credential: { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) } };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username !== '') {
    return { credential: { kind: 'basic', username: entry.username, password: entry.password } };
  }
  return undefined;
}

function parseAuths(text: string, origin: string): Map<string, Entry> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`docker config is not JSON (${(error as Error).message})`, { file: origin, fix: 'Point docker-config at a docker config.json, or paste its content.' });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ConfigError('docker config is not a JSON object', { file: origin, fix: 'Point docker-config at a docker config.json, or paste its content.' });
  }
  const auths = (json as Record<string, unknown>).auths ?? {};
  if (typeof auths !== 'object' || auths === null || Array.isArray(auths)) {
    throw new ConfigError('docker config "auths" is not an object', { file: origin, fix: 'Write "auths" as a map from registry host to {"auth": "<base64 user:password>"}.' });
  }
  const entries = new Map<string, Entry>();
  // Exact keys first, so `host` wins over `https://host/v1/` the way docker's GetAuthConfig looks up.
  const keys = Object.keys(auths).sort((a, b) => Number(hostOfAuthKey(a) !== a) - Number(hostOfAuthKey(b) !== b));
  for (const key of keys) {
    const host = hostOfAuthKey(key);
    if (!entries.has(host)) entries.set(host, readEntry((auths as Record<string, unknown>)[key]));
  }
  return entries;
}

/**
 * dockerConfigSource reads a docker config.json text (`origin` names its file for errors) into a
 * CredentialSource. The JSON is checked now; a broken entry is reported only when its host is asked for,
 * so one bad login does not break images on other registries.
 */
export function dockerConfigSource(text: string, origin: string): CredentialSource {
  const entries = parseAuths(text, origin);
  return {
    name: `docker config ${origin}`,
    credentialFor(host: string): Promise<Credential | undefined> {
      const entry = entries.get(hostOfAuthKey(host));
      if (entry && 'problem' in entry) {
        return Promise.reject(
          new ConfigError(`docker config entry for ${host} ${entry.problem}`, { file: origin, host, fix: 'Log in again with docker/login-action, or fix the entry.' }),
        );
      }
      return Promise.resolve(entry?.credential);
    },
  };
}

/**
 * createRegistryAccess: builds one OCI client per registry endpoint, with the credentials chain
 * (registries.conf entry -> docker config -> Google for Google hosts -> anonymous) and the policies
 * (retry, rate limit, Google's tags/list metadata, the metadata cache).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadTextOrFile, tryReadFile } from '../config/load-text.js';
import { wording } from '../config/surface.js';
import type { Logger } from '../logger.js';
import type { RegistryAccess } from '../query/query-images.js';
import type { ImageRef } from '../resolve/image-ref.js';
import { PULL_SECRET_ORIGIN, type CredentialSource, type Endpoint, type RegistryClient, type RegistryHooks } from './client.js';
import { credentialRefSource } from './credential-refs.js';
import { dockerConfigSource } from './docker-config.js';
import { selectEndpoint } from './endpoints.js';
import { googleCredentialSource, googleUnauthorizedFix, isGoogleHost } from './google.js';
import { readGoogleTagDigests, readGoogleTagMetadata } from './google-tags.js';
import { loadMetadataCache } from './metadata-cache.js';
import { OciClient } from './oci-client.js';
import { DEFAULT_REGISTRY_TIMEOUT_MS, RegistryBudget } from './deadline.js';
import { rateLimiter, systemClock, type Clock } from './rate-limit.js';
import { parseRegistriesConf } from './registries-conf.js';
import { retryPolicy } from './retry.js';

/** RegistrySettings are the registry-related inputs of a run. */
export interface RegistrySettings {
  registriesConfig?: string;
  dockerConfig?: string;
  googleCredentials?: string;
  cacheFile?: string;
  allowExtCredentials: boolean;
  /** Read every config blob on Google registries instead of trusting tags/list times (the updater's exact notion). */
  exactCreated?: boolean;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  setSecret: (secret: string) => void;
  fetch?: typeof fetch;
  /** registry-timeout in ms: the deadline of each registry operation, retries and waits included (default 20 s). */
  registryTimeoutMs?: number;
  /** Time source and sleep for deadlines and retry waits (tests inject them; default: the real ones). */
  clock?: Clock;
  /** Who runs: messages name action inputs or CLI flags accordingly (default action). */
  surface?: 'action' | 'cli';
}

/** ManagedRegistryAccess is a RegistryAccess that persists its cache at the end of a run. */
export interface ManagedRegistryAccess extends RegistryAccess {
  close(): Promise<void>;
}

/** createRegistryAccess reads the configuration files and returns the registry access of a run. */
export async function createRegistryAccess(settings: RegistrySettings): Promise<ManagedRegistryAccess> {
  const endpoints = settings.registriesConfig ? await readRegistriesConf(settings.registriesConfig, settings.logger, settings.surface) : [];
  const docker = await readDockerConfig(settings);
  const google = googleCredentialSource({ credentials: settings.googleCredentials, logger: settings.logger, setSecret: settings.setSecret });
  const cache = await loadMetadataCache(settings.cacheFile, settings.logger);
  const clock = settings.clock ?? systemClock;
  const budget = new RegistryBudget(settings.registryTimeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS, clock.now);
  const withRetry = retryPolicy({ budget, sleep: clock.sleep, onWait: (message) => settings.logger.info(message) });
  const clients = new Map<string, { client: RegistryClient; endpoint: Endpoint }>();

  const reference = (ref: string | undefined, origin: string, credsExpireMs?: number) =>
    ref ? credentialRefSource(ref, { env: settings.env, allowExt: settings.allowExtCredentials, logger: settings.logger, setSecret: settings.setSecret, credsExpireMs, origin }) : undefined;
  const tagExtras = (body: unknown) => readGoogleTagMetadata(body, { exactCreated: settings.exactCreated });

  // Chain: the image's pull-secret, then the registries.conf entry, the docker config, Google, anonymous.
  const build = (endpoint: Endpoint, pullSecret: string | undefined) => {
    const chain: CredentialSource[] = [];
    for (const source of [reference(pullSecret, PULL_SECRET_ORIGIN), reference(endpoint.credentials, `registries.conf entry ${endpoint.host}`, endpoint.credsExpireMs)]) {
      if (source) chain.push(source);
    }
    if (docker) chain.push(masked(docker, settings.setSecret));
    chain.push(google);
    const hooks: RegistryHooks = {
      withRetry,
      budget,
      beforeRequest: rateLimiter(endpoint.limit, clock),
      readTagListExtras: isGoogleHost(endpoint.host) ? tagExtras : undefined,
      readTagListDigests: isGoogleHost(endpoint.host) ? readGoogleTagDigests : undefined,
      tagPageSize: isGoogleHost(endpoint.host) ? 0 : undefined,
      cache: settings.cacheFile ? cache : undefined,
      onSecret: settings.setSecret,
      unauthorizedFix: isGoogleHost(endpoint.host) ? googleUnauthorizedFix(settings.surface ?? 'action') : undefined,
    };
    return new OciClient({ endpoint, credentials: chain, hooks, fetch: settings.fetch, logger: settings.logger });
  };

  return {
    clientFor(image: ImageRef, pullSecret?: string) {
      const endpoint = selectEndpoint(image.registry, image.repository, endpoints);
      const key = `${endpoint.host}|${endpoint.apiUrl}|${pullSecret ?? ''}`;
      let entry = clients.get(key);
      if (entry === undefined) {
        entry = { client: build(endpoint, pullSecret), endpoint };
        clients.set(key, entry);
      }
      return entry;
    },
    close: () => cache.save(),
  };
}

/** masked masks every secret a credential source hands out, the moment it is read. */
function masked(source: CredentialSource, setSecret: (secret: string) => void): CredentialSource {
  return {
    name: source.name,
    async credentialFor(host, repository) {
      const credential = await source.credentialFor(host, repository);
      if (credential?.kind === 'basic') setSecret(credential.password);
      if (credential?.kind === 'identity-token') setSecret(credential.token);
      return credential;
    },
  };
}

async function readRegistriesConf(value: string, logger: Logger, surface: RegistrySettings['surface']): Promise<Endpoint[]> {
  const { text, origin } = await loadTextOrFile('registries-config', value, wording(surface));
  const conf = parseRegistriesConf(text, origin);
  for (const warning of conf.warnings) logger.warning(warning);
  return conf.endpoints;
}

async function readDockerConfig(settings: RegistrySettings): Promise<CredentialSource | undefined> {
  if (settings.dockerConfig) {
    const { text, origin } = await loadTextOrFile('docker-config', settings.dockerConfig, wording(settings.surface));
    return dockerConfigSource(text, origin);
  }
  const home = settings.env.DOCKER_CONFIG ?? join(settings.env.HOME ?? homedir(), '.docker');
  const path = join(home, 'config.json');
  const text = await tryReadFile(path);
  return text === undefined ? undefined : dockerConfigSource(text, path);
}

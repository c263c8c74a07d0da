/**
 * Google credentials for GCR and Artifact Registry (HOUSE-STYLE 6): a CredentialSource that answers
 * only for Google hosts, with an access token from google-auth-library sent as Basic
 * `oauth2accesstoken:<token>` (go-containerregistry's `google.Keychain`, renovate's `google.ts`).
 * Explicit credentials (input `google-credentials`: a service-account key, an external-account /
 * Workload Identity Federation file, an authorized-user file) win; else Application Default
 * Credentials (GOOGLE_APPLICATION_CREDENTIALS, which google-github-actions/auth writes, then the
 * metadata server). The library caches and refreshes the token; we mask each new one at once.
 */
import { access, readFile } from 'node:fs/promises';
import { GoogleAuth, type GoogleAuthOptions } from 'google-auth-library';
import { ConfigError, RegistryError } from '../errors.js';
import { NullLogger, type Logger } from '../logger.js';
import type { Credential, CredentialSource } from './client.js';
import { isGoogleHost } from './google-hosts.js';

export { isGoogleHost } from './google-hosts.js';

/** GOOGLE_USERNAME is the user name GCR and Artifact Registry expect with an OAuth access token. */
export const GOOGLE_USERNAME = 'oauth2accesstoken';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const KNOWN_TYPES = new Set(['service_account', 'external_account', 'authorized_user', 'impersonated_service_account', 'external_account_authorized_user']);
// Registry tokens are not project-scoped. Giving the library a project stops its project discovery,
// which would run `gcloud`, probe the metadata server or call Resource Manager for nothing.
const NO_PROJECT = 'argocd-image-promoter-no-project';
const NO_ADC_FOUND = 'Could not load the default credentials';

/** GoogleCredentialOptions configure googleCredentialSource. */
export interface GoogleCredentialOptions {
  /** Input `google-credentials`: a credential file's JSON content, or its path. Empty = ADC. */
  credentials?: string;
  logger?: Logger;
  /** Masks a secret in logs (core.setSecret); called for every new access token. */
  setSecret?: (secret: string) => void;
  /** Extra google-auth-library options (tests: clientOptions). Scopes and credentials are set here. */
  authOptions?: Omit<GoogleAuthOptions, 'credentials' | 'keyFile' | 'keyFilename' | 'scopes'>;
  /** Environment for ADC checks (default process.env); the library itself reads process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * googleCredentialSource returns the Google CredentialSource. For a non-Google host it answers
 * undefined without touching Google, so the chain falls through and no token leaves for another host.
 * With no explicit credentials and no ADC at all, it also answers undefined (public images work
 * anonymously) after one info line.
 */
export function googleCredentialSource(options: GoogleCredentialOptions = {}): CredentialSource {
  const logger = options.logger ?? NullLogger;
  const setSecret = options.setSecret ?? (() => undefined);
  let client: Promise<TokenClient | undefined> | undefined;
  let masked = '';
  return {
    name: 'google',
    async credentialFor(host: string): Promise<Credential | undefined> {
      if (!isGoogleHost(host)) return undefined;
      client ??= quietMetadataLookup(logger, () => createClient(options, logger)).catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      const tokenClient = await client;
      if (!tokenClient) return undefined;
      const token = await accessToken(tokenClient, host, options.credentials ? 'google-credentials' : 'Application Default Credentials');
      if (token !== masked) {
        setSecret(token);
        masked = token;
      }
      return { kind: 'basic', username: GOOGLE_USERNAME, password: token, audience: 'google' };
    },
  };
}

/**
 * googleUnauthorizedFix is the fix of a 401 from a Google registry, in the words of the surface the user
 * runs (a CLI flag, or an action input).
 */
export function googleUnauthorizedFix(surface: 'action' | 'cli'): string {
  return surface === 'cli'
    ? 'Give Google credentials: --google-credentials <key file>, or run `gcloud auth application-default login`; and check the account may read the registry.'
    : 'Give Google credentials: run google-github-actions/auth before this step, or set input google-credentials (locally: `gcloud auth application-default login`); and check the account may read the registry.';
}

const METADATA_LOOKUP_WARNING = 'MetadataLookupWarning';

/**
 * quietMetadataLookup runs `work` with gcp-metadata's MetadataLookupWarning (printed by Node as
 * "(node:123) MetadataLookupWarning: received unexpected error ..." when a laptop has no metadata server,
 * gcp-metadata's isAvailable()) turned into a debug line; every other warning passes through.
 */
export async function quietMetadataLookup<T>(logger: Logger, work: () => Promise<T>): Promise<T> {
  const original = process.emitWarning;
  const emit = original as (warning: string | Error, ...rest: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
    if (type === METADATA_LOOKUP_WARNING) return logger.debug(`Google: no metadata server (${String(warning instanceof Error ? warning.message : warning)})`);
    return emit.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return await work();
  } finally {
    process.emitWarning = original;
  }
}

/** TokenClient is the part of google-auth-library's AuthClient we use. */
interface TokenClient {
  getAccessToken(): Promise<{ token?: string | null }>;
}

async function createClient(options: GoogleCredentialOptions, logger: Logger): Promise<TokenClient | undefined> {
  const env = options.env ?? process.env;
  const base: GoogleAuthOptions = { projectId: env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || NO_PROJECT, ...options.authOptions, scopes: [SCOPE] };
  if (options.credentials?.trim()) {
    const json = await readCredentials(options.credentials.trim());
    logger.debug(`Google: using the ${String(json.type)} credentials from input google-credentials`);
    return new GoogleAuth({ ...base, credentials: json as GoogleAuthOptions['credentials'] }).getClient();
  }
  const adcFile = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (adcFile) await checkAdcFile(adcFile);
  try {
    const client = await new GoogleAuth(base).getClient();
    logger.debug(`Google: using Application Default Credentials${adcFile ? ` from ${adcFile}` : ''}`);
    return client;
  } catch (error) {
    if (!adcFile && error instanceof Error && error.message.startsWith(NO_ADC_FOUND)) {
      logger.info('Google: no credentials (input google-credentials is empty, no Application Default Credentials); Google registries are read anonymously.');
      return undefined;
    }
    throw credentialError(error, 'Application Default Credentials could not be loaded', undefined);
  }
}

/**
 * readCredentials reads the input as JSON content or as a path to a JSON file. Messages never quote
 * the content (a key's private part), nor JSON.parse's message, which does.
 */
export async function readCredentials(value: string): Promise<Record<string, unknown>> {
  const fix = 'Give the content of a Google credential file (service-account key, external account, authorized user) or a path to one.';
  let text = value;
  if (!/^[[{]/.test(value)) {
    try {
      text = await readFile(value, 'utf8');
    } catch (error) {
      throw new ConfigError(`input google-credentials names the file ${value}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { file: value, fix });
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError('input google-credentials is not valid JSON', { fix });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ConfigError('input google-credentials is not a JSON object', { fix });
  const type = (json as Record<string, unknown>).type;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
    throw new ConfigError(`input google-credentials has ${typeof type === 'string' ? `type "${type.slice(0, 40)}"` : 'no "type"'}, which google-auth-library does not accept`, { fix });
  }
  return json as Record<string, unknown>;
}

async function checkAdcFile(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new ConfigError(`GOOGLE_APPLICATION_CREDENTIALS names ${path}, which does not exist`, {
      file: path,
      fix: 'Run google-github-actions/auth before this step in the same job, or unset GOOGLE_APPLICATION_CREDENTIALS.',
    });
  }
}

async function accessToken(client: TokenClient, host: string, from: string): Promise<string> {
  let token: string | null | undefined;
  try {
    token = (await client.getAccessToken()).token;
  } catch (error) {
    throw credentialError(error, `Google refused an access token for ${from}`, host);
  }
  if (!token) throw new RegistryError(`Google returned no access token for ${from}`, { host, fix: CHECK_CREDENTIALS });
  return token;
}

const CHECK_CREDENTIALS = 'Check that the credentials are current and the service account may read the registry (roles/artifactregistry.reader or storage.objectViewer for GCR).';

/** credentialError wraps a library error; its message is redacted, since it may quote a response or request. */
function credentialError(error: unknown, what: string, host: string | undefined): RegistryError {
  const detail = error instanceof Error ? redactSecrets(error.message.split('\n')[0] ?? '') : 'unknown error';
  const status = (error as { response?: { status?: unknown } } | undefined)?.response?.status;
  return new RegistryError(`${what}: ${detail}`, {
    host,
    status: typeof status === 'number' ? status : undefined,
    temporary: typeof status === 'number' && (status === 429 || status >= 500),
    fix: CHECK_CREDENTIALS,
  });
}

/**
 * redactSecrets removes what looks like a token from a message: JWTs, Google access tokens (`ya29.`),
 * PEM blocks and any long base64/hex run (go-containerregistry's redact, applied to text).
 */
export function redactSecrets(message: string): string {
  return message
    .replace(/-----BEGIN[^-]*-----[\s\S]*?(-----END[^-]*-----|$)/g, '[redacted key]')
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[redacted token]')
    .replace(/ya29\.[\w.-]+/g, '[redacted token]')
    .replace(/[A-Za-z0-9+/_=.-]{40,}/g, '[redacted]');
}

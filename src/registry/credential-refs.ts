/**
 * Credential references, as registries.conf `credentials` and the image `pull-secret` annotation write
 * them (ARGOCD-IMAGE-UPDATER.md 4.2): `env:VAR`, `ext:/path`, `pullsecret:ns/name`, `secret:ns/name#field`.
 * In CI there is no cluster, so the two secret forms cannot be read: we say so once per reference and
 * let the chain fall through. `ext:` scripts run only when the user opted in.
 */
import { execFile } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { ConfigError, RegistryError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Credential, CredentialSource } from './client.js';

/** CredentialRefOptions are what a reference needs to be resolved. */
export interface CredentialRefOptions {
  env: NodeJS.ProcessEnv;
  /** The opt-in input for `ext:` scripts (off by default: a manifests repo must not run programs by itself). */
  allowExt: boolean;
  logger: Logger;
  setSecret: (secret: string) => void;
  /** registries.conf `credsexpire` (ms): an `ext:` answer is re-read after it; undefined = kept for the run. */
  credsExpireMs?: number;
  /** Where the reference was written, for messages (`registries.conf line 4`, an annotation). */
  origin?: string;
  /** References already warned about; defaults to one set per process, so each is said once per run. */
  warned?: Set<string>;
  /** The updater's ext: timeout is 10 s; injectable for tests. */
  extTimeoutMs?: number;
  now?: () => number;
}

/** CredentialRef is a parsed reference. */
export type CredentialRef = { type: 'env' | 'ext' | 'pullsecret' | 'secret'; argument: string };

const EXT_TIMEOUT_MS = 10_000;
const TYPES = new Set(['env', 'ext', 'pullsecret', 'secret']);
const processWarned = new Set<string>();
const FIX = 'Write it as env:VAR, ext:/absolute/path, pullsecret:namespace/name or secret:namespace/name#field.';

/**
 * parseCredentialRef splits `type:argument`. As in the updater, exactly one `:` separates them: a
 * second `:` makes the reference invalid (so no `env:` value can smuggle a password in the reference).
 */
export function parseCredentialRef(ref: string, origin?: string): CredentialRef {
  const parts = ref.split(':');
  const [type, argument] = parts;
  if (parts.length !== 2 || type === undefined || argument === undefined || argument === '' || !TYPES.has(type)) {
    throw new ConfigError(`"${ref.split(':')[0]}:..." is not a credential reference`, { file: origin, fix: FIX });
  }
  if (type === 'ext' && !isAbsolute(argument)) {
    throw new ConfigError(`ext: needs an absolute path to the script, not ${argument}`, { file: origin, fix: FIX });
  }
  return { type: type as CredentialRef['type'], argument };
}

/**
 * credentialRefSource turns a reference into a CredentialSource, or undefined when it cannot answer in
 * CI (`pullsecret:`, `secret:`, or `ext:` without opt-in; each warned about once). Throws ConfigError
 * for a malformed reference.
 */
export function credentialRefSource(ref: string, options: CredentialRefOptions): CredentialSource | undefined {
  const parsed = parseCredentialRef(ref, options.origin);
  const warned = options.warned ?? processWarned;
  const warnOnce = (message: string) => {
    if (warned.has(ref)) return;
    warned.add(ref);
    options.logger.warning(message);
  };
  const where = options.origin ? ` (${options.origin})` : '';
  switch (parsed.type) {
    case 'pullsecret':
    case 'secret':
      warnOnce(`credentials ${parsed.type}:${parsed.argument}${where} name a Kubernetes secret, which cannot be read from CI; trying docker config, Google and anonymous access instead. Put the same user:password in a CI secret and reference it as env:VAR, or log in with docker/login-action.`);
      return undefined;
    case 'ext':
      if (!options.allowExt) {
        warnOnce(`credentials ext:${parsed.argument}${where} were not run: scripts run only when the input allow-ext-credentials is true; trying the next credential source.`);
        return undefined;
      }
      return extSource(parsed.argument, options);
    case 'env':
      return envSource(parsed.argument, options);
  }
}

function envSource(variable: string, options: CredentialRefOptions): CredentialSource {
  return {
    name: `env:${variable}`,
    credentialFor: async (host) => {
      const value = options.env[variable];
      if (value === undefined || value === '') {
        throw new ConfigError(`the environment variable ${variable} (credentials env:${variable}) is not set`, {
          host,
          fix: `Set ${variable} to user:password in the workflow's env, from a secret.`,
        });
      }
      return splitUserPassword(value, `env:${variable}`, host, options.setSecret);
    },
  };
}

/** An ext: answer is cached (the updater caches registry-level credentials until credsexpire). */
function extSource(script: string, options: CredentialRefOptions): CredentialSource {
  const now = options.now ?? Date.now;
  let cached: { credential: Promise<Credential>; at: number } | undefined;
  return {
    name: `ext:${script}`,
    credentialFor: (host) => {
      const expired = cached && options.credsExpireMs !== undefined && now() - cached.at >= options.credsExpireMs;
      if (!cached || expired) {
        const credential = runScript(script, options.extTimeoutMs ?? EXT_TIMEOUT_MS, host).then((out) => splitUserPassword(out, `ext:${script}`, host, options.setSecret));
        credential.catch(() => (cached = undefined));
        cached = { credential, at: now() };
      }
      return cached.credential;
    },
  };
}

/** runScript runs the script without a shell; its stdout is a secret, so it never reaches a message. */
function runScript(script: string, timeoutMs: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(script, [], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 }, (error, stdout) => {
      if (!error) return resolve(stdout.trim());
      const why = error.killed ? `did not finish within ${timeoutMs / 1000} s` : typeof error.code === 'number' ? `exited with code ${error.code}` : `could not be run (${String(error.code ?? 'error')})`;
      reject(new RegistryError(`credentials script ext:${script} ${why}`, { host, fix: 'Run the script by hand on the runner; it must print user:password and exit 0.' }));
    });
  });
}

/**
 * splitUserPassword splits `user:password` at the first `:` (the updater's rule), both parts
 * non-empty, and masks the password at once. `_json_key:{...}` and `oauth2accesstoken:<token>` are
 * such values and work unchanged.
 */
export function splitUserPassword(value: string, from: string, host: string, setSecret: (s: string) => void): Credential {
  const colon = value.indexOf(':');
  const username = colon > 0 ? value.slice(0, colon) : '';
  const password = colon > 0 ? value.slice(colon + 1) : '';
  if (password !== '') mask(password, setSecret);
  if (username === '' || password === '') {
    throw new ConfigError(`credentials ${from} do not hold user:password with both parts non-empty`, { host, fix: 'Give the value as user:password.' });
  }
  return { kind: 'basic', username, password };
}

/** A multi-line password (a JSON key) is masked whole and line by line, as runners mask per line. */
function mask(password: string, setSecret: (s: string) => void): void {
  setSecret(password);
  if (!password.includes('\n')) return;
  for (const line of password.split(/\r?\n/)) if (line.trim().length > 3) setSecret(line);
}

/**
 * foreignSecretNamespace returns the namespace a `pullsecret:`/`secret:` reference names when it is not
 * `appNamespace`, else undefined. argocd-image-updater (pkg/argocd/update.go UpdateApplication, "reject
 * cross-namespace secret references") refuses such an image and does not update it.
 */
export function foreignSecretNamespace(ref: string, appNamespace: string): string | undefined {
  if (!ref.startsWith('pullsecret:') && !ref.startsWith('secret:')) return undefined;
  const path = ref.slice(ref.indexOf(':') + 1);
  const slash = path.indexOf('/');
  if (slash < 0) return undefined;
  const namespace = path.slice(0, slash);
  return namespace === appNamespace ? undefined : namespace;
}

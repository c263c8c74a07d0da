/**
 * isolateGoogleEnv points every place google-auth-library looks for credentials at an empty temp
 * directory (HOME, CLOUDSDK_CONFIG), clears GOOGLE_APPLICATION_CREDENTIALS and proxies, and turns
 * metadata-server detection off, so a test reaches only the local fakes it sets up itself.
 */
import { join } from 'node:path';
import { tempDir } from '../temp-dir.js';

const CLEARED = ['GOOGLE_APPLICATION_CREDENTIALS', 'GCE_METADATA_HOST', 'GCE_METADATA_IP', 'GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GOOGLE_CLOUD_QUOTA_PROJECT', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** isolateGoogleEnv returns an environment (a copy of `base`) safe for google-auth-library tests. */
export function isolateGoogleEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const home = tempDir('google-home-');
  const env: NodeJS.ProcessEnv = { ...base, HOME: home, CLOUDSDK_CONFIG: join(home, 'gcloud'), METADATA_SERVER_DETECTION: 'none' };
  for (const name of CLEARED) delete env[name];
  return env;
}

/** applyEnv replaces process.env's content with `env` (google-auth-library reads process.env itself). */
export function applyEnv(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
}

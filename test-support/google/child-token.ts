/**
 * Run in a child process by the key-file tests: NODE_EXTRA_CA_CERTS is read only at process start, so
 * the test CA that signs the local "oauth2.googleapis.com" can be trusted only in a fresh process.
 * Usage: node --import tsx child-token.ts <credentials path or content>. Prints one JSON line.
 */
import { googleCredentialSource } from '../../src/registry/google.js';

const secrets: string[] = [];
const source = googleCredentialSource({ credentials: process.argv[2], setSecret: (s) => void secrets.push(s) });
try {
  const first = await source.credentialFor('gcr.io', 'proj/app');
  const second = await source.credentialFor('asia.gcr.io', 'proj/other');
  const other = await source.credentialFor('ghcr.io', 'org/app');
  process.stdout.write(`${JSON.stringify({ first, second, other: other ?? null, secrets })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: { name: (error as Error).name, message: (error as Error).message, host: (error as { host?: string }).host }, secrets })}\n`);
}

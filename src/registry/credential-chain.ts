/**
 * Credentials as a composable chain (go-containerregistry's `authn.NewMultiKeychain`): each source
 * answers for its own family of hosts and returns undefined to let the next one answer.
 */
import type { Credential, CredentialSource } from './client.js';

/** credentialChain asks each source in order; the first answer wins, none means anonymous. */
export function credentialChain(sources: readonly CredentialSource[]): CredentialSource {
  return {
    name: sources.map((s) => s.name).join(' -> ') || 'anonymous',
    async credentialFor(host: string, repository: string): Promise<Credential | undefined> {
      for (const source of sources) {
        const credential = await source.credentialFor(host, repository);
        if (credential) return credential;
      }
      return undefined;
    },
  };
}

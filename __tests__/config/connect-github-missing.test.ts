import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { toUserMessage } from '../../src/errors.js';
import { connectGitHub } from '../../src/run.js';

async function messageFor(config: Partial<Config>): Promise<string> {
  try {
    await connectGitHub(config as Config, {});
  } catch (error) {
    return toUserMessage(error);
  }
  throw new Error('connectGitHub did not refuse');
}

describe('connectGitHub names what is missing', () => {
  it('no token: says the token is missing, the token input and GITHUB_TOKEN', async () => {
    const message = await messageFor({ repository: { owner: 'acme', repo: 'gitops' } } as Partial<Config>);
    expect(message).toContain('the token is missing');
    expect(message).toContain("'token' input");
    expect(message).toContain('GITHUB_TOKEN');
  });

  it('no repository: says the repository is missing, the repository input and --repository', async () => {
    const message = await messageFor({ token: 't' } as Partial<Config>);
    expect(message).toContain('the repository is missing');
    expect(message).toContain("'repository' input");
    expect(message).toContain('--repository owner/name');
  });
});

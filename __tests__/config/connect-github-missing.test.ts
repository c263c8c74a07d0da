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

describe('connectGitHub names what is missing, in the words of the surface (issue 10)', () => {
  it('the action, no token: the token input', async () => {
    const message = await messageFor({ surface: 'action', repository: { owner: 'acme', repo: 'gitops' } });
    expect(message).toContain("needs a repository and a token; 'token' is missing.");
    expect(message).toContain("the 'token' input (it defaults to github.token)");
    expect(message).not.toContain('GITHUB_TOKEN');
    expect(message).not.toContain('--');
  });

  it('the CLI, no token: GITHUB_TOKEN, no input', async () => {
    const message = await messageFor({ surface: 'cli', repository: { owner: 'acme', repo: 'gitops' } });
    expect(message).toContain('needs a repository and a token; GITHUB_TOKEN is missing.');
    expect(message).toContain('GITHUB_TOKEN in the environment');
    expect(message).not.toContain('input');
  });

  it('the action, no repository: the repository input', async () => {
    const message = await messageFor({ surface: 'action', token: 't' });
    expect(message).toContain("'repository' is missing");
    expect(message).toContain("Set the 'repository' input");
    expect(message).not.toContain('--repository');
  });

  it('the CLI, no repository: --repository owner/name', async () => {
    const message = await messageFor({ surface: 'cli', token: 't' });
    expect(message).toContain('--repository is missing');
    expect(message).toContain('Pass --repository owner/name');
    expect(message).toContain('--path');
    expect(message).not.toContain('input');
  });
});

/** inputs: the only reader of action inputs (core.getInput). */
import * as core from '@actions/core';
import { parseConfig, type Config } from './config.js';

/** readActionConfig reads every input of action.yml into a Config; the repository defaults to the current one. */
export function readActionConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseConfig((name) => core.getInput(name), {
    repository: env.GITHUB_REPOSITORY ?? '',
  });
}

/**
 * surface: the one place that decides how a message names a setting. The action's settings are inputs
 * (`input 'image'`, set in the workflow's `with:`); the CLI's are flags (`--image`). Messages built while
 * reading settings or running take a Wording and never spell either form themselves.
 */

/** Surface is who runs: the GitHub Action or the CLI. */
export type Surface = 'action' | 'cli';

/** Wording names settings in the words of one surface. */
export interface Wording {
  surface: Surface;
  /** The setting as the subject of a sentence: `input 'image'` / `--image`. */
  setting(name: string): string;
  /** The setting in a fix or a list: `'image'` / `--image`. */
  name(name: string): string;
  /** The setting heading a remark about its value: `paths: "x" matches no file` / `--paths: ...`. */
  label(name: string): string;
  /** How to give the setting a value: `set 'image' to X` / `pass --image X`. */
  set(name: string, value: string): string;
  /** Where the GitHub token comes from. */
  token: string;
}

const ACTION: Wording = {
  surface: 'action',
  setting: (name) => `input '${name}'`,
  name: (name) => `'${name}'`,
  label: (name) => name,
  set: (name, value) => `set '${name}' to ${value}`,
  token: "the 'token' input (it defaults to github.token)",
};

const CLI: Wording = {
  surface: 'cli',
  setting: (name) => `--${name}`,
  name: (name) => `--${name}`,
  label: (name) => `--${name}`,
  set: (name, value) => `pass --${name} ${value}`,
  token: 'GITHUB_TOKEN in the environment',
};

/** wording returns the Wording of a surface (the action's when unset). */
export function wording(surface: Surface = 'action'): Wording {
  return surface === 'cli' ? CLI : ACTION;
}

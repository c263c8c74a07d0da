/** loadTextOrFile: inputs that take "content or a path" (registries-config, docker-config, google-credentials, clusters). */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { wording, type Wording } from './surface.js';

/** looksLikeContent tells inline content (JSON, YAML with a newline) from a path. */
export function looksLikeContent(value: string): boolean {
  const text = value.trim();
  return text.startsWith('{') || text.includes('\n') || /^registries\s*:/.test(text);
}

/** loadTextOrFile returns `{text, origin}`: the value itself when it is content, else the file it names. */
export async function loadTextOrFile(input: string, value: string, w: Wording = wording()): Promise<{ text: string; origin: string }> {
  if (looksLikeContent(value)) return { text: value, origin: w.setting(input) };
  try {
    return { text: await readFile(value, 'utf8'), origin: value };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${w.setting(input)} names the file ${value}, which cannot be read (${code ?? 'error'}).`, {
      file: value,
      fix: `Give the file's content or a path that exists.`,
    });
  }
}

/** tryReadFile returns a file's text, or undefined when it does not exist. */
export async function tryReadFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

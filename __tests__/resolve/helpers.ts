/**
 * Test helpers for the resolve stage: an in-memory repo snapshot and builders for the discover
 * stage's types (AppConfig objects are built directly; the discover stage is tested on its own).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RepoFiles } from '../../src/resolve/types.js';

export { app, config, image, source } from '../support/builders.js';

/** memoryRepo builds a RepoFiles from path -> text. */
export function memoryRepo(files: Record<string, string>): RepoFiles {
  return { read: (path) => files[path], list: () => Object.keys(files) };
}

/** deployment renders a Deployment manifest with the given container images. */
export function deployment(name: string, images: string[], init: string[] = []): string {
  const list = (items: string[]): string => items.map((item, i) => `        - name: c${i}\n          image: ${item}\n`).join('');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    '    spec:',
    ...(init.length > 0 ? ['      initContainers:', list(init).trimEnd()] : []),
    '      containers:',
    list(images).trimEnd(),
    '',
  ].join('\n');
}

/** diskRepo loads every file under `root` into a RepoFiles (paths relative to root, POSIX). */
export function diskRepo(root: string): RepoFiles {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return memoryRepo(files);
}

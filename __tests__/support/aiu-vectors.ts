/** The argocd-image-updater selection vectors (ARGOCD-IMAGE-UPDATER.md §5), shared by the engine and CLI tests. */
import { readFileSync } from 'node:fs';

/** Vector is one selection case checked against the updater's own logic. */
export interface Vector {
  id: string;
  strategy: string;
  constraint: string;
  allowTags: string;
  ignoreTags: string[];
  tagSortMode?: 'none' | 'latest-first' | 'latest-last';
  tags: (string | { tag: string; created?: string; digest?: string })[];
  current: string;
  expect: string | null;
  expectDigest?: string;
  expectError: boolean;
  expectUpdate: boolean;
}

/** loadVectors reads __fixtures__/strategy/aiu-vectors.json. */
export function loadVectors(): Vector[] {
  return JSON.parse(readFileSync(new URL('../../__fixtures__/strategy/aiu-vectors.json', import.meta.url), 'utf8')) as Vector[];
}

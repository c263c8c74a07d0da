/** Test helpers: build ImageEdits and in-memory RepoFiles. */
import type { ImageSpec } from '../../src/discover/types.js';
import type { ImageEdit } from '../../src/edit/types.js';
import { image } from '../support/builders.js';
import type { EditTarget, NewImage, RepoFiles } from '../../src/resolve/types.js';

/** imageSpec returns a minimal ImageSpec for `ref`. */
export function imageSpec(ref: string, alias = 'app'): ImageSpec {
  return image(ref, { alias });
}

/** makeEdit builds an ImageEdit. */
export function makeEdit(ref: string, target: EditTarget, newImage: NewImage, extra: Partial<ImageEdit> = {}): ImageEdit {
  return { application: 'demo', alias: 'app', image: imageSpec(ref), target, newImage, ...extra };
}

/** memoryFiles is a RepoFiles over a plain object. */
export function memoryFiles(files: Record<string, string>): RepoFiles {
  return { read: (path) => files[path], list: () => Object.keys(files) };
}

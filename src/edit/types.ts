/**
 * The model of stage 5 (edit): one planned image change, and what editing a file produced.
 */
import type { ImageSpec } from '../discover/types.js';
import type { PathSegment } from '../resolve/helm-path.js';
import type { EditTarget, NewImage } from '../resolve/types.js';

/** ImageEdit is one image of one Application to be written to its target. */
export interface ImageEdit {
  application: string;
  alias: string;
  image: ImageSpec;
  target: EditTarget;
  newImage: NewImage;
  /** The image name as git holds it now (e.g. a short name), when the resolver read one. */
  currentName?: string;
}

/** ValuePath addresses a node: a document of a (multi-document) file, then keys and indexes. */
export interface ValuePath {
  doc: number;
  path: PathSegment[];
}

/** ValueCheck says which string a path must hold after the edit. */
export interface ValueCheck extends ValuePath {
  value: string;
}

/**
 * EditOutcome is a file's new text plus what verify must check: `checks` hold the new values,
 * `changed` the paths the edit may change (everything else must parse to the same data).
 * `created` lists paths of keys or entries that were inserted because they were missing.
 */
export interface EditOutcome {
  text: string;
  checks: ValueCheck[];
  changed: ValuePath[];
  created: string[];
}

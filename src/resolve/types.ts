/**
 * The model of stage 2 (resolve): where each image is written, and what is there now.
 * Paths are repo-relative POSIX paths.
 */
import type { AppConfig, ImageSpec } from '../discover/types.js';

/** RepoFiles is a read-only snapshot of the manifests repo's YAML files (path -> text). */
export interface RepoFiles {
  /** read returns the text of a file, or undefined when it does not exist in the snapshot. */
  read(path: string): string | undefined;
  /** list returns every path in the snapshot. */
  list(): readonly string[];
  /** Files left out of the snapshot on purpose (too large, unreadable), each with the reason; discover reports them. */
  readonly refused?: readonly RefusedFile[];
  /**
   * unread says why a path that exists in the repo is not in the snapshot (not a YAML file, over the size
   * cap, a directory, a dangling symlink, inside `.git`); undefined when the path is absent or was read.
   * A writer must never replace such a path (issue 14 item 1). Absent when the reader cannot tell.
   */
  unread?(path: string): string | undefined;
  /** hasDirectory tells whether a directory exists in the repo ('' is the root). Absent when the reader cannot tell. */
  hasDirectory?(dir: string): boolean;
  /** directories lists every directory of the repo, sorted ('' excluded). Absent when the reader cannot tell. */
  directories?(): readonly string[];
}

/** RefusedFile is a file a repo reader did not load, and why. */
export interface RefusedFile {
  path: string;
  reason: string;
}

/** Where in a file a value was read from. */
export interface Location {
  file: string;
  /** 1-based line. */
  line: number;
}

/**
 * EditTarget says which file (and which node in it) receives an image's new reference.
 * - kustomization: an `images:` entry matched by `name` (kustomize.image-name or the image name,
 *   or an entry whose `newName` is the image); `setNewName` when the entry must (re)point at the image.
 * - helm-values: keys in a Helm values file (`spec` wins over name/tag).
 * - argocd-source: the updater's `.argocd-source-<app>.yaml` override file.
 * - manifest: `image:` fields of workload containers in plain manifests.
 */
export type EditTarget =
  | { kind: 'kustomization'; file: string; entryName: string; setNewName?: string }
  | ({ kind: 'helm-values'; file: string; create: boolean } & HelmKeys)
  | {
      kind: 'argocd-source';
      file: string;
      appType: 'kustomize' | 'helm' | 'plugin';
      helm?: HelmKeys;
      /** Plugin env variable names (CR manifestTargets.plugin), and the source's own plugin.env entries. */
      plugin?: { nameKey?: string; tagKey?: string; specKey?: string; env: PluginEnv[] };
      kustomizeName?: string;
      /** The Application's own kustomize.images, carried into the file as the updater does; `managed` = another tracked image's entry. */
      carried?: CarriedImage[];
    }
  | { kind: 'manifest'; files: string[] };

/**
 * HelmKeys are the Helm parameter keys of one image: `specKey` alone, or name and tag keys; `digestKey`
 * (our `<alias>.helm.image-digest`, issue 12) takes the digest, so the tag key then holds the bare tag.
 */
export interface HelmKeys {
  nameKey?: string;
  tagKey?: string;
  specKey?: string;
  digestKey?: string;
}

/** PluginEnv is one `plugin.env` entry. */
export interface PluginEnv {
  name: string;
  value: string;
}

/** CarriedImage is one entry of the Application's own `kustomize.images`. */
export interface CarriedImage {
  entry: string;
  /** It belongs to an image this Application tracks (its current value is the file's when the file has one). */
  managed: boolean;
}

/** CurrentImage is the reference the manifests in git run now. */
export interface CurrentImage {
  tag?: string;
  digest?: string;
  /** The image name as written there (may differ from the image-list name, e.g. a short name). */
  name?: string;
  at?: Location;
}

/** ResolvedImage is one image of one Application, ready to query and edit. */
export interface ResolvedImage {
  config: AppConfig;
  image: ImageSpec;
  target: EditTarget;
  /** undefined when git holds no reference for the image (then any candidate is an update). */
  current?: CurrentImage;
}

/** NewImage is what an image is promoted to. */
export interface NewImage {
  tag: string;
  digest?: string;
}

/** FileChange is the whole new content of one file (`before` null when the file is created). */
export interface FileChange {
  path: string;
  before: string | null;
  after: string;
}

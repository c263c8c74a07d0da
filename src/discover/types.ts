/**
 * The model of what stage 1 (discover) finds: Argo CD Applications and, per Application,
 * the argocd-image-updater configuration that applies to it (from annotations or an ImageUpdater CR).
 */
import type { ImageRef } from '../resolve/image-ref.js';
import type { Promotion } from './promotion-keys.js';

/** ANNOTATION_PREFIX is argocd-image-updater's annotation prefix. */
export const ANNOTATION_PREFIX = 'argocd-image-updater.argoproj.io/';
/** PROMOTER_PREFIX is this tool's own annotation prefix, for extensions the updater lacks. */
export const PROMOTER_PREFIX = 'image-promoter.argoproj.io/';

/** HelmParameter is one `spec.source.helm.parameters[]` entry. */
export interface HelmParameter {
  name: string;
  value: string;
  forceString?: boolean;
}

/** AppSource is one `spec.source` / `spec.sources[]` entry (only the fields we use). */
export interface AppSource {
  repoURL: string;
  path?: string;
  chart?: string;
  targetRevision?: string;
  ref?: string;
  helm?: { valueFiles?: string[]; parameters?: HelmParameter[]; values?: string; valuesObject?: unknown };
  kustomize?: { images?: string[] };
  plugin?: unknown;
  /** `directory:` options of a plain-manifests source (`recurse` makes Argo CD read subdirectories). */
  directory?: { recurse?: boolean };
  /** Index in `spec.sources` (0 for `spec.source`). */
  index: number;
}

/** Application is an Argo CD Application read from a file of the manifests repo. */
export interface Application {
  name: string;
  /** `metadata.namespace`, or undefined when absent (Argo CD then uses its own namespace, DEFAULT_NAMESPACE). */
  namespace?: string;
  /**
   * The name reports use, unique within a run: the name; `namespace/name` when several namespaces hold that
   * name; with ` (file)` appended when copies of one namespace/name live in several files. See labelApplications.
   */
  label: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  sources: AppSource[];
  /** `status.sourceType` / `status.sourceTypes` when present in git (rare). */
  sourceTypes: string[];
  /** Repo-relative path of the file that holds it. */
  file: string;
  /** 1-based line of the document's `kind:` (or first line of the document). */
  line: number;
  /** 1-based line of each annotation key, for error messages. */
  annotationLines: Record<string, number>;
  /** The ApplicationSet that generated it (file and line of the ApplicationSet); absent for hand-written ones. */
  generatedBy?: { name: string; file: string; line: number };
}

/** StrategyName is one of the updater's four strategies (deprecated names already mapped). */
export type StrategyName = 'semver' | 'newest-build' | 'alphabetical' | 'digest';

/** HelmTarget holds the Helm parameter paths for one image. */
export interface HelmTarget {
  name?: string;
  tag?: string;
  spec?: string;
  /** `image-promoter.argoproj.io/<alias>.helm.image-digest` (ours, issue 12): the key that gets the digest. */
  digest?: string;
}

/** ImageSpec is one image of an Application's image list with every setting resolved for it. */
export interface ImageSpec {
  /** The alias, or the image name as written when the item had none. */
  alias: string;
  hasAlias: boolean;
  /** The image (tag/digest cleared); `constraint` holds the tag text of the image-list item. */
  ref: ImageRef;
  /** The name written back for the image, in the form the image-list item used (`docker.io/x/y` kept); see specName. */
  writtenName?: string;
  /** Constraint text as written after the image (`~1.2`, `latest`), "" when none. */
  constraint: string;
  strategy: StrategyName;
  /** The strategy as the user wrote it (before deprecated names were mapped), for messages. */
  strategyRaw: string;
  /** Raw allow-tags value, undefined when not set (= any). */
  allowTags?: string;
  ignoreTags: string[];
  forceUpdate: boolean;
  pullSecret?: string;
  /** `os/arch[/variant]` list; empty means the default (linux/amd64). */
  platforms: string[];
  helm?: HelmTarget;
  /** kustomize.image-name: the name as it appears in the manifests. */
  kustomizeImageName?: string;
  /** ImageUpdater `manifestTargets.plugin`: plugin env variable names (`name`, `tag`, or `spec`). */
  plugin?: HelmTarget;
  /** promote-from & co. (issue 12): the candidate is what another Application runs in git. */
  promotion?: Promotion;
  /** The annotation (full key) that holds this image (`hold: true`): not updated, and not promoted from. */
  hold?: string;
  /** pin-digest: true (ours, issue 12): the chosen tag is written with its digest whatever the strategy. */
  pinDigest?: boolean;
}

/** WriteBack holds the Application-level write-back settings. */
export interface WriteBack {
  /** `argocd`, `git`, `git:repocreds`, `git:secret:<ns>/<name>`. */
  method: string;
  target?: string;
  gitBranch?: string;
  gitRepository?: string;
}

/** PublishSettings are this tool's extensions, read from PROMOTER_PREFIX annotations. */
export interface PublishSettings {
  mode?: 'commit' | 'pull-request' | 'auto-merge' | 'files';
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  assignees: string[];
  draft?: boolean;
  group?: string;
}

/** AppConfig is the whole image-updater configuration of one Application. */
export interface AppConfig {
  app: Application;
  images: ImageSpec[];
  writeBack: WriteBack;
  publish: PublishSettings;
  /** Where the configuration came from: the Application's annotations or an ImageUpdater CR. */
  origin: { kind: 'annotations'; selectedBy?: ImageUpdaterRef } | ({ kind: 'ImageUpdater' } & ImageUpdaterRef);
  /** Non-fatal remarks (e.g. an allow-tags value that matches nothing). */
  warnings: string[];
}

/** ImageUpdaterRef names an ImageUpdater CR and where it is declared. */
export interface ImageUpdaterRef {
  name: string;
  file: string;
  line: number;
}

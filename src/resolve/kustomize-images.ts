/**
 * kustomize-images: the Application's own `kustomize.images` list (Argo CD kustomize image strings
 * `[<original>=]<name>[:<tag>][@<digest>]`) as argocd-image-updater treats it (pkg/argocd/argocd.go
 * `SetKustomizeImage`/`GetKustomizeImage`, at de2cfec6). Pure.
 */
import { tryParseImageRef, type ImageRef } from './image-ref.js';

/** KustomizeImageOwner is what identifies an image's entry: its repository and its kustomize.image-name. */
export interface KustomizeImageOwner {
  ref: Pick<ImageRef, 'registry' | 'repository'>;
  /** kustomize.image-name (aliased images only). */
  kustomizeName?: string;
}

/** splitOriginal splits `orig=rest` at the first `=` (no original when there is no `=`). */
export function splitOriginal(entry: string): { original?: string; image: string } {
  const eq = entry.indexOf('=');
  if (eq < 0) return { image: entry };
  const original = entry.slice(0, eq).trim();
  return { ...(original === '' ? {} : { original }), image: entry.slice(eq + 1).trim() };
}

/**
 * entryBelongsTo is SetKustomizeImage's test: the same image path (registry not compared), and, when the
 * image has a kustomize.image-name and the entry an original name, the same original name, so two aliases
 * of one repository ("service-a=org/app", "service-b=org/app") never share an entry.
 */
export function entryBelongsTo(entry: string, owner: KustomizeImageOwner): boolean {
  const { original, image } = splitOriginal(entry);
  const ref = tryParseImageRef(image);
  if (ref === undefined || ref.repository !== owner.ref.repository) return false;
  return owner.kustomizeName === undefined || original === undefined || original === owner.kustomizeName;
}

/** setSpecImage is SetKustomizeImage on a list: every entry of the image replaced by `entry`, appended when none. */
export function setSpecImage(images: readonly string[], entry: string, owner: KustomizeImageOwner): string[] {
  let found = false;
  const out = images.map((image) => {
    if (!entryBelongsTo(image, owner)) return image;
    found = true;
    return entry;
  });
  return found ? [...new Set(out)] : [...out, entry];
}

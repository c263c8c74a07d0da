/**
 * liveness: the git equivalent of argocd-image-updater's "is this image live" test (issue 10 item 3).
 * The updater processes an image only when the Application runs it (`status.summary.images`), unless
 * `force-update` is true (pkg/argocd/update.go UpdateApplication "seems not to be live in this application,
 * skipping"; argocd.go GetImagesFromApplication adds force-update images with no tag). We have no cluster:
 * an image that nothing in git references (no override, spec parameter, kustomize entry, values key or
 * container `image:`) is not run by the Application. Pure.
 */
import { ANNOTATION_PREFIX } from '../discover/types.js';
import { imageName } from './image-ref.js';
import { pickSource } from './source.js';
import type { RepoFiles, ResolvedImage } from './types.js';

/**
 * unreferencedReason returns why an image is skipped, or undefined to process it: it is referenced in git,
 * force-update is set, or git cannot see what the Application renders (a chart from a Helm repository).
 */
export function unreferencedReason(item: ResolvedImage, files: RepoFiles): string | undefined {
  const { config, image } = item;
  if (item.current !== undefined || image.forceUpdate) return undefined;
  // Only the source matters here, not its type (which write-back-target may force).
  const source = pickSource(config.app, files);
  if (source.chart !== undefined && source.path === undefined) return undefined;
  const key = `${ANNOTATION_PREFIX}${image.hasAlias ? `${image.alias}.` : ''}force-update`;
  return (
    `nothing in git references ${imageName(image.ref)} (no override, kustomize entry, Helm value or container image), so the Application does not run it; ` +
    `argocd-image-updater skips an image that is not live. Set ${key}: "true" to write it anyway.`
  );
}

/**
 * write-back: validates the Application-level write-back settings (ARGOCD-IMAGE-UPDATER.md §1.4), shared by
 * the annotations and the ImageUpdater CR. Returns a problem description instead of throwing, so each caller
 * can name its own annotation or field.
 */
import type { WriteBack } from './types.js';

/** WriteBackProblem names the setting that is wrong, why, and the fix. */
export interface WriteBackProblem {
  setting: 'write-back-method' | 'git-branch';
  message: string;
  fix: string;
}

/** RawWriteBack are the settings as written; "" counts as not set. */
export interface RawWriteBack {
  method?: string;
  target?: string;
  gitBranch?: string;
  gitRepository?: string;
}

/**
 * writeBackFromRaw validates and fills defaults. An absent method means `git` here: the updater's default is
 * `argocd`, but this tool only writes git, and an Application that opted in with image-list wants its
 * images promoted; an explicit `argocd` is kept so the pipeline can skip it with a reason.
 */
export function writeBackFromRaw(raw: RawWriteBack): WriteBack | WriteBackProblem {
  const method = nonEmpty(raw.method) ?? 'git';
  if (!isValidMethod(method)) {
    return {
      setting: 'write-back-method',
      message: `write-back method "${method}" is not valid`,
      fix: 'Use argocd, git, git:repocreds or git:secret:<namespace>/<secret>.',
    };
  }
  const gitBranch = nonEmpty(raw.gitBranch);
  // The updater splits git-branch on ":" into base and push template; a second ":" is its error too.
  if (gitBranch !== undefined && gitBranch.split(':').length > 2) {
    return {
      setting: 'git-branch',
      message: `git-branch "${gitBranch}" has more than one ":"`,
      fix: 'Write <branch>, <base>:<push-template> or :<push-template>.',
    };
  }
  const target = nonEmpty(raw.target);
  const gitRepository = nonEmpty(raw.gitRepository);
  return {
    method,
    ...(target === undefined ? {} : { target }),
    ...(gitBranch === undefined ? {} : { gitBranch }),
    ...(gitRepository === undefined ? {} : { gitRepository }),
  };
}

/** isWriteBackProblem tells a problem from a WriteBack. */
export function isWriteBackProblem(value: WriteBack | WriteBackProblem): value is WriteBackProblem {
  return 'setting' in value;
}

function isValidMethod(method: string): boolean {
  if (method === 'argocd' || method === 'git' || method === 'git:repocreds') return true;
  // 1.x also accepts `git:secret:<name>` (the CR's namespace).
  return /^git:secret:(?:[^/:\s]+\/)?[^/:\s]+$/.test(method);
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

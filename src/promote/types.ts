/**
 * The model of promotion (issue 12): where a promoted image's candidate comes from (another Application's image
 * as git holds it), and the adapters that say since when git holds it and whether that commit's checks passed.
 */

/** FileVersion is one commit that changed a file, newest first in a FileHistory. */
export interface FileVersion {
  sha: string;
  /** Committer date. */
  date: Date;
  /** A link to the commit for reports (GitHub's commit page); absent on a plain checkout. */
  url?: string;
  /** The file's text at that commit; undefined when the commit deleted it. */
  text: string | undefined;
  /**
   * For a merge commit: the file's text at its first parent (the branch before the merge). GitHub's history lists the
   * merged branch's own commits too; the value reached the branch at the merge when the first parent lacks it.
   */
  merge?: { firstParentText: string | undefined };
  /** The checks reported on the commit, when the history source reads them with the history (GitHub GraphQL). */
  checks?: CheckState[];
}

/** FileHistory is a file's recent history and the clock of the source that dated it. */
export interface FileHistory {
  /** Commits that changed the file, newest first (a bounded number: `complete` says whether older ones exist). */
  versions: FileVersion[];
  /** Whether `versions` reaches the commit that created the file. */
  complete: boolean;
  /**
   * The time now, by the clock that dated the commits: GitHub's (the `Date` of its answer) through the API, this
   * machine's on a checkout. Soak times are measured against it, so a runner's skewed clock does not count.
   */
  now: Date;
}

/** CheckState is one check run or commit status on a commit. */
export interface CheckState {
  /** Check run name or status context. */
  name: string;
  /** `success`, `failure`, `pending`, `neutral`, `skipped`, `cancelled`, `timed_out`, `action_required`, `error`, … (lower case). */
  state: string;
}

/** PromotionAccess reads what promotion needs beyond the snapshot: file histories and commit checks. */
export interface PromotionAccess {
  /** history reads the file's history (memoised by the caller: one call per file and run); `withChecks` asks for each commit's checks too. */
  history(path: string, options: { withChecks: boolean }): Promise<FileHistory>;
  /** checks reads the checks of a commit when the history does not bring them; undefined when nothing can read them. */
  checks?(sha: string): Promise<CheckState[] | undefined>;
}

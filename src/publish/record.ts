/**
 * recordPublishResult (pure): folds what the publisher did into the run report. Pull requests, the
 * commit SHA and notes are recorded; the Applications of a group that failed to publish get an error
 * (stage `publish`) and their updates leave `updates`, which lists only what landed.
 */
import { toUserMessage } from '../errors.js';
import type { RunReport } from '../report/result.js';
import type { PublishResult, Withheld } from './types.js';

/** recordPublishResult records the publisher's result in the report. */
export function recordPublishResult(result: PublishResult, report: RunReport): void {
  report.pullRequests.push(
    ...result.pullRequests.map(({ number, url, branch, operation, applications, autoMerge, autoMergeReason, behind, reason }) => ({
      number, url, branch, operation,
      ...(behind ? { behind } : {}),
      ...(reason ? { reason } : {}),
      ...(applications ? { applications } : {}),
      ...(autoMerge ? { autoMerge } : {}),
      ...(autoMergeReason ? { autoMergeReason } : {}),
    })),
  );
  for (const pr of result.pullRequests) markCarried(report, pr.applications ?? [], pr.number, pr.operation === 'unchanged');
  report.commitSha = result.commitSha ?? report.commitSha;
  report.warnings.push(...result.notes.map((message) => ({ message })));
  for (const failure of result.failures) recordFailedApplications(report, failure.applications, toUserMessage(failure.error));
  for (const held of result.withheld ?? []) recordWithheld(report, held);
}

/** recordWithheld moves changes left out on purpose from `updates` to `skipped` (with the reason) and warns once. */
function recordWithheld(report: RunReport, held: Withheld): void {
  const key = (application: string, alias: string) => `${application}\u0000${alias}`;
  const out = new Set(held.changes.map((c) => key(c.label ?? c.application, c.alias)));
  report.updates = report.updates.filter((u) => !out.has(key(u.application, u.alias)));
  report.skipped.push(...held.changes.map((c) => ({ application: c.label ?? c.application, alias: c.alias, reason: held.reason })));
  report.warnings.push({ message: held.reason });
}

/** markCarried links the updates of the Applications a pull request carries to it; `pending` when the run left it as it was. */
function markCarried(report: RunReport, applications: readonly string[], number: number, pending: boolean): void {
  const carried = new Set(applications);
  for (const u of report.updates) {
    if (!carried.has(u.application) || (u.mode !== 'pull-request' && u.mode !== 'auto-merge')) continue;
    u.pullRequest = number;
    if (pending) u.pending = true;
  }
}

/** recordFailedApplications marks Applications as not published: an error each, and their updates removed from `updates`. */
export function recordFailedApplications(report: RunReport, applications: readonly string[], message: string): void {
  const failed = new Set(applications);
  for (const application of failed) report.errors.push({ application, message: `not published: ${message}`, stage: 'publish' });
  report.updates = report.updates.filter((u) => !failed.has(u.application));
}

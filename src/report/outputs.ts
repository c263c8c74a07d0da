/** Sets the action's outputs, job summary and annotations from a run report (stage 7, I/O through @actions/core). */
import * as core from '@actions/core';
import { hasNews, type RunReport } from './result.js';
import { renderSummaryMarkdown } from './render.js';

/** writeOutputs sets every output of action.yml. */
export function writeOutputs(report: RunReport): void {
  core.setOutput('updates', JSON.stringify(report.updates));
  core.setOutput('skipped', JSON.stringify(report.skipped));
  core.setOutput('errors', JSON.stringify(report.errors));
  core.setOutput('pull-requests', JSON.stringify(report.pullRequests));
  core.setOutput('commit-sha', report.commitSha ?? '');
  core.setOutput('files-changed', JSON.stringify(report.filesChanged));
  core.setOutput('warnings', JSON.stringify(report.warnings));
  core.setOutput('has-updates', hasNews(report) ? 'true' : 'false');
  core.setOutput('configured-by', JSON.stringify(report.configuredBy ?? {}));
}


/** annotate turns errors and warnings into workflow annotations pointing at the Application file and line. */
export function annotate(report: RunReport): void {
  for (const error of report.errors) {
    core.error(error.message, { title: `argocd-image-promoter: ${error.application}`, file: error.file, startLine: error.line });
  }
  for (const warning of report.warnings) core.warning(warning.message, { title: 'argocd-image-promoter', file: warning.file, startLine: warning.line });
}

/** writeSummary appends the job summary table, when the runner provides a summary file. */
export async function writeSummary(report: RunReport): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(renderSummaryMarkdown(report), true).write();
}

/** Pure renderers for the run report: a terminal table and the job-summary markdown. */
import { applicationCell, type RunReport } from './result.js';

/** renderTable renders the report as aligned text columns for a terminal. */
export function renderTable(report: RunReport): string {
  const rows: string[][] = [['APPLICATION', 'ALIAS', 'IMAGE', 'CURRENT', 'CHOSEN', 'STRATEGY', 'RESULT', 'FILE / REASON']];
  for (const u of report.updates) rows.push([applicationCell(u), u.alias, u.image, u.from ?? '-', u.to, u.strategy, `update (${u.mode})`, u.file]);
  for (const u of report.unchanged) rows.push([applicationCell(u), u.alias, u.image, u.tag ?? '-', u.tag ?? '-', u.strategy, 'up to date', u.file]);
  for (const s of report.skipped) rows.push([applicationCell(s), s.alias ?? '-', '', '', '', '', 'skipped', s.reason]);
  for (const e of report.errors) rows.push([applicationCell(e), e.alias ?? '-', '', '', '', '', 'FAILED', e.message]);
  const lines = alignColumns(rows);
  const tail: string[] = [];
  for (const warning of report.warnings) tail.push(`warning: ${warning.message}`);
  if (report.filesChanged.length > 0) tail.push(`${report.dryRun ? 'would change' : 'changed'}: ${report.filesChanged.join(', ')}`);
  tail.push(summaryLine(report));
  return [...lines, '', ...tail].join('\n') + '\n';
}

/** summaryLine counts updates, unchanged, skipped and failed. */
export function summaryLine(report: RunReport): string {
  return `${report.updates.length} to update, ${report.unchanged.length} up to date, ${report.skipped.length} skipped, ${report.errors.length} failed`;
}

function alignColumns(rows: string[][]): string[] {
  // The last column is free text (paths, reasons): it is not padded.
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());
}

/** renderSummaryMarkdown renders the job summary (application, image, from -> to, mode, PR link, skipped reasons). */
export function renderSummaryMarkdown(report: RunReport): string {
  const out: string[] = ['## argocd-image-promoter', '', summaryLine(report), ''];
  if (report.updates.length > 0) {
    out.push('| Application | Alias | Image | From | To | Mode | File |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const u of report.updates) out.push(`| ${cell(applicationCell(u))} | ${cell(u.alias)} | \`${cell(u.image)}\` | ${cell(u.from ?? '-')} | **${cell(u.to)}** | ${u.mode} | ${cell(u.file)} |`);
    out.push('');
  }
  if (report.pullRequests.length > 0) {
    out.push('| Pull request | Branch | Operation |', '| --- | --- | --- |');
    for (const pr of report.pullRequests) out.push(`| [#${pr.number}](${pr.url}) | ${cell(pr.branch)} | ${pr.operation} |`);
    out.push('');
  }
  if (report.commitSha) out.push(`Commit: \`${report.commitSha}\``, '');
  if (report.skipped.length > 0) {
    out.push('| Skipped | Alias | Reason |', '| --- | --- | --- |');
    for (const s of report.skipped) out.push(`| ${cell(applicationCell(s))} | ${cell(s.alias ?? '-')} | ${cell(s.reason)} |`);
    out.push('');
  }
  if (report.errors.length > 0) {
    out.push('| Failed | Alias | Error |', '| --- | --- | --- |');
    for (const e of report.errors) out.push(`| ${cell(applicationCell(e))} | ${cell(e.alias ?? '-')} | ${cell(e.message)} |`);
    out.push('');
  }
  return out.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

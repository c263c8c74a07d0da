/** Pure renderers for the run report: a terminal table and the job-summary markdown. */
import { applicationCell, type RunReport } from './result.js';

import { summaryLine } from './summary-markdown.js';

export { renderSummaryMarkdown, summaryLine } from './summary-markdown.js';

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

function alignColumns(rows: string[][]): string[] {
  // The last column is free text (paths, reasons): it is not padded.
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());
}

/** Pure renderers for the run report: a terminal table and the job-summary markdown. */
import { bySource } from './configured-by.js';
import { shortenDigests, writtenRef } from './digest-text.js';
import { applicationCell, type RunReport } from './result.js';

import { summaryLine } from './summary-markdown.js';

export { renderSummaryMarkdown, summaryLine } from './summary-markdown.js';

/** renderTable renders the report as aligned text columns for a terminal. */
export function renderTable(report: RunReport): string {
  const rows: string[][] = [['APPLICATION', 'ALIAS', 'IMAGE', 'CURRENT', 'CHOSEN', 'STRATEGY', 'RESULT', 'FILE / REASON']];
  for (const u of report.updates) rows.push([applicationCell(u), u.alias, u.image, shortenDigests(u.from ?? '-'), writtenRef(u), u.strategy, `update (${u.mode})`, u.file]);
  for (const u of report.unchanged) rows.push([applicationCell(u), u.alias, u.image, u.tag ?? '-', u.tag ?? '-', u.strategy, 'up to date', u.file]);
  for (const s of report.skipped) rows.push([applicationCell(s), s.alias ?? '-', '', '', '', '', 'skipped', s.reason]);
  for (const e of report.errors) rows.push([applicationCell(e), e.alias ?? '-', '', '', '', '', 'FAILED', e.message]);
  const lines = report.updates.length > BY_FILE_AT ? byFile(rows, report.updates.length) : alignColumns(rows);
  const tail: string[] = [];
  for (const [source, applications] of bySource(report.configuredBy ?? {})) tail.push(`configured by ${source}: ${applications.join(', ')}`);
  for (const warning of report.warnings) tail.push(`warning: ${warning.message}`);
  if (report.filesChanged.length > 0) tail.push(`${report.dryRun ? 'would change' : 'changed'}: ${report.filesChanged.join(', ')}`);
  tail.push(summaryLine(report));
  return [...lines, '', ...tail].join('\n') + '\n';
}

/** BY_FILE_AT: above this many updates the table groups the update rows by edited file, so a big plan stays readable. */
export const BY_FILE_AT = 10;

/**
 * byFile aligns all rows alike, then puts the update rows (rows 1..updates) under one heading per edited file (files
 * in name order, rows in plan order within a file); the other rows follow as they are.
 */
function byFile(rows: string[][], updates: number): string[] {
  const aligned = alignColumns(rows);
  const files = new Map<string, string[]>();
  for (let i = 1; i <= updates; i++) {
    const file = rows[i]![rows[i]!.length - 1]!;
    files.set(file, [...(files.get(file) ?? []), aligned[i]!]);
  }
  const grouped = [...files.keys()].sort().flatMap((file) => {
    const lines = files.get(file)!;
    return [`${file} (${lines.length} ${lines.length === 1 ? 'update' : 'updates'}):`, ...lines.map((l) => `  ${l}`)];
  });
  return [aligned[0]!, ...grouped, ...aligned.slice(updates + 1)];
}

function alignColumns(rows: string[][]): string[] {
  // The last column is free text (paths, reasons): it is not padded.
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());
}

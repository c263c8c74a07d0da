/**
 * renderSummaryMarkdown (pure): the job summary. What changed (and whether it is new or still pending
 * in an open pull request), each pull request with the Applications it carries and its auto-merge
 * state, the commit, what is up to date, skipped or failed, and the warnings. A dry run says so first.
 */
import { bySource } from './configured-by.js';
import { pinnedDigestLines, shortenDigests, writtenRef } from './digest-text.js';
import { applicationCell, type PullRequestEntry, type RunReport, type UpdateEntry } from './result.js';

/** summaryLine counts updates, unchanged, skipped and failed. */
export function summaryLine(report: RunReport): string {
  const pending = report.updates.filter((u) => u.pending).length;
  const updates = `${report.updates.length} to update${pending > 0 ? ` (${pending} already pending in open pull requests)` : ''}`;
  return `${updates}, ${report.unchanged.length} up to date, ${report.skipped.length} skipped, ${report.errors.length} failed`;
}

/** renderSummaryMarkdown renders the job summary markdown. */
export function renderSummaryMarkdown(report: RunReport): string {
  const out: string[] = ['## argocd-image-promoter', ''];
  if (report.dryRun) out.push('> **Dry run**: nothing was committed, pushed or opened; this is what a real run would do.', '');
  out.push(summaryLine(report), '');
  table(out, ['Application', 'Alias', 'Image', 'From', 'To', 'Mode', 'File'], report.updates.map((u) => [cell(applicationCell(u)), cell(u.alias), `\`${cell(u.image)}\``, cell(shortenDigests(u.from ?? '-')), `**${cell(writtenRef(u))}**${u.promotedFrom ? `<br>${cell(u.promotedFrom)}` : ''}`, modeCell(u), cell(u.file)]));
  out.push(...pinnedDigestLines(report.updates.filter((u) => u.pinned && u.digest).map((u) => ({ application: applicationCell(u), alias: u.alias, image: u.image, tag: u.to, digest: u.digest! }))));
  table(out, ['Pull request', 'Applications', 'Operation', 'Auto-merge'], report.pullRequests.map((pr) => [`[#${pr.number}](${pr.url})`, cell((pr.applications ?? []).join(', ') || pr.branch), pr.behind ? `${pr.operation} (behind its base)` : pr.operation, cell(autoMergeCell(pr))]));
  if (report.commitSha) out.push(`Commit: \`${report.commitSha}\``, '');
  table(out, ['Up to date', 'Alias', 'Image', 'Tag'], report.unchanged.map((u) => [cell(applicationCell(u)), cell(u.alias), `\`${cell(u.image)}\``, cell(u.tag ?? '-')]));
  table(out, ['Skipped', 'Alias', 'Reason'], report.skipped.map((s) => [cell(applicationCell(s)), cell(s.alias ?? '-'), cell(s.reason)]));
  table(out, ['Failed', 'Alias', 'Error'], report.errors.map((e) => [cell(applicationCell(e)), cell(e.alias ?? '-'), cell(e.message)]));
  table(out, ['Configured by', 'Applications'], bySource(report.configuredBy ?? {}).map(([source, apps]) => [cell(source), cell(apps.join(', '))]));
  if (report.warnings.length > 0) {
    out.push('### Warnings', '', ...report.warnings.map((w) => `- ${w.file ? `\`${w.file}${w.line ? `:${w.line}` : ''}\`: ` : ''}${w.message.replace(/\r?\n/g, ' ')}`), '');
  }
  return out.join('\n');
}

function table(out: string[], header: string[], rows: string[][]): void {
  if (rows.length === 0) return;
  out.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), '');
}

function modeCell(u: UpdateEntry): string {
  if (u.pullRequest === undefined) return u.mode;
  return `${u.mode} (#${u.pullRequest}${u.pending ? ', already pending' : ''})`;
}

function autoMergeCell(pr: PullRequestEntry): string {
  if (pr.autoMerge === 'enabled') return 'armed';
  if (pr.autoMerge === 'merged') return 'merged directly';
  if (pr.autoMerge === 'not-enabled') return `not armed: ${pr.autoMergeReason ?? 'unknown'}`;
  return '-';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Pull request title and body: what is deployed where. Application, image, old -> new tag, digest,
 * strategy, and a compare link when the image tells its source (`org.opencontainers.image.source` /
 * `revision` labels) or its tags are commit SHAs of a GitHub repository (ghcr.io/<owner>/<repo>).
 */
import { pinnedDigestLines, shortDigest, shortenDigests } from '../report/digest-text.js';
import type { ImageChange } from './types.js';
import { changeFingerprint } from './branch-name.js';
import { renderRecord, type PullRecord } from './pr-record.js';

/** FINGERPRINT_MARKER starts the hidden comment that records the change set in the body. */
export const FINGERPRINT_MARKER = '<!-- image-promoter:fingerprint=';

const SOURCE_LABEL = 'org.opencontainers.image.source';
const REVISION_LABEL = 'org.opencontainers.image.revision';
const SHA_TAG = /^(?:sha-)?([0-9a-f]{7,40})$/;
/** GitHub caps PR bodies at 65,536 characters. */
const MAX_BODY = 60_000;

/** githubRepoUrl normalises a source URL to https://github.com/<owner>/<repo>, or undefined. */
export function githubRepoUrl(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const m = /^(?:git\+)?(?:https?:\/\/|git@|ssh:\/\/git@)github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(source.trim());
  return m ? `https://github.com/${m[1]}/${m[2]}` : undefined;
}

/** compareLink returns a GitHub link to what changed between the two builds, when it can tell. */
export function compareLink(change: ImageChange): string | undefined {
  const ghcr = /^ghcr\.io\/([\w.-]+)\/([\w.-]+)$/.exec(change.image);
  const repo = githubRepoUrl(change.labels?.[SOURCE_LABEL]) ?? (ghcr ? `https://github.com/${ghcr[1]}/${ghcr[2]}` : undefined);
  if (!repo) return undefined;
  const newRev = change.labels?.[REVISION_LABEL] ?? SHA_TAG.exec(change.to)?.[1];
  const oldRev = change.fromLabels?.[REVISION_LABEL] ?? (change.from ? SHA_TAG.exec(change.from)?.[1] : undefined);
  if (!newRev) return undefined;
  if (!oldRev) return `${repo}/commit/${newRev}`;
  return oldRev === newRev ? undefined : `${repo}/compare/${oldRev}...${newRev}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * shownName names a change's Application as the run's report does where the name alone is ambiguous (copies in
 * several files or namespaces: the label differs from the name), else as `namespace/name`.
 */
function shownName(c: ImageChange): string {
  if (c.label !== undefined && c.label !== c.application) return c.label;
  return c.namespace ? `${c.namespace}/${c.application}` : c.application;
}

function changeRow(c: ImageChange): string {
  const name = shownName(c);
  const app = c.applicationSet === undefined ? name : `${name} (ApplicationSet ${c.applicationSet})`;
  const link = compareLink(c);
  const digest = c.digest ? `\`${shortDigest(c.digest)}\`` : '';
  const cells = [app, `\`${c.image}\` (${c.alias})`, c.from ? `\`${shortenDigests(c.from)}\`` : '_none_', `\`${shortenDigests(c.to)}\``, digest, c.strategy, link ? `[changes](${link})` : '', `\`${c.file}\``];
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** MAX_TITLE is GitHub's limit on pull request titles (longer ones are refused with 422). */
export const MAX_TITLE = 256;

/** capTitle keeps a title within GitHub's 256 characters: the start stays, the end becomes "…". */
export function capTitle(title: string, max = MAX_TITLE): string {
  const chars = [...title];
  return chars.length <= max ? title : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** pullRequestTitle says what is deployed where in one line (at most 256 characters). */
export function pullRequestTitle(key: string, changes: readonly ImageChange[]): string {
  const apps = [...new Set(changes.map((c) => c.label ?? c.application))];
  if (changes.length === 1) {
    const c = changes[0]!;
    return capTitle(`chore(deploy): ${c.label ?? c.application}: ${c.alias} ${c.from ?? 'none'} → ${c.to}`);
  }
  if (apps.length === 1) return capTitle(`chore(deploy): update ${changes.length} images of ${apps[0]}`);
  return capTitle(`chore(deploy): update ${changes.length} images in ${apps.length} applications (${key})`);
}

/** MAX_RECORD caps the hidden record; a bigger one keeps only the key and head (the guards then see no changes). */
const MAX_RECORD = 20_000;

function recordText(record: PullRecord): string {
  const full = renderRecord(record);
  return full.length <= MAX_RECORD ? full : renderRecord({ ...record, changes: [] });
}

/** pullRequestBody renders the body: a table of changes plus the hidden fingerprint marker (and record). */
export function pullRequestBody(key: string, baseBranch: string, changes: readonly ImageChange[], note?: string, record?: PullRecord): string {
  const head = [
    `Promotes images on \`${baseBranch}\` for **${key}**.`,
    '',
    '| Application | Image | From | To | Digest | Strategy | Source | File |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const tail = ['', ...pinnedDigestLines(pinnedOf(changes)), ...promotionLines(changes), ...(note ? [note, ''] : []), '_Opened by argocd-image-promoter; later runs update this pull request in place._', `${FINGERPRINT_MARKER}${changeFingerprint(changes)} -->`, ...(record ? [recordText(record)] : [])];
  const rows: string[] = [];
  let size = head.join('\n').length + tail.join('\n').length;
  for (const c of changes) {
    const row = changeRow(c);
    if (size + row.length + 1 > MAX_BODY) {
      rows.push(`| … ${changes.length - rows.length} more | | | | | | | |`);
      break;
    }
    rows.push(row);
    size += row.length + 1;
  }
  return [...head, ...rows, ...tail].join('\n');
}

/**
 * promotionLines say where each promoted tag comes from and how long it ran there (issue 12): "web-prod web:
 * `1.1.0` (pinned) in web-staging/web since … (commit), soaked 26 h".
 */
function promotionLines(changes: readonly ImageChange[]): string[] {
  const promoted = changes.filter((c) => c.promotedFrom !== undefined).slice(0, 50);
  if (promoted.length === 0) return [];
  // A pinned digest is listed under "Pinned digests" already; an unpinned tag shows the digest the registry confirmed.
  const tagOf = (c: ImageChange) => (c.to.includes('@') ? `\`${c.to.slice(0, c.to.indexOf('@'))}\` (pinned)` : `\`${c.to}\`${c.digest ? ` (\`${c.digest}\`)` : ''}`);
  const line = (c: ImageChange) => `- ${c.label ?? c.application} ${c.alias}: ${tagOf(c)} ${c.promotedFrom!.replace(/^from /, 'promoted from ')}`;
  return ['**Promotion**', '', ...promoted.map(line), ''];
}

/** pinnedOf lists the changes whose digest is written (`to` is `tag@digest`), for the full-digest lines. */
function pinnedOf(changes: readonly ImageChange[]) {
  return changes.flatMap((c) => {
    const at = c.to.indexOf('@');
    return at < 0 ? [] : [{ application: c.label ?? c.application, alias: c.alias, image: c.image, tag: c.to.slice(0, at), digest: c.to.slice(at + 1) }];
  });
}

/** fingerprintOf reads the fingerprint marker back from a PR body. */
export function fingerprintOf(body: string | null | undefined): string | undefined {
  const at = body?.lastIndexOf(FINGERPRINT_MARKER) ?? -1;
  if (at < 0) return undefined;
  return /^([0-9a-f]+) -->/.exec(body!.slice(at + FINGERPRINT_MARKER.length))?.[1];
}

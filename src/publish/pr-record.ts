/**
 * The record a pull request of ours carries in a hidden comment of its body: which group it belongs to, the pull request
 * of the same group a person declined before it, and what it proposes per image. Later runs read it back
 * from the listing (no extra request) to keep people's decisions and never narrow or age the proposal.
 */
import type { ImageChange } from './types.js';

/** RECORD_MARKER starts the hidden comment that holds the record. */
export const RECORD_MARKER = '<!-- image-promoter:record=';

/** RecordedChange is one image a pull request proposes. */
export interface RecordedChange {
  /** Report label of the Application. */
  app: string;
  alias: string;
  image: string;
  from?: string | null;
  to: string;
  strategy: string;
  file: string;
  /** Build time of the proposed image (ISO), when known. */
  created?: string;
  /** When the run that proposed it read the registry (ISO). */
  seenAt?: string;
}

/** PullRecord is what a pull request of ours says about itself. */
export interface PullRecord {
  key: string;
  /** The pull request of this group that a person closed without merging, before this one. */
  declined?: number;
  /** Its link. */
  declinedUrl?: string;
  /** Set when we closed it ourselves (not a person's decline). */
  closedBy?: 'promoter';
  /** Files people changed in commits they pushed to its branch (our commits then go on top, never over them). */
  foreignFiles?: string[];
  changes: RecordedChange[];
}

/** timesOf keeps the times a proposal orders by (build time, registry read), those that are known. */
export function timesOf(c: Pick<RecordedChange, 'created' | 'seenAt'> | undefined): Pick<RecordedChange, 'created' | 'seenAt'> {
  return { ...(c?.created === undefined ? {} : { created: c.created }), ...(c?.seenAt === undefined ? {} : { seenAt: c.seenAt }) };
}

/** recordedChange keeps what identifies a proposal of one image. */
export function recordedChange(c: ImageChange): RecordedChange {
  return { app: c.label ?? c.application, alias: c.alias, image: c.image, from: c.from, to: c.to, strategy: c.strategy, file: c.file, ...timesOf(c) };
}

/** renderRecord renders the hidden comment (base64url JSON, so no `-->` can end it early). */
export function renderRecord(record: PullRecord): string {
  return `${RECORD_MARKER}${Buffer.from(JSON.stringify(record), 'utf8').toString('base64url')} -->`;
}

/** recordOf reads the record back from a body; undefined when absent or unreadable (a person edited it). */
export function recordOf(body: string | null | undefined): PullRecord | undefined {
  const at = body?.lastIndexOf(RECORD_MARKER) ?? -1;
  if (at < 0) return undefined;
  const encoded = /^([A-Za-z0-9_-]+) -->/.exec(body!.slice(at + RECORD_MARKER.length))?.[1];
  if (!encoded) return undefined;
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as PullRecord;
    return typeof value.key === 'string' && Array.isArray(value.changes) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** withRecord replaces (or appends) the record in a body. */
export function withRecord(body: string, record: PullRecord): string {
  const at = body.lastIndexOf(RECORD_MARKER);
  const kept = at < 0 ? body : body.slice(0, at).replace(/\n$/, '');
  return `${kept}\n${renderRecord(record)}`;
}

/** HEAD_MARKER starts the hidden comment recording what we pushed. */
export const HEAD_MARKER = '<!-- image-promoter:head=';

/** headMarker records the head commit we pushed and the base commit it was built on. */
export function headMarker(head: string, base: string): string {
  return `${HEAD_MARKER}${head} base=${base} -->`;
}

/** readHeadMarker reads the marker back from a PR body. */
export function readHeadMarker(body: string): { head: string; base: string } | undefined {
  const at = body.lastIndexOf(HEAD_MARKER);
  const m = at < 0 ? null : /^([0-9a-f]{40,64}) base=([0-9a-f]{40,64}) -->/.exec(body.slice(at + HEAD_MARKER.length));
  return m ? { head: m[1]!, base: m[2]! } : undefined;
}

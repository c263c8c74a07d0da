/**
 * Tag names from registries are untrusted input: a tag reaches manifests, image references and Helm
 * values (which charts may `tpl`). Only tags valid by the OCI distribution spec are candidates
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests:
 * `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`), which rules out newlines, `: `, `#`, quotes, `{{ }}`, `/../`
 * and tags over 128 characters.
 */

/** OCI_TAG is the distribution spec's tag grammar. */
export const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** isValidTag tells whether `tag` is a valid OCI tag. */
export function isValidTag(tag: string): boolean {
  return OCI_TAG.test(tag);
}

/** ValidTags is a tag list split into the valid tags (in order) and how many were dropped, with one example. */
export interface ValidTags {
  tags: string[];
  dropped: number;
  /** The first dropped tag, quoted and shortened for a message. */
  example?: string;
}

/** keepValidTags drops the tags that are not valid OCI tags (no copy when all are valid). */
export function keepValidTags(tags: string[]): ValidTags {
  if (tags.every(isValidTag)) return { tags, dropped: 0 };
  const kept = tags.filter(isValidTag);
  const first = tags.find((tag) => !isValidTag(tag)) ?? '';
  return { tags: kept, dropped: tags.length - kept.length, example: quoteForMessage(first) };
}

/** quoteForMessage renders an untrusted string for a log line: JSON-quoted (newlines escaped), at most 40 characters. */
export function quoteForMessage(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

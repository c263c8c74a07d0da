/**
 * regexp: Sprig's regex functions with Go's regexp semantics on RE2JS: RE2 syntax, and replacement templates
 * expanded as Go's Regexp.Expand does (`$1`, `${1}`, `$name`, `${name}`, `$$`; `$1W` names a group "1W").
 */
import { RE2JS, type Matcher } from 're2js';

/** Group names and numbers in a Go replacement template: letters, digits and '_'. */
const TEMPLATE = /\$(\$|\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/gu;

/** expand is Go's Regexp.Expand for one match: a group that is unknown or did not take part is empty. */
export function expand(template: string, groups: (string | undefined)[], named: Record<string, string | null | undefined>): string {
  // A '$' that starts no name (a lone '$', an unclosed '${') does not match, so it stays as text, as in Go.
  return template.replace(TEMPLATE, (_all, ref: string, braced: string | undefined, bare: string | undefined) => {
    if (ref === '$') return '$';
    const name = braced ?? bare ?? '';
    if (/^\d+$/.test(name)) return groups[Number(name)] ?? '';
    return named[name] ?? '';
  });
}

/** replaceAll is Go's ReplaceAllString (`literal` false) or ReplaceAllLiteralString (`literal` true). */
export function replaceAll(pattern: string, s: string, repl: string, literal: boolean): string {
  const m = RE2JS.compile(pattern).matcher(s);
  let out = '';
  let last = 0;
  let pos = 0;
  while (pos <= s.length && m.find(pos)) {
    const start = m.start();
    const end = m.end();
    out += s.slice(last, start);
    // Go skips an empty match that abuts the previous match.
    if (end > last || start === 0) out += literal ? repl : expand(repl, groupsOf(m), m.getNamedGroups());
    last = end;
    const width = (s.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1;
    pos = Math.max(pos + width, end);
  }
  return out + s.slice(last);
}

function groupsOf(m: Matcher): (string | undefined)[] {
  return Array.from({ length: m.groupCount() + 1 }, (_, i) => m.group(i) ?? undefined);
}

/** find is Go's FindString: the leftmost match, or "" when there is none. */
export function find(pattern: string, s: string): string {
  const m = RE2JS.compile(pattern).matcher(s);
  return m.find() ? (m.group() ?? '') : '';
}

/** matches is Go's MatchString: whether the pattern matches anywhere in `s`. */
export function matches(pattern: string, s: string): boolean {
  return RE2JS.compile(pattern).matcher(s).find();
}

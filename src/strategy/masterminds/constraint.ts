/**
 * A port of Masterminds/semver v3.4.0 `NewConstraint` / `Constraints.Check` (constraints.go).
 * The grammar is defined by Go regular expressions whose leftmost-first submatch choices matter
 * (the operator alternation starts with `=` and the empty operator), so they run on re2js, a port of
 * the same RE2 engine Go uses, to get identical matches (including Go's ASCII-only `\s`).
 */
import { RE2JS } from 're2js';
import { checkComparator, type Comparator } from './operators.js';
import { parseVersion, type Version } from './version.js';

/** Constraints is a parsed constraint: OR-branches of AND-ed comparators. */
export interface Constraints {
  readonly text: string;
  readonly branches: readonly (readonly Comparator[])[];
  /** Per branch: some comparator carries a pre-release, so pre-releases of any version may pass. */
  readonly branchAdmitsPrerelease: readonly boolean[];
}

/** ConstraintSyntaxError is what Masterminds returns as an error from NewConstraint. */
export class ConstraintSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConstraintSyntaxError';
  }
}

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT = RE2JS.compile(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const CONSTRAINT_RANGE = RE2JS.compile(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`);
const FIND_CONSTRAINT = RE2JS.compile(String.raw`(${OPS})\s*(${CV})`);
const VALID_CONSTRAINT = RE2JS.compile(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);
/** Group of the second version in CONSTRAINT_RANGE: 1 + the 9 groups inside CV + 1. */
const RANGE_SECOND_GROUP = 11;

/**
 * parseConstraint is Masterminds `NewConstraint`: hyphen ranges rewritten, `||` splits OR-branches,
 * comparators AND-ed by spaces or commas. Throws ConstraintSyntaxError where Go returns an error
 * (including for "", which is why argocd-image-updater 1.3 substitutes `*` for an empty constraint).
 */
export function parseConstraint(text: string): Constraints {
  const rewritten = rewriteRange(text);
  const branches: Comparator[][] = [];
  const branchAdmitsPrerelease: boolean[] = [];
  for (const branch of rewritten.split('||')) {
    if (!VALID_CONSTRAINT.matcher(branch).find()) throw new ConstraintSyntaxError(`improper constraint: ${branch}`);
    const terms = findAll(FIND_CONSTRAINT, branch);
    const comparators = (terms.length === 0 ? [branch] : terms).map(parseComparator);
    branches.push(comparators);
    branchAdmitsPrerelease.push(comparators.some((c) => c.con.pre !== ''));
  }
  return { text, branches, branchAdmitsPrerelease };
}

/** checkConstraint is Masterminds `Constraints.Check` with IncludePrerelease = false (as the updater uses it). */
export function checkConstraint(constraints: Constraints, version: Version): boolean {
  // Plain loops rather than some/every: this runs once per tag, and the closures showed in profiles.
  for (let i = 0; i < constraints.branches.length; i++) {
    if (branchAccepts(constraints.branches[i], version, constraints.branchAdmitsPrerelease[i] ?? false)) return true;
  }
  return false;
}

/** branchAccepts: every comparator of one OR-branch holds. */
function branchAccepts(branch: readonly Comparator[], version: Version, includePre: boolean): boolean {
  for (const comparator of branch) {
    if (!checkComparator(version, comparator, includePre)) return false;
  }
  return true;
}

/** rewriteRange turns each `A - B` into `>= A, <= B ` (constraints.go rewriteRange, first occurrence each). */
function rewriteRange(text: string): string {
  const matcher = CONSTRAINT_RANGE.matcher(text);
  let out = text;
  while (matcher.find()) {
    const whole = matcher.group(0) ?? '';
    const replacement = `>= ${matcher.group(1) ?? ''}, <= ${matcher.group(RANGE_SECOND_GROUP) ?? ''} `;
    const at = out.indexOf(whole);
    if (at >= 0) out = out.slice(0, at) + replacement + out.slice(at + whole.length);
  }
  return out;
}

function findAll(pattern: RE2JS, text: string): string[] {
  const matcher = pattern.matcher(text);
  const found: string[] = [];
  while (matcher.find()) found.push(matcher.group(0) ?? '');
  return found;
}

function isX(part: string): boolean {
  return part === 'x' || part === 'X' || part === '*';
}

/** parseComparator is constraints.go parseConstraint: `x`/missing parts become 0 and set the dirty flags. */
function parseComparator(term: string): Comparator {
  const m = CONSTRAINT.matcher(term);
  if (!m.find()) throw new ConstraintSyntaxError(`improper constraint: ${term}`);
  const g = (i: number) => m.group(i) ?? '';
  const [op, orig, major, minor, patch, pre] = [g(1), g(2), g(3), g(4), g(5), g(6)];
  let text = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    text = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    text = `${major}.0.0${pre}`;
    dirty = minorDirty = true;
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    text = `${major}${minor}.0${pre}`;
    dirty = patchDirty = true;
  }
  const con = parseVersion(text);
  // Masterminds reports "constraint parser error" here (e.g. `1x`, `1|2`, `1.0.0-01`).
  if (con === undefined) throw new ConstraintSyntaxError(`constraint parser error: ${term.trim()}`);
  return { con, orig, op, dirty, minorDirty, patchDirty };
}

/**
 * The comparison functions of Masterminds/semver v3.4.0 (constraints.go `constraintOps`), ported
 * line for line. Each returns whether `v` satisfies one comparator; `includePre` is the OR-branch flag
 * ("some comparator of this branch carries a pre-release").
 */
import { comparePrerelease, compareVersions, type Version } from './version.js';

/** Comparator is one parsed constraint term (constraints.go `constraint`). */
export interface Comparator {
  /** The version compared against, with `x`/missing parts as 0 (`1.x` -> 1.0.0). */
  readonly con: Version;
  /** The version text as written (`1.x`). */
  readonly orig: string;
  /** The operator as written (`""`, `=`, `>=`, `=>`, `~>`, ...). */
  readonly op: string;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

type Check = (v: Version, c: Comparator, includePre: boolean) => boolean;

/** excludedPrerelease is the early exit every Masterminds operator starts with. */
function excludedPrerelease(v: Version, includePre: boolean): boolean {
  return v.pre !== '' && !includePre;
}

function notEqual(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  // `>11` needs 12 or higher; `>11.1` needs 11.2 or higher (so `>1.2` behaves as `>=1.3.0`).
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThan(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  return compareVersions(v, c.con) < 0;
}

function greaterThanEqual(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  return compareVersions(v, c.con) >= 0;
}

function lessThanEqual(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
  return true;
}

/** tilde: `~1.2.3` = >=1.2.3 <1.3.0, `~1` = >=1.0.0 <2.0.0, `~0.0.0`/`~*` = anything. */
function tilde(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major === 0 && c.con.minor === 0 && c.con.patch === 0 && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

/** tildeOrEqual: a bare or `=` version is tilde-like when partial (`1.2`), exact when full (`1.2.3`). */
function tildeOrEqual(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  if (c.dirty) return tilde(v, c, includePre);
  return compareVersions(v, c.con) === 0;
}

/** caret: `^1.2.3` = >=1.2.3 <2, `^0.2` = >=0.2.0 <0.3.0, `^0.0.3` = exactly 0.0.3 (constraints.go table). */
function caret(v: Version, c: Comparator, includePre: boolean): boolean {
  if (excludedPrerelease(v, includePre)) return false;
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0 || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0 && v.major > 0) return false;
  if (c.con.minor > 0 || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0 && v.minor > 0) return false;
  return c.con.patch === v.patch;
}

/** OPERATORS maps each operator spelling to its check, as constraints.go init() does. */
export const OPERATORS: ReadonlyMap<string, Check> = new Map<string, Check>([
  ['', tildeOrEqual],
  ['=', tildeOrEqual],
  ['!=', notEqual],
  ['>', greaterThan],
  ['<', lessThan],
  ['>=', greaterThanEqual],
  ['=>', greaterThanEqual],
  ['<=', lessThanEqual],
  ['=<', lessThanEqual],
  ['~', tilde],
  ['~>', tilde],
  ['^', caret],
]);

/** checkComparator runs one comparator. */
export function checkComparator(v: Version, c: Comparator, includePre: boolean): boolean {
  const check = OPERATORS.get(c.op);
  return check !== undefined && check(v, c, includePre);
}

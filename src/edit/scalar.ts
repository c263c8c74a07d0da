/**
 * Scalar text: when a value can be written plain, and how to write it quoted.
 * Mirrors argocd-image-updater's `isSafePlainScalar` (pkg/argocd/update.go, 1.3) and is stricter:
 * a tag must read back as the same string under YAML 1.1 (Helm, kustomize) and 1.2 readers.
 */
import { parse } from 'yaml';

const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/**
 * needsQuoting tells whether writing `value` as a plain scalar would change its type or its tokens. Types: the
 * Go readers (Helm and kustomize read YAML 1.1 with go-yaml) and the yaml library under YAML 1.1 and 1.2 must all
 * read the plain text back as the same string. Tokens: what those readers accept but the updater's encoder would
 * not write plain (indicators, flow characters, document markers, tabs, CR, edge spaces of any kind).
 */
export function needsQuoting(value: string): boolean {
  if (value !== value.trim() || /[\n\r\t]/.test(value)) return true;
  if (INDICATOR_START.test(value) || /[,[\]{}]/.test(value)) return true;
  if (value.startsWith('---') || value.startsWith('...')) return true;
  return goReadsNonString(value) || !readsBackAsString(value);
}

// The yaml library under both schemas must read the plain text back as the same string (it also refuses `a: b`, `a #b`).
function readsBackAsString(value: string): boolean {
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if ((parse(`v: ${value}\n`, { version }) as { v?: unknown }).v !== value) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** quoteDouble renders a double-quoted scalar (JSON escapes are valid YAML escapes). */
export function quoteDouble(value: string): string {
  return JSON.stringify(value);
}

/** quoteSingle renders a single-quoted scalar (`'` is doubled). */
export function quoteSingle(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** ScalarStyle is the source style of a scalar, as the yaml library names it. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/**
 * renderScalar writes `value` in the style the old scalar had: quoted stays quoted the same way,
 * plain stays plain unless that would change the type (then double quotes, as yaml.v3 does).
 * Block scalars never come here: replaceScalar (splice.ts) rewrites their body instead.
 */
export function renderScalar(value: string, style: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | undefined): string {
  if (style === 'QUOTE_DOUBLE') return quoteDouble(value);
  if (style === 'QUOTE_SINGLE') return quoteSingle(value);
  return needsQuoting(value) ? quoteDouble(value) : value;
}

// yaml.v3 `resolve` for an untagged plain scalar: anything but !!str makes its encoder double-quote.
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_SPECIAL = new Set(['', '~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<']);

function goResolvesNonString(s: string): boolean {
  if (GO_SPECIAL.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  const plain = s.replaceAll('_', '');
  if (GO_INT.test(plain)) return true;
  if (GO_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
  return isGoTimestamp(s);
}

function isGoTimestamp(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt ]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(Z|[-+][0-9]{2}:[0-9]{2})?)?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// yaml.v3 `isBase60Float` and `isOldBool` (encode.go): quoted for YAML 1.1 readers.
const GO_BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const GO_OLD_BOOL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
// go-yaml v2 (Helm's sigs.k8s.io/yaml) hands digit-led text to strconv.ParseFloat, which takes hex floats (`0x1p3`).
const GO_HEX_FLOAT = /^[-+]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][-+]?[0-9]+$/;

// A Go reader (yaml.v3 resolve, or yaml.v2 with its YAML 1.1 booleans and ParseFloat) reads the plain text as no string.
function goReadsNonString(s: string): boolean {
  return goResolvesNonString(s) || GO_BASE60.test(s) || GO_OLD_BOOL.has(s) || GO_HEX_FLOAT.test(s.replaceAll('_', ''));
}

// libyaml's emitter analysis: plain is refused in block context for indicators and edge spaces.
function goPlainAllowed(s: string): boolean {
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s) || /^[-?:](\s|$)/.test(s)) return false;
  if (/:(\s|$)/.test(s) || /\s#/.test(s)) return false;
  return s === s.trim() && !/[\n\r\t]/.test(s);
}

/**
 * goYamlString renders a string scalar the way argocd-image-updater's encoder (go-yaml v3) does in
 * block context: double quotes when plain text would resolve to another type, single quotes when
 * the emitter refuses plain text, plain otherwise. Enough for image references, tags and names.
 */
export function goYamlString(s: string): string {
  if (goResolvesNonString(s) || GO_BASE60.test(s) || GO_OLD_BOOL.has(s)) return quoteDouble(s);
  return goPlainAllowed(s) ? s : quoteSingle(s);
}

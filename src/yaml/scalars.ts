/**
 * Resolution of plain (unquoted) YAML scalars, exactly as the two Go YAML stacks kustomize uses resolve
 * them (go-yaml's `resolve()`: a first-character hint, a table of literals, Go's `strconv.ParseInt` /
 * `ParseUint` with base 0, a YAML-style float pattern checked before `ParseFloat`, and `time.Parse` with
 * four timestamp layouts).
 *
 * - `kyaml` (resources, patches): go-yaml v3. `true/false` only; `0777` is still octal; timestamps
 *   become `time.Time`, which kustomize's JSON step writes as RFC 3339 strings.
 * - `yaml11` (kustomization files, transformer configs): go-yaml v2 through sigs.k8s.io/yaml, YAML 1.1
 *   booleans (`y`, `yes`, `on`, …); timestamps decoded into `interface{}` stay their source text.
 *
 * The emitter asks the v2 question "would this string read back as something else?" through
 * {@link resolvesAsNonString11}.
 */
import type { YamlScalar } from './values.js';

export type ResolveMode = 'kyaml' | 'yaml11';

const NULLS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOL12: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
const BOOL11: ReadonlyMap<string, boolean> = new Map([
  ...BOOL12,
  ['y', true],
  ['Y', true],
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['on', true],
  ['On', true],
  ['ON', true],
  ['n', false],
  ['N', false],
  ['no', false],
  ['No', false],
  ['NO', false],
  ['off', false],
  ['Off', false],
  ['OFF', false],
]);
const SPECIAL_FLOATS: ReadonlyMap<string, number> = new Map([
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
]);

/** go-yaml's `yamlStyleFloat`, the gate in front of `strconv.ParseFloat` for digit/sign-led scalars. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What Go's `strconv.ParseFloat` accepts of a scalar starting with `.` (Go float syntax, `_` between digits). */
const GO_DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
/** YAML 1.1 base-60 floats, which go-yaml v2 quotes on output though it does not read them. */
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

const INT64_MAX = 0x7fffffffffffffffn;
const INT64_MIN_ABS = 0x8000000000000000n;
const UINT64_MAX = 0xffffffffffffffffn;

/** The first-character hint of go-yaml's resolve table (0 = always a string). */
function hintOf(c: number): number {
  // '+' '-' → 'S', digits → 'D', "yYnNtTfFoO~" → 'M', '.' → '.'
  if (c >= 48 && c <= 57) return 68; // 'D'
  switch (c) {
    case 43:
    case 45:
      return 83; // 'S'
    case 46:
      return 46; // '.'
    case 121:
    case 89:
    case 110:
    case 78:
    case 116:
    case 84:
    case 102:
    case 70:
    case 111:
    case 79:
    case 126:
      return 77; // 'M'
    default:
      return 0;
  }
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 99;
}

/**
 * Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint(s, 0, 64)` as go-yaml does (the text has
 * had its `_` removed). Returns a number when it is a safe integer, a bigint otherwise, undefined when
 * neither parser accepts the text.
 */
export function parseGoInt(s: string): number | bigint | undefined {
  const n = s.length;
  if (n === 0) return undefined;
  let i = 0;
  let sign = 0; // 0 none, 1 '+', -1 '-'
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    sign = c0 === 45 ? -1 : 1;
    i = 1;
    if (n === 1) return undefined;
  }
  let radix = 10;
  if (s.charCodeAt(i) === 48) {
    const c1 = s.charCodeAt(i + 1) | 0x20;
    if (n - i >= 3 && c1 === 98) {
      radix = 2;
      i += 2;
    } else if (n - i >= 3 && c1 === 111) {
      radix = 8;
      i += 2;
    } else if (n - i >= 3 && c1 === 120) {
      radix = 16;
      i += 2;
    } else {
      radix = 8;
      i += 1;
    }
  }
  // Validate digits and skip leading zeros (Go accepts any number of them).
  const start = firstNonZeroDigit(s, i, radix);
  if (start === -2) return undefined;
  if (start < 0) return 0; // all zeros (or "0" alone)
  const len = n - start;
  // Longest digit runs that can fit in 64 bits.
  const maxLen = radix === 10 ? 20 : radix === 16 ? 16 : radix === 8 ? 22 : 64;
  if (len > maxLen) return undefined;
  let v: bigint | number;
  if (
    (radix === 10 && len <= 15) ||
    (radix === 16 && len <= 13) ||
    (radix === 8 && len <= 17) ||
    (radix === 2 && len <= 53)
  ) {
    v = parseInt(s.slice(start), radix);
    return sign === -1 ? (v === 0 ? 0 : -v) : v;
  }
  return parseLongGoInt(s, start, radix, sign);
}

/**
 * The index of the first non-zero digit of `s` from `i` in `radix`: -1 when all are zeros, -2 when a character is
 * not a digit of the radix.
 */
function firstNonZeroDigit(s: string, i: number, radix: number): number {
  let start = -1;
  for (let j = i; j < s.length; j++) {
    const d = digitValue(s.charCodeAt(j));
    if (d >= radix) return -2;
    if (start < 0 && d !== 0) start = j;
  }
  return start;
}

/**
 * The digits of `s` from `start` in `radix`, too many for a double to hold exactly, with `sign` (0 none, 1 `+`,
 * -1 `-`): Go's ParseInt, then ParseUint, 64 bits wide.
 */
function parseLongGoInt(s: string, start: number, radix: number, sign: number): number | bigint | undefined {
  let b = 0n;
  const r = BigInt(radix);
  for (let j = start; j < s.length; j++) b = b * r + BigInt(digitValue(s.charCodeAt(j)));
  if (sign === -1) {
    if (b > INT64_MIN_ABS) return undefined;
    b = -b;
  } else if (b > INT64_MAX) {
    // Only ParseUint can take it, and ParseUint accepts no sign.
    if (sign !== 0 || b > UINT64_MAX) return undefined;
  }
  return b >= -0x1fffffffffffffn && b <= 0x1fffffffffffffn ? Number(b) : b;
}

// ---------------------------------------------------------------------------------------------
// Timestamps: go-yaml tries time.Parse with these layouts, in order:
//   "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
//   "2006-1-2 15:4:5.999999999", "2006-1-2"

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Go time.Parse's getnum(value, false): one or two digits. Returns [value, next index] or undefined. */
function getnum(s: string, i: number): [number, number] | undefined {
  if (!isDigitAt(s, i)) return undefined;
  if (!isDigitAt(s, i + 1)) return [s.charCodeAt(i) - 48, i + 1];
  return [(s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48), i + 2];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Set by {@link parseTimestamp}: the zone offset is 24 hours or more, which Go's JSON encoder refuses. */
let zoneOutOfRange = false;

/**
 * go-yaml's timestamp recognition, formatted as Go's `time.Time` JSON encoding (RFC 3339 with
 * nanoseconds, trailing zeros trimmed; `Z` for a zero offset). Undefined when `text` is not a timestamp.
 */
export function parseTimestamp(text: string): string | undefined {
  // Quick check: four digits and a dash.
  if (text.length < 6 || text.charCodeAt(4) !== 45) return undefined;
  for (let i = 0; i < 4; i++) if (!isDigitAt(text, i)) return undefined;
  const year = Number(text.slice(0, 4));
  const mo = getnum(text, 5);
  if (!mo || mo[0] < 1 || mo[0] > 12 || text.charCodeAt(mo[1]) !== 45) return undefined;
  const d = getnum(text, mo[1] + 1);
  if (!d) return undefined;
  const month = mo[0];
  const day = d[0];
  let i = d[1];
  const date = `${text.slice(0, 4)}-${pad2(month)}-${pad2(day)}`;
  const dayOk = day >= 1 && day <= daysIn(month, year);
  if (i === text.length) return dayOk ? `${date}T00:00:00Z` : undefined;
  // Separator: 'T', 't', or one or more spaces (the space layout has no zone).
  const sep = text.charCodeAt(i);
  let zoned: boolean;
  if (sep === 84 || sep === 116) {
    zoned = true;
    i++;
  } else if (sep === 32) {
    zoned = false;
    while (text.charCodeAt(i) === 32) i++;
  } else return undefined;
  const hh = getnum(text, i);
  if (!hh || hh[0] > 23 || text.charCodeAt(hh[1]) !== 58) return undefined;
  const mi = getnum(text, hh[1] + 1);
  if (!mi || mi[0] > 59 || text.charCodeAt(mi[1]) !== 58) return undefined;
  const ss = getnum(text, mi[1] + 1);
  if (!ss || ss[0] > 59) return undefined;
  i = ss[1];
  let frac = '';
  const fc = text.charCodeAt(i);
  if ((fc === 46 || fc === 44) && isDigitAt(text, i + 1)) {
    let j = i + 1;
    while (isDigitAt(text, j)) j++;
    frac = text.slice(i + 1, Math.min(j, i + 10)).replace(/0+$/, '');
    i = j;
  }
  let zone = 'Z';
  zoneOutOfRange = false;
  if (zoned) {
    const z = text.charCodeAt(i);
    if (z === 90) i++;
    else {
      if (text.length - i < 6 || text.charCodeAt(i + 3) !== 58 || (z !== 43 && z !== 45)) return undefined;
      for (const k of [1, 2, 4, 5]) if (!isDigitAt(text, i + k)) return undefined;
      const oh = Number(text.slice(i + 1, i + 3));
      const om = Number(text.slice(i + 4, i + 6));
      if (oh > 24 || om > 60) return undefined;
      const total = oh * 60 + om;
      if (total >= 24 * 60) zoneOutOfRange = true;
      if (total !== 0) zone = (z === 45 ? '-' : '+') + pad2(Math.floor(total / 60)) + ':' + pad2(total % 60);
      i += 6;
    }
  }
  if (i !== text.length || !dayOk) return undefined;
  return `${date}T${pad2(hh[0])}:${pad2(mi[0])}:${pad2(ss[0])}${frac ? '.' + frac : ''}${zone}`;
}

// ---------------------------------------------------------------------------------------------

/** Result of go-yaml's resolve() for a plain scalar: the tag and the value. */
type Resolved =
  | { tag: 'str' }
  | { tag: 'null' }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: number | bigint }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string; unencodable: boolean }
  | { tag: 'merge' };

const STR: Resolved = { tag: 'str' };
const NULL: Resolved = { tag: 'null' };

function resolveNumeric(text: string, hint: number, timestamps: boolean): Resolved {
  if (hint === 46) {
    // '.': not in the table, so maybe a float (Go's ParseFloat on the text as is).
    if (GO_DOT_FLOAT.test(text)) {
      const f = Number(text.includes('_') ? text.replace(/_/g, '') : text);
      if (Number.isFinite(f)) return { tag: 'float', value: f };
    }
    return STR;
  }
  if (timestamps) {
    const ts = parseTimestamp(text);
    if (ts !== undefined) return { tag: 'timestamp', value: ts, unencodable: zoneOutOfRange };
  }
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  const iv = parseGoInt(plain);
  if (iv !== undefined) return { tag: 'int', value: iv };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    // ParseFloat fails (range error) where the value overflows.
    if (Number.isFinite(f)) return { tag: 'float', value: f };
  }
  return STR;
}

function resolve(text: string, v11: boolean, timestamps: boolean): Resolved {
  if (text === '') return NULL;
  const hint = hintOf(text.charCodeAt(0));
  if (hint === 0) return STR;
  // The literals of the table are at most 5 characters long.
  if (text.length <= 5) {
    if (NULLS.has(text)) return NULL;
    const b = (v11 ? BOOL11 : BOOL12).get(text);
    if (b !== undefined) return { tag: 'bool', value: b };
    const sf = SPECIAL_FLOATS.get(text);
    if (sf !== undefined) return { tag: 'float', value: sf };
  }
  if (hint === 77) return STR;
  return resolveNumeric(text, hint, timestamps);
}

/** A resolved scalar: go-yaml's tag and the value kustomize's JSON step sees. */
export type TypedScalar =
  | { tag: 'str'; value: string }
  | { tag: 'null'; value: null }
  | { tag: 'bool'; value: boolean }
  | { tag: 'int'; value: number | bigint }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string; unencodable?: boolean };

/**
 * go-yaml's resolve() of a plain scalar, or of a scalar with an explicit standard tag (`int`, `float`,
 * `bool`, `null`, `timestamp`; without `!!`). Undefined when go-yaml refuses the combination
 * ("cannot decode !!str `abc` as a !!int"). Timestamps carry their RFC 3339 form in `kyaml` mode and
 * their text in `yaml11` mode.
 */
export function resolveScalar(
  text: string,
  mode: ResolveMode,
  tag?: 'int' | 'float' | 'bool' | 'null' | 'timestamp',
): TypedScalar | undefined {
  const r = resolve(text, mode === 'yaml11', tag === undefined || tag === 'timestamp');
  let out: TypedScalar;
  switch (r.tag) {
    case 'str':
    case 'merge':
      out = { tag: 'str', value: text };
      break;
    case 'null':
      out = { tag: 'null', value: null };
      break;
    case 'timestamp':
      out =
        mode === 'yaml11'
          ? { tag: 'timestamp', value: text }
          : { tag: 'timestamp', value: r.value, unencodable: r.unencodable };
      break;
    default:
      out = r;
  }
  if (tag === undefined || tag === out.tag) return out;
  // An int is accepted as a !!float.
  if (tag === 'float' && out.tag === 'int') return { tag: 'float', value: Number(out.value) };
  return undefined;
}

/** Resolves the text of a plain scalar to its value under the given Go YAML stack. */
export function resolvePlainScalar(text: string, mode: ResolveMode): YamlScalar {
  const r = resolve(text, mode === 'yaml11', true);
  switch (r.tag) {
    case 'str':
    case 'merge':
      return text;
    case 'null':
      return null;
    case 'timestamp':
      return mode === 'yaml11' ? text : r.value;
    default:
      return r.value;
  }
}

/**
 * The go-yaml tag a plain scalar resolves to (`str`, `null`, `bool`, `int`, `float`, `timestamp`,
 * `merge`), without building its value when it is a string.
 */
export function plainScalarTag(text: string, mode: ResolveMode): string {
  return resolve(text, mode === 'yaml11', true).tag;
}

/** Like {@link resolvePlainScalar}, also telling whether the value is a timestamp Go's JSON refuses. */
export function resolvePlainScalarChecked(
  text: string,
  mode: ResolveMode,
): { value: YamlScalar; unencodable: boolean } | YamlScalar {
  const r = resolve(text, mode === 'yaml11', true);
  if (r.tag === 'str' || r.tag === 'merge') return text;
  if (r.tag === 'timestamp' && r.unencodable && mode === 'kyaml') return { value: r.value, unencodable: true };
  return resolvePlainScalar(text, mode);
}

/**
 * True when a key that kyaml writes as an untagged plain scalar (annotation keys after kustomize
 * rewrites them, label keys set by a transformer, generated data keys) reads back through go-yaml v3
 * as something other than a string — which makes kustomize's JSON step fail
 * ("json: unsupported type: map[interface {}]interface {}").
 */
export function plainKeyIsNonString(key: string): boolean {
  // An empty key is written quoted ('') even without a tag.
  return key !== '' && resolve(key, false, true).tag !== 'str';
}

/**
 * True when go-yaml v2's encoder would not write `text` as a plain scalar: it resolves to something
 * other than a string under YAML 1.1 rules, or it looks like a YAML 1.1 base-60 float.
 */
export function resolvesAsNonString11(text: string): boolean {
  if (resolve(text, true, true).tag !== 'str') return true;
  const c = text.charCodeAt(0);
  if ((c === 43 || c === 45 || (c >= 48 && c <= 57)) && text.includes(':')) return BASE60_FLOAT.test(text);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Go's strconv.FormatFloat(f, 'g', -1, 64|32)

function formatG(neg: boolean, digits: string, exp: number): string {
  // Shortest formatting decides between %e and %f with precision 6.
  let s: string;
  if (exp < -4 || exp >= 6) {
    s = digits[0] ?? '0';
    if (digits.length > 1) s += '.' + digits.slice(1);
    const e = Math.abs(exp);
    s += 'e' + (exp < 0 ? '-' : '+') + String(e).padStart(2, '0');
  } else if (exp < 0) s = '0.' + '0'.repeat(-exp - 1) + digits;
  else if (digits.length > exp + 1) s = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  else s = digits + '0'.repeat(exp + 1 - digits.length);
  return neg ? '-' + s : s;
}

function splitExponential(e: string): [boolean, string, number] {
  const i = e.indexOf('e');
  const mant = e.slice(0, i);
  const neg = mant.charCodeAt(0) === 45;
  const digits = (neg ? mant.slice(1) : mant).replace('.', '');
  return [neg, digits, Number(e.slice(i + 1))];
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64) (`+Inf`, `-Inf`, `NaN` for the special values). */
export function goFormatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // JavaScript's shortest round-trip digits are Go's shortest digits.
  const [neg, digits, exp] = splitExponential(f.toExponential());
  return formatG(neg, digits, exp);
}

/**
 * Go's strconv.FormatFloat(f, 'g', -1, 32) with go-yaml's names for the special values — how
 * sigs.k8s.io/yaml turns a float map key into a JSON key.
 */
export function formatFloat32G(f: number): string {
  const x = Math.fround(f);
  if (Number.isNaN(x)) return '.nan';
  if (!Number.isFinite(x)) return x > 0 ? '.inf' : '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let e = x.toExponential(8);
  for (let p = 0; p <= 8; p++) {
    const t = x.toExponential(p);
    if (Math.fround(Number(t)) === x) {
      e = t;
      break;
    }
  }
  const [neg, digits, exp] = splitExponential(e);
  return formatG(neg, digits.replace(/0+$/, '') || '0', exp);
}

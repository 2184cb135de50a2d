/**
 * YAML out, byte-identical to kustomize (spec §11.2). kustomize writes each resource as
 * `JSON (encoding/json) → go-yaml v2 Unmarshal → go-yaml v2 Marshal`; this module reproduces the
 * observable result from the value tree directly:
 *
 * - the JSON step: numbers as Go formats them and reads them back (ints up to uint64, integral floats
 *   as ints, other floats as `strconv.FormatFloat(f, 'g', -1, 64)`), `.inf`/`.nan` refused, and the
 *   two places where go-yaml v2's reader sees the raw JSON text: a raw U+0085 inside a string is a
 *   line break in a double-quoted scalar (folded like one), and DEL / C1 controls / U+FFFE / U+FFFF are
 *   refused ("control characters are not allowed");
 * - go-yaml v2's encoder: keys sorted by its digit-aware order (sorter.go), strings double-quoted when
 *   they would resolve to something else under YAML 1.1 (resolve.go), literal style for strings with a
 *   line break;
 * - go-yaml v2's emitter (emitterc.go, libyaml's): scalar analysis and style fallback, simple keys up to
 *   128 bytes else `? key`, sequences not indented under a mapping key, folding at column 80 of plain,
 *   single- and double-quoted scalars, escapes, block scalar indentation and chomping indicators.
 *
 * The behaviour was learned from the Go sources and checked against the reference binary
 * (test/yaml/cases); no code was copied.
 */
import { goFormatFloatG, plainKeyIsNonString, resolvesAsNonString11 } from './scalars.js';
import type { YamlMap, YamlValue } from './values.js';

export { goFormatFloatG } from './scalars.js';

const BEST_WIDTH = 80;
/** Keys longer than this many UTF-8 bytes are written as explicit `? key` entries. */
const MAX_SIMPLE_KEY_BYTES = 128;
/** Nested collections kustomize can write (go-yaml v2's flow level limit, met reading the JSON text). */
const MAX_EMIT_DEPTH = 10_000;

/** Thrown for values kustomize cannot serialise (`.inf`, `.nan`, control characters, cycles). */
export class EmitError extends Error {}

// ---------------------------------------------------------------------------------------------
// Character classes (Unicode letters and decimal digits, as Go's unicode.IsLetter / IsDigit)

const LETTER_RE = /\p{L}/u;
const DIGIT_RE = /\p{Nd}/u;
/** Per BMP code unit: 0 unknown, 1 other, 2 letter, 3 digit. */
const charClass = new Uint8Array(65536);
for (let c = 0; c < 128; c++) {
  charClass[c] = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : c >= 48 && c <= 57 ? 3 : 1;
}

function classOf(cp: number): number {
  if (cp < 65536) {
    let k = charClass[cp] as number;
    if (k === 0) {
      const ch = String.fromCharCode(cp);
      k = LETTER_RE.test(ch) ? 2 : DIGIT_RE.test(ch) ? 3 : 1;
      charClass[cp] = k;
    }
    return k;
  }
  const ch = String.fromCodePoint(cp);
  return LETTER_RE.test(ch) ? 2 : DIGIT_RE.test(ch) ? 3 : 1;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

// ---------------------------------------------------------------------------------------------
// Key order: go-yaml v2's keyList.Less on strings. At the first differing rune: two letters compare
// by code point; a letter sorts after a non-letter; otherwise the digit runs starting there compare
// by value (Go int64 arithmetic, `rune - '0'` per digit, wrapping on overflow), then by length, then
// by code point. A prefix sorts first.

/** Digit-run value with Go int64 wrap-around; a number while exact, a bigint beyond. */
function addDigit(acc: number | bigint, d: number): number | bigint {
  if (typeof acc === 'number') {
    const v = acc * 10 + d;
    if (v <= 9e14) return v;
    return BigInt.asIntN(64, BigInt(acc) * 10n + BigInt(d));
  }
  return BigInt.asIntN(64, acc * 10n + BigInt(d));
}

function lessNum(a: number | bigint, b: number | bigint): number {
  if (a == b) return 0;
  return a < b ? -1 : 1;
}

/** The comparison on code point arrays (used when surrogate pairs are involved). */
function compareRunes(ar: number[], br: number[]): number {
  const n = Math.min(ar.length, br.length);
  for (let i = 0; i < n; i++) {
    const ca = ar[i] as number;
    const cb = br[i] as number;
    if (ca === cb) continue;
    const ka = classOf(ca);
    const kb = classOf(cb);
    if (ka === 2 && kb === 2) return ca < cb ? -1 : 1;
    if (ka === 2 || kb === 2) return kb === 2 ? -1 : 1;
    let an: number | bigint = 0;
    let bn: number | bigint = 0;
    if (ca === 48 || cb === 48) {
      for (let j = i - 1; j >= 0 && classOf(ar[j] as number) === 3; j--) {
        if (ar[j] !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && classOf(ar[ai] as number) === 3; ai++) an = addDigit(an, (ar[ai] as number) - 48);
    let bi = i;
    for (; bi < br.length && classOf(br[bi] as number) === 3; bi++) bn = addDigit(bn, (br[bi] as number) - 48);
    const c = lessNum(an, bn);
    if (c !== 0) return c;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ca < cb ? -1 : 1;
  }
  return ar.length === br.length ? 0 : ar.length < br.length ? -1 : 1;
}

function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

/** go-yaml v2's key order (negative: `a` first). */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (isSurrogate(ca) || isSurrogate(cb)) return compareRunes(runes(a), runes(b));
    const ka = classOf(ca);
    const kb = classOf(cb);
    if (ka === 2 && kb === 2) return ca < cb ? -1 : 1;
    if (ka === 2 || kb === 2) return kb === 2 ? -1 : 1;
    let an: number | bigint = 0;
    let bn: number | bigint = 0;
    if (ca === 48 || cb === 48) {
      for (let j = i - 1; j >= 0; j--) {
        const c = a.charCodeAt(j);
        if (isSurrogate(c)) return compareRunes(runes(a), runes(b));
        if (classOf(c) !== 3) break;
        if (c !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < a.length; ai++) {
      const c = a.charCodeAt(ai);
      if (isSurrogate(c)) return compareRunes(runes(a), runes(b));
      if (classOf(c) !== 3) break;
      an = addDigit(an, c - 48);
    }
    let bi = i;
    for (; bi < b.length; bi++) {
      const c = b.charCodeAt(bi);
      if (isSurrogate(c)) return compareRunes(runes(a), runes(b));
      if (classOf(c) !== 3) break;
      bn = addDigit(bn, c - 48);
    }
    const c = lessNum(an, bn);
    if (c !== 0) return c;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ca < cb ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** The keys of `m` in go-yaml v2's order (a stable sort: an insertion sort for the usual small maps). */
export function sortedKeys(m: YamlMap): string[] {
  const keys = Object.keys(m);
  const n = keys.length;
  if (n < 2) return keys;
  if (n > 12) {
    for (let i = 1; i < n; i++) {
      if (compareKeys(keys[i - 1] as string, keys[i] as string) > 0) return keys.sort(compareKeys);
    }
    return keys;
  }
  for (let i = 1; i < n; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    if (compareKeys(keys[j] as string, k) <= 0) continue;
    while (j >= 0 && compareKeys(keys[j] as string, k) > 0) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Numbers after the JSON round trip

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

function unsupported(n: number): EmitError {
  return new EmitError(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`);
}

/** How a number comes out of kustomize's JSON → go-yaml v2 round trip. */
export function formatNumber(n: number | bigint): string {
  if (typeof n === 'bigint') {
    if (n >= INT64_MIN && n <= UINT64_MAX) return n.toString();
    return goFormatFloatG(Number(n));
  }
  if (Number.isInteger(n)) {
    // JSON writes it without an exponent (Go's shortest digits, like JavaScript's) and go-yaml reads
    // it back as an int when it fits in int64/uint64.
    if (n > -1e21 && n < 1e21) {
      if (Number.isSafeInteger(n)) return n === 0 ? '0' : String(n);
      const s = String(n);
      const b = BigInt(s);
      if (b >= INT64_MIN && b <= UINT64_MAX) return s;
    }
    return goFormatFloatG(n);
  }
  if (!Number.isFinite(n)) throw unsupported(n);
  return goFormatFloatG(n);
}

// ---------------------------------------------------------------------------------------------
// The JSON text as go-yaml v2's reader sees it

/** Characters go-yaml's reader refuses, which Go's JSON encoder writes raw. */
function isForbidden(c: number): boolean {
  return c === 0x7f || (c >= 0x80 && c <= 0x9f && c !== 0x85) || c === 0xfffe || c === 0xffff;
}

/**
 * Applies what the reader of the JSON text does to a string that has characters ≥ U+007F: refuses
 * control characters, replaces lone surrogates (invalid UTF-8 for Go's JSON encoder) by U+FFFD, and
 * folds raw U+0085 (a line break inside a double-quoted scalar) as YAML folds line breaks.
 */
/** A character that `throughJsonText` refuses or changes (a control character, U+0085, a surrogate). */
const CHANGED_BY_JSON_TEXT = /[\x7f-\x9f\ud800-\udfff\ufffe\uffff]/;

function throughJsonText(s: string): string {
  if (!CHANGED_BY_JSON_TEXT.test(s)) return s;
  let out = s;
  let hasNel = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) continue;
    if (isForbidden(c)) throw new EmitError('yaml: control characters are not allowed');
    if (c === 0x85) hasNel = true;
    else if (isSurrogate(c)) {
      const hi = c <= 0xdbff;
      const d = s.charCodeAt(i + 1);
      if (hi && d >= 0xdc00 && d <= 0xdfff) i++;
      else {
        out = out.slice(0, i) + '\ufffd' + out.slice(i + 1);
      }
    }
  }
  return hasNel ? foldNel(out) : out;
}

/** go-yaml v2's double-quoted scalar scanning of raw spaces and U+0085 line breaks. */
function foldNel(s: string): string {
  const n = s.length;
  let out = '';
  let i = 0;
  let atLineStart = false;
  for (;;) {
    if (atLineStart && (s.startsWith('---', i) || s.startsWith('...', i))) {
      const c = s.charCodeAt(i + 3);
      if (c === 0x20 || c === 0x85) {
        throw new EmitError('yaml: found unexpected document indicator while scanning a quoted scalar');
      }
    }
    let j = i;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 0x20 || c === 0x85) break;
      j++;
    }
    out += s.slice(i, j);
    if (j >= n) break;
    let whitespaces = '';
    let leading = false;
    let trailing = 0;
    atLineStart = false;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (c === 0x20) {
        if (!leading) whitespaces += ' ';
        atLineStart = false;
      } else if (c === 0x85) {
        if (!leading) {
          whitespaces = '';
          leading = true;
        } else trailing++;
        atLineStart = true;
      } else break;
      j++;
    }
    if (leading) out += trailing === 0 ? ' ' : '\n'.repeat(trailing);
    else out += whitespaces;
    i = j;
    if (i >= n) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scalar analysis (libyaml's yaml_emitter_analyze_scalar, block context)

const F_MULTILINE = 1;
const F_PLAIN_OK = 2;
const F_SINGLE_OK = 4;
const F_BLOCK_OK = 8;
const F_HAS_SPACE = 16;
const F_HIGH = 32; // a character ≥ U+007F
const F_BOM_FIRST = 64;

function isPrintable(c: number): boolean {
  // libyaml: #xA | #x20-#x7E | #xA0-#xD7FF | #xE000-#xFFFD except #xFEFF; astral characters are not.
  return (
    c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}
/** The line breaks of `isBreak`, to search for. */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/g;

function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** ASCII classes for the analysis: 0 ordinary, 1 space, 2 `:`, 3 `#`, 4 line break, 5 tab, 6 other control. */
const ACLASS = new Uint8Array(128);
for (let c = 0; c < 32; c++) ACLASS[c] = 6;
ACLASS[0x7f] = 6;
ACLASS[0x20] = 1;
ACLASS[0x3a] = 2;
ACLASS[0x23] = 3;
ACLASS[0x0a] = 4;
ACLASS[0x0d] = 4;
ACLASS[0x09] = 5;

/** `[A-Za-z0-9._/-]`: characters that never need quoting inside a value. */
const SIMPLE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  SIMPLE[c] =
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 95 ||
    c === 47 ||
    c === 45
      ? 1
      : 0;
}

/** Characters that make a plain scalar impossible when they start it (whatever follows). */
function isStartIndicator(c: number): boolean {
  switch (c) {
    case 35:
    case 44:
    case 91:
    case 93:
    case 123:
    case 125:
    case 38:
    case 42:
    case 33:
    case 124:
    case 62:
    case 39:
    case 34:
    case 37:
    case 64:
    case 96:
      return true;
    default:
      return false;
  }
}

/** A character other than `\n` that is not printable, or is a line break or a byte order mark. */
const NOT_PLAIN_TEXT = /[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
/** A character ≥ U+007F. */
const HIGH = /[\x7f-\uffff]/;

/**
 * `analyze` of a text of printable lines (a config file, a JSON dashboard): the same flags, from a few
 * native searches instead of a walk over every character. Such a text is never plain (it has a line
 * break) and has no special character, so only the blanks around its line breaks and at its end count.
 */
function analyzeMultilineText(s: string): number {
  const spaceBreak = s.includes(' \n');
  const breakSpace = s.includes('\n ');
  let f = F_MULTILINE;
  if (s.includes(' ')) f |= F_HAS_SPACE;
  if (HIGH.test(s)) f |= F_HIGH;
  if (!(breakSpace || spaceBreak)) f |= F_SINGLE_OK;
  if (!(s.endsWith(' ') || spaceBreak)) f |= F_BLOCK_OK;
  return f;
}

// The facts `analyze` gathers about a scalar, as bits of one number (no allocation per character). The last three
// describe the previous character: a space, a line break, whitespace (or the start) before a `#`.
const A_BLOCK_INDICATOR = 1;
const A_LINE_BREAKS = 2;
const A_SPECIAL = 4;
const A_LEADING_SPACE = 8;
const A_LEADING_BREAK = 16;
const A_TRAILING_SPACE = 32;
const A_TRAILING_BREAK = 64;
const A_BREAK_SPACE = 128;
const A_SPACE_BREAK = 256;
const A_HAS_SPACE = 512;
const A_HIGH = 1024;
const A_PREVIOUS_SPACE = 2048;
const A_PREVIOUS_BREAK = 4096;
const A_PRECEDED_BY_WHITESPACE = 8192;
const A_PREVIOUS = A_PREVIOUS_SPACE | A_PREVIOUS_BREAK | A_PRECEDED_BY_WHITESPACE;
const A_NOT_PLAIN =
  A_LEADING_SPACE |
  A_LEADING_BREAK |
  A_TRAILING_SPACE |
  A_TRAILING_BREAK |
  A_BREAK_SPACE |
  A_SPACE_BREAK |
  A_SPECIAL |
  A_LINE_BREAKS |
  A_BLOCK_INDICATOR;

function analyze(s: string): number {
  const n = s.length;
  if (n === 0) return F_PLAIN_OK | F_SINGLE_OK;
  if (s.includes('\n') && !NOT_PLAIN_TEXT.test(s)) return analyzeMultilineText(s);
  let facts = startsWithIndicator(s) ? A_BLOCK_INDICATOR | A_PRECEDED_BY_WHITESPACE : A_PRECEDED_BY_WHITESPACE;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x7f) {
      const k = ACLASS[c] as number;
      facts = k === 0 ? facts & ~A_PREVIOUS : asciiFacts(facts, s, i, c, k);
      continue;
    }
    let w = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        w = 2;
      }
    }
    facts |= A_HIGH;
    if (!isPrintable(c)) facts |= A_SPECIAL;
    facts = isBreak(c) ? breakFacts(facts, i === 0, i + w === n) : facts & ~A_PREVIOUS;
    i += w - 1;
  }
  return scalarFlags(facts, s.charCodeAt(0));
}

/** Whether the scalar starts with an indicator that rules out a plain scalar (`---`, `...`, `- `, `? `, `[`, …). */
function startsWithIndicator(s: string): boolean {
  const n = s.length;
  const c0 = s.charCodeAt(0);
  if (
    n >= 3 &&
    ((c0 === 45 && s.charCodeAt(1) === 45 && s.charCodeAt(2) === 45) ||
      (c0 === 46 && s.charCodeAt(1) === 46 && s.charCodeAt(2) === 46))
  ) {
    return true;
  }
  if (isStartIndicator(c0)) return true;
  if (c0 === 63 || c0 === 45) {
    // `?` and `-` start an indicator when followed by a blank or the end.
    const d = s.charCodeAt(1);
    return n === 1 || d === 0x20 || d === 0x09;
  }
  return false;
}

/** The facts after the ASCII character `c` (of class `k`, not 0) at `i` of `s`. */
function asciiFacts(facts: number, s: string, i: number, c: number, k: number): number {
  const last = i === s.length - 1;
  const cleared = facts & ~A_PREVIOUS;
  switch (k) {
    case 1: {
      // space
      let f = cleared | A_HAS_SPACE | A_PREVIOUS_SPACE | A_PRECEDED_BY_WHITESPACE;
      if (i === 0) f |= A_LEADING_SPACE;
      if (last) f |= A_TRAILING_SPACE;
      if ((facts & A_PREVIOUS_BREAK) !== 0) f |= A_BREAK_SPACE;
      return f;
    }
    case 2: {
      // `:` followed by a blank or the end
      const d = s.charCodeAt(i + 1);
      return last || d === 0x20 || d === 0x09 ? cleared | A_BLOCK_INDICATOR : cleared;
    }
    case 3: // `#` after a blank (or first)
      return (facts & A_PRECEDED_BY_WHITESPACE) !== 0 ? cleared | A_BLOCK_INDICATOR : cleared;
    case 4: // \n, \r
      return breakFacts(c === 0x0d ? facts | A_SPECIAL : facts, i === 0, last);
    case 5: // tab: a blank, not printable
      return cleared | A_SPECIAL | A_PRECEDED_BY_WHITESPACE;
    default: // other control characters (NUL counts as whitespace before a `#`)
      return c === 0 ? cleared | A_SPECIAL | A_PRECEDED_BY_WHITESPACE : cleared | A_SPECIAL;
  }
}

/** The facts after a line break, the first (`first`) or last (`last`) character or neither. */
function breakFacts(facts: number, first: boolean, last: boolean): number {
  let f = (facts & ~A_PREVIOUS) | A_LINE_BREAKS | A_PREVIOUS_BREAK | A_PRECEDED_BY_WHITESPACE;
  if (first) f |= A_LEADING_BREAK;
  if (last) f |= A_TRAILING_BREAK;
  if ((facts & A_PREVIOUS_SPACE) !== 0) f |= A_SPACE_BREAK;
  return f;
}

/** The scalar's `F_*` flags from the facts gathered over it and its first character. */
function scalarFlags(facts: number, c0: number): number {
  let f = 0;
  if ((facts & A_LINE_BREAKS) !== 0) f |= F_MULTILINE;
  if ((facts & A_HAS_SPACE) !== 0) f |= F_HAS_SPACE;
  if ((facts & A_HIGH) !== 0) f |= F_HIGH;
  if (c0 === 0xfeff) f |= F_BOM_FIRST;
  if ((facts & A_NOT_PLAIN) === 0) f |= F_PLAIN_OK;
  if ((facts & (A_BREAK_SPACE | A_SPACE_BREAK | A_SPECIAL)) === 0) f |= F_SINGLE_OK;
  if ((facts & (A_TRAILING_SPACE | A_SPACE_BREAK | A_SPECIAL)) === 0) f |= F_BLOCK_OK;
  return f;
}

// ---------------------------------------------------------------------------------------------
// Writer

const ESCAPES: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0xa0: '\\_',
  0x2028: '\\L',
  0x2029: '\\P',
};

function hex(v: number, width: number): string {
  return v.toString(16).toUpperCase().padStart(width, '0');
}

function escapeOf(cp: number): string {
  const e = ESCAPES[cp];
  if (e !== undefined) return e;
  if (cp <= 0xff) return '\\x' + hex(cp, 2);
  if (cp <= 0xffff) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

const SPACES: string[] = [];
function spaces(n: number): string {
  let s = SPACES[n];
  if (s === undefined) {
    s = ' '.repeat(n);
    if (n < 256) SPACES[n] = s;
  }
  return s;
}
const NEWLINE_SPACES: string[] = [];
/** A line break and `n` spaces. */
function newline(n: number): string {
  let s = NEWLINE_SPACES[n];
  if (s === undefined) {
    s = '\n' + ' '.repeat(n);
    if (n < 256) NEWLINE_SPACES[n] = s;
  }
  return s;
}

/** Rendered simple keys (`name`, `"yes"`, `'#x'`): a key's text does not depend on where it is. */
const keyCache = new Map<string, string>();
const MAX_KEY_CACHE = 20_000;

const enum Ctx {
  Root,
  /** Value of a simple key (`key: value`). */
  SimpleValue,
  /** Value of an explicit key (`? key` / `: value`). */
  ComplexValue,
  /** Item of a block sequence. */
  Item,
}

/** An open collection of the iterative writer. */
interface EmitFrame {
  v: YamlValue[] | YamlMap;
  /** Sorted keys of a map; undefined for a sequence. */
  keys: string[] | undefined;
  i: number;
  indent: number;
  ctx: Ctx;
  first: boolean;
}

class Writer {
  out = '';
  col = 0;

  /** libyaml's write_indent for our contexts: a line break unless at the start of a line, then padding. */
  indent(n: number): void {
    this.out += this.col !== 0 ? newline(n) : spaces(n);
    this.col = n;
  }

  /** Pads the current line to column `n` (after `- ` or `: ` of an explicit key). */
  pad(n: number): void {
    if (this.col < n) {
      this.out += spaces(n - this.col);
      this.col = n;
    } else if (this.col > n) this.indent(n);
  }

  /**
   * Writes a value (iteratively: an explicit stack of open collections, so any depth kustomize can
   * write is written). Deeper than 10,000 nested collections fails as in kustomize, whose output step
   * reads the object's JSON text back with go-yaml v2 (flow level limit).
   */
  node(root: YamlValue, rootIndent: number, rootCtx: Ctx): void {
    const stack: EmitFrame[] = [];
    this.open(root, rootIndent, rootCtx, stack);
    while (stack.length > 0) {
      const f = stack[stack.length - 1] as EmitFrame;
      if (f.keys === undefined) {
        const items = f.v as YamlValue[];
        if (f.i >= items.length) {
          stack.pop();
          continue;
        }
        if (f.i === 0 && f.ctx !== Ctx.SimpleValue) this.pad(f.indent);
        else this.indent(f.indent);
        this.out += '-';
        this.col++;
        this.open(items[f.i++] as YamlValue, f.indent, Ctx.Item, stack);
        continue;
      }
      const map = f.v as YamlMap;
      let k: string | undefined;
      let val: YamlValue | undefined;
      while (f.i < f.keys.length && val === undefined) {
        k = f.keys[f.i++];
        val = k === undefined ? undefined : map[k];
      }
      if (val === undefined || k === undefined) {
        if (f.first) this.flow('{}', f.ctx);
        stack.pop();
        continue;
      }
      if (f.first && f.ctx !== Ctx.SimpleValue) this.pad(f.indent);
      else this.indent(f.indent);
      f.first = false;
      if (this.key(k, f.indent)) {
        this.open(val, f.indent, Ctx.SimpleValue, stack);
      } else {
        this.indent(f.indent);
        this.out += ':';
        this.col++;
        this.open(val, f.indent, Ctx.ComplexValue, stack);
      }
    }
  }

  /** Writes a scalar or an empty collection; pushes a frame for a non-empty collection. */
  private open(v: YamlValue, indent: number, ctx: Ctx, stack: EmitFrame[]): void {
    if (typeof v === 'string') {
      this.string(v, ctx === Ctx.Root ? 2 : indent + 2, ctx !== Ctx.Root);
      return;
    }
    if (v === null || typeof v !== 'object') {
      const t = v === null ? 'null' : typeof v === 'boolean' ? (v ? 'true' : 'false') : formatNumber(v);
      if (ctx === Ctx.Root) this.out += t;
      else this.out += ' ' + t;
      this.col += t.length + (ctx === Ctx.Root ? 0 : 1);
      return;
    }
    if (stack.length >= MAX_EMIT_DEPTH) throw new EmitError(`yaml: exceeded max depth of ${MAX_EMIT_DEPTH}`);
    if (Array.isArray(v)) {
      if (v.length === 0) {
        this.flow('[]', ctx);
        return;
      }
      const seqIndent = ctx === Ctx.Root ? 0 : ctx === Ctx.SimpleValue ? indent : indent + 2;
      stack.push({ v, keys: undefined, i: 0, indent: seqIndent, ctx, first: true });
      return;
    }
    stack.push({ v, keys: sortedKeys(v), i: 0, indent: ctx === Ctx.Root ? 0 : indent + 2, ctx, first: true });
  }

  private flow(t: string, ctx: Ctx): void {
    if (ctx === Ctx.Root) {
      this.out += t;
      this.col += 2;
    } else {
      this.out += ' ' + t;
      this.col += 3;
    }
  }

  /** Writes a key and its `:`; returns false when it had to be an explicit `? key` (the `:` is then still due). */
  private key(k: string, indent: number): boolean {
    const cached = keyCache.get(k);
    if (cached !== undefined) {
      this.out += cached;
      this.col += cached.length;
      return true;
    }
    if (k.length > 1022 / 6 && jsonLength(k) > MAX_JSON_KEY) {
      // go-yaml v2 reads the JSON text: a flow key must end within 1024 characters of its start.
      throw new EmitError("yaml: did not find expected ',' or '}' (a mapping key longer than 1024 characters as JSON)");
    }
    let s = k;
    let f = analyze(s);
    if (f & F_HIGH) {
      if (k.includes('\u0085')) {
        // A line break inside a flow key: it is no longer a key for go-yaml v2's scanner.
        throw new EmitError("yaml: did not find expected ',' or '}' (a mapping key with U+0085)");
      }
      const t = throughJsonText(s);
      if (t !== s) {
        s = t;
        f = analyze(s);
      }
    }
    if (f & F_MULTILINE || utf8Length(s) > MAX_SIMPLE_KEY_BYTES) {
      // Explicit key: `?`, the key as a value (it may fold or be a block), then `:` on its own line.
      this.out += '?';
      this.col++;
      this.scalar(s, f, indent + 2, true, false);
      return false;
    }
    // Rendered on its own (slicing the output would flatten it every time).
    const kw = new Writer();
    kw.scalar(s, f, indent + 2, false, true);
    const text = kw.out + ':';
    if (keyCache.size >= MAX_KEY_CACHE) keyCache.clear();
    keyCache.set(k, text);
    this.out += text;
    this.col += text.length;
    return true;
  }

  /** Writes a string value; `space`: a separating space is due (after `:`, `-`, `?`). */
  string(v: string, indent: number, space: boolean): void {
    // Fast path: short names made of letters, digits and `._/-` (most values) are plain when they do
    // not read back as something else; the full analysis is not needed for them.
    const n = v.length;
    if (n !== 0 && n <= 64) {
      let simple = true;
      for (let i = 0; i < n; i++) {
        const c = v.charCodeAt(i);
        if (c >= 128 || SIMPLE[c] !== 1) {
          simple = false;
          break;
        }
      }
      const c0 = v.charCodeAt(0);
      if (
        simple &&
        !(c0 === 45 && (n === 1 || v.startsWith('---'))) &&
        !v.startsWith('...') &&
        !resolvesAsNonString11(v)
      ) {
        this.out += space ? ' ' + v : v;
        this.col += space ? n + 1 : n;
        return;
      }
    }
    let s = v;
    let f = analyze(s);
    if (f & F_HIGH) {
      const t = throughJsonText(s);
      if (t !== s) {
        s = t;
        f = analyze(s);
      }
    }
    this.scalar(s, f, indent, space, false);
  }

  /**
   * go-yaml v2's choice of style (encoder's stringv, then the emitter's select_scalar_style) and the
   * writing of it. `indent` is the indentation of continuation lines.
   */
  scalar(s: string, f: number, indent: number, space: boolean, simpleKey: boolean): void {
    // encoder: literal for a line break, plain unless it would resolve to a non-string, else double.
    let style: 0 | 1 | 2 | 3; // plain, single, double, literal
    if (s.includes('\n')) style = 3;
    else if (!resolvesAsNonString11(s)) style = 0;
    else style = 2;
    // emitter
    if (simpleKey && f & F_MULTILINE) style = 2;
    if (style === 0 && (!(f & F_PLAIN_OK) || (s.length === 0 && simpleKey))) style = 1;
    if (style === 1 && !(f & F_SINGLE_OK)) style = 2;
    if (style === 3 && (!(f & F_BLOCK_OK) || simpleKey)) style = 2;
    const allowBreaks = !simpleKey;
    if (
      style === 0 &&
      (!allowBreaks || !(f & F_HAS_SPACE) || this.col + s.length + (space ? 1 : 0) <= BEST_WIDTH + 1)
    ) {
      this.out += space ? ' ' + s : s;
      this.col += s.length + (space ? 1 : 0);
      return;
    }
    if (space) {
      this.out += ' ';
      this.col++;
    }
    switch (style) {
      case 0:
        this.plain(s, indent);
        return;
      case 1:
        this.single(s, indent, allowBreaks);
        return;
      case 2:
        this.double(s, indent, allowBreaks, (f & F_BOM_FIRST) !== 0);
        return;
      case 3:
        this.literal(s, indent);
        return;
    }
  }

  private plain(s: string, indent: number): void {
    let spaces_ = false;
    let start = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) === 0x20) {
        if (!spaces_ && this.col + (i - start) > BEST_WIDTH && s.charCodeAt(i + 1) !== 0x20) {
          this.out += s.slice(start, i);
          this.col += i - start;
          this.indent(indent);
          start = i + 1;
        }
        spaces_ = true;
      } else spaces_ = false;
    }
    this.out += s.slice(start);
    this.col += n - start;
  }

  private single(s: string, indent: number, allowBreaks: boolean): void {
    let out = "'";
    let col = this.col + 1;
    let spaces_ = false;
    let breaks = false;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x20) {
        if (allowBreaks && !spaces_ && col > BEST_WIDTH && i > 0 && i < n - 1 && s.charCodeAt(i + 1) !== 0x20) {
          out += '\n' + spaces(indent);
          col = indent;
        } else {
          out += ' ';
          col++;
        }
        spaces_ = true;
      } else if (c === 0x2028 || c === 0x2029) {
        // A printable line break is written as is; the next line is indented.
        out += s.charAt(i);
        col = 0;
        breaks = true;
      } else {
        if (breaks) {
          out += spaces(indent);
          col = indent;
        }
        if (c === 0x27) {
          out += "''";
          col += 2;
        } else {
          out += s.charAt(i);
          col++;
        }
        spaces_ = false;
        breaks = false;
      }
    }
    out += "'";
    this.out += out;
    this.col = col + 1;
  }

  private double(s: string, indent: number, allowBreaks: boolean, escapeAll: boolean): void {
    let out = '"';
    let col = this.col + 1;
    let spaces_ = false;
    const n = s.length;
    let runStart = 0; // start of a run of characters written as they are
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c && c !== 0x20 && !escapeAll) {
        spaces_ = false;
        continue;
      }
      let w = 1;
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          w = 2;
        }
      }
      if (escapeAll || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
        out += s.slice(runStart, i);
        col += i - runStart;
        const e = escapeOf(c);
        out += e;
        col += e.length;
        runStart = i + w;
        spaces_ = false;
      } else if (c === 0x20) {
        out += s.slice(runStart, i);
        col += i - runStart;
        if (allowBreaks && !spaces_ && col > BEST_WIDTH && i > 0 && i < n - 1) {
          out += '\n' + spaces(indent);
          col = indent;
          if (s.charCodeAt(i + 1) === 0x20) {
            out += '\\';
            col++;
          }
        } else {
          out += ' ';
          col++;
        }
        runStart = i + 1;
        spaces_ = true;
      } else {
        spaces_ = false; // printable non-ASCII, written as is
      }
      i += w - 1;
    }
    out += s.slice(runStart) + '"';
    col += n - runStart + 1;
    this.out += out;
    this.col = col;
  }

  private literal(s: string, indent: number): void {
    const n = s.length;
    const c0 = s.charCodeAt(0);
    let hints = '|';
    if (c0 === 0x20 || isBreak(c0)) hints += '2';
    const last = s.charCodeAt(n - 1);
    if (!isBreak(last)) hints += '-';
    else if (n === 1 || isBreak(s.charCodeAt(n - 2))) hints += '+';
    let out = hints + '\n';
    // Each line indented unless empty, jumping from line break to line break.
    const pad = spaces(indent);
    let lineStart = 0;
    LINE_BREAK.lastIndex = 0;
    for (let m = LINE_BREAK.exec(s); m !== null; m = LINE_BREAK.exec(s)) {
      const end = m.index + 1;
      out += end - lineStart > 1 ? pad + s.slice(lineStart, end) : s.charAt(m.index);
      lineStart = end;
    }
    if (lineStart < n) out += pad + s.slice(lineStart);
    this.out += out;
    this.col = lineStart < n ? indent + n - lineStart : 0;
  }
}

/** Go's JSON encoding of a key, including the quotes, counts at most this many characters. */
const MAX_JSON_KEY = 1024;

/** Length in characters of Go's JSON encoding of `s` (HTML-safe escapes, quotes included). */
function jsonLength(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09 ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) n += 2;
    else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 1;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 1;
  }
  return n;
}

function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || isSurrogate(c) ? 1 : 2;
  }
  return n;
}

/**
 * Serialises a resource as `kustomize build` writes it: {@link emitDocument}, after the check of the
 * step before it — kustomize rewrites the annotations of every resource at the end of a build with
 * untagged plain keys, and a key that go-yaml v3 then reads as a number, boolean, null or timestamp
 * (or an empty key) makes the build fail. Throws {@link EmitError}.
 */
export function emitResource(v: YamlValue): string {
  checkAnnotationKeys(v);
  return emitDocument(v);
}

function checkAnnotationKeys(v: YamlValue): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, 'metadata'))
    return;
  const meta = v.metadata;
  if (
    meta === null ||
    typeof meta !== 'object' ||
    Array.isArray(meta) ||
    !Object.prototype.hasOwnProperty.call(meta, 'annotations')
  )
    return;
  const ann = meta.annotations;
  if (ann === null || typeof ann !== 'object' || Array.isArray(ann)) return;
  for (const k of Object.keys(ann)) {
    if (k === '') {
      throw new EmitError(
        'wrong node kind: expected ScalarNode but got MappingNode (kustomize cannot look up an empty annotation key)',
      );
    }
    if (plainKeyIsNonString(k)) {
      throw new EmitError(
        `json: unsupported type: map[interface {}]interface {} (annotation key ${JSON.stringify(k)} is read back as a non-string)`,
      );
    }
  }
}

/**
 * Serialises one resource or other document (no `---`), ending with a newline. Throws
 * {@link EmitError} for what kustomize cannot write.
 */
export function emitDocument(v: YamlValue): string {
  const w = new Writer();
  w.node(v, -2, Ctx.Root);
  if (w.col !== 0) w.out += '\n';
  return w.out;
}

/** Serialises documents as kustomize prints them: joined by `---\n`, no leading separator. */
export function emitDocuments(values: readonly YamlValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += '---\n';
    out += emitDocument(values[i] as YamlValue);
  }
  return out;
}

/**
 * YAML out, byte-identical to kustomize: the value tree is written the way go-yaml v2 writes the Go map
 * that kustomize gets after its YAML → JSON → YAML round trip (spec §11.2). Keys are sorted with go-yaml
 * v2's digit-aware order, sequences are not indented under their key, scalars are quoted by go-yaml
 * v2's (YAML 1.1) rules, long scalars fold at column 80, multi-line strings become literal blocks.
 *
 * This is a port of the observable behaviour of go-yaml v2's encoder and emitter, written from the
 * spec and the conformance corpus.
 */
import { resolvesAsNonString11 } from './scalars.js';
import type { YamlMap, YamlValue } from './values.js';

const BEST_WIDTH = 80;
const INDENT = 2;

/** Thrown for values kustomize cannot serialise (`.inf`, `.nan`). */
export class EmitError extends Error {}

// ---------------------------------------------------------------------------------------------
// Key order (go-yaml v2 keyList.Less)

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER.test(String.fromCodePoint(cp));
}
function isDigit(cp: number): boolean {
  if (cp < 128) return cp >= 48 && cp <= 57;
  return DIGIT.test(String.fromCodePoint(cp));
}

function toRunes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      out.push(s.codePointAt(i) as number);
      i++;
    } else out.push(c);
  }
  return out;
}

/** go-yaml v2's key comparison: letters by code point, non-letters before letters, digit runs by value. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return keyLess(a, b) ? -1 : 1;
}

function keyLess(a: string, b: string): boolean {
  let ar: number[];
  let br: number[];
  // Fast path for ASCII strings.
  ar = toRunes(a);
  br = toRunes(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ai0 = ar[i] as number;
    const bi0 = br[i] as number;
    if (ai0 === bi0) continue;
    const al = isLetter(ai0);
    const bl = isLetter(bi0);
    if (al && bl) return ai0 < bi0;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ai0 === 48 || bi0 === 48) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as number); j--) {
        if (ar[j] !== 48) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as number); ai++) an = an * 10n + BigInt((ar[ai] as number) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as number); bi++) bn = bn * 10n + BigInt((br[bi] as number) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ai0 < bi0;
  }
  return ar.length < br.length;
}

const sortedKeysCache = new WeakMap<object, string[]>();

function sortedKeys(m: YamlMap): string[] {
  const keys = Object.keys(m);
  if (keys.length < 2) return keys;
  let simple = true;
  for (const k of keys) {
    if (!/^[a-zA-Z]+$/.test(k)) {
      simple = false;
      break;
    }
  }
  // For pure-letter keys go-yaml's order is plain code-point order.
  if (simple) return keys.sort();
  void sortedKeysCache;
  return keys.sort(compareKeys);
}

// ---------------------------------------------------------------------------------------------
// Numbers

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.FormatFloat(f, 'g', -1, 64). */
export function goFormatFloatG(f: number): string {
  if (Object.is(f, -0)) return '-0';
  const [mant = '', expStr = '0'] = f.toExponential().split('e');
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6 || (exp >= digits.length && exp >= 21)) {
    let s = digits[0] ?? '0';
    if (digits.length > 1) s += '.' + digits.slice(1);
    const e = Math.abs(exp);
    s += 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
    return (neg ? '-' : '') + s;
  }
  let s: string;
  if (exp < 0) s = '0.' + '0'.repeat(-exp - 1) + digits;
  else if (digits.length > exp + 1) s = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  else s = digits + '0'.repeat(exp + 1 - digits.length);
  return (neg ? '-' : '') + s;
}

/** How a number comes out of kustomize's JSON → go-yaml v2 round trip. */
export function formatNumber(n: number | bigint): string {
  if (typeof n === 'bigint') {
    if (n >= INT64_MIN && n <= UINT64_MAX) return n.toString();
    return goFormatFloatG(Number(n));
  }
  if (!Number.isFinite(n)) throw new EmitError(`json: unsupported value: ${n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN'}`);
  if (Number.isInteger(n)) {
    if (Object.is(n, -0)) return '0';
    if (Math.abs(n) < 1e21) {
      const b = BigInt(n);
      if (b >= INT64_MIN && b <= UINT64_MAX) return b.toString();
    }
    return goFormatFloatG(n);
  }
  return goFormatFloatG(n);
}

// ---------------------------------------------------------------------------------------------
// Scalar analysis (libyaml's yaml_emitter_analyze_scalar)

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
function isBreak(cp: number): boolean {
  return cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}
function isSpace(cp: number | undefined): boolean {
  return cp === 0x20;
}
function isBlankOrEnd(cp: number | undefined): boolean {
  return cp === undefined || cp === 0x20 || cp === 0x09 || (cp !== undefined && isBreak(cp)) || cp === 0;
}

function analyze(r: number[]): Analysis {
  if (r.length === 0) {
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  if (r.length >= 3) {
    const a = r[0];
    const b = r[1];
    const c = r[2];
    if ((a === 45 && b === 45 && c === 45) || (a === 46 && b === 46 && c === 46)) {
      if (isBlankOrEnd(r[3])) blockIndicators = true;
    }
  }
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankOrEnd(r[1]);
  const n = r.length;
  for (let i = 0; i < n; i++) {
    const ch = r[i] as number;
    if (i === 0) {
      switch (ch) {
        case 35: case 44: case 91: case 93: case 123: case 125: case 38: case 42: case 33:
        case 124: case 62: case 39: case 34: case 37: case 64: case 96:
          blockIndicators = true;
          break;
        case 63: case 58:
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 45:
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else {
      if (ch === 58 && followedByWhitespace) blockIndicators = true;
      if (ch === 35 && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(ch)) specialCharacters = true;
    if (isBreak(ch)) lineBreaks = true;
    if (isSpace(ch)) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(ch);
    followedByWhitespace = isBlankOrEnd(r[i + 2]);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

// ---------------------------------------------------------------------------------------------
// Writer

type Style = 'plain' | 'single' | 'double' | 'literal';

class Writer {
  out = '';
  column = 0;

  put(s: string): void {
    this.out += s;
    this.column += s.length;
  }
  putRunes(r: number[], from: number, to: number): void {
    let s = '';
    for (let i = from; i < to; i++) s += String.fromCodePoint(r[i] as number);
    this.out += s;
    this.column += to - from;
  }
  newline(indent: number): void {
    // After a block scalar that ended with a line break, only the indentation is missing.
    this.out += (this.out.endsWith('\n') ? '' : '\n') + ' '.repeat(indent);
    this.column = indent;
  }
}

const SAFE_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;

function chooseStyle(s: string, runes: number[], simpleKey: boolean): Style {
  let style: Style;
  if (s.includes('\n')) style = 'literal';
  else if (!resolvesAsNonString11(s) && s !== '<<') style = 'plain';
  else style = 'double';
  const a = analyze(runes);
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (runes.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

function writePlain(w: Writer, r: number[], indent: number, allowBreaks: boolean): void {
  let spaces = false;
  let start = 0;
  for (let i = 0; i < r.length; i++) {
    const ch = r[i];
    if (ch === 0x20) {
      if (allowBreaks && !spaces && w.column + (i - start) > BEST_WIDTH && r[i + 1] !== 0x20) {
        w.putRunes(r, start, i);
        w.newline(indent);
        start = i + 1;
      }
      spaces = true;
    } else spaces = false;
  }
  w.putRunes(r, start, r.length);
}

function writeSingle(w: Writer, r: number[], indent: number, allowBreaks: boolean): void {
  w.put("'");
  let spaces = false;
  let buf = '';
  const flush = (): void => {
    w.put(buf);
    buf = '';
  };
  for (let i = 0; i < r.length; i++) {
    const ch = r[i] as number;
    if (ch === 0x20) {
      if (allowBreaks && !spaces && w.column + buf.length > BEST_WIDTH && i > 0 && i < r.length - 1 && r[i + 1] !== 0x20) {
        flush();
        w.newline(indent);
      } else buf += ' ';
      spaces = true;
    } else {
      if (ch === 0x27) buf += "'";
      buf += String.fromCodePoint(ch);
      spaces = false;
    }
  }
  flush();
  w.put("'");
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function writeDouble(w: Writer, r: number[], indent: number, allowBreaks: boolean): void {
  w.put('"');
  let spaces = false;
  let buf = '';
  let bufLen = 0;
  const flush = (): void => {
    w.out += buf;
    w.column += bufLen;
    buf = '';
    bufLen = 0;
  };
  for (let i = 0; i < r.length; i++) {
    const ch = r[i] as number;
    if (!isPrintable(ch) || ch === 0xfeff || isBreak(ch) || ch === 0x22 || ch === 0x5c) {
      const e = ESCAPES[ch];
      let esc: string;
      if (e !== undefined) esc = '\\' + e;
      else if (ch <= 0xff) esc = '\\x' + ch.toString(16).toUpperCase().padStart(2, '0');
      else if (ch <= 0xffff) esc = '\\u' + ch.toString(16).toUpperCase().padStart(4, '0');
      else esc = '\\U' + ch.toString(16).toUpperCase().padStart(8, '0');
      buf += esc;
      bufLen += esc.length;
      spaces = false;
    } else if (ch === 0x20) {
      if (allowBreaks && !spaces && w.column + bufLen > BEST_WIDTH && i !== 0 && i !== r.length - 1) {
        flush();
        w.newline(indent);
        if (r[i + 1] === 0x20) {
          buf += '\\';
          bufLen += 1;
        }
      } else {
        buf += ' ';
        bufLen += 1;
      }
      spaces = true;
    } else {
      buf += String.fromCodePoint(ch);
      bufLen += 1;
      spaces = false;
    }
  }
  flush();
  w.put('"');
}

function writeLiteral(w: Writer, s: string, r: number[], indent: number): void {
  let hints = '|';
  if (r[0] === 0x20 || isBreak(r[0] as number)) hints += String(INDENT);
  const last = r[r.length - 1] as number;
  if (!isBreak(last)) hints += '-';
  else if (r.length === 1) hints += '+';
  else if (isBreak(r[r.length - 2] as number)) hints += '+';
  w.put(hints);
  // Content: every line at `indent`; empty lines carry no indentation.
  const lines = s.split('\n');
  const endsWithBreak = s.endsWith('\n');
  if (endsWithBreak) lines.pop();
  let out = '';
  for (const line of lines) {
    out += line === '' ? '\n' : '\n' + ' '.repeat(indent) + line;
  }
  w.out += out;
  if (endsWithBreak) {
    w.out += '\n';
    w.column = 0;
  } else {
    const lastLine = lines[lines.length - 1] ?? '';
    w.column = lastLine === '' ? 0 : indent + toRunes(lastLine).length;
  }
}

/** Writes a string scalar at the current position; `indent` is the indentation of continuation lines. */
function writeString(w: Writer, s: string, indent: number, simpleKey: boolean): void {
  if (SAFE_PLAIN.test(s) && !resolvesAsNonString11(s)) {
    const needsFold = !simpleKey && w.column + s.length > BEST_WIDTH && s.includes(' ');
    if (!needsFold) {
      w.put(s);
      return;
    }
  }
  const r = toRunes(s);
  const style = chooseStyle(s, r, simpleKey);
  switch (style) {
    case 'plain':
      writePlain(w, r, indent, !simpleKey);
      break;
    case 'single':
      writeSingle(w, r, indent, !simpleKey);
      break;
    case 'double':
      writeDouble(w, r, indent, !simpleKey);
      break;
    case 'literal':
      writeLiteral(w, s, r, indent);
      break;
  }
}

function scalarText(v: YamlValue): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  return undefined;
}

function isEmptyCollection(v: YamlValue): string | undefined {
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (v !== null && typeof v === 'object') return Object.keys(v).length === 0 ? '{}' : undefined;
  return undefined;
}

/** Writes a value that follows an indicator (`key:` or `-`), `indent` being the enclosing block's. */
function writeValueAfterIndicator(w: Writer, v: YamlValue, indent: number, inSequence: boolean): void {
  if (typeof v === 'string') {
    w.put(' ');
    writeString(w, v, indent + INDENT, false);
    return;
  }
  const st = scalarText(v);
  if (st !== undefined) {
    w.put(' ' + st);
    return;
  }
  const empty = isEmptyCollection(v);
  if (empty !== undefined) {
    w.put(' ' + empty);
    return;
  }
  if (Array.isArray(v)) {
    if (inSequence) {
      // `- - x`: the nested sequence starts on the same line.
      w.put(' ');
      writeSequenceItems(w, v, indent + INDENT, true);
    } else {
      // Sequences are not indented under a mapping key.
      w.newline(indent);
      writeSequenceItems(w, v, indent, true);
    }
    return;
  }
  if (inSequence) {
    w.put(' ');
    writeMappingEntries(w, v as YamlMap, indent + INDENT, true);
  } else {
    w.newline(indent + INDENT);
    writeMappingEntries(w, v as YamlMap, indent + INDENT, true);
  }
}

function writeSequenceItems(w: Writer, items: YamlValue[], indent: number, first: boolean): void {
  let isFirst = first;
  for (const item of items) {
    if (!isFirst) w.newline(indent);
    isFirst = false;
    w.put('-');
    writeValueAfterIndicator(w, item, indent, true);
  }
}

function writeKey(w: Writer, key: string, indent: number): boolean {
  const r = toRunes(key);
  // Keys longer than 128 characters (or multi-line) are written as explicit `? key`.
  if (r.length > 128 || key.includes('\n')) {
    w.put('?');
    w.put(' ');
    writeString(w, key, indent + INDENT, false);
    w.newline(indent);
    w.put(':');
    return false;
  }
  writeString(w, key, indent, true);
  w.put(':');
  return true;
}

function writeMappingEntries(w: Writer, m: YamlMap, indent: number, first: boolean): void {
  let isFirst = first;
  for (const key of sortedKeys(m)) {
    if (!isFirst) w.newline(indent);
    isFirst = false;
    writeKey(w, key, indent);
    writeValueAfterIndicator(w, m[key] as YamlValue, indent, false);
  }
}

/** Serialises one document (no `---`), ending with a newline. */
export function emitDocument(v: YamlValue): string {
  const w = new Writer();
  if (typeof v === 'string') {
    writeString(w, v, INDENT, false);
  } else if (scalarText(v) !== undefined) {
    w.put(scalarText(v) as string);
  } else if (isEmptyCollection(v) !== undefined) {
    w.put(isEmptyCollection(v) as string);
  } else if (Array.isArray(v)) {
    writeSequenceItems(w, v, 0, true);
  } else {
    writeMappingEntries(w, v as YamlMap, 0, true);
  }
  if (!w.out.endsWith('\n')) w.out += '\n';
  return w.out;
}

/** Serialises documents as kustomize prints them: joined by `---\n`, no leading separator. */
export function emitDocuments(values: readonly YamlValue[]): string {
  return values.map(emitDocument).join('---\n');
}

/**
 * Sprig's string functions and the goutils / xstrings helpers they call: byte-based slicing where Go
 * slices bytes (`trunc`, `substr`, `abbrev`), Go's `strings.Title`, word wrapping, case conversions
 * (`snakecase`, `camelcase`, `kebabcase`, `swapcase`), quoting, indentation and splitting.
 */
import {
  GoError,
  formatValue,
  goFunc,
  goQuote,
  isAscii,
  typedMap,
  mapType,
  typedSlice,
  type GoFunc,
  type GoValue,
} from '../template/index.js';
import { strval, sliceElems } from './conv.js';
import { randomString } from './random.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Go's len(s) in bytes. */
export function byteLen(s: string): number {
  return isAscii(s) ? s.length : utf8Encoder.encode(s).length;
}

/** Go's s[lo:hi] on bytes (a cut inside a character gives U+FFFD, as Go's invalid UTF-8 prints). */
export function byteSlice(s: string, lo: number, hi?: number): string {
  if (isAscii(s)) return s.slice(lo, hi);
  const b = utf8Encoder.encode(s);
  const end = hi ?? b.length;
  if (lo < 0 || end > b.length || lo > end)
    throw new GoError(`runtime error: slice bounds out of range [${lo}:${end}] with length ${b.length}`);
  return utf8Decoder.decode(b.subarray(lo, end));
}

function checkedSlice(s: string, lo: number, hi: number): string {
  const len = byteLen(s);
  if (hi > len) throw new GoError(`runtime error: slice bounds out of range [:${hi}] with length ${len}`);
  if (lo > hi) throw new GoError(`runtime error: slice bounds out of range [${lo}:${hi}]`);
  if (lo < 0) throw new GoError(`runtime error: slice bounds out of range [${lo}:]`);
  return byteSlice(s, lo, hi);
}

const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

/** Go's unicode.IsSpace. */
export function isSpace(ch: string): boolean {
  return SPACE.test(ch);
}

/** strings.TrimSpace. */
export function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s[a] as string)) a++;
  while (b > a && isSpace(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** strings.Trim(s, cutset). */
function trimCutset(s: string, cutset: string): string {
  const set = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a] as string)) a++;
  while (b > a && set.has(chars[b - 1] as string)) b--;
  return chars.slice(a, b).join('');
}

/** Go's strings.Title (deprecated but what Sprig calls): upper-cases letters that start words. */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? toTitle(ch) : ch;
    prev = ch;
  }
  return out;
}

function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0) as number;
  if (c <= 0x7f) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) return false;
    return true;
  }
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return isSpace(ch);
}

function toTitle(ch: string): string {
  const special: Record<string, string> = { ǆ: 'ǅ', Ǆ: 'ǅ', ǉ: 'ǈ', Ǉ: 'ǈ', ǌ: 'ǋ', Ǌ: 'ǋ', ǳ: 'ǲ', Ǳ: 'ǲ' };
  const t = special[ch];
  if (t !== undefined) return t;
  const u = ch.toUpperCase();
  return Array.from(u).length === 1 ? u : ch;
}

/** Go's strings.ToUpper / ToLower map rune by rune (no length-changing special casing). */
export function toUpper(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += Array.from(u).length === 1 ? u : ch;
  }
  return out;
}

export function toLower(s: string): string {
  let out = '';
  for (const ch of s) {
    const l = ch.toLowerCase();
    out += Array.from(l).length === 1 ? l : ch;
  }
  return out;
}

function isUpper(ch: string): boolean {
  return /\p{Lu}/u.test(ch);
}
function isLower(ch: string): boolean {
  return /\p{Ll}/u.test(ch);
}
function isTitleCase(ch: string): boolean {
  return /\p{Lt}/u.test(ch);
}

/** goutils.Uncapitalize. */
function uncapitalize(s: string): string {
  let next = true;
  let out = '';
  for (const ch of s) {
    if (isSpace(ch)) {
      next = true;
      out += ch;
    } else if (next) {
      out += toLower(ch);
      next = false;
    } else out += ch;
  }
  return out;
}

/** goutils.SwapCase. */
function swapCase(s: string): string {
  let whitespace = true;
  let out = '';
  for (const ch of s) {
    if (isUpper(ch) || isTitleCase(ch)) {
      out += toLower(ch);
      whitespace = false;
    } else if (isLower(ch)) {
      out += whitespace ? toTitle(ch) : toUpper(ch);
      whitespace = false;
    } else {
      whitespace = isSpace(ch);
      out += ch;
    }
  }
  return out;
}

/** goutils.Initials (bytes of ASCII strings). */
function initials(s: string): string {
  let out = '';
  let lastWasGap = true;
  for (const ch of s) {
    if (isSpace(ch)) lastWasGap = true;
    else if (lastWasGap) {
      out += ch;
      lastWasGap = false;
    }
  }
  return out;
}

/** goutils.DeleteWhiteSpace. */
function deleteWhiteSpace(s: string): string {
  let out = '';
  for (const ch of s) if (!isSpace(ch)) out += ch;
  return out;
}

/** goutils.AbbreviateFull. */
function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  if (str === '') return '';
  if (maxWidth < 4) return '';
  const len = byteLen(str);
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return byteSlice(str, 0, maxWidth - 3) + '...';
  if (maxWidth < 7) return '';
  if (offset + maxWidth - 3 < len) return '...' + abbreviateFull(byteSlice(str, offset), 0, maxWidth - 3);
  return '...' + byteSlice(str, len - (maxWidth - 3));
}

/** goutils.WrapCustom (byte offsets, as Go). */
export function wrapCustom(str: string, wrapLength: number, newLineStr: string, wrapLongWords: boolean): string {
  if (str === '') return '';
  if (newLineStr === '') newLineStr = '\n';
  if (wrapLength < 1) wrapLength = 1;
  const len = str.length;
  let offset = 0;
  let out = '';
  while (len - offset > wrapLength) {
    if (str[offset] === ' ') {
      offset++;
      continue;
    }
    const end = Math.min(wrapLength + offset + 1, len);
    const spaceToWrapAt = str.slice(offset, end).lastIndexOf(' ') + offset;
    if (spaceToWrapAt >= offset) {
      out += str.slice(offset, spaceToWrapAt) + newLineStr;
      offset = spaceToWrapAt + 1;
    } else if (wrapLongWords) {
      out += str.slice(offset, wrapLength + offset) + newLineStr;
      offset += wrapLength;
    } else {
      const e = wrapLength + offset;
      const index = str.slice(e).indexOf(' ');
      if (index === -1) {
        out += str.slice(offset);
        offset = len;
      } else {
        out += str.slice(offset, index + e) + newLineStr;
        offset = index + e + 1;
      }
    }
  }
  return out + str.slice(offset);
}

// ---------------------------------------------------------------------------------------------
// xstrings case conversions

function isConnector(ch: string): boolean {
  return ch === '-' || ch === '_' || isSpace(ch);
}

/** xstrings.ToCamelCase of v1.4 (Sprig's `camelcase`: `http_server` → `HttpServer`). */
function toPascalCase(str: string): string {
  const chars = Array.from(str);
  if (chars.length === 0) return '';
  let out = '';
  let i = 0;
  let r0 = '';
  for (; i < chars.length; i++) {
    r0 = chars[i] as string;
    if (!isConnector(r0)) {
      r0 = toUpper(r0);
      i++;
      break;
    }
    out += r0;
  }
  if (i >= chars.length) return isConnector(r0) ? out : out + r0;
  for (; i < chars.length; i++) {
    const r1 = r0;
    r0 = chars[i] as string;
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) r0 = toUpper(r0);
    else out += r1;
  }
  return out + r0;
}

type WordType = 'invalid' | 'number' | 'upper' | 'alpha' | 'connector' | 'punct' | 'other';

function isAlphabet(ch: string): boolean {
  if (!/\p{L}/u.test(ch)) return false;
  const c = ch.codePointAt(0) as number;
  return !(c >= 0x4e00 && c <= 0x9fcc) && !(c >= 0x3400 && c <= 0x4dbf) && !(c >= 0x20000 && c <= 0x2a6df);
}
function isPunct(ch: string): boolean {
  return /\p{P}/u.test(ch);
}
function isNumber(ch: string): boolean {
  return /\p{N}/u.test(ch);
}

/** xstrings' nextWord over code points. */
function nextWord(chars: string[], start: number): [WordType, number] {
  const r = chars[start] as string;
  let i = start + 1;
  const n = chars.length;
  if (isConnector(r)) {
    while (i < n && isConnector(chars[i] as string)) i++;
    return ['connector', i];
  }
  if (isPunct(r)) {
    while (i < n && isPunct(chars[i] as string)) i++;
    return ['punct', i];
  }
  if (isUpper(r)) {
    if (i >= n) return ['upper', i];
    const r1 = chars[i] as string;
    if (isUpper(r1)) {
      i++;
      while (i < n && isUpper(chars[i] as string)) i++;
      if (i < n && isAlphabet(chars[i] as string)) i--;
    } else if (isAlphabet(r1)) {
      i++;
      while (i < n && isAlphabet(chars[i] as string) && !isUpper(chars[i] as string)) i++;
    }
    return ['upper', i];
  }
  if (isAlphabet(r)) {
    while (i < n && isAlphabet(chars[i] as string) && !isUpper(chars[i] as string)) i++;
    return ['alpha', i];
  }
  if (isNumber(r)) {
    while (i < n && isNumber(chars[i] as string)) i++;
    return ['number', i];
  }
  while (i < n) {
    const c = chars[i] as string;
    if (isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)) break;
    i++;
  }
  return ['other', i];
}

function lowerWord(wt: WordType, word: string, connector: string): string {
  if (wt !== 'upper' && wt !== 'connector') return word;
  let out = '';
  for (const ch of word) out += isConnector(ch) ? connector : isUpper(ch) ? toLower(ch) : ch;
  return out;
}

/** xstrings' camelCaseToLowerCase (snakecase and kebabcase). */
function camelToLower(str: string, connector: string): string {
  const chars = Array.from(str);
  if (chars.length === 0) return '';
  let out = '';
  let pos = 0;
  const next = (): [WordType, string] => {
    if (pos >= chars.length) return ['invalid', ''];
    const [wt, end] = nextWord(chars, pos);
    const word = chars.slice(pos, end).join('');
    pos = end;
    return [wt, word];
  };
  let [wt, word] = next();
  while (pos < chars.length) {
    if (wt !== 'connector') out += lowerWord(wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word] = next();
    switch (prev) {
      case 'number':
        while (wt === 'alpha' || wt === 'number') {
          out += lowerWord(wt, word, connector);
          [wt, word] = next();
        }
        if (wt !== 'invalid' && wt !== 'punct' && wt !== 'connector') out += connector;
        break;
      case 'connector':
        out += lowerWord(prev, last, connector);
        break;
      case 'punct':
        break;
      default: {
        if (wt !== 'number') {
          if (wt !== 'connector' && wt !== 'punct') out += connector;
          break;
        }
        if (pos >= chars.length) break;
        const lastNum = word;
        [wt, word] = next();
        if (wt !== 'alpha') {
          out += lowerWord('number', lastNum, connector);
          if (wt !== 'connector' && wt !== 'punct') out += connector;
          break;
        }
        out += connector + lowerWord('number', lastNum, connector);
        while (wt === 'alpha' || wt === 'number') {
          out += lowerWord(wt, word, connector);
          [wt, word] = next();
        }
        if (wt !== 'invalid' && wt !== 'connector' && wt !== 'punct') out += connector;
      }
    }
  }
  return out + lowerWord(wt, word, connector);
}

function shuffle(s: string): string {
  const chars = Array.from(s);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

// ---------------------------------------------------------------------------------------------
// Sprig functions

/** Sprig's strslice (`toStrings`, `join`): nil elements dropped, others through strval. */
export function strslice(v: GoValue): string[] {
  const elems = sliceElems(v);
  if (elems) return elems.filter((e) => e !== null).map(strval);
  if (v === null) return [];
  return [strval(v)];
}

function splitToMap(parts: string[]): GoValue {
  const m: Record<string, GoValue> = {};
  parts.forEach((p, i) => (m['_' + String(i)] = p));
  return typedMap(mapType('string'), m);
}

/** strings.SplitN. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = Array.from(s);
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function indent(spaces: bigint, v: string): string {
  const pad = ' '.repeat(Number(spaces < 0n ? 0n : spaces));
  return pad + v.replaceAll('\n', '\n' + pad);
}

function substring(start: bigint, end: bigint, s: string): string {
  const len = byteLen(s);
  if (start < 0n) return checkedSlice(s, 0, Number(end));
  if (end < 0n || end > BigInt(len)) return checkedSlice(s, Number(start), len);
  return checkedSlice(s, Number(start), Number(end));
}

function trunc(c: bigint, s: string): string {
  const len = BigInt(byteLen(s));
  if (c < 0n && len + c > 0n) return byteSlice(s, Number(len + c));
  if (c >= 0n && len > c) return byteSlice(s, 0, Number(c));
  return s;
}

function repeat(count: bigint, s: string): string {
  if (count < 0n) throw new GoError('strings: negative Repeat count');
  return s.repeat(Number(count));
}

/** The string functions of Sprig's map. */
export function stringFuncs(): Record<string, GoFunc> {
  return {
    ...trimAndCaseFuncs(),
    ...randomAndWrapFuncs(),
    ...matchQuoteAndIndentFuncs(),
    ...convertAndSplitFuncs(),
  };
}

/** Sprig's abbreviating, truncating, trimming and case functions. */
function trimAndCaseFuncs(): Record<string, GoFunc> {
  return {
    abbrev: goFunc('func(int, string) string', (w: bigint, s: string) =>
      w < 4n ? s : abbreviateFull(s, 0, Number(w)),
    ),
    abbrevboth: goFunc('func(int, int, string) string', (l: bigint, r: bigint, s: string) =>
      r < 4n || (l > 0n && r < 7n) ? s : abbreviateFull(s, Number(l), Number(r)),
    ),
    trunc: goFunc('func(int, string) string', trunc),
    trim: goFunc('func(string) string', trimSpace),
    upper: goFunc('func(string) string', toUpper),
    lower: goFunc('func(string) string', toLower),
    title: goFunc('func(string) string', title),
    untitle: goFunc('func(string) string', uncapitalize),
    substr: goFunc('func(int, int, string) string', substring),
    repeat: goFunc('func(int, string) string', repeat),
    trimall: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a)),
    trimAll: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a)),
    trimSuffix: goFunc('func(string, string) string', (a: string, b: string) =>
      a !== '' && b.endsWith(a) ? b.slice(0, b.length - a.length) : b,
    ),
    trimPrefix: goFunc('func(string, string) string', (a: string, b: string) =>
      b.startsWith(a) ? b.slice(a.length) : b,
    ),
    nospace: goFunc('func(string) string', deleteWhiteSpace),
    initials: goFunc('func(string) string', initials),
  };
}

/** Sprig's random strings, case conversions (swap, snake, camel, kebab), shuffle and wrapping. */
function randomAndWrapFuncs(): Record<string, GoFunc> {
  return {
    randAlphaNum: goFunc('func(int) string', (n: bigint) => randomString(Number(n), 'alnum')),
    randAlpha: goFunc('func(int) string', (n: bigint) => randomString(Number(n), 'alpha')),
    randAscii: goFunc('func(int) string', (n: bigint) => randomString(Number(n), 'ascii')),
    randNumeric: goFunc('func(int) string', (n: bigint) => randomString(Number(n), 'numeric')),
    swapcase: goFunc('func(string) string', swapCase),
    shuffle: goFunc('func(string) string', shuffle),
    snakecase: goFunc('func(string) string', (s: string) => camelToLower(s, '_')),
    camelcase: goFunc('func(string) string', toPascalCase),
    kebabcase: goFunc('func(string) string', (s: string) => camelToLower(s, '-')),
    wrap: goFunc('func(int, string) string', (l: bigint, s: string) => wrapCustom(s, Number(l), '', false)),
    wrapWith: goFunc('func(int, string, string) string', (l: bigint, sep: string, s: string) =>
      wrapCustom(s, Number(l), sep, true),
    ),
  };
}

/** Sprig's substring tests, quoting, concatenation, indentation, replace and plural. */
function matchQuoteAndIndentFuncs(): Record<string, GoFunc> {
  return {
    contains: goFunc('func(string, string) bool', (sub: string, s: string) => s.includes(sub)),
    hasPrefix: goFunc('func(string, string) bool', (sub: string, s: string) => s.startsWith(sub)),
    hasSuffix: goFunc('func(string, string) bool', (sub: string, s: string) => s.endsWith(sub)),
    quote: goFunc('func(...interface {}) string', (...v: GoValue[]) =>
      v
        .filter((x) => x !== null)
        .map((x) => goQuote(strval(x)))
        .join(' '),
    ),
    squote: goFunc('func(...interface {}) string', (...v: GoValue[]) =>
      v
        .filter((x) => x !== null)
        .map((x) => `'${formatValue(x)}'`)
        .join(' '),
    ),
    cat: goFunc('func(...interface {}) string', (...v: GoValue[]) =>
      v
        .filter((x) => x !== null)
        .map(formatValue)
        .join(' '),
    ),
    indent: goFunc('func(int, string) string', indent),
    nindent: goFunc('func(int, string) string', (n: bigint, v: string) => '\n' + indent(n, v)),
    replace: goFunc('func(string, string, string) string', (o: string, n: string, s: string) => goReplaceAll(s, o, n)),
    plural: goFunc('func(string, string, int) string', (one: string, many: string, c: bigint) =>
      c === 1n ? one : many,
    ),
  };
}

/** Sprig's string conversions, splitting and joining. */
function convertAndSplitFuncs(): Record<string, GoFunc> {
  return {
    toString: goFunc('func(interface {}) string', strval),
    atoi: goFunc('func(string) int', atoi),
    split: goFunc('func(string, string) map[string]string', (sep: string, s: string) => splitToMap(splitN(s, sep, -1))),
    splitList: goFunc('func(string, string) []string', (sep: string, s: string) =>
      typedSlice('string', splitN(s, sep, -1)),
    ),
    splitn: goFunc('func(string, int, string) map[string]string', (sep: string, n: bigint, s: string) =>
      splitToMap(splitN(s, sep, Number(n))),
    ),
    toStrings: goFunc('func(interface {}) []string', (v: GoValue) => typedSlice('string', strslice(v))),
    join: goFunc('func(string, interface {}) string', (sep: string, v: GoValue) => strslice(v).join(sep)),
  };
}

/** strings.Replace(s, old, new, -1), with Go's rule for an empty `old` (insert around every rune). */
export function goReplaceAll(s: string, old: string, repl: string): string {
  if (old === '') {
    const chars = Array.from(s);
    return repl + chars.map((c) => c + repl).join('');
  }
  return s.split(old).join(repl);
}

/** strconv.Atoi with errors ignored (0). */
function atoi(s: string): bigint {
  if (!/^[+-]?\d+$/.test(s)) return 0n;
  const n = BigInt(s);
  if (n > (1n << 63n) - 1n || n < -(1n << 63n)) return n > 0n ? (1n << 63n) - 1n : -(1n << 63n);
  return n;
}

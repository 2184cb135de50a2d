/**
 * Go's strconv as the template engine and fmt need it: Quote/QuoteToASCII/QuoteRune, Unquote (the
 * parser's string and character constants), ParseInt/ParseUint/ParseFloat with Go literal syntax, and
 * FormatFloat ('e', 'E', 'f', 'g', 'G', 'b', 'x', 'X') with exact decimal expansion, so that precision
 * rounding is Go's round-half-even on the exact binary value.
 */
import { setTokenQuoter } from './lex.js';

/** Go's error for strconv failures: `strconv.ParseInt: parsing "x": invalid syntax`. */
export class NumError extends Error {
  constructor(
    readonly func: string,
    readonly input: string,
    readonly reason: 'invalid syntax' | 'value out of range',
  ) {
    super(`strconv.${func}: parsing ${quote(input)}: ${reason}`);
  }
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const printCache = new Map<number, boolean>();

/** Go's unicode.IsPrint / strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  let p = printCache.get(r);
  if (p === undefined) {
    p = r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff) && PRINTABLE.test(String.fromCodePoint(r));
    if (printCache.size < 4096) printCache.set(r, p);
  }
  return p;
}

/** Go's unicode.IsGraphic: IsPrint plus the Unicode space separators (Zs). */
export function isGraphic(r: number): boolean {
  return isPrint(r) || (r > 0x7f && /^\p{Zs}$/u.test(String.fromCodePoint(r)));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function appendEscapedRune(r: number, q: number, asciiOnly: boolean, graphicOnly: boolean): string {
  if (r === q || r === 0x5c) return '\\' + String.fromCodePoint(r);
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return String.fromCodePoint(r);
  } else if (isPrint(r) || (graphicOnly && isGraphic(r))) {
    return String.fromCodePoint(r);
  }
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (r >= 0xd800 && r <= 0xdfff) return '\\ufffd';
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

function quoteWith(s: string, q: number, asciiOnly: boolean, graphicOnly: boolean): string {
  let out = String.fromCharCode(q);
  for (const ch of s) out += appendEscapedRune(ch.codePointAt(0) as number, q, asciiOnly, graphicOnly);
  return out + String.fromCharCode(q);
}

/** strconv.Quote. */
export function quote(s: string): string {
  // Fast path: printable ASCII without quotes or backslashes.
  if (/^[\x20-\x7e]*$/.test(s) && !s.includes('"') && !s.includes('\\')) return `"${s}"`;
  return quoteWith(s, 0x22, false, false);
}

/** strconv.QuoteToASCII. */
export function quoteToASCII(s: string): string {
  return quoteWith(s, 0x22, true, false);
}

/** strconv.QuoteRune (invalid runes become U+FFFD). */
export function quoteRune(r: number): string {
  const v = r > 0x10ffff || r < 0 || (r >= 0xd800 && r <= 0xdfff) ? 0xfffd : r;
  return "'" + appendEscapedRune(v, 0x27, false, false) + "'";
}

/** strconv.QuoteRuneToASCII. */
export function quoteRuneToASCII(r: number): string {
  const v = r > 0x10ffff || r < 0 || (r >= 0xd800 && r <= 0xdfff) ? 0xfffd : r;
  return "'" + appendEscapedRune(v, 0x27, true, false) + "'";
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    if (r === 0xfeff) return false;
    if ((r < 0x20 && r !== 0x09) || r === 0x60 || r === 0x7f || (r >= 0xd800 && r <= 0xdfff)) return false;
  }
  return true;
}

setTokenQuoter(quote);

/** Thrown by {@link unquote}: Go's strconv.ErrSyntax. */
export class SyntaxError_ extends Error {
  constructor() {
    super('invalid syntax');
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 0x5c,
};

/**
 * Decodes one (possibly escaped) character of a quoted literal at `i`: its code point or byte, whether
 * it is a raw byte (`\x`, octal), and the index after it. Throws SyntaxError_.
 */
function unquoteChar(s: string, i: number, q: number): [value: number, isByte: boolean, next: number] {
  const c = s.codePointAt(i);
  if (c === undefined) throw new SyntaxError_();
  if (c === q && (q === 0x27 || q === 0x22)) throw new SyntaxError_();
  if (c !== 0x5c) return [c, false, i + (c > 0xffff ? 2 : 1)];
  const e = s[i + 1];
  if (e === undefined) throw new SyntaxError_();
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return [simple, false, i + 2];
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const digits = s.slice(i + 2, i + 2 + n);
    if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) throw new SyntaxError_();
    const v = parseInt(digits, 16);
    if (e === 'x') return [v, true, i + 2 + n];
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new SyntaxError_();
    return [v, false, i + 2 + n];
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits)) throw new SyntaxError_();
    const v = parseInt(digits, 8);
    if (v > 255) throw new SyntaxError_();
    return [v, true, i + 4];
  }
  if ((e === "'" || e === '"') && e.charCodeAt(0) === q) return [q, false, i + 2];
  throw new SyntaxError_();
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

function encodeRune(out: number[], r: number): void {
  if (r < 0x80) out.push(r);
  else if (r < 0x800) out.push(0xc0 | (r >> 6), 0x80 | (r & 63));
  else if (r < 0x10000) out.push(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 63), 0x80 | (r & 63));
  else out.push(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 63), 0x80 | ((r >> 6) & 63), 0x80 | (r & 63));
}

/** strconv.Unquote for `"…"`, `` `…` `` and `'…'` literals. Throws SyntaxError_. */
export function unquote(s: string): string {
  if (s.length < 2) throw new SyntaxError_();
  const q = s.charCodeAt(0);
  if (q !== s.charCodeAt(s.length - 1)) throw new SyntaxError_();
  const body = s.slice(1, -1);
  if (q === 0x60) {
    if (body.includes('`')) throw new SyntaxError_();
    return body.includes('\r') ? body.replace(/\r/g, '') : body;
  }
  if (q !== 0x22 && q !== 0x27) throw new SyntaxError_();
  if (body.includes('\n')) throw new SyntaxError_();
  if (!body.includes('\\') && !body.includes(String.fromCharCode(q))) {
    if (q === 0x22) return body;
    if (Array.from(body).length === 1) return body;
    throw new SyntaxError_();
  }
  const bytes: number[] = [];
  let i = 0;
  let count = 0;
  while (i < body.length) {
    const [v, isByte, next] = unquoteChar(body, i, q);
    if (isByte) bytes.push(v);
    else encodeRune(bytes, v);
    i = next;
    count++;
    if (q === 0x27 && count > 1) throw new SyntaxError_();
  }
  if (q === 0x27 && count !== 1) throw new SyntaxError_();
  return utf8Decoder.decode(new Uint8Array(bytes));
}

/** Decodes a character constant `'x'` to its code point (or byte value). Throws SyntaxError_. */
export function unquoteCharConstant(s: string): number {
  if (s.length < 3 || s[0] !== "'" || s[s.length - 1] !== "'") throw new SyntaxError_();
  const [v, , next] = unquoteChar(s, 1, 0x27);
  if (next !== s.length - 1) throw new Error(`malformed character constant: ${s}`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Parsing numbers

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hexa = false;
  if (s.length >= 2 && s[0] === '0' && /[bBoOxX]/.test(s[1] ?? '')) {
    i = 2;
    saw = '0';
    hexa = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hexa && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(s, base, bits) as a bigint. Throws NumError. */
export function parseUint(s: string, base: number, bits = 64, fn = 'ParseUint'): bigint {
  if (s === '') throw new NumError(fn, s, 'invalid syntax');
  const base0 = base === 0;
  let t = s;
  if (base === 0) {
    base = 10;
    if (t[0] === '0') {
      const p = t[1];
      if (t.length >= 3 && (p === 'b' || p === 'B')) {
        base = 2;
        t = t.slice(2);
      } else if (t.length >= 3 && (p === 'o' || p === 'O')) {
        base = 8;
        t = t.slice(2);
      } else if (t.length >= 3 && (p === 'x' || p === 'X')) {
        base = 16;
        t = t.slice(2);
      } else {
        base = 8;
        t = t.slice(1);
      }
    }
  }
  let n = 0n;
  const B = BigInt(base);
  const max = (1n << BigInt(bits)) - 1n;
  let sawUnderscore = false;
  let overflow = false;
  for (const c of t) {
    if (c === '_' && base0) {
      sawUnderscore = true;
      continue;
    }
    const d = digitVal(c);
    if (d >= base) throw new NumError(fn, s, 'invalid syntax');
    n = n * B + BigInt(d);
    if (n > max) overflow = true;
  }
  if (sawUnderscore && !underscoreOK(s)) throw new NumError(fn, s, 'invalid syntax');
  if (overflow) throw new NumError(fn, s, 'value out of range');
  return n;
}

function digitVal(c: string): number {
  const x = c.charCodeAt(0);
  if (x >= 48 && x <= 57) return x - 48;
  if (x >= 97 && x <= 122) return x - 87;
  if (x >= 65 && x <= 90) return x - 55;
  return 99;
}

/** strconv.ParseInt(s, base, bits) as a bigint. Throws NumError. */
export function parseInt64(s: string, base: number, bits = 64): bigint {
  if (s === '') throw new NumError('ParseInt', s, 'invalid syntax');
  let neg = false;
  let t = s;
  if (t[0] === '+' || t[0] === '-') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let u: bigint;
  try {
    u = parseUint(t, base, bits, 'ParseInt');
  } catch (e) {
    if (e instanceof NumError) throw new NumError('ParseInt', s, e.reason);
    throw e;
  }
  const cutoff = 1n << BigInt(bits - 1);
  if (!neg && u >= cutoff) throw new NumError('ParseInt', s, 'value out of range');
  if (neg && u > cutoff) throw new NumError('ParseInt', s, 'value out of range');
  return neg ? -u : u;
}

const DEC_FLOAT = /^[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]((?:[\da-fA-F_]+(?:\.[\da-fA-F_]*)?|\.[\da-fA-F_]+))[pP]([+-]?\d[\d_]*)$/;

/** strconv.ParseFloat(s, 64). Throws NumError. */
export function parseFloat64(s: string): number {
  const lower = s.toLowerCase();
  const unsigned = lower.replace(/^[+-]/, '');
  if (unsigned === 'inf' || unsigned === 'infinity') return lower.startsWith('-') ? -Infinity : Infinity;
  if (unsigned === 'nan') return NaN;
  if (s.includes('_') && !underscoreOK(s)) throw new NumError('ParseFloat', s, 'invalid syntax');
  const t = s.replace(/_/g, '');
  if (DEC_FLOAT.test(s)) {
    const v = Number(t);
    if (!Number.isFinite(v)) throw new NumError('ParseFloat', s, 'value out of range');
    return v;
  }
  const m = HEX_FLOAT.exec(t);
  if (m) {
    const [, sign, mant = '', exp = '0'] = m;
    const [ip = '', fp = ''] = mant.split('.');
    const digits = ip + fp;
    let v = Number(BigInt('0x' + (digits === '' ? '0' : digits))) * 2 ** (Number(exp) - 4 * fp.length);
    if (sign === '-') v = -v;
    if (!Number.isFinite(v)) throw new NumError('ParseFloat', s, 'value out of range');
    return v;
  }
  throw new NumError('ParseFloat', s, 'invalid syntax');
}

// ---------------------------------------------------------------------------------------------
// Formatting floats

/** Decimal digits and decimal-point position: value = 0.d1d2d3… × 10^dp. */
interface Digits {
  d: string;
  dp: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Exact decimal expansion of |f| (finite, non-zero) as digits and point position. */
function exactDigits(f: number): Digits {
  f64[0] = Math.abs(f);
  const bits = u64[0] as bigint;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  exp -= 1075;
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trimZeros({ d: digits, dp });
}

function trimZeros(x: Digits): Digits {
  let d = x.d.replace(/0+$/, '');
  let dp = x.dp;
  const lead = /^0*/.exec(d)?.[0].length ?? 0;
  if (lead > 0) {
    d = d.slice(lead);
    dp -= lead;
  }
  return { d, dp };
}

/** Rounds digits to n significant digits, half to even (exact input). */
function roundDigits(x: Digits, n: number): Digits {
  if (n < 0) return { d: '', dp: x.dp };
  if (x.d.length <= n) return x;
  const next = x.d.charCodeAt(n) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (x.d.length > n + 1) up = true;
  else up = n > 0 && (x.d.charCodeAt(n - 1) - 48) % 2 === 1;
  let d = x.d.slice(0, n);
  let dp = x.dp;
  if (up) {
    let i = n - 1;
    const arr = d.split('');
    while (i >= 0 && arr[i] === '9') {
      arr[i] = '0';
      i--;
    }
    if (i < 0) {
      arr.unshift('1');
      dp++;
      arr.pop();
      if (n === 0) {
        return { d: '1', dp: dp };
      }
    } else {
      arr[i] = String.fromCharCode((arr[i] as string).charCodeAt(0) + 1);
    }
    d = arr.join('');
  }
  return { d: d.replace(/0+$/, ''), dp };
}

/** Shortest digits that read back as f (float64, or float32 when bits = 32). */
function shortestDigits(f: number, bits: number): Digits {
  const a = Math.abs(f);
  if (bits === 32) {
    for (let p = 1; p <= 9; p++) {
      const s = a.toPrecision(p);
      if (Math.fround(Number(s)) === a) return parseExpString(Number(s).toExponential());
    }
  }
  return parseExpString(a.toExponential());
}

function parseExpString(s: string): Digits {
  const [mant = '', exp = '0'] = s.split('e');
  const d = mant.replace('.', '');
  return trimZeros({ d, dp: Number(exp) + 1 });
}

function fmtE(neg: boolean, d: Digits, prec: number, fmt: string): string {
  let out = neg ? '-' : '';
  out += d.d.length > 0 ? d.d.charAt(0) : '0';
  if (prec > 0) {
    out += '.';
    const frac = d.d.slice(1, prec + 1);
    out += frac + '0'.repeat(prec - frac.length);
  }
  out += fmt;
  let exp = d.dp - 1;
  if (d.d.length === 0) exp = 0;
  out += exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  out += exp < 10 ? `0${exp}` : String(exp);
  return out;
}

function fmtF(neg: boolean, d: Digits, prec: number): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    const m = Math.min(d.d.length, d.dp);
    out += d.d.slice(0, m) + '0'.repeat(d.dp - m);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = d.dp + i;
      out += j >= 0 && j < d.d.length ? d.d.charAt(j) : '0';
    }
  }
  return out;
}

function formatDigits(shortest: boolean, neg: boolean, digs: Digits, prec: number, fmt: string): string {
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, digs, prec, fmt);
    case 'f':
      return fmtF(neg, digs, prec);
    case 'g':
    case 'G': {
      let eprec = prec;
      const nd = digs.d.length;
      if (eprec > nd && nd >= digs.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, digs, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > digs.dp) prec = nd;
      return fmtF(neg, digs, Math.max(prec - digs.dp, 0));
    }
  }
  return '%' + fmt;
}

/** strconv.FormatFloat(f, fmt, prec, bits). */
export function formatFloat(f: number, fmt: string, prec: number, bits = 64): string {
  // Fast path of %v: in [1e-4, 1e6) Go's shortest 'g' and JavaScript's String agree (plain notation).
  if (fmt === 'g' && prec < 0 && bits === 64) {
    const a = Math.abs(f);
    if (a >= 1e-4 && a < 1e6) return String(f);
    if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  }
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (bits === 32) f = Math.fround(f);
  const neg = f < 0 || Object.is(f, -0);
  if (fmt === 'b') return fmtB(f, bits);
  if (fmt === 'x' || fmt === 'X') return fmtX(f, prec, fmt, bits);
  const shortest = prec < 0;
  if (f === 0)
    return formatDigits(shortest, neg, { d: '', dp: 0 }, shortest ? (fmt === 'g' || fmt === 'G' ? 0 : 0) : prec, fmt);
  if (shortest) {
    const digs = shortestDigits(f, bits);
    const nd = digs.d.length;
    const p = fmt === 'e' || fmt === 'E' ? Math.max(nd - 1, 0) : fmt === 'f' ? Math.max(nd - digs.dp, 0) : nd;
    return formatDigits(true, neg, digs, p, fmt);
  }
  const exact = exactDigits(f);
  let digs: Digits;
  switch (fmt) {
    case 'f':
      digs = roundDigits(exact, exact.dp + prec);
      break;
    case 'e':
    case 'E':
      digs = roundDigits(exact, prec + 1);
      break;
    case 'g':
    case 'G':
      if (prec === 0) prec = 1;
      digs = roundDigits(exact, prec);
      break;
    default:
      digs = roundDigits(exact, 1);
  }
  return formatDigits(false, neg, digs, prec, fmt);
}

function floatBits(f: number, bits: number): { neg: boolean; mant: bigint; exp: number; mantBits: number } {
  if (bits === 32) {
    const b = new Float32Array([f]);
    const u = new Uint32Array(b.buffer)[0] as number;
    let exp = (u >>> 23) & 0xff;
    let mant = BigInt(u & 0x7fffff);
    if (exp === 0) exp = 1;
    else mant |= 1n << 23n;
    return { neg: u >>> 31 === 1, mant, exp: exp - 127, mantBits: 23 };
  }
  f64[0] = f;
  const u = u64[0] as bigint;
  let exp = Number((u >> 52n) & 0x7ffn);
  let mant = u & ((1n << 52n) - 1n);
  if (exp === 0) exp = 1;
  else mant |= 1n << 52n;
  return { neg: u >> 63n === 1n, mant, exp: exp - 1023, mantBits: 52 };
}

/** %b: decimalless scientific notation with a power-of-two exponent, e.g. -123456p-78. */
function fmtB(f: number, bits: number): string {
  const { neg, mant, exp, mantBits } = floatBits(f, bits);
  const e = exp - mantBits;
  return `${neg ? '-' : ''}${mant.toString()}p${e >= 0 ? '+' : ''}${e}`;
}

/** %x: hexadecimal mantissa and binary exponent, e.g. -0x1.23abcp+20. */
function fmtX(f: number, prec: number, fmt: string, bits: number): string {
  const info = floatBits(f, bits);
  let { mant, exp } = info;
  const { neg, mantBits } = info;
  if (mant === 0n) exp = 0;
  // Shift mantissa to have 60 fractional bits below a leading 1 (as Go does).
  mant <<= BigInt(60 - mantBits);
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hexDigits = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = neg ? '-' : '';
  out += '0' + (fmt === 'X' ? 'X' : 'x') + String.fromCharCode(48 + Number((mant >> 60n) & 1n));
  mant <<= 4n;
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hexDigits.charAt(Number((mant >> 60n) & 15n));
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hexDigits.charAt(Number((mant >> 60n) & 15n));
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const ae = Math.abs(exp);
  out += ae < 10 ? `0${ae}` : String(ae);
  return out;
}

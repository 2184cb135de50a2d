/**
 * The `${var}` expander Flux runs over each rendered object (fluxcd/pkg `envsubst`, a fork of
 * drone/envsubst), re-implemented from its observable behaviour: the same scanner quirks (escapes that
 * drop characters in place, greedy operator scanning), the same operators and their fallbacks, and strict
 * mode (undefined variables fail except under the default operators).
 *
 * Notes on what the implementation really does (they differ from bash and from some docs):
 * - `$$` becomes `$` anywhere in the text; inside `${…}` `\/` and `\\` escape `/` and `\`.
 * - `${var=d}`, `${var:=d}`, `${var:-d}`, `${var:?d}`, `${var:+d}` all give `d` when the value is empty
 *   or unset; `${var-d}` and `${var+d}` are parse errors ("missing closing brace").
 * - `${#var}` and `${var:o:l}` count UTF-8 bytes, as Go does.
 */

const EOF = -1;

type Accept = (r: number, i: number) => boolean;

const enum Tok {
  Illegal,
  Eof,
  Ident,
  Lbrack,
  Rbrack,
}

const SCAN_IDENT = 1;
const SCAN_LBRACK = 2;
const SCAN_RBRACK = 4;
const SCAN_ESCAPE = 8;
const ESC_DOLLAR = 1;
const ESC_BACKSLASH = 2;
const ESC_ALL = ESC_DOLLAR | ESC_BACKSLASH;

const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const COLON = 0x3a;
const HASH = 0x23;
const EQUAL = 0x3d;
const PERCENT = 0x25;
const COMMA = 0x2c;
const CARET = 0x5e;
const MINUS = 0x2d;
const QUESTION = 0x3f;
const PLUS = 0x2b;

import { globMatch } from './glob.js';

const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;

const acceptRune: Accept = () => true;
const acceptIdent: Accept = (r) =>
  (r >= 0x61 && r <= 0x7a) ||
  (r >= 0x41 && r <= 0x5a) ||
  (r >= 0x30 && r <= 0x39) ||
  r === 0x5f ||
  (r > 0x7f && LETTER_OR_DIGIT.test(String.fromCodePoint(r)));
const acceptColon: Accept = (r) => r === COLON;
const acceptOneHash: Accept = (r, i) => r === HASH && i === 1;
const acceptNotClosing: Accept = (r) => r !== RBRACE;
const acceptHashFunc: Accept = (r, i) => r === HASH && i < 3;
const acceptPercentFunc: Accept = (r, i) => r === PERCENT && i < 3;
const acceptDefaultFunc: Accept = (r, i) =>
  (i === 1 && r === COLON) || (i === 2 && (r === EQUAL || r === MINUS || r === QUESTION || r === PLUS));
const acceptReplaceFunc: Accept = (r, i) =>
  (i === 1 && r === SLASH) || (i === 2 && (r === SLASH || r === HASH || r === PERCENT));
const acceptOneEqual: Accept = (r, i) => i === 1 && r === EQUAL;
const acceptOneColon: Accept = (r, i) => i === 1 && r === COLON;
const rejectColonClose: Accept = (r) => r !== COLON && r !== RBRACE;
const acceptSlash: Accept = (r) => r === SLASH;
const acceptNotSlash: Accept = (r) => r !== SLASH;
const acceptCasingFunc: Accept = (r, i) => (r === COMMA || r === CARET) && i < 3;

/** The parse error kinds of the Go implementation (their messages are Flux's). */
export class EnvsubstError extends Error {
  /** `parse` for malformed expressions, `unset` for an undefined variable in strict mode. */
  readonly kind: 'parse' | 'unset';
  /** For `unset`: the variable. */
  readonly variable: string | undefined;
  /** For `parse`: where in the text (UTF-16 offset) the scanner stopped. */
  offset: number | undefined;
  constructor(kind: 'parse' | 'unset', message: string, variable?: string) {
    super(message);
    this.name = 'EnvsubstError';
    this.kind = kind;
    this.variable = variable;
  }
}

const errBadSubstitution = (): EnvsubstError => new EnvsubstError('parse', 'bad substitution');
const errMissingClosingBrace = (): EnvsubstError => new EnvsubstError('parse', 'missing closing brace');
const errParseVariableName = (): EnvsubstError => new EnvsubstError('parse', 'unable to parse variable name');
const errParseFuncSubstitution = (): EnvsubstError =>
  new EnvsubstError('parse', 'unable to parse substitution within function');
const errParseDefaultFunction = (): EnvsubstError => new EnvsubstError('parse', 'unable to parse default function');

/** A parsed template node. */
type Node =
  | { t: 'text'; value: string }
  | { t: 'func'; param: string; name: string; args: Node[] }
  | { t: 'list'; nodes: Node[] };

class Scanner {
  buf = '';
  pos = 0;
  start = 0;
  width = 0;
  mode = 0;
  escapeChars = 0;
  accept: Accept = acceptRune;

  constructor(buf: string) {
    this.buf = buf;
  }

  read(): number {
    if (this.pos >= this.buf.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.buf.codePointAt(this.pos) as number;
    this.width = cp > 0xffff ? 2 : 1;
    this.pos += this.width;
    return cp;
  }

  unread(): void {
    this.pos -= this.width;
  }

  /** Drops the character just read from the buffer (an escape), keeping the position. */
  skip(): void {
    this.buf = this.buf.slice(0, this.pos - 1) + this.buf.slice(this.pos);
  }

  peek(): number {
    const r = this.read();
    this.unread();
    return r;
  }

  text(): string {
    return this.buf.slice(this.start, this.pos);
  }

  scan(): Tok {
    this.start = this.pos;
    const r = this.read();
    if (r === EOF) return Tok.Eof;
    if (this.scanLbrack(r)) return Tok.Lbrack;
    if (this.scanRbrack(r)) return Tok.Rbrack;
    if (this.scanIdent(r)) return Tok.Ident;
    return Tok.Illegal;
  }

  private scanIdent(first: number): boolean {
    if ((this.mode & SCAN_IDENT) === 0) return false;
    if (this.scanEscaped(first)) this.skip();
    else if (!this.accept(first, this.pos - this.start)) return false;
    for (;;) {
      const r = this.read();
      if (r === EOF) {
        this.unread();
        break;
      }
      if (this.scanLbrack(r)) {
        this.unread();
        this.unread();
        break;
      }
      if (this.scanEscaped(r)) {
        this.skip();
        continue;
      }
      if (!this.accept(r, this.pos - this.start)) {
        this.unread();
        break;
      }
    }
    return true;
  }

  private scanLbrack(r: number): boolean {
    if ((this.mode & SCAN_LBRACK) === 0) return false;
    if (r === DOLLAR) {
      if (this.read() === LBRACE) return true;
      this.unread();
    }
    return false;
  }

  private scanRbrack(r: number): boolean {
    if ((this.mode & SCAN_RBRACK) === 0) return false;
    return r === RBRACE;
  }

  private scanEscaped(r: number): boolean {
    if ((this.mode & SCAN_ESCAPE) === 0) return false;
    if (r === DOLLAR && (this.escapeChars & ESC_DOLLAR) !== 0 && this.peek() === DOLLAR) return true;
    if (r === BACKSLASH && (this.escapeChars & ESC_BACKSLASH) !== 0) {
      const p = this.peek();
      return p === SLASH || p === BACKSLASH;
    }
    return false;
  }
}

class Parser {
  private readonly s: Scanner;
  private readonly original: string;
  constructor(buf: string) {
    this.s = new Scanner(buf);
    this.original = buf;
  }

  /** The scanner's position mapped back to the input (escapes drop characters from the buffer). */
  position(): number {
    return this.s.pos + (this.original.length - this.s.buf.length);
  }

  /** The top level: text and `${…}` expressions until the end (iterative; the Go code recurses). */
  parseAll(): Node[] {
    const nodes: Node[] = [];
    const s = this.s;
    for (;;) {
      s.accept = acceptRune;
      s.mode = SCAN_IDENT | SCAN_LBRACK | SCAN_ESCAPE;
      s.escapeChars = ESC_DOLLAR;
      const tok = s.scan();
      if (tok === Tok.Ident) nodes.push({ t: 'text', value: s.text() });
      else if (tok === Tok.Eof) return nodes;
      else if (tok === Tok.Lbrack) nodes.push(this.parseFunc());
      else throw errBadSubstitution();
    }
  }

  private parseFunc(): Node {
    const s = this.s;
    s.escapeChars = ESC_ALL;
    if (s.peek() === HASH) return this.parseLenFunc();
    s.accept = acceptIdent;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errParseVariableName();
    const name = s.text();
    switch (s.peek()) {
      case COLON:
        return this.parseDefaultOrSubstr(name);
      case EQUAL:
        return this.parseDefaultFunc(name);
      case COMMA:
      case CARET:
        return this.parseCasingFunc(name);
      case SLASH:
        return this.parseReplaceFunc(name);
      case HASH:
        return this.parseRemoveFunc(name, acceptHashFunc);
      case PERCENT:
        return this.parseRemoveFunc(name, acceptPercentFunc);
    }
    s.accept = acceptIdent;
    s.mode = SCAN_RBRACK;
    if (s.scan() !== Tok.Rbrack) throw errMissingClosingBrace();
    return { t: 'func', param: name, name: '', args: [] };
  }

  private parseParam(accept: Accept, mode: number): Node {
    const s = this.s;
    s.accept = accept;
    s.mode = mode | SCAN_LBRACK;
    switch (s.scan()) {
      case Tok.Lbrack:
        return this.parseFunc();
      case Tok.Ident:
      case Tok.Rbrack:
        return { t: 'text', value: s.text() };
      default:
        throw errParseFuncSubstitution();
    }
  }

  private parseDefaultOrSubstr(name: string): Node {
    const s = this.s;
    s.read();
    const r = s.peek();
    s.unread();
    if (r === EQUAL || r === MINUS || r === QUESTION || r === PLUS) return this.parseDefaultFunc(name);
    return this.parseSubstrFunc(name);
  }

  private parseSubstrFunc(name: string): Node {
    const s = this.s;
    const node: Node = { t: 'func', param: name, name: '', args: [] };
    s.accept = acceptOneColon;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errBadSubstitution();
    node.name = s.text();
    node.args.push(this.parseParam(rejectColonClose, SCAN_IDENT));
    s.accept = acceptColon;
    s.mode = SCAN_IDENT | SCAN_RBRACK;
    const tok = s.scan();
    if (tok === Tok.Rbrack) return node;
    if (tok !== Tok.Ident) throw errBadSubstitution();
    node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT));
    this.consumeRbrack();
    return node;
  }

  private parseRemoveFunc(name: string, accept: Accept): Node {
    const s = this.s;
    const node: Node = { t: 'func', param: name, name: '', args: [] };
    s.accept = accept;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errBadSubstitution();
    node.name = s.text();
    node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT));
    this.consumeRbrack();
    return node;
  }

  private parseReplaceFunc(name: string): Node {
    const s = this.s;
    const node: Node = { t: 'func', param: name, name: '', args: [] };
    s.accept = acceptReplaceFunc;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errBadSubstitution();
    node.name = s.text();
    node.args.push(this.parseParam(acceptNotSlash, SCAN_IDENT | SCAN_ESCAPE));
    s.accept = acceptSlash;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errBadSubstitution();
    if (s.peek() === RBRACE) {
      this.consumeRbrack();
      return node;
    }
    node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT | SCAN_ESCAPE));
    this.consumeRbrack();
    return node;
  }

  private parseDefaultFunc(name: string): Node {
    const s = this.s;
    const node: Node = { t: 'func', param: name, name: '', args: [] };
    s.accept = s.peek() === EQUAL ? acceptOneEqual : acceptDefaultFunc;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errParseDefaultFunction();
    node.name = s.text();
    for (;;) {
      if (s.peek() === RBRACE) {
        this.consumeRbrack();
        return node;
      }
      node.args.push(this.parseParam(acceptNotClosing, SCAN_IDENT));
    }
  }

  private parseCasingFunc(name: string): Node {
    const s = this.s;
    const node: Node = { t: 'func', param: name, name: '', args: [] };
    s.accept = acceptCasingFunc;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errBadSubstitution();
    node.name = s.text();
    this.consumeRbrack();
    return node;
  }

  private parseLenFunc(): Node {
    const s = this.s;
    const node: Node = { t: 'func', param: '', name: '', args: [] };
    s.accept = acceptOneHash;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errBadSubstitution();
    node.name = s.text();
    s.accept = acceptIdent;
    s.mode = SCAN_IDENT;
    if (s.scan() !== Tok.Ident) throw errBadSubstitution();
    node.param = s.text();
    this.consumeRbrack();
    return node;
  }

  private consumeRbrack(): void {
    this.s.mode = SCAN_RBRACK;
    if (this.s.scan() !== Tok.Rbrack) throw errBadSubstitution();
  }
}

// ---------------------------------------------------------------------------------------------
// Functions

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Go's strconv.Atoi: optional sign and decimal digits only. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

function mapFirstRune(s: string, upper: boolean): string {
  if (s === '') return s;
  const cp = s.codePointAt(0) as number;
  const ch = String.fromCodePoint(cp);
  return mapRune(ch, upper) + s.slice(ch.length);
}

/** unicode.ToUpper/ToLower on one rune: never changes the rune count (JS may expand `ß` → `SS`). */
function mapRune(ch: string, upper: boolean): string {
  const m = upper ? ch.toUpperCase() : ch.toLowerCase();
  return Array.from(m).length === 1 ? m : ch;
}

function mapAll(s: string, upper: boolean): string {
  let out = '';
  for (const ch of s) out += mapRune(ch, upper);
  return out;
}

function toSubstr(s: string, args: string[]): string {
  if (args.length === 0) return s;
  let pos = atoi(args[0] as string);
  if (pos === undefined) return s;
  const bytes = encoder.encode(s);
  const len = bytes.length;
  if (pos < 0) {
    pos = len + pos;
    if (pos < 0) pos = 0;
  }
  if (args.length === 1) return pos < len ? decoder.decode(bytes.subarray(pos)) : '';
  const length = atoi(args[1] as string);
  if (length === undefined) return s;
  if (pos + length >= len) return pos < len ? decoder.decode(bytes.subarray(pos)) : '';
  if (length < 0) return s.slice(0, 0); // Go would panic on a negative slice; keep it empty.
  return decoder.decode(bytes.subarray(pos, pos + length));
}

function goReplace(s: string, old: string, rep: string, n: number): string {
  if (old === '') {
    // Go inserts the replacement before every rune (and at the end) up to n times.
    const runes = Array.from(s);
    let out = '';
    runes.forEach((rune, i) => {
      out += (n < 0 || i < n ? rep : '') + rune;
    });
    return out + (n < 0 || runes.length < n ? rep : '');
  }
  if (n < 0) return s.split(old).join(rep);
  const i = s.indexOf(old);
  return i < 0 ? s : s.slice(0, i) + rep + s.slice(i + old.length);
}

function reverse(s: string): string {
  return Array.from(s).reverse().join('');
}

function trimShortest(s: string, arg: string): string {
  let shortest = '';
  for (let i = 0; i < s.length; i++) {
    let m: boolean;
    try {
      m = globMatch(arg, s.slice(0, s.length - i));
    } catch {
      return s;
    }
    if (m) shortest = s.slice(0, s.length - i);
  }
  return shortest !== '' && s.startsWith(shortest) ? s.slice(shortest.length) : s;
}

function trimLongest(s: string, arg: string): string {
  for (let i = 0; i < s.length; i++) {
    let m: boolean;
    try {
      m = globMatch(arg, s.slice(0, s.length - i));
    } catch {
      return s;
    }
    if (m) return s.slice(s.length - i);
  }
  return s;
}

type Fn = (s: string, args: string[]) => string;

const toDefault: Fn = (s, args) => (s.length === 0 && args.length > 0 ? args.join('') : s);

function lookupFunc(name: string, nargs: number): Fn {
  switch (name) {
    case ',':
      return (s) => mapFirstRune(s, false);
    case ',,':
      return (s) => mapAll(s, false);
    case '^':
      return (s) => mapFirstRune(s, true);
    case '^^':
      return (s) => mapAll(s, true);
    case '#':
      if (nargs === 0) return (s) => String(utf8Length(s));
      return (s, a) => (a.length ? trimShortest(s, a[0] as string) : s);
    case '##':
      return (s, a) => (a.length ? trimLongest(s, a[0] as string) : s);
    case '%':
      return (s, a) => (a.length ? reverse(trimShortest(reverse(s), reverse(a[0] as string))) : s);
    case '%%':
      return (s, a) => (a.length ? reverse(trimLongest(reverse(s), reverse(a[0] as string))) : s);
    case ':':
      return toSubstr;
    case '/#':
      return (s, a) =>
        a.length === 2 && s.startsWith(a[0] as string) ? goReplace(s, a[0] as string, a[1] as string, 1) : s;
    case '/%':
      return (s, a) =>
        a.length === 2 && s.endsWith(a[0] as string)
          ? s.slice(0, s.length - (a[0] as string).length) + (a[1] as string)
          : s;
    case '/':
      return (s, a) => (a.length === 0 ? s : goReplace(s, a[0] as string, a[1] ?? '', 1));
    case '//':
      return (s, a) => (a.length === 0 ? s : goReplace(s, a[0] as string, a[1] ?? '', -1));
    default:
      return toDefault;
  }
}

const DEFAULT_OPS = new Set(['-', '+', '=', '?', ':-', ':+', ':=', ':?']);

/** Looks a variable up: its value and whether it exists (non-strict callers always say it exists). */
export type VarLookup = (name: string) => { value: string; exists: boolean };

function evalNodes(nodes: readonly Node[], lookup: VarLookup, out: string[], onUnset?: (name: string) => void): void {
  for (const n of nodes) {
    if (n.t === 'text') out.push(n.value);
    else if (n.t === 'list') evalNodes(n.nodes, lookup, out, onUnset);
    else {
      const args = n.args.map((a) => {
        const buf: string[] = [];
        evalNodes([a], lookup, buf, onUnset);
        return buf.join('');
      });
      const { value, exists } = lookup(n.param);
      if (!exists && !DEFAULT_OPS.has(n.name)) {
        if (onUnset) {
          onUnset(n.param);
          out.push('');
          continue;
        }
        throw new EnvsubstError('unset', `variable not set (strict mode): ${JSON.stringify(n.param)}`, n.param);
      }
      out.push(lookupFunc(n.name, args.length)(value, args));
    }
  }
}

/**
 * Expands `${…}` expressions in `text`. Throws {@link EnvsubstError} on a malformed expression or, when
 * `lookup` reports a variable as missing, on an undefined variable outside the default operators — unless
 * `onUnset` is given: then each such use is reported to it, expands to "" and evaluation goes on.
 */
export function envsubst(text: string, lookup: VarLookup, onUnset?: (name: string) => void): string {
  const parser = new Parser(text);
  let nodes: Node[];
  try {
    nodes = parser.parseAll();
  } catch (err) {
    if (err instanceof EnvsubstError) err.offset = parser.position();
    throw err;
  }
  const out: string[] = [];
  evalNodes(nodes, lookup, out, onUnset);
  return out.join('');
}

/** A lookup over a variable map: strict reports unknown names as missing, non-strict gives "". */
export function mapLookup(vars: ReadonlyMap<string, string>, strict: boolean): VarLookup {
  return (name) => {
    const v = vars.get(name);
    if (v !== undefined) return { value: v, exists: true };
    return { value: '', exists: !strict };
  };
}

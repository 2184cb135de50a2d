/**
 * The scanner of go-yaml (scannerc.go, libyaml's algorithm), rewritten for JavaScript strings: tokens,
 * simple keys, indentation and flow levels (both limited to 10,000 as in go-yaml), the five scalar
 * styles with their folding, escapes and chomping, anchors, tags and directives. Iterative, linear.
 *
 * Two flavours: `v3` is go-yaml v3 (kyaml, resources), whose comment scanning consumes blanks and
 * comment lines that v2 would refuse, and which looks two tokens ahead; v2 (sigs.k8s.io/yaml's reader of
 * kustomization files) is plain libyaml. Comments are skipped, not kept.
 *
 * Learned from the Go sources; the structure and code are our own.
 */
import { NUL, asHex, isAlpha, isBlank, isBlankz, isBreak, isBreakz, isDigit, isHex, utf8Width } from './chars.js';
import { GoYamlError, ScalarStyle, T, type Mark, type Token } from './tokens.js';

/** The character each one-letter escape of a double-quoted scalar stands for (`\x`, `\u`, `\U` take a code). */
const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x30, '\0'], // 0
  [0x61, '\x07'], // a
  [0x62, '\b'], // b
  [0x74, '\t'], // t
  [0x09, '\t'], // a tab
  [0x6e, '\n'], // n
  [0x76, '\v'], // v
  [0x66, '\f'], // f
  [0x72, '\r'], // r
  [0x65, '\x1b'], // e
  [0x20, ' '],
  [0x22, '"'],
  [0x27, "'"],
  [0x5c, '\\'],
  [0x4e, '\u0085'], // N
  [0x5f, '\u00a0'], // _
  [0x4c, '\u2028'], // L
  [0x50, '\u2029'], // P
]);

const MAX_FLOW_LEVEL = 10_000;
const MAX_INDENTS = 10_000;

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

export interface ScannerOptions {
  /** go-yaml v3 (true) or v2 (false). */
  v3: boolean;
  /** Read `text[start, end)` only (default: all of it). Offsets in marks stay those of `text`. */
  start?: number;
  end?: number;
}

export class Scanner {
  private readonly text: string;
  private readonly n: number;
  private readonly v3: boolean;
  // Current position.
  private pos = 0;
  private index = 0;
  private line = 0;
  private column = 0;
  /** v3: line breaks since the last non-blank character. */
  private newlines = 0;

  private readonly tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private streamStartProduced = false;
  /**
   * go-yaml's is_bom looks at the first character of its read buffer, not at the current one: the
   * buffer starts after the stream's byte order mark, so a mark at the start of a later line is text,
   * and a second mark right after the first makes the scanner drop the first character of every line.
   * (Refills of the 512-byte read buffer, which move its start, are not modelled: see compatibility.md.)
   */
  private bufferStartsWithBom = false;
  private streamEndProduced = false;

  private flowLevel = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private simpleKeyAllowed = false;
  private readonly simpleKeys: SimpleKey[] = [];
  private readonly simpleKeysByTok = new Map<number, number>();

  constructor(text: string, options: ScannerOptions) {
    this.text = text;
    this.n = options.end ?? text.length;
    this.pos = options.start ?? 0;
    this.v3 = options.v3;
  }

  // ------------------------------------------------------------------------------------------
  // Reading

  /** The code unit `k` units ahead (NUL past the end). */
  private at(k = 0): number {
    const p = this.pos + k;
    return p < this.n ? this.text.charCodeAt(p) : NUL;
  }

  mark(): Mark {
    return { pos: this.pos, index: this.index, line: this.line, column: this.column };
  }

  /** Width in code units of the character at the current position. */
  private charLen(): number {
    const c = this.at();
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.at(1);
      if (d >= 0xdc00 && d <= 0xdfff) return 2;
    }
    return 1;
  }

  private skip(): void {
    if (this.v3 && !isBlank(this.at())) this.newlines = 0;
    this.pos += this.charLen();
    this.index++;
    this.column++;
  }

  /** Skips one line break (CRLF counts as one). */
  private skipLine(): void {
    const c = this.at();
    if (c === 0x0d && this.at(1) === 0x0a) {
      this.pos += 2;
      this.index += 2;
    } else if (isBreak(c)) {
      this.pos += 1;
      this.index++;
    } else return;
    this.column = 0;
    this.line++;
    this.newlines++;
  }

  /** Reads one line break, normalized as go-yaml does (LS and PS are kept, the others become LF). */
  private readLine(): string {
    const c = this.at();
    let out: string;
    if (c === 0x0d && this.at(1) === 0x0a) {
      out = '\n';
      this.pos += 2;
      this.index++; // go-yaml counts CRLF as two characters here: one now, one below
    } else if (c === 0x0d || c === 0x0a || c === 0x85) {
      out = '\n';
      this.pos += 1;
    } else if (c === 0x2028 || c === 0x2029) {
      out = String.fromCharCode(c);
      this.pos += 1;
    } else return '';
    this.index++;
    this.column = 0;
    this.line++;
    this.newlines++;
    return out;
  }

  private fail(contextMark: Mark, problem: string): never {
    // go-yaml prints the context mark's line (1-based for scanner errors), else the problem mark's.
    const line = contextMark.line !== 0 ? contextMark.line + 1 : this.line !== 0 ? this.line + 1 : 0;
    // go-yaml v2 prints the problem mark's line (1-based here), else the context mark's (0-based).
    const v2Line = this.line !== 0 ? this.line + 1 : contextMark.line;
    throw new GoYamlError(problem, line, this.pos, v2Line);
  }

  // ------------------------------------------------------------------------------------------
  // The token queue

  /** The next token (scanning more when needed), or undefined after the stream end. */
  peek(): Token | undefined {
    if (this.streamEndProduced && this.head >= this.tokens.length) return undefined;
    if (!this.tokenAvailable()) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  private available = false;
  private tokenAvailable(): boolean {
    return this.available;
  }

  /** Consumes the token `peek` returned. */
  next(): void {
    const t = this.tokens[this.head];
    this.head++;
    this.tokensParsed++;
    this.available = false;
    if (t?.type === T.StreamEnd) this.streamEndProduced = true;
    // Keep the queue short.
    if (this.head > 64 && this.head * 2 > this.tokens.length) {
      this.tokens.splice(0, this.head);
      this.head = 0;
    }
  }

  private insertToken(at: number, t: Token): void {
    if (at < 0) this.tokens.push(t);
    else this.tokens.splice(this.head + at, 0, t);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      // v3 keeps two tokens of look-ahead beyond the head (for its comments); v2 fetches when the
      // queue is empty. Either way, a possible simple key at the head needs more tokens.
      const enough = this.v3 ? this.head < this.tokens.length - 2 : this.head !== this.tokens.length;
      if (enough) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[idx] as SimpleKey)) break;
      }
      this.fetchNextToken();
    }
    this.available = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const c = this.at();
    if (c === NUL && this.pos >= this.n) {
      this.fetchStreamEnd();
      return;
    }
    if (this.column === 0) {
      if (c === 0x25 /* % */) {
        this.fetchDirective();
        return;
      }
      if (this.isDocumentIndicator(0x2d)) {
        this.fetchDocumentIndicator(T.DocumentStart);
        return;
      }
      if (this.isDocumentIndicator(0x2e)) {
        this.fetchDocumentIndicator(T.DocumentEnd);
        return;
      }
    }
    this.fetchToken(c);
    if (this.v3) {
      const last = this.tokens[this.tokens.length - 1];
      if (last === undefined || last.type !== T.BlockEntry) this.scanLineComment();
    }
  }

  /** `---` or `...` (by its character) at the current position, followed by a blank or the end. */
  private isDocumentIndicator(ch: number): boolean {
    return this.at() === ch && this.at(1) === ch && this.at(2) === ch && isBlankz(this.at(3));
  }

  private fetchToken(c: number): void {
    const next = this.at(1);
    if (c === 0x5b /* [ */) this.fetchFlowCollectionStart(T.FlowSequenceStart);
    else if (c === 0x7b /* { */) this.fetchFlowCollectionStart(T.FlowMappingStart);
    else if (c === 0x5d /* ] */) this.fetchFlowCollectionEnd(T.FlowSequenceEnd);
    else if (c === 0x7d /* } */) this.fetchFlowCollectionEnd(T.FlowMappingEnd);
    else if (c === 0x2c /* , */) this.fetchFlowEntry();
    else if (c === 0x2d /* - */ && isBlankz(next)) this.fetchBlockEntry();
    else if (c === 0x3f /* ? */ && (this.flowLevel > 0 || isBlankz(next))) this.fetchKey();
    else if (c === 0x3a /* : */ && (this.flowLevel > 0 || isBlankz(next))) this.fetchValue();
    else if (c === 0x2a /* * */) this.fetchAnchor(T.Alias);
    else if (c === 0x26 /* & */) this.fetchAnchor(T.Anchor);
    else if (c === 0x21 /* ! */) this.fetchTag();
    else if (c === 0x7c /* | */ && this.flowLevel === 0) this.fetchBlockScalar(true);
    else if (c === 0x3e /* > */ && this.flowLevel === 0) this.fetchBlockScalar(false);
    else if (c === 0x27 /* ' */) this.fetchFlowScalar(true);
    else if (c === 0x22 /* " */) this.fetchFlowScalar(false);
    else if (this.canStartPlain(c, next)) this.fetchPlainScalar();
    else this.fail(this.mark(), 'found character that cannot start any token');
  }

  private canStartPlain(c: number, next: number): boolean {
    const indicator =
      isBlankz(c) ||
      c === 0x2d ||
      c === 0x3f ||
      c === 0x3a ||
      c === 0x2c ||
      c === 0x5b ||
      c === 0x5d ||
      c === 0x7b ||
      c === 0x7d ||
      c === 0x23 ||
      c === 0x26 ||
      c === 0x2a ||
      c === 0x21 ||
      c === 0x7c ||
      c === 0x3e ||
      c === 0x27 ||
      c === 0x22 ||
      c === 0x25 ||
      c === 0x40 ||
      c === 0x60;
    return (
      !indicator ||
      (c === 0x2d && !isBlank(next)) ||
      (this.flowLevel === 0 && (c === 0x3f || c === 0x3a) && !isBlankz(next))
    );
  }

  // ------------------------------------------------------------------------------------------
  // Simple keys, flow levels, indentation

  private simpleKeyIsValid(k: SimpleKey): boolean {
    if (!k.possible) return false;
    if (k.mark.line < this.line || k.mark.index + 1024 < this.index) {
      if (k.required) this.fail(k.mark, "could not find expected ':'");
      k.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (!this.simpleKeyAllowed) return;
    const k: SimpleKey = {
      possible: true,
      required,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark: this.mark(),
    };
    this.removeSimpleKey();
    this.simpleKeys[this.simpleKeys.length - 1] = k;
    this.simpleKeysByTok.set(k.tokenNumber, this.simpleKeys.length - 1);
  }

  private removeSimpleKey(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1] as SimpleKey;
    if (k.possible) {
      if (k.required) this.fail(k.mark, "could not find expected ':'");
      k.possible = false;
      this.simpleKeysByTok.delete(k.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    const mark = this.mark();
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
      mark,
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) this.fail(mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const k = this.simpleKeys.pop() as SimpleKey;
      this.simpleKeysByTok.delete(k.tokenNumber);
    }
  }

  /** Pushes an indentation level and inserts a block start token (at `number`, or at the end). */
  private rollIndent(column: number, number: number, type: T, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        const k = this.simpleKeys[this.simpleKeys.length - 1] as SimpleKey;
        this.fail(k.mark, `exceeded max depth of ${MAX_INDENTS}`);
      }
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, { type, start: mark, end: mark });
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insertToken(-1, { type: T.BlockEnd, start: m, end: m });
      this.indent = this.indents.pop() as number;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Token fetchers

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.mark() });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    // go-yaml's reader drops a UTF-8 byte order mark at the very start.
    if (this.at() === 0xfeff) {
      this.pos++;
    }
    this.bufferStartsWithBom = this.at() === 0xfeff;
    const m = this.mark();
    this.insertToken(-1, { type: T.StreamStart, start: m, end: m });
  }

  private fetchStreamEnd(): void {
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.mark();
    this.insertToken(-1, { type: T.StreamEnd, start: m, end: m });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: T): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchFlowCollectionStart(type: T): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    this.simpleToken(type);
  }

  private fetchFlowCollectionEnd(type: T): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    this.simpleToken(type);
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.FlowEntry);
  }

  /** A one-character token at the current position. */
  private simpleToken(type: T): void {
    const start = this.mark();
    this.skip();
    this.insertToken(-1, { type, start, end: this.mark() });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark(), 'block sequence entries are not allowed in this context');
      this.rollIndent(this.column, -1, T.BlockSequenceStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.simpleToken(T.BlockEntry);
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail(this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, T.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    this.simpleToken(T.Key);
  }

  private fetchValue(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1] as SimpleKey;
    if (this.simpleKeyIsValid(k)) {
      this.insertToken(k.tokenNumber - this.tokensParsed, { type: T.Key, start: k.mark, end: k.mark });
      this.rollIndent(k.mark.column, k.tokenNumber, T.BlockMappingStart, k.mark);
      k.possible = false;
      this.simpleKeysByTok.delete(k.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail(this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, T.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    this.simpleToken(T.Value);
  }

  private fetchAnchor(type: T): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  // ------------------------------------------------------------------------------------------
  // Whitespace and comments

  private scanToNextToken(): void {
    for (;;) {
      if (this.column === 0 && this.bufferStartsWithBom) this.skip();
      for (;;) {
        const c = this.at();
        if (c === 0x20 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && c === 0x09)) this.skip();
        else break;
      }
      if (this.at() === 0x23 /* # */) {
        if (this.v3) this.scanComments();
        else while (!isBreakz(this.at())) this.skip();
      }
      if (isBreak(this.at())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  /**
   * v3: after a token, a comment on the rest of its line is consumed with the blanks (tabs too) before
   * it, even where a blank could not otherwise be skipped.
   */
  private scanLineComment(): void {
    if (this.newlines > 0) return;
    for (let peek = 0; peek < 512; peek++) {
      const c = this.at(peek);
      if (isBlank(c)) continue;
      if (c === 0x23) {
        const seen = this.index + peek;
        for (;;) {
          if (isBreakz(this.at())) {
            if (this.index >= seen) break;
            this.skipLine();
          } else this.skip();
        }
      }
      break;
    }
  }

  /**
   * v3's comment block scanner: from a `#`, consumes that comment and every following comment line
   * (with the blank lines and blanks, tabs included, before it) up to the last `#` it can see, looking
   * at most 512 bytes past each comment.
   */
  private scanComments(): void {
    let peek = 0;
    for (; peek < 512; peek++) {
      const c = this.at(peek);
      if (isBlank(c)) continue;
      const closeFlow = this.flowLevel > 0 && (c === 0x5d || c === 0x7d);
      if (closeFlow || isBreakz(c)) {
        if (!isBreak(c)) break;
        // go-yaml steps one byte at a time: past a multi-byte line break it sees a continuation byte.
        if (utf8Width(c) > 1) break;
        continue;
      }
      if (c !== 0x23) break;
      const seen = this.index + peek;
      for (;;) {
        if (isBreakz(this.at())) {
          if (this.index >= seen) break;
          this.skipLine();
        } else this.skip();
      }
      peek = -1; // the loop's increment makes it 0
    }
  }

  // ------------------------------------------------------------------------------------------
  // Directives, anchors, tags

  private scanDirective(): Token {
    const start = this.mark();
    this.skip();
    const name = this.scanDirectiveName(start);
    let token: Token;
    if (name === 'YAML') {
      const [major, minor] = this.scanVersionDirectiveValue(start);
      token = { type: T.VersionDirective, start, end: this.mark(), major, minor };
    } else if (name === 'TAG') {
      const [handle, prefix] = this.scanTagDirectiveValue(start);
      token = { type: T.TagDirective, start, end: this.mark(), value: handle, suffix: prefix };
    } else {
      this.fail(start, 'found unknown directive name');
    }
    while (isBlank(this.at())) this.skip();
    if (this.at() === 0x23) while (!isBreakz(this.at())) this.skip();
    if (!isBreakz(this.at())) this.fail(start, 'did not find expected comment or line break');
    if (isBreak(this.at())) this.skipLine();
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    const from = this.pos;
    while (isAlpha(this.at())) this.skip();
    if (this.pos === from) this.fail(start, 'could not find expected directive name');
    if (!isBlankz(this.at())) this.fail(start, 'found unexpected non-alphabetical character');
    return this.text.slice(from, this.pos);
  }

  private scanVersionDirectiveValue(start: Mark): [number, number] {
    while (isBlank(this.at())) this.skip();
    const major = this.scanVersionNumber(start);
    if (this.at() !== 0x2e) this.fail(start, "did not find expected digit or '.' character");
    this.skip();
    return [major, this.scanVersionNumber(start)];
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.at())) {
      length++;
      if (length > 2) this.fail(start, 'found extremely long version number');
      value = value * 10 + (this.at() - 0x30);
      this.skip();
    }
    if (length === 0) this.fail(start, 'did not find expected version number');
    return value;
  }

  private scanTagDirectiveValue(start: Mark): [string, string] {
    while (isBlank(this.at())) this.skip();
    const handle = this.scanTagHandle(true, start);
    if (!isBlank(this.at())) this.fail(start, 'did not find expected whitespace');
    while (isBlank(this.at())) this.skip();
    const prefix = this.scanTagUri(true, '', start);
    if (!isBlankz(this.at())) this.fail(start, 'did not find expected whitespace or line break');
    return [handle, prefix];
  }

  /** An anchor (`&name`) or an alias (`*name`). */
  private scanAnchor(type: T): Token {
    const start = this.mark();
    this.skip();
    const from = this.pos;
    while (isAlpha(this.at())) this.skip();
    const end = this.mark();
    const c = this.at();
    if (
      this.pos === from ||
      !(
        isBlankz(c) ||
        c === 0x3f ||
        c === 0x3a ||
        c === 0x2c ||
        c === 0x5d ||
        c === 0x7d ||
        c === 0x25 ||
        c === 0x40 ||
        c === 0x60
      )
    ) {
      this.fail(start, 'did not find expected alphabetic or numeric character');
    }
    return { type, start, end, value: this.text.slice(from, this.pos) };
  }

  private scanTag(): Token {
    const start = this.mark();
    let handle: string;
    let suffix: string;
    if (this.at(1) === 0x3c /* < */) {
      this.skip();
      this.skip();
      handle = '';
      suffix = this.scanTagUri(false, '', start);
      if (this.at() !== 0x3e) this.fail(start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix === '') {
          suffix = handle;
          handle = '';
        }
      }
    }
    if (!isBlankz(this.at())) this.fail(start, 'did not find expected whitespace or line break');
    return { type: T.Tag, start, end: this.mark(), value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.at() !== 0x21) this.fail(start, "did not find expected '!'");
    const from = this.pos;
    this.skip();
    while (isAlpha(this.at())) this.skip();
    if (this.at() === 0x21) this.skip();
    else if (directive && this.pos - from !== 1) this.fail(start, "did not find expected '!'");
    return this.text.slice(from, this.pos);
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.at();
      if (!(isAlpha(c) || URI_CHARS.has(c))) break;
      if (c === 0x25) s += this.scanUriEscapes(directive, start);
      else {
        s += String.fromCharCode(c);
        this.skip();
      }
      hasTag = true;
    }
    if (!hasTag) this.fail(start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(_directive: boolean, start: Mark): string {
    const bytes: number[] = [];
    let w = 1024;
    while (w > 0) {
      if (!(this.at() === 0x25 && isHex(this.at(1)) && isHex(this.at(2)))) {
        this.fail(start, 'did not find URI escaped octet');
      }
      const octet = (asHex(this.at(1)) << 4) + asHex(this.at(2));
      if (w === 1024) {
        w =
          octet < 0x80
            ? 1
            : (octet & 0xe0) === 0xc0
              ? 2
              : (octet & 0xf0) === 0xe0
                ? 3
                : (octet & 0xf8) === 0xf0
                  ? 4
                  : 0;
        if (w === 0) this.fail(start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.fail(start, 'found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.skip();
      this.skip();
      this.skip();
      w--;
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  // ------------------------------------------------------------------------------------------
  // Scalars

  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.skip();
    let chomping = 0;
    let increment = 0;
    if (this.at() === 0x2b || this.at() === 0x2d) {
      chomping = this.scanChompingIndicator();
      increment = this.scanIndentationIndicator(start);
    } else if (isDigit(this.at())) {
      increment = this.scanIndentationIndicator(start);
      chomping = this.scanChompingIndicator();
    }
    this.skipBlockScalarHeaderEnd(start);
    let end = this.mark();
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    const breaks = (): void => {
      const r = this.scanBlockScalarBreaks(indent, start);
      indent = r.indent;
      trailingBreaks += r.breaks;
      if (r.end) end = r.end;
    };
    breaks();
    let leadingBlank = false;
    while (this.column === indent && !(this.at() === NUL && this.pos >= this.n)) {
      const trailingBlank = isBlank(this.at());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        if (trailingBreaks.length === 0) s += ' ';
      } else s += leadingBreak;
      leadingBreak = '';
      s += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = isBlank(this.at());
      const from = this.pos;
      while (!isBreakz(this.at())) this.skip();
      s += this.text.slice(from, this.pos);
      leadingBreak = this.readLine();
      breaks();
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;
    return { type: T.Scalar, start, end, value: s, style: literal ? ScalarStyle.Literal : ScalarStyle.Folded };
  }

  /** A block scalar's chomping indicator, if any: 1 for `+` (keep), -1 for `-` (strip), 0 without (clip). */
  private scanChompingIndicator(): number {
    const c = this.at();
    if (c !== 0x2b && c !== 0x2d) return 0;
    this.skip();
    return c === 0x2b ? 1 : -1;
  }

  /** A block scalar's indentation indicator (1-9), 0 without. */
  private scanIndentationIndicator(start: Mark): number {
    if (!isDigit(this.at())) return 0;
    if (this.at() === 0x30) this.fail(start, 'found an indentation indicator equal to 0');
    const increment = this.at() - 0x30;
    this.skip();
    return increment;
  }

  /** The rest of a block scalar's header line: blanks, a comment, the line break. */
  private skipBlockScalarHeaderEnd(start: Mark): void {
    while (isBlank(this.at())) this.skip();
    if (this.at() === 0x23) {
      if (this.v3) this.scanLineComment();
      while (!isBreakz(this.at())) this.skip();
    }
    if (!isBreakz(this.at())) this.fail(start, 'did not find expected comment or line break');
    if (isBreak(this.at())) this.skipLine();
  }

  /** Indentation and empty lines before a block scalar's next line; fixes the indent when it is 0. */
  private scanBlockScalarBreaks(indentIn: number, start: Mark): { indent: number; breaks: string; end?: Mark } {
    let indent = indentIn;
    let breaks = '';
    let end: Mark = this.mark();
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.column < indent) && this.at() === 0x20) this.skip();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((indent === 0 || this.column < indent) && this.at() === 0x09) {
        this.fail(start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(this.at())) break;
      breaks += this.readLine();
      end = this.mark();
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    return { indent, breaks, end };
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.skip();
    let s = '';
    for (;;) {
      if (this.column === 0 && (this.isDocumentIndicator(0x2d) || this.isDocumentIndicator(0x2e))) {
        this.fail(start, 'found unexpected document indicator');
      }
      if (this.pos >= this.n) this.fail(start, 'found unexpected end of stream');
      s = this.scanFlowScalarText(single, start, s);
      let escapedBreak = false;
      if (!single && this.at() === 0x5c && isBreak(this.at(1))) {
        this.skip();
        this.skipLine();
        escapedBreak = true;
      }
      const c = this.at();
      if (single ? c === 0x27 : c === 0x22) break;
      s += this.scanFlowScalarBlanks(escapedBreak);
    }
    this.skip();
    return {
      type: T.Scalar,
      start,
      end: this.mark(),
      value: s,
      style: single ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted,
    };
  }

  /**
   * `text` followed by a quoted scalar's characters and escapes up to a blank, a line break, the closing quote or an
   * escaped line break (none of them read).
   */
  private scanFlowScalarText(single: boolean, start: Mark, text: string): string {
    let s = text;
    for (;;) {
      const c = this.at();
      if (isBlankz(c)) return s;
      if (single && c === 0x27) {
        if (this.at(1) !== 0x27) return s;
        s += "'";
        this.skip();
        this.skip();
        continue;
      }
      if (!single && c === 0x22) return s;
      if (!single && c === 0x5c) {
        if (isBreak(this.at(1))) return s;
        s += this.scanEscape(start);
        continue;
      }
      // A run of ordinary characters.
      const from = this.pos;
      for (let d = c; !isBlankz(d) && d !== 0x27 && d !== 0x22 && d !== 0x5c; d = this.at()) this.skipChar(d);
      if (this.pos === from) this.skipChar(c); // a quote of the other kind, or a backslash in single quotes
      s += this.text.slice(from, this.pos);
    }
  }

  /**
   * The blanks and line breaks inside a quoted scalar, folded into what they add to its value: the blanks as they
   * are, a single line break as a space, more line breaks as all but the first. `escapedBreak`: they follow an
   * escaped line break, so leading blanks are dropped and every line break is kept.
   */
  private scanFlowScalarBlanks(escapedBreak: boolean): string {
    let leadingBlanks = escapedBreak;
    let whitespaces = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    for (;;) {
      const b = this.at();
      if (isBlank(b)) {
        if (!leadingBlanks) whitespaces += String.fromCharCode(b);
        this.skip();
      } else if (isBreak(b)) {
        if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else trailingBreaks += this.readLine();
      } else break;
    }
    if (!leadingBlanks) return whitespaces;
    if (leadingBreak.startsWith('\n')) return trailingBreaks.length === 0 ? ' ' : trailingBreaks;
    return leadingBreak + trailingBreaks;
  }

  /** One escape sequence of a double-quoted scalar (the current character is the backslash). */
  private scanEscape(start: Mark): string {
    const e = this.at(1);
    const simple = SIMPLE_ESCAPES.get(e);
    const codeLength = e === 0x78 ? 2 : e === 0x75 ? 4 : e === 0x55 ? 8 : 0;
    if (simple === undefined && codeLength === 0) this.fail(start, 'found unknown escape character');
    this.skip();
    this.skip();
    if (codeLength === 0) return simple ?? '';
    let value = 0;
    for (let k = 0; k < codeLength; k++) {
      const h = this.at(k);
      if (!isHex(h)) this.fail(start, 'did not find expected hexdecimal number');
      value = value * 16 + asHex(h);
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      this.fail(start, 'found invalid Unicode character escape code');
    }
    for (let k = 0; k < codeLength; k++) this.skip();
    return String.fromCodePoint(value);
  }

  /** Advances one character that is not a blank or a line break (no bookkeeping of line breaks). */
  private skipChar(c: number): void {
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.at(1);
      this.pos += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else this.pos++;
    this.index++;
    this.column++;
    this.newlines = 0;
  }

  /** Skips the characters of a plain scalar up to a blank, a break, `: ` or (in flow) an indicator. */
  private skipPlainRun(): void {
    const flow = this.flowLevel > 0;
    for (;;) {
      const c = this.at();
      if (isBlankz(c)) return;
      if (c === 0x3a && isBlankz(this.at(1))) return;
      if (flow && (c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d)) return;
      this.skipChar(c);
    }
  }

  private scanPlainScalar(): Token {
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark();
    let end = this.mark();
    for (;;) {
      if (this.column === 0 && (this.isDocumentIndicator(0x2d) || this.isDocumentIndicator(0x2e))) break;
      if (this.at() === 0x23) break;
      const from = this.pos;
      this.skipPlainRun();
      if (this.pos > from) {
        if (leadingBlanks) {
          if (leadingBreak.startsWith('\n')) s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
          else s += leadingBreak + trailingBreaks;
          trailingBreaks = '';
          leadingBreak = '';
          leadingBlanks = false;
        } else if (whitespaces.length > 0) {
          s += whitespaces;
          whitespaces = '';
        }
        s += this.text.slice(from, this.pos);
        end = this.mark();
      }
      const c = this.at();
      if (!(isBlank(c) || isBreak(c))) break;
      for (;;) {
        const b = this.at();
        if (isBlank(b)) {
          if (leadingBlanks && this.column < indent && b === 0x09) {
            this.fail(start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) whitespaces += String.fromCharCode(b);
          this.skip();
        } else if (isBreak(b)) {
          if (!leadingBlanks) {
            whitespaces = '';
            leadingBreak = this.readLine();
            leadingBlanks = true;
          } else trailingBreaks += this.readLine();
        } else break;
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: T.Scalar, start, end, value: s, style: ScalarStyle.Plain };
  }
}

/** Characters a tag URI may hold besides `[0-9A-Za-z_-]`. */
const URI_CHARS = new Set(Array.from(";/?:@&=+$,.!~*'()[]%", (c) => c.charCodeAt(0)));

/**
 * go-yaml v3's encoder for a node tree, as kyaml's `RNode.String()` configures it (indent 2, compact
 * sequences, unicode, no line folding): the node-to-event step of encode.go and the libyaml emitter of
 * emitterc.go (block and flow collections, the five scalar styles and their fallbacks, tags, anchors and
 * aliases, head/line/foot comments and the tail comments that carry a key's foot comment to the next
 * key). Learned from the Go sources; no code was copied.
 */
import { plainScalarTag } from '../../../yaml/scalars.js';
import {
  DOUBLE_QUOTED_STYLE,
  FLOW_STYLE,
  FOLDED_STYLE,
  LITERAL_STYLE,
  SINGLE_QUOTED_STYLE,
  TAGGED_STYLE,
  type V3Node,
} from './node.js';

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

type Ev =
  | { t: 'doc-start'; head: string }
  | { t: 'doc-end'; foot: string }
  | {
      t: 'seq-start' | 'map-start';
      anchor: string;
      tag: string;
      implicit: boolean;
      flow: boolean;
      head: string;
      tail: string;
    }
  | { t: 'seq-end' | 'map-end'; line: string; foot: string; tail: string }
  | { t: 'alias'; anchor: string; head: string; line: string; foot: string }
  | {
      t: 'scalar';
      anchor: string;
      tag: string;
      value: string;
      implicit: boolean;
      style: ScalarStyle;
      head: string;
      line: string;
      foot: string;
      tail: string;
    };

/** A thrown encoding failure (go-yaml's failf). */
export class V3EncodeError extends Error {}

const TAG_PREFIX = 'tag:yaml.org,2002:';

function resolvedTag(value: string): string {
  return `!!${plainScalarTag(value, 'kyaml')}`;
}

/** encode.go's node(): the events for a node tree. */
function events(node: V3Node, tail: string, out: Ev[]): void {
  switch (node.kind) {
    case 'none':
      out.push(scalarEvent('', '', 'null', true, 'plain', '', '', '', ''));
      return;
    case 'document':
      out.push({ t: 'doc-start', head: node.head });
      for (const c of node.content) events(c, '', out);
      out.push({ t: 'doc-end', foot: node.foot });
      return;
    case 'sequence':
    case 'mapping':
      collectionEvents(node, tail, out);
      return;
    case 'alias':
      out.push({ t: 'alias', anchor: node.value, head: node.head, line: node.line, foot: node.foot });
      return;
    case 'scalar':
      out.push(scalarNodeEvent(node, tail));
      return;
  }
}

/** The tag a collection's start event carries: none when it is the default of its kind. */
function collectionTag(node: V3Node): string {
  const tag = node.tag;
  if (tag === '' || (node.style & TAGGED_STYLE) !== 0) return tag;
  if ((node.kind === 'mapping' && tag === '!!map') || (node.kind === 'sequence' && tag === '!!seq')) return '';
  return tag;
}

/** The events of a sequence or mapping; a key's foot comment is carried to the next key as its tail. */
function collectionEvents(node: V3Node, tail: string, out: Ev[]): void {
  const seq = node.kind === 'sequence';
  const tag = collectionTag(node);
  out.push({
    t: seq ? 'seq-start' : 'map-start',
    anchor: node.anchor,
    tag,
    implicit: tag === '',
    flow: (node.style & FLOW_STYLE) !== 0,
    head: node.head,
    tail: seq ? '' : tail,
  });
  let carried = '';
  if (seq) for (const c of node.content) events(c, '', out);
  else {
    for (let i = 0; i + 1 < node.content.length; i += 2) {
      let k = node.content[i] as V3Node;
      const foot = k.foot;
      if (foot !== '') k = { ...k, foot: '' };
      events(k, carried, out);
      carried = foot;
      events(node.content[i + 1] as V3Node, '', out);
    }
  }
  out.push({ t: seq ? 'seq-end' : 'map-end', line: node.line, foot: node.foot, tail: carried });
}

/**
 * The event of a scalar: its tag left out when the value resolves to it (a `!!str` that would resolve to
 * another tag is double-quoted instead), and its style.
 */
function scalarNodeEvent(node: V3Node, tail: string): Ev {
  let tag = node.tag;
  let forceQuoting = false;
  if (tag !== '' && (node.style & TAGGED_STYLE) === 0) {
    if (
      tag === '!!str' &&
      (node.style & (SINGLE_QUOTED_STYLE | DOUBLE_QUOTED_STYLE | LITERAL_STYLE | FOLDED_STYLE)) !== 0
    )
      tag = '';
    else {
      const rtag = resolvedTag(node.value);
      if (rtag === tag) tag = '';
      else if (tag === '!!str') {
        tag = '';
        forceQuoting = true;
      }
    }
  }
  let style: ScalarStyle = 'plain';
  if (node.style & DOUBLE_QUOTED_STYLE) style = 'double';
  else if (node.style & SINGLE_QUOTED_STYLE) style = 'single';
  else if (node.style & LITERAL_STYLE) style = 'literal';
  else if (node.style & FOLDED_STYLE) style = 'folded';
  else if (node.value.includes('\n')) style = 'literal';
  else if (forceQuoting) style = 'double';
  return scalarEvent(node.anchor, tag, node.value, tag === '', style, node.head, node.line, node.foot, tail);
}

function scalarEvent(
  anchor: string,
  tag: string,
  value: string,
  implicit: boolean,
  style: ScalarStyle,
  head: string,
  line: string,
  foot: string,
  tail: string,
): Ev {
  return { t: 'scalar', anchor, tag, value, implicit, style, head, line, foot, tail };
}

// ------------------------------------------------------------------------------------------------
// The emitter

type State = 'doc-start' | 'doc-content' | 'doc-end' | CollectionState | 'end';

type CollectionState =
  | 'flow-seq-first'
  | 'flow-seq-trail'
  | 'flow-seq'
  | 'flow-map-first'
  | 'flow-map-trail'
  | 'flow-map-key'
  | 'flow-map-simple-value'
  | 'flow-map-value'
  | 'block-seq-first'
  | 'block-seq'
  | 'block-map-first'
  | 'block-map-key'
  | 'block-map-simple-value'
  | 'block-map-value';

interface ScalarData {
  value: string;
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
  style: ScalarStyle;
}

const utf8 = new TextEncoder();

function byteLength(s: string): number {
  return utf8.encode(s).length;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function isBreakCp(cp: number | undefined): boolean {
  return cp === 0x0d || cp === 0x0a || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

function isBlankCp(cp: number | undefined): boolean {
  return cp === 0x20 || cp === 0x09;
}

/** Code points of a string (its characters as the emitter walks them). */
function cps(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

// What analyzing a scalar finds (emitterc.go's yaml_emitter_analyze_scalar), as bits.
const BLOCK_INDICATORS = 1;
const FLOW_INDICATORS = 2;
const LINE_BREAKS = 4;
const SPECIAL_CHARACTERS = 8;
const TABS = 16;
const LEADING_SPACE = 32;
const LEADING_BREAK = 64;
const TRAILING_SPACE = 128;
const TRAILING_BREAK = 256;
const BREAK_SPACE = 512;
const SPACE_BREAK = 1024;

/** The indicator bits of the character at `i` (plain scalars cannot hold it there). */
function indicatorFlags(v: readonly number[], i: number): number {
  const followedByWhitespace = i + 1 >= v.length || isBlankCp(v[i + 1]);
  const ch = String.fromCodePoint(v[i] as number);
  if (i === 0) {
    if ('#,[]{}&*!|>\'"%@`'.includes(ch)) return FLOW_INDICATORS | BLOCK_INDICATORS;
    if (ch === '?' || ch === ':') return followedByWhitespace ? FLOW_INDICATORS | BLOCK_INDICATORS : FLOW_INDICATORS;
    if (ch === '-' && followedByWhitespace) return FLOW_INDICATORS | BLOCK_INDICATORS;
    return 0;
  }
  if (',?[]{}'.includes(ch)) return FLOW_INDICATORS;
  if (ch === ':') return followedByWhitespace ? FLOW_INDICATORS | BLOCK_INDICATORS : FLOW_INDICATORS;
  const prev = v[i - 1];
  const precededByWhitespace = isBlankCp(prev) || isBreakCp(prev) || prev === 0;
  if (ch === '#' && precededByWhitespace) return FLOW_INDICATORS | BLOCK_INDICATORS;
  return 0;
}

/** The tab, special-character, space and line-break bits of the character at `i`. */
function spacingFlags(v: readonly number[], i: number): number {
  const c = v[i] as number;
  let flags = c === 0x09 ? TABS : isPrintable(c) ? 0 : SPECIAL_CHARACTERS;
  const last = i === v.length - 1;
  const prev = i > 0 ? v[i - 1] : undefined;
  if (c === 0x20) {
    if (i === 0) flags |= LEADING_SPACE;
    if (last) flags |= TRAILING_SPACE;
    if (isBreakCp(prev)) flags |= BREAK_SPACE;
  } else if (isBreakCp(c)) {
    flags |= LINE_BREAKS;
    if (i === 0) flags |= LEADING_BREAK;
    if (last) flags |= TRAILING_BREAK;
    if (prev === 0x20) flags |= SPACE_BREAK;
  }
  return flags;
}

/** Which styles a non-empty scalar with the analysis `flags` may take. */
function allowedStyles(flags: number, s: ScalarData): void {
  s.multiline = (flags & LINE_BREAKS) !== 0;
  s.flowPlain = true;
  s.blockPlain = true;
  s.singleQuoted = true;
  s.block = true;
  if ((flags & (LEADING_SPACE | LEADING_BREAK | TRAILING_SPACE | TRAILING_BREAK)) !== 0) {
    s.flowPlain = false;
    s.blockPlain = false;
  }
  if ((flags & TRAILING_SPACE) !== 0) s.block = false;
  if ((flags & (BREAK_SPACE | SPACE_BREAK | TABS | SPECIAL_CHARACTERS)) !== 0) {
    s.flowPlain = false;
    s.blockPlain = false;
    s.singleQuoted = false;
  }
  if ((flags & (SPACE_BREAK | SPECIAL_CHARACTERS)) !== 0) s.block = false;
  if ((flags & LINE_BREAKS) !== 0) {
    s.flowPlain = false;
    s.blockPlain = false;
  }
  if ((flags & FLOW_INDICATORS) !== 0) s.flowPlain = false;
  if ((flags & BLOCK_INDICATORS) !== 0) s.blockPlain = false;
}

class Emitter {
  out = '';
  private readonly bestIndent = 2;
  private state: State = 'doc-start';
  private states: State[] = [];
  private readonly queue: Ev[] = [];
  private head = 0;
  private indents: number[] = [];
  private indent = -1;
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;
  private line = 0;
  private column = 0;
  private whitespace = true;
  private indention = true;
  private footIndent = -1;
  private headComment = '';
  private lineComment = '';
  private footComment = '';
  private tailComment = '';
  private keyLineComment = '';
  private anchorData: { anchor: string; alias: boolean } | undefined;
  private tagData: { handle: string; suffix: string } = { handle: '', suffix: '' };
  private scalar: ScalarData = {
    value: '',
    multiline: false,
    flowPlain: false,
    blockPlain: false,
    singleQuoted: false,
    block: false,
    style: 'plain',
  };

  emit(e: Ev): void {
    this.queue.push(e);
    while (!this.needMore()) {
      const ev = this.queue[this.head] as Ev;
      this.analyze(ev);
      this.dispatch(ev);
      this.head++;
    }
  }

  private needMore(): boolean {
    if (this.head === this.queue.length) return true;
    const first = this.queue[this.head] as Ev;
    const accumulate = first.t === 'doc-start' ? 1 : first.t === 'seq-start' ? 2 : first.t === 'map-start' ? 3 : 0;
    if (accumulate === 0) return false;
    if (this.queue.length - this.head > accumulate) return false;
    let level = 0;
    for (let i = this.head; i < this.queue.length; i++) {
      const t = (this.queue[i] as Ev).t;
      if (t === 'doc-start' || t === 'seq-start' || t === 'map-start') level++;
      else if (t === 'doc-end' || t === 'seq-end' || t === 'map-end') level--;
      if (level === 0) return false;
    }
    return true;
  }

  // --- output primitives

  private put(s: string): void {
    this.out += s;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.line++;
    this.indention = true;
  }

  private writeCp(cp: number): void {
    this.out += String.fromCodePoint(cp);
    this.column++;
  }

  private writeAll(s: string): void {
    for (const cp of cps(s)) this.writeCp(cp);
  }

  private writeBreakCp(cp: number): void {
    if (cp === 0x0a) this.putBreak();
    else {
      this.writeCp(cp);
      this.column = 0;
      this.line++;
      this.indention = true;
    }
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.footIndent === indent) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.footIndent = -1;
  }

  private writeIndicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.writeAll(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean, compactSeq = false): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) {
      if (this.states[this.states.length - 1] === 'block-seq') this.indent += 2;
      else {
        this.indent = this.bestIndent * Math.floor((this.indent + this.bestIndent) / this.bestIndent);
        if (compactSeq) this.indent -= 2;
      }
    }
  }

  private popIndent(): void {
    this.indent = this.indents.pop() as number;
  }

  private popState(): void {
    this.state = this.states.pop() as State;
  }

  // --- comments

  private writeComment(comment: string): void {
    let breaks = false;
    let pound = false;
    for (const cp of cps(comment)) {
      if (isBreakCp(cp)) {
        this.writeBreakCp(cp);
        breaks = true;
        pound = false;
      } else {
        if (breaks) this.writeIndent();
        if (!pound) {
          if (cp !== 0x23) {
            this.put('#');
            this.put(' ');
          }
          pound = true;
        }
        this.writeCp(cp);
        this.indention = false;
        breaks = false;
      }
    }
    if (!breaks) this.putBreak();
    this.whitespace = true;
  }

  private processHeadComment(): void {
    if (this.tailComment !== '') {
      this.writeIndent();
      this.writeComment(this.tailComment);
      this.tailComment = '';
      this.footIndent = Math.max(this.indent, 0);
    }
    if (this.headComment === '') return;
    this.writeIndent();
    this.writeComment(this.headComment);
    this.headComment = '';
  }

  private processLineComment(linebreak = false): void {
    if (this.lineComment === '') {
      if (linebreak) this.putBreak();
      return;
    }
    if (!this.whitespace) this.put(' ');
    this.writeComment(this.lineComment);
    this.lineComment = '';
  }

  private processFootComment(): void {
    if (this.footComment === '') return;
    this.writeIndent();
    this.writeComment(this.footComment);
    this.footComment = '';
    this.footIndent = Math.max(this.indent, 0);
  }

  // --- analysis

  private analyze(e: Ev): void {
    this.anchorData = undefined;
    this.tagData = { handle: '', suffix: '' };
    const c = e as { head?: string; line?: string; foot?: string; tail?: string };
    if (c.head) this.headComment = c.head;
    if (c.line) this.lineComment = c.line;
    if (c.foot) this.footComment = c.foot;
    if (c.tail) this.tailComment = c.tail;
    switch (e.t) {
      case 'alias':
        this.anchorData = { anchor: e.anchor, alias: true };
        break;
      case 'scalar':
        if (e.anchor) this.anchorData = { anchor: e.anchor, alias: false };
        if (e.tag !== '' && !e.implicit) this.analyzeTag(e.tag);
        this.analyzeScalar(e.value);
        break;
      case 'seq-start':
      case 'map-start':
        if (e.anchor) this.anchorData = { anchor: e.anchor, alias: false };
        if (e.tag !== '' && !e.implicit) this.analyzeTag(e.tag);
        break;
      default:
        break;
    }
  }

  private analyzeTag(tag: string): void {
    const long = tag.startsWith('!!') ? TAG_PREFIX + tag.slice(2) : tag;
    if (long.startsWith(TAG_PREFIX)) this.tagData = { handle: '!!', suffix: long.slice(TAG_PREFIX.length) };
    else if (long.startsWith('!')) this.tagData = { handle: '!', suffix: long.slice(1) };
    else this.tagData = { handle: '', suffix: long };
  }

  private analyzeScalar(value: string): void {
    const s = this.scalar;
    s.value = value;
    if (value === '') {
      s.multiline = false;
      s.flowPlain = false;
      s.blockPlain = true;
      s.singleQuoted = true;
      s.block = false;
      return;
    }
    const v = cps(value);
    let flags = value.startsWith('---') || value.startsWith('...') ? BLOCK_INDICATORS | FLOW_INDICATORS : 0;
    for (let i = 0; i < v.length; i++) flags |= indicatorFlags(v, i) | spacingFlags(v, i);
    allowedStyles(flags, s);
  }

  // --- state machine

  private dispatch(e: Ev): void {
    switch (this.state) {
      case 'doc-start':
        this.documentStart(e);
        return;
      case 'doc-content':
        this.documentContent(e);
        return;
      case 'doc-end':
        this.documentEnd(e);
        return;
      case 'end':
        throw new V3EncodeError('expected nothing after STREAM-END');
      default:
        this.dispatchCollection(e, this.state);
    }
  }

  /** The states inside a flow or block collection. */
  private dispatchCollection(e: Ev, state: CollectionState): void {
    switch (state) {
      case 'flow-seq-first':
        this.flowSequenceItem(e, true, false);
        return;
      case 'flow-seq-trail':
        this.flowSequenceItem(e, false, true);
        return;
      case 'flow-seq':
        this.flowSequenceItem(e, false, false);
        return;
      case 'flow-map-first':
        this.flowMappingKey(e, true, false);
        return;
      case 'flow-map-trail':
        this.flowMappingKey(e, false, true);
        return;
      case 'flow-map-key':
        this.flowMappingKey(e, false, false);
        return;
      case 'flow-map-simple-value':
        this.flowMappingValue(e, true);
        return;
      case 'flow-map-value':
        this.flowMappingValue(e, false);
        return;
      case 'block-seq-first':
        this.blockSequenceItem(e, true);
        return;
      case 'block-seq':
        this.blockSequenceItem(e, false);
        return;
      case 'block-map-first':
        this.blockMappingKey(e, true);
        return;
      case 'block-map-key':
        this.blockMappingKey(e, false);
        return;
      case 'block-map-simple-value':
        this.blockMappingValue(e, true);
        return;
      case 'block-map-value':
        this.blockMappingValue(e, false);
        return;
    }
  }

  private documentStart(e: Ev): void {
    if (e.t !== 'doc-start') throw new V3EncodeError('expected DOCUMENT-START');
    if (this.headComment !== '') {
      this.processHeadComment();
      this.putBreak();
    }
    this.state = 'doc-content';
  }

  private documentContent(e: Ev): void {
    this.states.push('doc-end');
    this.processHeadComment();
    this.node(e, false, false);
    this.processLineComment();
    this.processFootComment();
  }

  private documentEnd(e: Ev): void {
    if (e.t !== 'doc-end') throw new V3EncodeError('expected DOCUMENT-END');
    this.footIndent = 0;
    this.processFootComment();
    this.footIndent = -1;
    this.writeIndent();
    this.state = 'end';
  }

  private hasTrailingComments(): boolean {
    return this.lineComment !== '' || this.footComment !== '' || this.tailComment !== '';
  }

  private flowSequenceItem(e: Ev, first: boolean, trail: boolean): void {
    if (first) {
      this.writeIndicator('[', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (e.t === 'seq-end') {
      this.flowLevel--;
      this.popIndent();
      if (this.column === 0) this.writeIndent();
      this.writeIndicator(']', false, false, false);
      this.processLineComment();
      this.processFootComment();
      this.popState();
      return;
    }
    if (!first && !trail) this.writeIndicator(',', false, false, false);
    this.processHeadComment();
    if (this.column === 0) this.writeIndent();
    this.states.push(this.hasTrailingComments() ? 'flow-seq-trail' : 'flow-seq');
    this.node(e, false, false);
    if (this.hasTrailingComments()) this.writeIndicator(',', false, false, false);
    this.processLineComment();
    this.processFootComment();
  }

  private flowMappingKey(e: Ev, first: boolean, trail: boolean): void {
    if (first) {
      this.writeIndicator('{', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (e.t === 'map-end') {
      if (this.headComment !== '' || this.footComment !== '' || this.tailComment !== '') {
        if (!first && !trail) this.writeIndicator(',', false, false, false);
      }
      this.processHeadComment();
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator('}', false, false, false);
      this.processLineComment();
      this.processFootComment();
      this.popState();
      return;
    }
    if (!first && !trail) this.writeIndicator(',', false, false, false);
    this.processHeadComment();
    if (this.column === 0) this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push('flow-map-simple-value');
      this.node(e, true, true);
      return;
    }
    this.writeIndicator('?', true, false, false);
    this.states.push('flow-map-value');
    this.node(e, true, false);
  }

  private flowMappingValue(e: Ev, simple: boolean): void {
    this.writeIndicator(':', !simple, false, false);
    this.states.push(this.hasTrailingComments() ? 'flow-map-trail' : 'flow-map-key');
    this.node(e, true, false);
    if (this.hasTrailingComments()) this.writeIndicator(',', false, false, false);
    this.processLineComment();
    this.processFootComment();
  }

  private blockSequenceItem(e: Ev, first: boolean): void {
    if (first) {
      const seq = this.mappingContext && (this.column === 0 || !this.indention);
      this.increaseIndent(false, false, seq);
    }
    if (e.t === 'seq-end') {
      this.popIndent();
      this.popState();
      return;
    }
    this.processHeadComment();
    this.writeIndent();
    this.writeIndicator('-', true, false, true);
    this.states.push('block-seq');
    this.node(e, false, false);
    this.processLineComment();
    this.processFootComment();
  }

  private blockMappingKey(e: Ev, first: boolean): void {
    if (first) this.increaseIndent(false, false);
    this.processHeadComment();
    if (e.t === 'map-end') {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    if (this.lineComment !== '') {
      this.keyLineComment = this.lineComment;
      this.lineComment = '';
    }
    if (this.checkSimpleKey()) {
      this.states.push('block-map-simple-value');
      this.node(e, true, true);
      return;
    }
    this.writeIndicator('?', true, false, true);
    this.states.push('block-map-value');
    this.node(e, true, false);
  }

  private blockMappingValue(e: Ev, simple: boolean): void {
    if (simple) this.writeIndicator(':', false, false, false);
    else {
      this.writeIndent();
      this.writeIndicator(':', true, false, true);
    }
    if (this.keyLineComment !== '') {
      if (e.t === 'scalar') {
        if (this.lineComment === '') {
          this.lineComment = this.keyLineComment;
          this.keyLineComment = '';
        }
      } else if ((e.t === 'map-start' || e.t === 'seq-start') && !(e.t === 'seq-start' && e.flow)) {
        [this.lineComment, this.keyLineComment] = [this.keyLineComment, this.lineComment];
        this.processLineComment();
        [this.lineComment, this.keyLineComment] = [this.keyLineComment, this.lineComment];
      }
    }
    this.states.push('block-map-key');
    this.node(e, true, false);
    this.processLineComment();
    this.processFootComment();
  }

  private node(e: Ev, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (e.t) {
      case 'alias':
        this.processAnchor();
        this.popState();
        return;
      case 'scalar':
        this.emitScalar(e);
        return;
      case 'seq-start':
        this.processAnchor();
        this.processTag();
        this.state =
          this.flowLevel > 0 || e.flow || this.checkEmpty('seq-start', 'seq-end')
            ? 'flow-seq-first'
            : 'block-seq-first';
        return;
      case 'map-start':
        this.processAnchor();
        this.processTag();
        this.state =
          this.flowLevel > 0 || e.flow || this.checkEmpty('map-start', 'map-end')
            ? 'flow-map-first'
            : 'block-map-first';
        return;
      default:
        throw new V3EncodeError(`expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS, but got ${e.t}`);
    }
  }

  private checkEmpty(start: Ev['t'], end: Ev['t']): boolean {
    if (this.queue.length - this.head < 2) return false;
    return (this.queue[this.head] as Ev).t === start && (this.queue[this.head + 1] as Ev).t === end;
  }

  private checkSimpleKey(): boolean {
    const e = this.queue[this.head] as Ev;
    let length = 0;
    const anchor = byteLength(this.anchorData?.anchor ?? '');
    const tag = byteLength(this.tagData.handle) + byteLength(this.tagData.suffix);
    switch (e.t) {
      case 'alias':
        length += anchor;
        break;
      case 'scalar':
        if (this.scalar.multiline) return false;
        length += anchor + tag + byteLength(this.scalar.value);
        break;
      case 'seq-start':
        if (!this.checkEmpty('seq-start', 'seq-end')) return false;
        length += anchor + tag;
        break;
      case 'map-start':
        if (!this.checkEmpty('map-start', 'map-end')) return false;
        length += anchor + tag;
        break;
      default:
        return false;
    }
    return length <= 128;
  }

  private emitScalar(e: Extract<Ev, { t: 'scalar' }>): void {
    this.selectScalarStyle(e);
    this.processAnchor();
    this.processTag();
    this.increaseIndent(true, false);
    this.processScalar();
    this.popIndent();
    this.popState();
  }

  private selectScalarStyle(e: Extract<Ev, { t: 'scalar' }>): void {
    const noTag = this.tagData.handle === '' && this.tagData.suffix === '';
    let style = e.style;
    if (this.simpleKeyContext && this.scalar.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !this.scalar.flowPlain) || (this.flowLevel === 0 && !this.scalar.blockPlain))
        style = 'single';
      if (this.scalar.value === '' && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
      if (noTag && !e.implicit) style = 'single';
    }
    if (style === 'single' && !this.scalar.singleQuoted) style = 'double';
    if (
      (style === 'literal' || style === 'folded') &&
      (!this.scalar.block || this.flowLevel > 0 || this.simpleKeyContext)
    )
      style = 'double';
    if (noTag && !e.implicit && style !== 'plain') this.tagData = { handle: '!', suffix: '' };
    this.scalar.style = style;
  }

  private processAnchor(): void {
    if (!this.anchorData) return;
    this.writeIndicator(this.anchorData.alias ? '*' : '&', true, false, false);
    this.writeAll(this.anchorData.anchor);
    this.whitespace = false;
    this.indention = false;
  }

  private processTag(): void {
    const { handle, suffix } = this.tagData;
    if (handle === '' && suffix === '') return;
    if (handle !== '') {
      if (!this.whitespace) this.put(' ');
      this.writeAll(handle);
      this.whitespace = false;
      this.indention = false;
      if (suffix !== '') this.writeTagContent(suffix);
    } else {
      this.writeIndicator('!<', true, false, false);
      this.writeTagContent(suffix);
      this.writeIndicator('>', false, false, false);
    }
  }

  private writeTagContent(value: string): void {
    for (const byte of utf8.encode(value)) {
      const ch = String.fromCharCode(byte);
      if (/[A-Za-z0-9_\-;/?:@&=+$,.~*'()[\]]/.test(ch)) this.put(ch);
      else {
        this.put('%');
        this.put(byte.toString(16).toUpperCase().padStart(2, '0')[0] as string);
        this.put(byte.toString(16).toUpperCase().padStart(2, '0')[1] as string);
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private processScalar(): void {
    const v = this.scalar.value;
    switch (this.scalar.style) {
      case 'plain': {
        this.writePlain(v);
        return;
      }
      case 'single': {
        this.writeSingleQuoted(v);
        return;
      }
      case 'double': {
        this.writeDoubleQuoted(v);
        return;
      }
      case 'literal': {
        this.writeLiteral(v);
        return;
      }
      case 'folded': {
        this.writeFolded(v);
        return;
      }
    }
  }

  private writePlain(value: string): void {
    if (value !== '' && !this.whitespace) this.put(' ');
    let breaks = false;
    for (const c of cps(value)) {
      if (c === 0x20) this.writeCp(c);
      else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
    if (value !== '') this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string): void {
    this.writeIndicator("'", true, false, false);
    let breaks = false;
    for (const c of cps(value)) {
      if (c === 0x20) this.writeCp(c);
      else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string): void {
    this.writeIndicator('"', true, false, false);
    const v = cps(value);
    for (let i = 0; i < v.length; i++) {
      const c = v[i] as number;
      if (!isPrintable(c) || (i === 0 && c === 0xfeff) || isBreakCp(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const short: Record<number, string> = {
          0x00: '0',
          0x07: 'a',
          0x08: 'b',
          0x09: 't',
          0x0a: 'n',
          0x0b: 'v',
          0x0c: 'f',
          0x0d: 'r',
          0x1b: 'e',
          0x22: '"',
          0x5c: '\\',
          0x85: 'N',
          0xa0: '_',
          0x2028: 'L',
          0x2029: 'P',
        };
        const s = short[c];
        if (s !== undefined) this.put(s);
        else {
          const [letter, width] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter);
          for (const d of c.toString(16).toUpperCase().padStart(width, '0')) this.put(d);
        }
      } else this.writeCp(c);
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBlockHints(value: string): void {
    const v = cps(value);
    if (v[0] === 0x20 || isBreakCp(v[0])) this.writeIndicator(String(this.bestIndent), false, false, false);
    let chomp = '';
    if (v.length === 0) chomp = '-';
    else if (!isBreakCp(v[v.length - 1])) chomp = '-';
    else if (v.length === 1) {
      chomp = '+';
    } else if (isBreakCp(v[v.length - 2])) {
      chomp = '+';
    }
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockHints(value);
    this.processLineComment(true);
    this.whitespace = true;
    let breaks = true;
    for (const c of cps(value)) {
      if (isBreakCp(c)) {
        this.writeBreakCp(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeFolded(value: string): void {
    this.writeIndicator('>', true, false, false);
    this.writeBlockHints(value);
    this.processLineComment(true);
    this.whitespace = true;
    let breaks = true;
    let leadingSpaces = true;
    const v = cps(value);
    for (let i = 0; i < v.length; i++) {
      const c = v[i] as number;
      if (isBreakCp(c)) {
        if (!breaks && !leadingSpaces && c === 0x0a) {
          let k = 0;
          while (isBreakCp(v[k])) k++;
          if (!(isBlankCp(v[k]) || isBreakCp(v[k]) || k >= v.length)) this.putBreak();
        }
        this.writeBreakCp(c);
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          leadingSpaces = isBlankCp(c);
        }
        this.writeCp(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** kyaml's `RNode.String()` of a node tree (v3 encoder, indent 2, compact sequences). Throws V3EncodeError. */
export function encodeNode(node: V3Node): string {
  const list: Ev[] = [];
  if (node.kind === 'document') events(node, '', list);
  else {
    list.push({ t: 'doc-start', head: '' });
    events(node, '', list);
    list.push({ t: 'doc-end', foot: '' });
  }
  const em = new Emitter();
  for (const e of list) em.emit(e);
  return em.out;
}

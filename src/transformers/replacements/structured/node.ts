/**
 * go-yaml v3's node model (yaml.Node), for the structured data kustomize v5.8.0+ reads inside a string
 * field: kind, style bits, tag, value text, anchor, children and the three comments. `parseNode` builds it
 * from text the way `yaml.Unmarshal(text, &node)` does — the first document; plain scalars tagged by v3's
 * resolve(), quoted and block scalars `!!str`, collections `!!map` / `!!seq`, explicit tags kept with
 * TaggedStyle — reading the text with the `yaml` package and attaching comments as v3's scanner does for
 * the common layouts: a comment block right above a node is its head comment, a comment after a value on
 * its line is that value's line comment, a block followed by a blank line (or the end) is the foot comment
 * of the innermost preceding entry it is not indented less than, and a block opening the document and
 * followed by a blank line is the document's head comment.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Lexer, parseAllDocuments, type Node as AstNode } from 'yaml';
import { plainScalarTag } from '../../../yaml/scalars.js';

/** yaml.Style bits. */
export const TAGGED_STYLE = 1;
export const DOUBLE_QUOTED_STYLE = 2;
export const SINGLE_QUOTED_STYLE = 4;
export const LITERAL_STYLE = 8;
export const FOLDED_STYLE = 16;
export const FLOW_STYLE = 32;

/** yaml.Kind; `none` is the zero node (what an empty text unmarshals to). */
export type V3Kind = 'none' | 'document' | 'sequence' | 'mapping' | 'scalar' | 'alias';

/** A yaml.Node. */
export interface V3Node {
  kind: V3Kind;
  style: number;
  /** Short tag (`!!str`, `!!int`, `!foo`), '' for none. */
  tag: string;
  /** Scalar text, or the anchor name an alias refers to. */
  value: string;
  anchor: string;
  content: V3Node[];
  head: string;
  line: string;
  foot: string;
}

/** A node of `kind` with nothing else set. */
export function v3Node(kind: V3Kind, init: Partial<V3Node> = {}): V3Node {
  return { kind, style: 0, tag: '', value: '', anchor: '', content: [], head: '', line: '', foot: '', ...init };
}

/** A copy of a node tree (kyaml's CopyYNode, recursively). */
export function copyNode(n: V3Node): V3Node {
  return { ...n, content: n.content.map(copyNode) };
}

/** Whether the node is missing or null (kyaml's IsMissingOrNull). */
export function isMissingOrNull(n: V3Node | undefined): boolean {
  return n === undefined || n.tag === '!!null';
}

const STANDARD_TAG = 'tag:yaml.org,2002:';

function shortTag(tag: string): string {
  return tag.startsWith(STANDARD_TAG) ? `!!${tag.slice(STANDARD_TAG.length)}` : tag;
}

// ------------------------------------------------------------------------------------------------
// Building the tree

/** A place a head or foot comment can attach to: a block mapping entry or a block sequence item. */
interface Entry {
  /** The node that carries the comment (a mapping key, or a sequence item). */
  node: V3Node;
  line: number;
  col: number;
  /** The last line of the entry (its value included). */
  endLine: number;
  depth: number;
}

interface Builder {
  lineOf: (offset: number) => number;
  colOf: (offset: number) => number;
  entries: Entry[];
  /** Nodes by the line their scalar value / flow collection ends on, for line comments. */
  lineEnds: { node: V3Node; line: number; end: number }[];
  anchors: Map<string, V3Node>;
}

function scalarNode(n: AstNode & { value: unknown; type?: string; tag?: string | undefined }): V3Node {
  const text = String(n.value);
  let style = 0;
  switch (n.type) {
    case 'QUOTE_DOUBLE':
      style = DOUBLE_QUOTED_STYLE;
      break;
    case 'QUOTE_SINGLE':
      style = SINGLE_QUOTED_STYLE;
      break;
    case 'BLOCK_LITERAL':
      style = LITERAL_STYLE;
      break;
    case 'BLOCK_FOLDED':
      style = FOLDED_STYLE;
      break;
  }
  const explicit = n.tag !== undefined && n.tag !== '!' ? shortTag(n.tag) : '';
  let tag: string;
  if (explicit) {
    tag = explicit;
    style |= TAGGED_STYLE;
  } else if (style !== 0) tag = '!!str';
  else if (text === '<<') tag = '!!merge';
  else tag = `!!${plainScalarTag(text, 'kyaml')}`;
  return v3Node('scalar', { style, tag, value: text });
}

function collectionTag(n: { tag?: string | undefined }, fallback: string): { tag: string; tagged: boolean } {
  if (n.tag !== undefined && n.tag !== '!') return { tag: shortTag(n.tag), tagged: true };
  return { tag: fallback, tagged: false };
}

function build(n: AstNode | null | undefined, b: Builder, depth: number): V3Node {
  if (n === null || n === undefined) return v3Node('scalar', { tag: '!!null' });
  let out: V3Node;
  if (isScalar(n)) {
    out = scalarNode(n as AstNode & { value: unknown; type?: string });
    const range = n.range;
    if (range) b.lineEnds.push({ node: out, line: b.lineOf(range[1]), end: range[1] });
  } else if (isAlias(n)) {
    out = v3Node('alias', { value: n.source });
  } else if (isMap(n) || isSeq(n)) {
    const m = isMap(n);
    const { tag, tagged } = collectionTag(n, m ? '!!map' : '!!seq');
    out = v3Node(m ? 'mapping' : 'sequence', { tag, style: (tagged ? TAGGED_STYLE : 0) | (n.flow ? FLOW_STYLE : 0) });
    for (const item of n.items) {
      if (isPair(item)) {
        const key = build(item.key as AstNode | null, b, depth + 1);
        const value = build(item.value as AstNode | null, b, depth + 1);
        out.content.push(key, value);
        const kr = (item.key as AstNode | null)?.range;
        const vr = (item.value as AstNode | null)?.range;
        if (!n.flow && kr) addEntry(b, key, kr[0], vr ? vr[2] : kr[1], depth);
      } else {
        const child = build(item as AstNode, b, depth + 1);
        out.content.push(child);
        const r = (item as AstNode).range;
        if (!n.flow && r) addEntry(b, child, r[0], r[2], depth);
      }
    }
    if (n.flow && n.range) b.lineEnds.push({ node: out, line: b.lineOf(n.range[1]), end: n.range[1] });
  } else {
    out = v3Node('scalar', { tag: '!!null' });
  }
  const anchor = (n as { anchor?: string }).anchor;
  if (anchor) {
    out.anchor = anchor;
    b.anchors.set(anchor, out);
  }
  return out;
}

function addEntry(b: Builder, node: V3Node, start: number, end: number, depth: number): void {
  b.entries.push({
    node,
    line: b.lineOf(start),
    col: b.colOf(start),
    endLine: b.lineOf(Math.max(start, end - 1)),
    depth,
  });
}

// ------------------------------------------------------------------------------------------------
// Comments

interface CommentToken {
  text: string;
  line: number;
  col: number;
  offset: number;
  trailing: boolean;
}

function commentTokens(text: string, lineOf: (o: number) => number, colOf: (o: number) => number): CommentToken[] {
  const out: CommentToken[] = [];
  let offset = 0;
  let contentOnLine = false;
  let line = 0;
  for (const tok of new Lexer().lex(text)) {
    // The lexer's control tokens (document, flow end, scalar markers) are not in the source.
    if (tok === '\u0002' || tok === '\u0018' || tok === '\u001f') continue;
    const l = lineOf(offset);
    if (l !== line) {
      line = l;
      contentOnLine = false;
    }
    if (tok.startsWith('#')) {
      out.push({ text: tok.replace(/[ \t]+$/, ''), line: l, col: colOf(offset), offset, trailing: contentOnLine });
    } else if (/\S/.test(tok)) {
      contentOnLine = true;
    }
    offset += tok.length;
    if (tok.includes('\n')) {
      line = lineOf(offset);
      contentOnLine = false;
    }
  }
  return out;
}

/** Adds a comment block; blocks that a blank line separated keep it. */
function appendComment(existing: string, add: string, separator = '\n\n'): string {
  return existing === '' ? add : `${existing}${separator}${add}`;
}

/** What placing the comments of a text needs. */
interface CommentPlacement {
  doc: V3Node;
  b: Builder;
  lines: readonly string[];
  /** The lines that hold a full-line comment. */
  commentLines: ReadonlySet<number>;
  /** The first line of an entry (the line count when there is none). */
  firstContent: number;
}

function isBlankLine(p: CommentPlacement, l: number): boolean {
  return l >= p.lines.length || (p.lines[l] ?? '').trim() === '';
}

/** Blocks of full-line comments on consecutive lines. */
function commentBlocks(fullLine: readonly CommentToken[]): CommentToken[][] {
  const blocks: CommentToken[][] = [];
  for (const t of fullLine) {
    const last = blocks[blocks.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && prev.line === t.line - 1) last.push(t);
    else blocks.push([t]);
  }
  return blocks;
}

function blockText(block: readonly CommentToken[]): string {
  return block.map((t) => t.text).join('\n');
}

/** The outermost entry starting on `line`. */
function entryAt(b: Builder, line: number): Entry | undefined {
  return b.entries.filter((e) => e.line === line).sort((x, y) => x.depth - y.depth)[0];
}

/**
 * The foot comment of the innermost entry still open before `c` that `c` is not indented less than (at
 * the end of the document, the innermost one).
 */
function addFoot(p: CommentPlacement, c: CommentToken, body: string, atEnd = false): void {
  const entries = p.b.entries;
  const open = entries
    .filter((e) => e.line < c.line && (atEnd || e.col <= c.col))
    .filter((e) => !entries.some((o) => o.depth <= e.depth && o.line > e.line && o.line < c.line));
  const target = open.sort((x, y) => y.depth - x.depth || y.line - x.line)[0];
  if (target) target.node.foot = appendComment(target.node.foot, body);
  else p.doc.foot = appendComment(p.doc.foot, body);
}

/**
 * Before a dedent, lines indented deeper than what follows close the block above them: they become its foot
 * comment. Returns the rest of the block.
 */
function closeDeeperLines(p: CommentPlacement, block: CommentToken[], nextEntry: Entry | undefined): CommentToken[] {
  const limit = nextEntry ? nextEntry.col : -1;
  const deeper = block.findIndex((t) => t.col <= limit);
  const cut = deeper < 0 ? block.length : deeper;
  if (cut > 0) addFoot(p, block[0] as CommentToken, blockText(block.slice(0, cut)), !nextEntry);
  return block.slice(cut);
}

/** Places one block of full-line comments: a head comment (of the document or the next entry) or a foot comment. */
function attachBlock(p: CommentPlacement, all: CommentToken[]): void {
  let block = all;
  const last = block[block.length - 1] as CommentToken;
  let next = last.line + 1;
  const followedByBlank = isBlankLine(p, next);
  while (next < p.lines.length && (isBlankLine(p, next) || p.commentLines.has(next))) next++;
  const nextEntry = entryAt(p.b, next);
  const first = block[0] as CommentToken;
  if (first.line < p.firstContent) {
    // Opening the document: its head comment when a blank line follows, else the first node's.
    const body = blockText(block);
    if (!followedByBlank && nextEntry) nextEntry.node.head = appendComment(nextEntry.node.head, body);
    else p.doc.head = appendComment(p.doc.head, body);
    return;
  }
  const prevEntry = p.b.entries
    .filter((e) => e.line < first.line)
    .sort((x, y) => y.line - x.line || y.depth - x.depth)[0];
  if (prevEntry && (!nextEntry || prevEntry.col > nextEntry.col)) {
    block = closeDeeperLines(p, block, nextEntry);
    if (block.length === 0) return;
  }
  const opensBlock = prevEntry !== undefined && nextEntry !== undefined && prevEntry.col < nextEntry.col;
  if (followedByBlank && !opensBlock && !isBlankLine(p, (block[0] as CommentToken).line - 1)) {
    // Right after content and before a blank line (not at the start of a nested block): a foot comment.
    addFoot(p, block[0] as CommentToken, blockText(block));
    return;
  }
  const body = blockText(block);
  if (nextEntry) nextEntry.node.head = appendComment(nextEntry.node.head, body);
  else p.doc.foot = appendComment(p.doc.foot, body);
}

/** A comment after content on its line: the line comment of the value ending before it, else of the key. */
function attachLineComment(b: Builder, t: CommentToken): void {
  const onLine = b.lineEnds.filter((n) => n.line === t.line && n.end <= t.offset).sort((x, y) => y.end - x.end)[0];
  if (onLine) {
    onLine.node.line = appendComment(onLine.node.line, t.text, '\n');
    return;
  }
  // `key:  # comment` with the value on the next lines: the key's line comment.
  const key = b.entries.filter((e) => e.line === t.line).sort((x, y) => y.depth - x.depth)[0];
  if (key) key.node.line = appendComment(key.node.line, t.text, '\n');
}

function attachComments(doc: V3Node, text: string, b: Builder): void {
  const lines = text.split('\n');
  const tokens = commentTokens(text, b.lineOf, b.colOf);
  const fullLine = tokens.filter((t) => !t.trailing);
  const placement: CommentPlacement = {
    doc,
    b,
    lines,
    commentLines: new Set(fullLine.map((t) => t.line)),
    firstContent: Math.min(...b.entries.map((e) => e.line), lines.length),
  };
  for (const block of commentBlocks(fullLine)) attachBlock(placement, block);
  for (const t of tokens) if (t.trailing) attachLineComment(b, t);
}

/** The outcome of `yaml.Unmarshal(text, &node)`. */
export type ParseResult = { ok: true; node: V3Node } | { ok: false; error: string };

/** Parses `text` as go-yaml v3's Unmarshal into a yaml.Node does (its first document). */
export function parseNode(text: string): ParseResult {
  // go-yaml v3 reads YAML 1.1 documents only.
  const directive = /^%YAML[ \t]+(\S+)/m.exec(text);
  if (directive && directive[1] !== '1.1') return { ok: false, error: 'yaml: found incompatible YAML document' };
  const docs = parseAllDocuments(text, { schema: 'failsafe', strict: false, uniqueKeys: false });
  if (!Array.isArray(docs)) return { ok: true, node: v3Node('none') };
  const d = docs[0];
  if (d === undefined) return { ok: true, node: v3Node('none') };
  const err = d.errors[0];
  if (err) {
    const line = err.linePos?.[0].line;
    return {
      ok: false,
      error: `yaml: ${line !== undefined ? `line ${line}: ` : ''}${err.message.split('\n')[0] ?? ''}`,
    };
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (o: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const b: Builder = {
    lineOf,
    colOf: (o) => o - (starts[lineOf(o)] as number),
    entries: [],
    lineEnds: [],
    anchors: new Map(),
  };
  if (d.contents === null && !/\S/.test(text.replace(/#.*$/gm, ''))) return { ok: true, node: v3Node('none') };
  const doc = v3Node('document', { content: [build(d.contents, b, 0)] });
  attachComments(doc, text, b);
  return { ok: true, node: doc };
}

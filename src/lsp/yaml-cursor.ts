/**
 * What is under the cursor in a YAML text: the document, the path of the field (map keys and list indexes),
 * whether the cursor is on a key or a value, and the scalar's range. `keyContext` reads the indentation of
 * the lines above instead, for a key being typed (the parser cannot place a half-written line).
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';

/** A path in a document: map keys and list indexes. */
export type YamlPath = readonly (string | number)[];

/** The field under the cursor. */
export interface CursorInfo {
  /** 0-based index of the document in the stream. */
  readonly docIndex: number;
  readonly doc: Document;
  /** Path of the field: on a key, the key's own path; on a value, the path of that value. */
  readonly path: YamlPath;
  readonly on: 'key' | 'value';
  /** The scalar under the cursor (key or value), when the cursor is on a scalar. */
  readonly scalar?: { readonly value: unknown; readonly start: number; readonly end: number };
  /** The node the path names (the value of the field). */
  readonly node: unknown;
}

/** A parsed text with its line counter (kept per document version by callers). */
export interface ParsedText {
  readonly text: string;
  readonly docs: readonly Document[];
  readonly lineCounter: LineCounter;
}

export function parseText(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  return { text, docs: Array.isArray(docs) ? docs : [], lineCounter };
}

function rangeOf(n: unknown): [number, number] | undefined {
  const r = (n as { range?: [number, number, number] } | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function within(n: unknown, offset: number): boolean {
  const r = rangeOf(n);
  return r !== undefined && offset >= r[0] && offset <= r[1];
}

function scalarInfo(n: unknown): CursorInfo['scalar'] {
  if (!isScalar(n)) return undefined;
  const r = rangeOf(n);
  return r ? { value: n.value, start: r[0], end: r[1] } : undefined;
}

/** Descends from `node` to the innermost field containing `offset`. */
function descend(node: unknown, offset: number, path: (string | number)[]): Omit<CursorInfo, 'docIndex' | 'doc'> {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (within(pair.key, offset)) {
        const s = scalarInfo(pair.key);
        return { path: [...path, key], on: 'key', node: pair.value, ...(s ? { scalar: s } : {}) };
      }
      if (pair.value !== null && within(pair.value, offset)) return descend(pair.value, offset, [...path, key]);
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (within(item, offset)) return descend(item, offset, [...path, i]);
    }
  }
  const s = scalarInfo(node);
  return { path, on: 'value', node, ...(s ? { scalar: s } : {}) };
}

/** The field at `offset`, or undefined outside every document's content. */
export function cursorAt(parsed: ParsedText, offset: number): CursorInfo | undefined {
  for (let i = 0; i < parsed.docs.length; i++) {
    const doc = parsed.docs[i] as Document;
    const contents = doc.contents;
    if (contents === null || !within(contents, offset)) continue;
    return { docIndex: i, doc, ...descend(contents, offset, []) };
  }
  return undefined;
}

/** The offsets [start, end) of the node the cursor's path names (the field's value). */
export function valueRange(cursor: CursorInfo): [number, number] | undefined {
  return rangeOf(cursor.node);
}

/** The value at `path` inside a document's AST node. */
export function nodeAt(root: unknown, path: YamlPath): unknown {
  let node = root;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      node = pair?.value;
    } else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

/** Where a key is being typed: the path of the mapping (list items as `-1`) and the partial word. */
export interface KeyContext {
  /** Keys of the enclosing mappings; a list item is written as -1. */
  readonly path: readonly (string | -1)[];
  /** The text typed so far on the line (after the indentation and any `- `). */
  readonly prefix: string;
  /** True when the line holds `key: value` (the cursor is after the colon). */
  readonly afterColon: boolean;
  /** The key on the line, when the cursor is after its colon. */
  readonly key?: string;
}

const LINE = /^(\s*)((?:-\s+)*)(.*)$/;

interface LineShape {
  /** Column where the line's content (after `- `) starts. */
  readonly contentIndent: number;
  /** Column of the first `-` when the line starts a list item. */
  readonly dashIndent?: number;
  readonly content: string;
}

function shape(line: string): LineShape | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const indent = (m[1] ?? '').length;
  const dashes = m[2] ?? '';
  const content = m[3] ?? '';
  if (dashes === '' && content.trim() === '') return undefined;
  if (content.trimStart().startsWith('#')) return undefined;
  const s: LineShape = { contentIndent: indent + dashes.length, content };
  return dashes !== '' ? { ...s, dashIndent: indent } : s;
}

/**
 * The mapping path at a line being edited, from the indentation of the lines above (block style, which
 * kustomization files use). `column` is 0-based, in the line `lineIndex` of `text`.
 */
export function keyContext(text: string, lineIndex: number, column: number): KeyContext {
  const lines = text.split(/\r?\n/);
  const current = (lines[lineIndex] ?? '').slice(0, column);
  const cur = shape(current) ?? { contentIndent: current.length, content: '' };
  const colon = /^([^:#]+):\s*(.*)$/.exec(cur.content);
  const path: (string | -1)[] = [];
  // The current line's own list item.
  if (cur.dashIndent !== undefined) path.unshift(-1);
  let indent = cur.dashIndent ?? cur.contentIndent;
  for (let i = lineIndex - 1; i >= 0 && indent > 0; i--) {
    const s = shape(lines[i] ?? '');
    if (!s) continue;
    if (s.dashIndent !== undefined && s.dashIndent < indent && s.contentIndent <= indent) {
      // A list item holding the current line; its key (if the item is `- key: ...`) is a sibling, not a parent.
      path.unshift(-1);
      indent = s.dashIndent;
      continue;
    }
    if (s.contentIndent < indent) {
      const key = /^([^:#\s][^:#]*):(\s|$)/.exec(s.content);
      if (key?.[1] !== undefined) path.unshift(key[1].trim());
      indent = s.dashIndent ?? s.contentIndent;
    }
  }
  const out: KeyContext = {
    path,
    prefix: colon ? (colon[2] ?? '') : cur.content,
    afterColon: colon !== null,
  };
  return colon?.[1] !== undefined ? { ...out, key: colon[1].trim() } : out;
}

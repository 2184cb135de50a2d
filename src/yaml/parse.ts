/**
 * YAML in: reads a file the way kustomize does and converts its documents to the plain value model
 * (values.ts, convert.ts), keeping the syntax tree (ast.ts) and a line index so any value can be traced
 * back to its file, line and column.
 *
 * The syntax is read by our go-yaml-compatible reader (goyaml/: scanner, parser, composer), so what
 * kustomize accepts, refuses, folds, escapes or drops is decided by the same rules:
 *
 * - `kyaml` (resources, patches): kyaml's `kio.ByteReader` — CRLF becomes LF, the text is cut at every
 *   separator line (`\n---` + anything without content but a comment + `\n`; the separator line is not
 *   part of either piece), and each piece is decoded on its own by go-yaml v3, which reads its first
 *   document only. A piece whose document is empty or null is skipped.
 * - `yaml11` (kustomization files, configs): sigs.k8s.io/yaml, i.e. go-yaml v2 reading the first
 *   document.
 *
 * Never throws: syntax and conversion problems are returned as diagnostics with positions.
 */
import type { EngineDiagnostic, Range } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { LineIndex, type AstNode } from './ast.js';
import {
  Converter,
  ConvertError,
  rangeOf,
  type ConvertErrorCode,
  type ConvertMode,
  type DuplicateKey,
  type ValuePath,
} from './convert.js';
import { DocumentReader, type ComposedDocument } from './goyaml/compose.js';
import { GoYamlError } from './goyaml/tokens.js';
import type { ResolveMode } from './scalars.js';
import type { YamlValue } from './values.js';
import { goTrimSpace } from './go-text.js';

export { foldedRoundTrip, goUtf8, type DuplicateKey } from './convert.js';
export { LineIndex } from './ast.js';

/** One non-empty document of a stream. */
export interface ParsedDocument {
  /** The document's value. */
  value: YamlValue;
  /** Position of the document's content in the file. */
  range: Range;
  /** 0-based index of the document in the stream (counting empty ones). */
  index: number;
  /** The syntax tree of the document's content, for locating fields later. */
  node: AstNode;
  /** Keys defined twice in one mapping (`kyaml` mode; the later value is kept). */
  duplicateKeys?: DuplicateKey[];
  /** With {@link ParseOptions.deferOutputErrors}: why kustomize cannot write this document out. */
  outputError?: EngineDiagnostic;
  /** Errors before {@link outputError} that hold only while their placeholder value is still at their path. */
  conditionalOutputErrors?: {
    error: EngineDiagnostic;
    path: ValuePath;
    value: YamlValue;
    whileKey?: string;
    text?: string;
  }[];
  /** Strings whose node kyaml does not see as a string (a timestamp, a custom tag), by path. */
  nonStringScalars?: NonStringScalar[];
}

/** A value held as a string whose YAML node is not a string for kyaml (see {@link ParsedDocument}). */
export interface NonStringScalar {
  path: ValuePath;
  value: string;
  /** The node's tag for kyaml (`!!timestamp`, `!!binary`, `!custom`). */
  tag: string;
}

export interface ParsedStream {
  file: string;
  documents: ParsedDocument[];
  /** Syntax errors, alias-limit errors and unsupported keys or tags, with positions. */
  errors: EngineDiagnostic[];
  /** Offsets → lines and columns (for the ranges of {@link ParsedDocument.node}). */
  lineCounter: LineIndex;
}

export interface ParseOptions {
  /** File path used in positions and messages. */
  file: string;
  /** How plain scalars resolve (default `kyaml`, the resource reader's rules). */
  mode?: ResolveMode;
  /**
   * Keep the source text of the values under `metadata.annotations` of each resource (kustomize writes
   * annotation values back as strings made from their source text). Default true for `kyaml`.
   */
  annotationsAsText?: boolean;
  /** Upper bound on values produced by alias expansion in one document (default 100 000). */
  maxAliasNodes?: number;
  /** Upper bound on the nesting depth of a document with its aliases expanded (default 10 000, go-yaml's). */
  maxDepth?: number;
  /**
   * `error`: a key defined twice in one mapping is an error (`yaml/duplicate-key`), as kustomize's output
   * step makes it for resources. Default `last-wins` (the later value is kept; the duplicates are listed
   * in {@link ParsedDocument.duplicateKeys} in `kyaml` mode).
   */
  duplicateKeys?: 'error' | 'last-wins';
  /**
   * `kyaml` mode: record the problems kustomize only meets when it writes the object out (a key that is
   * not a string, a value refused by its tag, a timestamp JSON cannot encode) in
   * {@link ParsedDocument.outputError} and carry on, instead of failing the parse. For resources, which
   * fail only if they are written out.
   */
  deferOutputErrors?: boolean;
}

/** Converts a 0-based [start, end) offset pair into a Range. */
export function toRange(lc: LineIndex, start: number, end: number): Range {
  return rangeOf(lc, start, end);
}

const NULLS: ReadonlySet<string> = new Set(['', '~', 'null', 'Null', 'NULL']);

/** kyaml's IsYNodeEmptyDoc: the document's root resolves to `!!null`. */
function isNullDocument(root: AstNode): boolean {
  if (root.kind !== 'scalar') return false;
  if (root.tag === '!!null') return true;
  return (root.tag === undefined || root.tag === '!') && root.style === 'plain' && NULLS.has(root.value);
}

/** The pieces kyaml's reader cuts a text into: [start, end) offsets, or the offending separator. */
function kyamlPieces(text: string): [number, number][] | string {
  const pieces: [number, number][] = [];
  const re = /\n---[^\n]*\n/g;
  let prev = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const rest = goTrimSpace(m[0].slice(4));
    if (rest.length > 0 && !rest.startsWith('#')) return goTrimSpace(m[0]);
    // The piece ends before the separator; the separator's first line break is appended to it.
    pieces.push([prev, m.index + 1]);
    prev = m.index + m[0].length;
  }
  if (text.length > 0) pieces.push([prev, text.length]);
  return pieces;
}

interface Context {
  file: string;
  lines: LineIndex;
  mode: ConvertMode;
  result: ParsedStream;
}

function syntaxDiagnostic(ctx: Context, message: string, at: number, end = at): EngineDiagnostic {
  return diagnostic('yaml/syntax', 'error', message, {
    file: ctx.file,
    range: toRange(ctx.lines, at, end),
    source: 'yaml',
  });
}

/** Parses a YAML stream. Never throws: syntax problems are returned as diagnostics. */
export function parseYamlStream(text: string, options: ParseOptions): ParsedStream {
  const resolve = options.mode ?? 'kyaml';
  const kyaml = resolve === 'kyaml';
  // kyaml's reader replaces CRLF by LF first. Offsets and lines are those of that text (the same lines
  // and columns as the file's).
  const src = kyaml && text.includes('\r\n') ? text.replaceAll('\r\n', '\n') : text;
  const lines = new LineIndex(src);
  const ctx: Context = {
    file: options.file,
    lines,
    mode: {
      kyaml,
      resolve,
      annotationsAsText: options.annotationsAsText ?? kyaml,
      maxAliasNodes: options.maxAliasNodes ?? 100_000,
      maxDepth: options.maxDepth ?? 10_000,
      dupError: options.duplicateKeys === 'error',
      defer: kyaml && options.deferOutputErrors === true,
    },
    result: { file: options.file, documents: [], errors: [], lineCounter: lines },
  };
  if (!kyaml) {
    readFirstDocument(ctx, src, 0, src.length, 0, false);
    return ctx.result;
  }
  const pieces = kyamlPieces(src);
  if (typeof pieces === 'string') {
    const at = Math.max(src.indexOf(pieces), 0);
    ctx.result.errors.push(syntaxDiagnostic(ctx, `invalid document separator: ${pieces}`, at, at + pieces.length));
    return ctx.result;
  }
  for (let i = 0; i < pieces.length; i++) {
    const [start, end] = pieces[i] as [number, number];
    if (!readFirstDocument(ctx, src, start, end, i, pieces.length === 1)) break;
  }
  return ctx.result;
}

/** The node written last in a document (the last value of the last mapping or sequence, depth first). */
function lastNode(root: AstNode): AstNode {
  let n = root;
  for (;;) {
    if (n.kind === 'map' && n.items.length > 0) n = (n.items[n.items.length - 1] as { value: AstNode }).value;
    else if (n.kind === 'seq' && n.items.length > 0) n = n.items[n.items.length - 1] as AstNode;
    else return n;
  }
}

/** True when `src[from, end)` holds a comment line and nothing else before the end of the document. */
function onlyCommentsUntilDocumentEnd(src: string, from: number, end: number): boolean {
  let comment = false;
  for (const line of src.slice(from, end).split('\n')) {
    if (/^(---|\.\.\.)(\s|$)/.test(line)) break;
    const t = line.trim();
    if (t.startsWith('#')) comment = true;
    else if (t !== '') return false;
  }
  return comment;
}

/**
 * kyaml writes a node back out as YAML (go-yaml v3) and reads it again. When a keep-chomped block scalar
 * (`|+`, `>+`) ending in blank lines is the last value of a document that ends with comments, the
 * encoder writes a blank line before that foot comment, and the keep scalar takes it in on the way back:
 * its value gains one line break.
 */
function keepScalarBeforeFootComment(root: AstNode, src: string, end: number): void {
  const last = lastNode(root);
  if (last.kind !== 'scalar' || (last.style !== 'literal' && last.style !== 'folded')) return;
  if (!last.value.endsWith('\n\n')) return;
  if (onlyCommentsUntilDocumentEnd(src, last.range[1], end)) last.value += '\n';
}

/**
 * Decodes the first document of `src[start, end)` (a go-yaml Decoder's first Decode) and adds it to the
 * result. False when the text is invalid (the error is recorded).
 */
function readFirstDocument(
  ctx: Context,
  src: string,
  start: number,
  end: number,
  index: number,
  singlePiece: boolean,
): boolean {
  let doc: ComposedDocument | undefined;
  try {
    doc = new DocumentReader(src, { v3: ctx.mode.kyaml, start, end }).next();
  } catch (err) {
    if (!(err instanceof GoYamlError)) throw err;
    ctx.result.errors.push(syntaxDiagnostic(ctx, ctx.mode.kyaml ? err.message : err.v2Message, err.at));
    return false;
  }
  if (doc === undefined || isNullDocument(doc.root)) return true;
  if (ctx.mode.kyaml) keepScalarBeforeFootComment(doc.root, src, end);
  const conv = new Converter(ctx.mode, ctx.lines);
  conv.singlePiece = singlePiece;
  try {
    const value = conv.convertRoot(doc.root);
    const [s, e] = doc.root.range;
    const d: ParsedDocument = { value, range: toRange(ctx.lines, s, e), index, node: doc.root };
    if (conv.duplicates.length > 0) d.duplicateKeys = conv.duplicates;
    if (conv.nonStringScalars.length > 0) d.nonStringScalars = conv.nonStringScalars;
    const located = (o: { code: ConvertErrorCode; message: string; node: AstNode | undefined }): EngineDiagnostic => {
      const r = o.node?.range ?? doc.root.range;
      return diagnostic(o.code, 'error', o.message, {
        file: ctx.file,
        range: toRange(ctx.lines, r[0], r[1]),
        source: 'yaml',
      });
    };
    if (conv.outputError) d.outputError = located(conv.outputError);
    if (conv.conditionalErrors.length > 0) {
      d.conditionalOutputErrors = conv.conditionalErrors.map((o) => ({
        error: located(o),
        path: o.path ?? [],
        value: o.value ?? null,
        ...(o.whileKey !== undefined ? { whileKey: o.whileKey } : {}),
        ...(o.text !== undefined ? { text: o.text } : {}),
      }));
    }
    ctx.result.documents.push(d);
    return true;
  } catch (err) {
    if (!(err instanceof ConvertError)) throw err;
    const r = err.node?.range ?? doc.root.range;
    ctx.result.errors.push(
      diagnostic(err.code, 'error', err.message, {
        file: ctx.file,
        range: toRange(ctx.lines, r[0], r[1]),
        source: 'yaml',
      }),
    );
    return false;
  }
}

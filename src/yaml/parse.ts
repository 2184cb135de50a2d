/**
 * YAML in: parses a multi-document stream with eemeli/yaml and converts each document to the plain value
 * model (values.ts) the way kustomize's Go stacks see it (scalars.ts), keeping the AST and a line counter
 * so any value can be traced back to its file, line and column.
 *
 * Two modes:
 * - `kyaml` (resources, patches): what kustomize's output step sees after kyaml read the node and
 *   round-tripped it through go-yaml v3 — top-level keys of a resource are their source text, other
 *   non-string keys are an error, `<<` keys are merged and dropped, annotation values keep their source
 *   text, folded (`>`) scalars get go-yaml v3's emitter quirk (an extra line break before a more-indented
 *   line), `!!binary` is decoded.
 * - `yaml11` (kustomization files, configs): sigs.k8s.io/yaml's YAML → JSON of the first document
 *   (go-yaml v2): YAML 1.1 booleans, non-string keys converted to strings, `<<` applied in place,
 *   duplicate keys last-wins, keys in JSON (byte) order.
 *
 * Hostile input: alias expansion is bounded (`yaml/alias-limit`), nesting is bounded (`yaml/syntax`),
 * keys such as `__proto__` are stored as own properties, and nothing here is quadratic in the input.
 */
import {
  parseAllDocuments,
  parseDocument,
  LineCounter,
  isAlias,
  isMap as isYamlMap,
  isScalar as isYamlScalar,
  isSeq as isYamlSeq,
  isPair,
  type Node as YamlNode,
  type Scalar,
  type Document,
  type YAMLMap,
  type Pair,
} from 'yaml';
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import {
  formatFloat32G,
  plainScalarTag,
  resolvePlainScalarChecked,
  resolveScalar,
  type ResolveMode,
  type TypedScalar,
} from './scalars.js';
import { deleteField, setField, hasField, cloneValue, type YamlMap, type YamlValue } from './values.js';

/** A key that appears twice in one mapping (kustomize rejects such resources on output). */
export interface DuplicateKey {
  key: string;
  /** Where the second occurrence is. */
  range: Range;
  /** 1-based line of the first occurrence. */
  firstLine: number;
}

/** One non-empty document of a stream. */
export interface ParsedDocument {
  /** The document's value. */
  value: YamlValue;
  /** Position of the document's content in the file. */
  range: Range;
  /** 0-based index of the document in the stream (counting empty ones). */
  index: number;
  /** The AST of the document's content, for locating fields later. */
  node: YamlNode;
  /** Keys defined twice in one mapping (`kyaml` mode; the later value is kept). */
  duplicateKeys?: DuplicateKey[];
  /** With {@link ParseOptions.deferOutputErrors}: why kustomize cannot write this document out. */
  outputError?: Diagnostic;
}

export interface ParsedStream {
  file: string;
  documents: ParsedDocument[];
  /** Syntax errors, alias-limit errors and unsupported keys or tags, with positions. */
  errors: Diagnostic[];
  lineCounter: LineCounter;
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
  /** Upper bound on the nesting depth of a document, aliases expanded (default 1 000). */
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
export function toRange(lc: LineCounter, start: number, end: number): Range {
  const s = lc.linePos(start);
  const e = lc.linePos(end);
  return {
    start: { line: s.line, column: s.col, offset: start },
    end: { line: e.line, column: e.col, offset: end },
  };
}

const TAG_PREFIX = 'tag:yaml.org,2002:';
const EMPTY_RANGE: [number, number, number] = [0, 0, 0];

/** A conversion failure with the node it concerns. */
class ConvertError extends Error {
  constructor(
    readonly code: 'yaml/alias-limit' | 'yaml/syntax' | 'yaml/unsupported-value' | 'yaml/duplicate-key',
    message: string,
    readonly node: unknown,
  ) {
    super(message);
  }
}

function nodeRange(n: unknown): [number, number, number] {
  return (n as { range?: [number, number, number] } | null)?.range ?? EMPTY_RANGE;
}

function shortTag(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  return tag.startsWith(TAG_PREFIX) ? '!!' + tag.slice(TAG_PREFIX.length) : tag;
}

/** The string content of a scalar node (its text after quoting/folding, before tag resolution). */
function scalarText(n: Scalar): string {
  const v = n.value;
  if (typeof v === 'string') return v;
  if (typeof n.source === 'string') return n.source;
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '';
}

// ---------------------------------------------------------------------------------------------
// !!binary: Go's base64.StdEncoding.DecodeString (\r and \n ignored, padding required), the bytes then
// read as UTF-8 with each invalid byte replaced by U+FFFD (what encoding/json does).

const B64 = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

function decodeBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0) return undefined;
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    let bits = 0;
    for (let k = 0; k < 4; k++) {
      const c = s.charCodeAt(i + k);
      let v: number;
      if (c === 61 && last && k >= 4 - pad) v = 0;
      else {
        v = c < 128 ? (B64[c] as number) : -1;
        if (v < 0) return undefined;
      }
      bits = (bits << 6) | v;
    }
    out[o++] = (bits >> 16) & 0xff;
    if (o < out.length) out[o++] = (bits >> 8) & 0xff;
    if (o < out.length) out[o++] = bits & 0xff;
  }
  return out;
}

/** Bytes → string as Go's encoding/json sees them: invalid UTF-8 bytes become U+FFFD one by one. */
export function goUtf8(b: Uint8Array): string {
  let s = '';
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      s += String.fromCharCode(c);
      i++;
      continue;
    }
    let need = 0;
    let cp = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
      min = 0x10000;
    }
    let ok = need > 0 && i + need < n;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const d = b[i + k];
        if (d === undefined || (d & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (d & 0x3f);
      }
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      s += '\ufffd';
      i++;
      continue;
    }
    s += String.fromCodePoint(cp);
    i += need + 1;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Folded scalars through go-yaml v3's emitter and parser (what kyaml's String() + Unmarshal do to a
// node whose style is folded). The emitter's check "is the next line more indented?" looks at the
// first character of the whole value instead of the next line, so a line break before a more-indented
// line gains an empty line, and a leading blank disables the empty lines that separate paragraphs.

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** go-yaml v3 would emit `v` in folded style (block scalars allowed: no trailing space, no space before a
 * line break, only printable characters or tabs). */
function v3FoldedAllowed(v: string): boolean {
  if (v.length === 0) return false;
  const n = v.length;
  if (v.charCodeAt(n - 1) === 0x20) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x0a) {
      if (prevSpace) return false;
    } else if (
      c !== 0x09 &&
      !(c >= 0x20 && c <= 0x7e) &&
      !((c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff))
    ) {
      return false; // non-printable (incl. astral characters, which libyaml counts as non-printable)
    }
    prevSpace = c === 0x20;
  }
  return true;
}

/**
 * The value of a folded scalar after kyaml's String() and re-parse (go-yaml v3's emitter does not wrap
 * long lines: its default width is unlimited).
 */
export function foldedRoundTrip(v: string): string {
  if (!v3FoldedAllowed(v)) return v;
  const n = v.length;
  // Emit: content lines ('' for an empty line).
  const lines: string[] = [];
  let cur = '';
  const c0 = v.charCodeAt(0);
  const firstBlankz = isBlank(c0) || c0 === 0x0a || c0 === 0x0d || c0 === 0x85 || c0 === 0x2028 || c0 === 0x2029;
  let breaks = true;
  let leadingSpaces = true;
  let segStart = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x0a) {
      cur += v.slice(segStart, i);
      if (!breaks && !leadingSpaces && !firstBlankz) {
        lines.push(cur);
        cur = '';
      }
      lines.push(cur);
      cur = '';
      segStart = i + 1;
      breaks = true;
      continue;
    }
    if (breaks) leadingSpaces = isBlank(c);
    breaks = false;
  }
  cur += v.slice(segStart);
  if (!breaks) lines.push(cur);
  // Chomping indicator the emitter writes.
  const last = v.charCodeAt(n - 1);
  const chomp = last !== 0x0a ? 'strip' : n === 1 || v.charCodeAt(n - 2) === 0x0a ? 'keep' : 'clip';
  // Parse the folded block back (libyaml's scan_block_scalar).
  let s = '';
  let i = 0;
  let trailing = 0;
  while (i < lines.length && lines[i] === '') {
    trailing++;
    i++;
  }
  let leadingBreak = false;
  let leadingBlank = false;
  for (; i < lines.length; ) {
    const line = lines[i] as string;
    const trailingBlank = isBlank(line.charCodeAt(0));
    if (leadingBreak && !leadingBlank && !trailingBlank) {
      if (trailing === 0) s += ' ';
    } else if (leadingBreak) s += '\n';
    if (trailing > 0) s += '\n'.repeat(trailing);
    trailing = 0;
    leadingBlank = trailingBlank;
    s += line;
    leadingBreak = true;
    i++;
    while (i < lines.length && lines[i] === '') {
      trailing++;
      i++;
    }
  }
  if (chomp !== 'strip' && leadingBreak) s += '\n';
  if (chomp === 'keep' && trailing > 0) s += '\n'.repeat(trailing);
  return s;
}

// ---------------------------------------------------------------------------------------------

type Mode = {
  kyaml: boolean;
  annotationsAsText: boolean;
  maxAliasNodes: number;
  maxDepth: number;
  dupError: boolean;
  defer: boolean;
};

interface Anchored {
  node: YamlNode;
  value: YamlValue;
  /** Number of values in the (expanded) subtree. */
  size: number;
  /** Height of the (expanded) subtree. */
  height: number;
}

/** Where a map sits, for the rules that depend on it. */
const enum Place {
  Other = 0,
  /** The root of a resource (a document, or an item of a `...List`). */
  ResourceRoot = 1,
  /** `metadata` of a resource root. */
  Metadata = 2,
  /** `metadata.annotations` of a resource root. */
  Annotations = 3,
  /** `items` of a `...List` resource root. */
  ListItems = 4,
  /** A value under `metadata.annotations` of a resource root. */
  AnnotationValue = 5,
}

class Converter {
  private readonly anchors = new Map<string, Anchored>();
  private aliasNodes = 0;
  private size = 0;
  private deepest = 0;
  /**
   * Inside a `...List` document that kustomize expands through `Map()` and JSON (its items are new
   * resources parsed from JSON text): no folded-scalar quirk, annotation values are JSON text.
   */
  private json = false;
  readonly duplicates: DuplicateKey[] = [];
  /** The file is one kyaml document piece (a `List` there is unwrapped by kyaml's reader). */
  singlePiece = false;
  /** The first deferred output-time error. */
  outputError: { code: ConvertError['code']; message: string; node: unknown } | undefined;

  constructor(
    private readonly mode: Mode,
    private readonly resolveMode: ResolveMode,
    private readonly lc: LineCounter,
    /** The source text (to check double-quoted scalars' escapes as go-yaml does). */
    private readonly src: string,
    /** Offsets of `\'` escapes, which the `yaml` library refuses and go-yaml accepts. */
    private readonly quoteEscapes: Set<number> | undefined,
  ) {}

  convert(node: unknown, depth: number, place: Place): YamlValue {
    if (node === null || node === undefined) return null;
    if (depth > this.mode.maxDepth) {
      throw new ConvertError('yaml/syntax', `exceeded max depth of ${this.mode.maxDepth}`, node);
    }
    if (depth > this.deepest) this.deepest = depth;
    if (isAlias(node)) {
      const a = this.anchors.get(node.source);
      if (!a) throw new ConvertError('yaml/syntax', `unknown anchor '${node.source}' referenced`, node);
      this.aliasNodes += a.size;
      this.size += a.size;
      if (this.aliasNodes > this.mode.maxAliasNodes) {
        throw new ConvertError(
          'yaml/alias-limit',
          `excessive aliasing: expanding aliases would produce more than ${this.mode.maxAliasNodes} values (possible alias bomb)`,
          node,
        );
      }
      if (depth + a.height > this.mode.maxDepth) {
        throw new ConvertError('yaml/syntax', `exceeded max depth of ${this.mode.maxDepth}`, node);
      }
      if (depth + a.height > this.deepest) this.deepest = depth + a.height;
      if (place === Place.AnnotationValue && this.mode.annotationsAsText) {
        // kustomize reads the (copied) node's text.
        if (this.json) return jsonText(a.value);
        return isYamlScalar(a.node) ? scalarText(a.node) : '';
      }
      return cloneValue(a.value);
    }
    const n = node as YamlNode;
    if (!n.anchor) return this.convertNode(n, depth, place);
    const sizeBefore = this.size;
    const deepestBefore = this.deepest;
    this.deepest = depth;
    const value = this.convertNode(n, depth, place);
    const anchored = { node: n, value, size: Math.max(1, this.size - sizeBefore), height: this.deepest - depth };
    if (deepestBefore > this.deepest) this.deepest = deepestBefore;
    this.anchors.set(n.anchor, anchored);
    return value;
  }

  private convertNode(n: YamlNode, depth: number, place: Place): YamlValue {
    this.size++;
    if (isYamlScalar(n)) return this.scalar(n, place === Place.AnnotationValue);
    if (isYamlSeq(n)) {
      const out: YamlValue[] = [];
      const itemPlace = place === Place.ListItems ? Place.ResourceRoot : Place.Other;
      for (const item of n.items) out.push(this.convert(item, depth + 1, itemPlace));
      return out;
    }
    if (isYamlMap(n)) return this.mapping(n, depth, place);
    return null;
  }

  private mapping(n: YAMLMap, depth: number, place: Place): YamlValue {
    const kyaml = this.mode.kyaml;
    let isRoot = place === Place.ResourceRoot;
    let listRoot = false;
    const jsonBefore = this.json;
    if (isRoot && kyaml && hasListItems(n)) {
      listRoot = true;
      // kyaml's reader unwraps a `List` that is the only document of its file; kustomize expands any
      // other `...List` through Map() and JSON.
      if (!(depth === 0 && this.singlePiece && isUnwrappedListKind(n))) this.json = true;
    } else if (isRoot && this.json) {
      // An item of an expanded list: a map inside the list's Map(), keys must be strings.
      isRoot = false;
    }
    try {
      return this.mappingBody(n, depth, place, isRoot, listRoot);
    } finally {
      this.json = jsonBefore;
    }
  }

  private mappingBody(n: YAMLMap, depth: number, place: Place, isRoot: boolean, listRoot: boolean): YamlValue {
    const kyaml = this.mode.kyaml;
    const resourceRoot = place === Place.ResourceRoot;
    const out: YamlMap = {};
    let merged: YamlMap | undefined;
    const annotationsAsText = place === Place.Annotations && this.mode.annotationsAsText;
    for (const pair of n.items) {
      if (!isPair(pair)) continue;
      const keyNode = (pair.key ?? null) as YamlNode | null;
      if (isMergeKey(keyNode)) {
        if (kyaml) {
          if (merged !== undefined) throw new ConvertError('yaml/syntax', 'duplicate merge key', keyNode);
          merged = this.mergeSources(pair.value, depth);
        } else {
          // go-yaml v2: applied in place, later keys override it and it overrides earlier ones.
          const src = this.mergeSources(pair.value, depth);
          for (const k of Object.keys(src)) setField(out, k, src[k] as YamlValue);
        }
        continue;
      }
      const key = kyaml ? this.kyamlKey(this.deref(keyNode), isRoot) : this.yaml11Key(this.deref(keyNode), pair);
      if (keyNode && !isAlias(keyNode) && keyNode.anchor) {
        this.anchors.set(keyNode.anchor, { node: keyNode, value: key, size: 1, height: 0 });
      }
      if (kyaml && key === '<<') continue; // kyaml clears any remaining `<<` field
      if (hasField(out, key)) {
        if (kyaml) this.duplicate(n, pair, key);
        deleteField(out, key);
      }
      let childPlace = Place.Other;
      if (kyaml) {
        if (resourceRoot) {
          if (key === 'metadata') childPlace = Place.Metadata;
          else if (listRoot && key === 'items') childPlace = Place.ListItems;
        } else if (place === Place.Metadata && key === 'annotations') childPlace = Place.Annotations;
        else if (place === Place.Annotations) childPlace = Place.AnnotationValue;
      }
      let v = this.convert(pair.value, depth + 1, childPlace);
      // Annotation values are strings made from the node's text; a collection has none.
      if (annotationsAsText && typeof v !== 'string') v = this.json ? jsonText(v) : '';
      setField(out, key, v);
    }
    if (merged !== undefined) {
      for (const k of Object.keys(merged)) if (!hasField(out, k)) setField(out, k, merged[k] as YamlValue);
    }
    return this.mode.kyaml ? out : sortKeysGo(out);
  }

  /** The maps a `<<` value stands for, merged so that earlier ones win. */
  private mergeSources(value: unknown, depth: number): YamlMap {
    const result: YamlMap = {};
    const add = (v: YamlValue, node: unknown): void => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        throw new ConvertError('yaml/syntax', 'map merge requires map or sequence of maps as the value', node);
      }
      for (const k of Object.keys(v)) if (!hasField(result, k)) setField(result, k, v[k] as YamlValue);
    };
    if (isYamlSeq(value)) {
      for (const item of value.items) {
        if (isYamlSeq(item))
          throw new ConvertError('yaml/syntax', 'invalid map merge: received a nested sequence', item);
        add(this.convert(item, depth + 1, Place.Other), item);
      }
    } else {
      add(this.convert(value, depth + 1, Place.Other), value);
    }
    return result;
  }

  /** A problem kustomize meets only on output: deferred (with a fallback value) or thrown. */
  private outputTime<T>(code: ConvertError['code'], message: string, node: unknown, fallback: T): T {
    if (!this.mode.defer) throw new ConvertError(code, message, node);
    this.outputError ??= { code, message, node };
    return fallback;
  }

  /** An alias used as a key stands for the node it refers to (kyaml expands it in place). */
  private deref(keyNode: YamlNode | null): YamlNode | null {
    if (!isAlias(keyNode)) return keyNode;
    const a = this.anchors.get(keyNode.source);
    if (!a) throw new ConvertError('yaml/syntax', `unknown anchor '${keyNode.source}' referenced`, keyNode);
    return a.node;
  }

  private duplicate(n: YAMLMap, pair: Pair, key: string): void {
    const keyNode = (pair.key ?? null) as YamlNode | null;
    let firstLine = 0;
    for (const p of n.items) {
      if (p === pair) break;
      if (isPair(p) && isYamlScalar(p.key) && scalarText(p.key) === key) {
        firstLine = this.lc.linePos(nodeRange(p.key)[0]).line;
        break;
      }
    }
    if (this.mode.dupError) {
      throw new ConvertError(
        'yaml/duplicate-key',
        `mapping key ${JSON.stringify(key)} already defined at line ${firstLine}`,
        keyNode ?? pair,
      );
    }
    const r = nodeRange(keyNode ?? pair);
    this.duplicates.push({ key, range: toRange(this.lc, r[0], r[1]), firstLine });
  }

  /**
   * A key as kustomize's output step reads it: the root map of a resource is decoded into
   * map[string]interface{} (any scalar key becomes its text; a null key is an error), other maps into
   * interface{} (a key that is not a string makes the map unserialisable to JSON).
   */
  private kyamlKey(keyNode: YamlNode | null, isRoot: boolean): string {
    if (keyNode === null) {
      // An empty explicit key (`? ` with nothing after it) comes out of kyaml's re-encoding as "".
      return '';
    }
    if (!isYamlScalar(keyNode)) {
      throw new ConvertError(
        'yaml/unsupported-value',
        'json: unsupported type: map[interface {}]interface {} (a collection used as a mapping key)',
        keyNode,
      );
    }
    const text = scalarText(keyNode);
    const tag = shortTag(keyNode.tag);
    // An empty plain key is written back quoted by kyaml's re-encoding: a string.
    if (text === '' && tag === undefined) return '';
    // go-yaml v3's Node.ShortTag() of the key.
    let kind: string;
    if (tag === '!!str') kind = 'str';
    else if (tag === undefined || tag === '!') {
      kind = keyNode.type !== 'PLAIN' ? 'str' : plainScalarTag(text, 'kyaml');
    } else kind = tag;
    if (kind === 'str') return text;
    if (!isRoot) {
      return this.outputTime(
        'yaml/unsupported-value',
        `json: unsupported type: map[interface {}]interface {} (mapping key ${JSON.stringify(text)} is not a string)`,
        keyNode,
        text,
      );
    }
    // The root is decoded into map[string]interface{}: the key's text, a null key fails.
    if (kind === 'null' || kind === '!!null') {
      return this.outputTime(
        'yaml/unsupported-value',
        `mapping key ${JSON.stringify(text || 'null')} is not supported at the top of a resource`,
        keyNode,
        text,
      );
    }
    if (kind === '!!binary') return this.binary(text, keyNode);
    if (kind.startsWith('!!') && kind !== '!!merge') this.scalar(keyNode, false); // a refused tag fails as in go-yaml
    return text;
  }

  /** A key as sigs.k8s.io/yaml turns go-yaml v2's key into a JSON object key. */
  private yaml11Key(keyNode: YamlNode | null, pair: Pair): string {
    if (keyNode === null) {
      throw new ConvertError('yaml/unsupported-value', 'unsupported map key of type: <nil>', pair);
    }
    if (!isYamlScalar(keyNode)) {
      throw new ConvertError('yaml/unsupported-value', 'invalid map key: a collection used as a mapping key', keyNode);
    }
    const tag = shortTag(keyNode.tag);
    const text = scalarText(keyNode);
    let r: TypedScalar | undefined;
    if (tag === undefined && keyNode.type === 'PLAIN') r = resolveScalar(text, 'yaml11');
    else if (tag === '!!int' || tag === '!!float' || tag === '!!bool' || tag === '!!null' || tag === '!!timestamp') {
      r = resolveScalar(text, 'yaml11', tag.slice(2) as 'int');
      if (!r) throw new ConvertError('yaml/syntax', `cannot decode \`${text}\` as a ${tag}`, keyNode);
    } else if (tag === '!!binary') return this.binary(text, keyNode);
    else return text;
    if (!r) return text;
    switch (r.tag) {
      case 'null':
        throw new ConvertError('yaml/unsupported-value', 'unsupported map key of type: <nil>', keyNode);
      case 'bool':
        return r.value ? 'true' : 'false';
      case 'int':
        if (typeof r.value === 'bigint' && r.value > 0x7fffffffffffffffn) {
          throw new ConvertError('yaml/unsupported-value', 'unsupported map key of type: uint64', keyNode);
        }
        return String(r.value);
      case 'float':
        return formatFloat32G(r.value);
      default:
        return r.value;
    }
  }

  /**
   * go-yaml's escapes in a double-quoted scalar: no `\/`, no surrogate code points, and `\'` is a
   * quote (the `yaml` library refuses it, so such a scalar is decoded again with `\x27` in its place).
   */
  private doubleQuoted(n: Scalar, value: string): string {
    const r = nodeRange(n);
    const raw = this.src.slice(r[0], r[1]);
    if (!raw.includes('\\')) return value;
    let fixed: string | undefined;
    let last = 0;
    for (let i = raw.indexOf('\\'); i >= 0 && i < raw.length - 1; i = raw.indexOf('\\', i)) {
      const e = raw[i + 1] as string;
      if (e === '/')
        throw new ConvertError('yaml/syntax', 'found unknown escape character while parsing a quoted scalar', n);
      if (e === 'u' || e === 'U') {
        const code = parseInt(raw.slice(i + 2, i + (e === 'u' ? 6 : 10)), 16);
        if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
          throw new ConvertError(
            'yaml/syntax',
            'found invalid Unicode character escape code while parsing a quoted scalar',
            n,
          );
        }
      }
      if (e === "'" && this.quoteEscapes?.has(r[0] + i)) {
        fixed = (fixed ?? '') + raw.slice(last, i) + '\\x27';
        last = i + 2;
      }
      i += 2;
    }
    if (fixed === undefined) return value;
    const redone = parseDocument(fixed + raw.slice(last), { schema: 'failsafe' }).contents;
    return isYamlScalar(redone) ? scalarText(redone) : value;
  }

  /** A resolved scalar's value; a timestamp Go's JSON encoder refuses is an error. */
  private checked(r: TypedScalar, n: Scalar): YamlValue {
    if (r.tag === 'timestamp' && r.unencodable) {
      return this.outputTime(
        'yaml/unsupported-value',
        'json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: timezone hour outside of range [0,23]',
        n,
        r.value,
      );
    }
    return r.value;
  }

  private binary(text: string, node: unknown): string {
    const b = decodeBase64(text);
    if (!b) {
      if (!this.mode.kyaml) throw new ConvertError('yaml/syntax', '!!binary value contains invalid base64 data', node);
      return this.outputTime('yaml/syntax', 'yaml: !!binary value contains invalid base64 data', node, text);
    }
    return goUtf8(b);
  }

  private scalar(n: Scalar, annotation: boolean): YamlValue {
    let text = scalarText(n);
    if (n.type === 'QUOTE_DOUBLE') text = this.doubleQuoted(n, text);
    const mode = this.resolveMode;
    if (annotation && this.mode.annotationsAsText && !this.json) return text;
    let tag = shortTag(n.tag);
    // The non-specific tag `!` is dropped by kyaml's re-encoding: the scalar resolves as untagged.
    if (tag === '!') tag = undefined;
    if (tag !== undefined && tag !== '!!str') {
      switch (tag) {
        case '!!binary':
          return this.binary(text, n);
        case '!!int':
        case '!!float':
        case '!!bool':
        case '!!null':
        case '!!timestamp': {
          const r = resolveScalar(text, mode, tag.slice(2) as 'int');
          if (r === undefined) {
            if (!this.mode.kyaml) throw new ConvertError('yaml/syntax', `cannot decode \`${text}\` as a ${tag}`, n);
            return this.outputTime('yaml/syntax', `yaml: cannot decode !!str \`${text}\` as a ${tag}`, n, text);
          }
          return this.checked(r, n);
        }
        default:
          // Custom and non-specific tags: the value stays a string.
          return text;
      }
    }
    if (tag === undefined && n.type === 'PLAIN') {
      const v = resolvePlainScalarChecked(text, mode);
      if (v === null || typeof v !== 'object') return v;
      return this.checked({ tag: 'timestamp', value: v.value as string, unencodable: v.unencodable }, n);
    }
    if (n.type === 'BLOCK_FOLDED' && this.mode.kyaml && !this.json) return foldedRoundTrip(text);
    return text;
  }
}

function isMergeKey(keyNode: YamlNode | null): boolean {
  if (!isYamlScalar(keyNode) || scalarText(keyNode) !== '<<') return false;
  const tag = shortTag(keyNode.tag);
  return tag === '!!merge' || (tag === undefined && keyNode.type === 'PLAIN');
}

function kindOf(n: YAMLMap): string | undefined {
  for (const p of n.items) {
    if (isPair(p) && isYamlScalar(p.key) && scalarText(p.key) === 'kind')
      return isYamlScalar(p.value) ? scalarText(p.value) : undefined;
  }
  return undefined;
}

function hasKey(n: YAMLMap, key: string): boolean {
  return n.items.some((p) => isPair(p) && isYamlScalar(p.key) && scalarText(p.key) === key);
}

/** A `...List` with `items`: kustomize replaces it by its items. */
function hasListItems(n: YAMLMap): boolean {
  return (kindOf(n) ?? '').endsWith('List') && hasKey(n, 'items');
}

/** The kinds kyaml's reader unwraps itself (when the file is a single document). */
function isUnwrappedListKind(n: YAMLMap): boolean {
  const k = kindOf(n);
  return k === 'List' || k === 'ResourceList';
}

/** An annotation value of an item of an expanded list: the JSON text of its value. */
function jsonText(v: YamlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return '';
  // Go's JSON number text: shortest digits, exponent below 1e-6 and from 1e21 (as JavaScript writes them).
  return String(v);
}

/** Re-orders a map's keys as Go's encoding/json writes them (byte order). */
function sortKeysGo(m: YamlMap): YamlMap {
  const keys = Object.keys(m);
  if (keys.length < 2) return m;
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (compareCodePoints(keys[i - 1] as string, keys[i] as string) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return m;
  keys.sort(compareCodePoints);
  const out: YamlMap = {};
  for (const k of keys) setField(out, k, m[k] as YamlValue);
  return out;
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP character in UTF-8 byte order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * kyaml's document split (kio.ByteReader): a separator is a line starting with `---` (after a line
 * break, followed by one), with nothing but blanks or a comment after it. Returns the start offsets of
 * the pieces, or the offending separator text.
 */
function kyamlPieces(text: string): number[] | string {
  const starts = [0];
  const re = /\n---([^\n]*)\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const tail = m[1] ?? '';
    const rest = tail.trim();
    if (rest.length > 0 && !rest.startsWith('#')) return `---${tail.trimEnd()}`;
    // The separator belongs to the next piece (so does a document's own `---`).
    starts.push(m.index);
  }
  return starts;
}

/** The first document that starts in each piece (kyaml decodes one document per piece). */
function firstDocumentPerPiece(docs: Document.Parsed[], starts: number[]): Document.Parsed[] {
  if (starts.length === 1) return docs.slice(0, 1);
  const out: Document.Parsed[] = [];
  let piece = -1;
  for (const doc of docs) {
    const at = doc.range[0];
    let p = piece < 0 ? 0 : piece;
    while (p + 1 < starts.length && (starts[p + 1] as number) <= at) p++;
    if (p !== piece) {
      out.push(doc);
      piece = p;
    }
  }
  return out;
}

/** Parses a YAML stream. Never throws: syntax problems are returned as diagnostics. */
export function parseYamlStream(text: string, options: ParseOptions): ParsedStream {
  let lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  let src = goReaderText(text, (options.mode ?? 'kyaml') === 'kyaml');
  try {
    docs = parseDocs(src, lineCounter);
    // go-yaml ignores indentation inside flow collections; the `yaml` library wants their lines
    // indented under the block that holds them. Such a text is parsed again with those lines indented.
    if (docs.some((d) => d.errors.some((e) => e.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(e.message)))) {
      const fixed = indentFlowLines(src);
      if (fixed !== src) {
        const lc = new LineCounter();
        const again = parseDocs(fixed, lc);
        if (again.every((d) => d.errors.every((e) => e.code === 'BAD_DQ_ESCAPE'))) {
          src = fixed;
          docs = again;
          lineCounter = lc;
        }
      }
    }
  } catch (err) {
    const result: ParsedStream = { file: options.file, documents: [], errors: [], lineCounter };
    result.errors.push(diagnostic('yaml/syntax', 'error', (err as Error).message, { file: options.file }));
    return result;
  }
  return convertYamlDocuments(src, docs, lineCounter, options);
}

function parseDocs(text: string, lineCounter: LineCounter): Document.Parsed[] {
  const parsed = parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    lineCounter,
    prettyErrors: false,
    strict: false,
    keepSourceTokens: false,
  });
  return Array.isArray(parsed) ? parsed : [];
}

/**
 * Indents the continuation lines of flow collections (and of quoted scalars inside them) by one more
 * column than the line that opened the outermost collection. Quotes and brackets count only where a
 * token starts; comments are skipped.
 */
function indentFlowLines(text: string): string {
  const lines = text.split('\n');
  let depth = 0;
  let required = 0;
  let quote = 0; // 0, 34 (") or 39 (')
  for (let li = 0; li < lines.length; li++) {
    let line = lines[li] as string;
    if (depth > 0 || quote !== 0) {
      let ind = 0;
      while (line.charCodeAt(ind) === 32) ind++;
      if (ind < required && line.trim() !== '') {
        line = ' '.repeat(required - ind) + line;
        lines[li] = line;
      }
    }
    let lineIndent = 0;
    while (line.charCodeAt(lineIndent) === 32) lineIndent++;
    let prev = 32;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (quote === 34) {
        if (c === 92) i++;
        else if (c === 34) quote = 0;
      } else if (quote === 39) {
        if (c === 39) {
          if (line.charCodeAt(i + 1) === 39) i++;
          else quote = 0;
        }
      } else {
        const tokenStart =
          prev === 32 ||
          prev === 9 ||
          prev === 44 ||
          prev === 91 ||
          prev === 123 ||
          prev === 58 ||
          prev === 45 ||
          prev === 63;
        if (c === 35 && (prev === 32 || prev === 9)) break; // comment
        if ((c === 34 || c === 39) && tokenStart) quote = c;
        else if ((c === 91 || c === 123) && (tokenStart || depth > 0)) {
          if (depth === 0) required = lineIndent + 1;
          depth++;
        } else if ((c === 93 || c === 125) && depth > 0) depth--;
      }
      prev = c;
    }
    if (depth === 0 && quote === 0) required = 0;
  }
  return lines.join('\n');
}

/**
 * What go-yaml's reader does that the `yaml` library does not: a lone CR is a line break (replaced by
 * LF, offsets unchanged), and in `kyaml` mode a byte order mark at the start of a document piece is
 * dropped (kyaml decodes each piece on its own).
 */
function goReaderText(text: string, kyaml: boolean): string {
  let t = text;
  if (t.includes('\r')) t = t.replace(/\r(?!\n)/g, '\n');
  if (kyaml && t.includes('\ufeff')) t = t.replace(/(\n---[^\n]*\n)\ufeff/g, '$1');
  return t;
}

/**
 * The second half of {@link parseYamlStream}: documents parsed by the `yaml` library (failsafe schema,
 * with `lineCounter`) to values. Exposed for benchmarks.
 */
export function convertYamlDocuments(
  text: string,
  parsedDocs: Document.Parsed[],
  lineCounter: LineCounter,
  options: ParseOptions,
): ParsedStream {
  const resolveMode = options.mode ?? 'kyaml';
  const kyaml = resolveMode === 'kyaml';
  const mode: Mode = {
    kyaml,
    annotationsAsText: options.annotationsAsText ?? kyaml,
    maxAliasNodes: options.maxAliasNodes ?? 100_000,
    maxDepth: options.maxDepth ?? 1_000,
    dupError: options.duplicateKeys === 'error',
    defer: kyaml && options.deferOutputErrors === true,
  };
  const result: ParsedStream = { file: options.file, documents: [], errors: [], lineCounter };
  let docs = parsedDocs;
  let singlePiece = true;
  if (kyaml) {
    // kyaml's reader splits the text at separator lines itself and decodes one document per piece.
    const pieces = kyamlPieces(text);
    if (typeof pieces === 'string') {
      const at = text.indexOf(pieces);
      result.errors.push(
        diagnostic('yaml/syntax', 'error', `invalid document separator: ${pieces}`, {
          file: options.file,
          range: toRange(lineCounter, Math.max(at, 0), Math.max(at, 0) + pieces.length),
          source: 'yaml',
        }),
      );
      return result;
    }
    singlePiece = pieces.length <= 1;
    docs = firstDocumentPerPiece(docs, pieces);
  } else if (docs.length > 1) {
    // go-yaml v2's Unmarshal (yaml11) reads the first document only.
    docs = docs.slice(0, 1);
  }
  docs.forEach((doc, index) => {
    let quoteEscapes: Set<number> | undefined;
    let errors = 0;
    for (const e of doc.errors) {
      // go-yaml accepts `\'` in a double-quoted scalar (YAML 1.2 does not).
      if (e.code === 'BAD_DQ_ESCAPE' && text.startsWith("\\'", e.pos[0])) {
        (quoteEscapes ??= new Set()).add(e.pos[0]);
        continue;
      }
      errors++;
      result.errors.push(
        diagnostic('yaml/syntax', 'error', e.message.split('\n')[0] ?? e.message, {
          file: options.file,
          range: toRange(lineCounter, e.pos[0], e.pos[1]),
          source: 'yaml',
        }),
      );
    }
    if (errors > 0) return;
    const dir = doc.directives;
    if (dir.yaml.explicit || Object.keys(dir.tags).some((t) => t !== '!!' && t !== '!')) {
      const problem = kyaml
        ? // kyaml splits the text at the `---` after the directives: a piece with directives and no document.
          'did not find expected <document start>'
        : dir.yaml.explicit && dir.yaml.version !== '1.1'
          ? 'found incompatible YAML document'
          : undefined;
      if (problem) {
        result.errors.push(
          diagnostic('yaml/syntax', 'error', problem, {
            file: options.file,
            range: toRange(lineCounter, doc.range[0], doc.range[0]),
            source: 'yaml',
          }),
        );
        return;
      }
    }
    const contents = doc.contents as YamlNode | null | undefined;
    if (contents === null || contents === undefined) return;
    // A document that is only `null`/`~`/empty is skipped like an empty one.
    if (isYamlScalar(contents) && contents.type === 'PLAIN' && !contents.tag) {
      const t = scalarText(contents);
      if (t === '' || t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return;
    }
    const conv = new Converter(mode, resolveMode, lineCounter, text, quoteEscapes);
    conv.singlePiece = singlePiece;
    try {
      const value = conv.convert(contents, 0, kyaml ? Place.ResourceRoot : Place.Other);
      const r = nodeRange(contents);
      const d: ParsedDocument = { value, range: toRange(lineCounter, r[0], r[1]), index, node: contents };
      if (conv.duplicates.length > 0) d.duplicateKeys = conv.duplicates;
      if (conv.outputError) {
        const o = conv.outputError;
        const or = nodeRange(o.node);
        d.outputError = diagnostic(o.code, 'error', o.message, {
          file: options.file,
          range: toRange(lineCounter, or[0], or[1]),
          source: 'yaml',
        });
      }
      result.documents.push(d);
    } catch (err) {
      if (!(err instanceof ConvertError)) throw err;
      const r = nodeRange(err.node);
      result.errors.push(
        diagnostic(err.code, 'error', err.message, {
          file: options.file,
          range: toRange(lineCounter, r[0], r[1]),
          source: 'yaml',
        }),
      );
    }
  });
  return result;
}

/**
 * YAML in: parses a multi-document stream with eemeli/yaml and converts each document to the plain value
 * model (values.ts), resolving plain scalars the way kustomize's Go YAML stacks do (scalars.ts),
 * expanding aliases and `<<` merge keys (with a limit against alias bombs), and keeping the AST and a
 * line counter so any value can be traced back to its file, line and column.
 */
import {
  parseAllDocuments,
  LineCounter,
  isAlias,
  isMap as isYamlMap,
  isScalar as isYamlScalar,
  isSeq as isYamlSeq,
  isPair,
  type Node as YamlNode,
  type Scalar,
  type Document,
} from 'yaml';
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { resolvePlainScalar, type ResolveMode } from './scalars.js';
import { setField, hasField, cloneValue, type YamlMap, type YamlValue } from './values.js';

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
}

export interface ParsedStream {
  file: string;
  documents: ParsedDocument[];
  /** Syntax errors and alias-limit errors, with positions. */
  errors: Diagnostic[];
  lineCounter: LineCounter;
}

export interface ParseOptions {
  /** File path used in positions and messages. */
  file: string;
  /** How plain scalars resolve (default `kyaml`, the resource reader's rules). */
  mode?: ResolveMode;
  /**
   * Keep the source text of non-string values under a top-level `metadata.annotations` (kustomize writes
   * annotation values back as strings made from their source text). Default true for `kyaml`.
   */
  annotationsAsText?: boolean;
  /** Upper bound on values produced by alias expansion in one document (default 100 000). */
  maxAliasNodes?: number;
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

class AliasLimitError extends Error {
  constructor(readonly node: YamlNode) {
    super('excessive aliasing: the document expands aliases beyond the allowed size (possible alias bomb)');
  }
}

class Converter {
  private readonly anchors = new Map<string, YamlNode>();
  private readonly cache = new Map<YamlNode, { value: YamlValue; size: number }>();
  private aliasNodes = 0;
  size = 0;

  constructor(
    private readonly mode: ResolveMode,
    private readonly annotationsAsText: boolean,
    private readonly maxAliasNodes: number,
  ) {}

  convert(node: unknown, depth: number, path: 0 | 1 | 2 | 3): YamlValue {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = this.anchors.get(node.source);
      if (!target) return null;
      const cached = this.cache.get(target);
      if (!cached) return null;
      this.aliasNodes += cached.size;
      if (this.aliasNodes > this.maxAliasNodes) throw new AliasLimitError(node as unknown as YamlNode);
      return cloneValue(cached.value);
    }
    const n = node as YamlNode;
    const before = this.size;
    const value = this.convertNode(n, depth, path);
    if (n.anchor) {
      this.anchors.set(n.anchor, n);
      this.cache.set(n, { value, size: Math.max(1, this.size - before) });
    }
    return value;
  }

  private convertNode(n: YamlNode, depth: number, path: 0 | 1 | 2 | 3): YamlValue {
    this.size++;
    if (isYamlScalar(n)) return this.scalar(n, path === 3);
    if (isYamlSeq(n)) {
      const out: YamlValue[] = [];
      for (const item of n.items) out.push(this.convert(item, depth + 1, 0));
      return out;
    }
    if (isYamlMap(n)) {
      const out: YamlMap = {};
      const merges: YamlValue[] = [];
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        if (isYamlScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
          merges.push(this.convert(pair.value, depth + 1, 0));
          continue;
        }
        const key = this.keyString(keyNode);
        // Track `metadata` → `annotations` at the top of a document.
        let childPath: 0 | 1 | 2 | 3 = 0;
        if (depth === 0 && key === 'metadata') childPath = 1;
        else if (path === 1 && key === 'annotations') childPath = 2;
        else if (path === 2) childPath = 3;
        setField(out, key, this.convert(pair.value, depth + 1, childPath));
      }
      // `<<` merge keys: explicit keys win; among several sources the first wins.
      for (const m of merges) {
        const sources = Array.isArray(m) ? m : [m];
        for (const src of sources) {
          if (src === null || typeof src !== 'object' || Array.isArray(src)) continue;
          for (const k of Object.keys(src)) if (!hasField(out, k)) setField(out, k, (src as YamlMap)[k] as YamlValue);
        }
      }
      return out;
    }
    return null;
  }

  private keyString(keyNode: YamlNode | null): string {
    if (keyNode === null || keyNode === undefined) return '';
    if (isYamlScalar(keyNode)) {
      const v = this.scalar(keyNode, false);
      return v === null ? 'null' : String(v);
    }
    if (isAlias(keyNode)) {
      const v = this.convert(keyNode, 1, 0);
      return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    }
    return JSON.stringify(this.convert(keyNode, 1, 0));
  }

  private scalar(n: Scalar, annotation: boolean): YamlValue {
    const raw = n.value;
    if (typeof raw !== 'string') {
      if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint' || raw === null) return raw;
      return String(raw);
    }
    const tag = n.tag;
    if (tag && tag !== '!') {
      const t = tag.startsWith(TAG_PREFIX) ? tag.slice(TAG_PREFIX.length) : tag;
      if (t === 'str' || t === 'binary') return raw;
      if (t === 'null') return null;
      if (t === 'bool' || t === 'int' || t === 'float') {
        const v = resolvePlainScalar(raw, this.mode);
        return typeof v === 'string' ? raw : v;
      }
      // Unknown/custom tags: the value stays a string, as go-yaml keeps it.
    }
    if (n.type !== 'PLAIN') return raw;
    if (annotation && this.annotationsAsText) return raw;
    return resolvePlainScalar(raw, this.mode);
  }
}

/** Parses a YAML stream. Never throws: syntax problems are returned as diagnostics. */
export function parseYamlStream(text: string, options: ParseOptions): ParsedStream {
  const mode = options.mode ?? 'kyaml';
  const lineCounter = new LineCounter();
  const result: ParsedStream = { file: options.file, documents: [], errors: [], lineCounter };
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, {
      schema: 'failsafe',
      uniqueKeys: false,
      lineCounter,
      prettyErrors: false,
      strict: false,
      keepSourceTokens: false,
    });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (err) {
    result.errors.push(diagnostic('yaml/syntax', 'error', (err as Error).message, { file: options.file }));
    return result;
  }
  docs.forEach((doc, index) => {
    for (const e of doc.errors) {
      result.errors.push(
        diagnostic('yaml/syntax', 'error', e.message.split('\n')[0] ?? e.message, {
          file: options.file,
          range: toRange(lineCounter, e.pos[0], e.pos[1]),
          source: 'yaml',
        }),
      );
    }
    if (doc.errors.length > 0) return;
    const contents = doc.contents as YamlNode | null;
    if (contents === null || contents === undefined) return;
    // A document that is only `null`/`~`/empty is skipped like an empty one.
    if (isYamlScalar(contents) && contents.type === 'PLAIN' && (contents.value === '' || contents.value === null)) return;
    const conv = new Converter(mode, options.annotationsAsText ?? mode === 'kyaml', options.maxAliasNodes ?? 100_000);
    try {
      const value = conv.convert(contents, 0, 0);
      const r = contents.range ?? [0, 0, 0];
      result.documents.push({ value, range: toRange(lineCounter, r[0], r[1]), index, node: contents });
    } catch (err) {
      if (err instanceof AliasLimitError) {
        const r = err.node.range ?? [0, 0, 0];
        result.errors.push(
          diagnostic('yaml/alias-limit', 'error', err.message, {
            file: options.file,
            range: toRange(lineCounter, r[0], r[1]),
            source: 'yaml',
          }),
        );
      } else throw err;
    }
  });
  return result;
}

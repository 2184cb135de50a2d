/**
 * Turning a YAML stream into resources (spec §3.1): every document must be a mapping with a kind and,
 * unless it is a `...List`, a name; `...List` documents with `items` are flattened recursively; empty
 * documents are skipped.
 */
import { BuildError } from '../diagnostics/error.js';
import { isMap as isYamlMapNode, isScalar as isYamlScalarNode, isSeq as isYamlSeqNode, type LineCounter } from 'yaml';
import { parseYamlStream, toRange, type ParsedDocument } from '../yaml/parse.js';
import { cloneValue } from '../yaml/values.js';
import type { BuildCache } from './cache.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../yaml/values.js';
import { Resource } from '../resources/resource.js';
import type { Origin } from '../resources/origin.js';
import type { ScopeResolver } from '../resources/res-id.js';

function text(v: YamlValue | undefined): string {
  return v === undefined || v === null || typeof v === 'object' ? '' : String(v);
}

/** Go's %v of a map[string]string: `map[k1:v1 k2:v2]`, keys sorted. */
function goStringMap(v: YamlValue | undefined): string {
  if (!isMap(v)) return 'map[]';
  const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${keys.map((k) => `${k}:${text(v[k])}`).join(' ')}]`;
}

/** Go's %v of kyaml's ResourceMeta, as kustomize prints it in "missing ... in object" errors. */
function describe(v: YamlMap): string {
  const meta = getField(v, 'metadata');
  const m = isMap(meta) ? meta : {};
  return (
    `{{${text(getField(v, 'apiVersion'))} ${text(getField(v, 'kind'))}} ` +
    `{{${text(getField(m, 'name'))} ${text(getField(m, 'namespace'))}} ${goStringMap(getField(m, 'labels'))} ${goStringMap(getField(m, 'annotations'))}}}`
  );
}

/** The AST node of `key` in a mapping node, if any. */
function child(node: unknown, key: string): unknown {
  if (!isYamlMapNode(node)) return undefined;
  const pair = node.items.find((p) => isYamlScalarNode(p.key) && String(p.key.value) === key);
  return pair?.value ?? undefined;
}

/** Whether `metadata.name` is written as a plain (unquoted) scalar in the source. */
function plainName(node: unknown): boolean {
  const n = child(child(node, 'metadata'), 'name');
  return isYamlScalarNode(n) && n.type === 'PLAIN';
}

function toResources(v: YamlValue, node: unknown, origin: Origin, scope: ScopeResolver, out: Resource[]): void {
  if (!isMap(v)) {
    throw new BuildError('resource/invalid', 'missing Resource metadata', { file: origin.file, range: origin.range });
  }
  const kind = getField(v, 'kind');
  if (kind === undefined || kind === null || kind === '') {
    throw new BuildError('resource/invalid', `missing kind in object ${describe(v)}`, { file: origin.file, range: origin.range });
  }
  const kindStr = String(kind);
  if (kindStr.endsWith('List') && Object.prototype.hasOwnProperty.call(v, 'items')) {
    const items = getField(v, 'items');
    if (items === null || items === undefined) return;
    if (!Array.isArray(items)) {
      throw new BuildError('resource/invalid', `items in ${kindStr} is not a list`, { file: origin.file, range: origin.range });
    }
    const itemNodes = child(node, 'items');
    items.forEach((item, i) =>
      toResources(item, isYamlSeqNode(itemNodes) ? itemNodes.items[i] : undefined, { ...origin, pointer: `${origin.pointer ?? ''}/items/${i}` }, scope, out),
    );
    return;
  }
  const meta = getField(v, 'metadata');
  const name = isMap(meta) ? getField(meta, 'name') : undefined;
  if (!kindStr.endsWith('List') && (name === undefined || name === null || name === '')) {
    throw new BuildError('resource/invalid', `missing metadata.name in object ${describe(v)}`, {
      file: origin.file,
      range: origin.range,
    });
  }
  const r = new Resource(v, origin, scope);
  r.plainName = plainName(node);
  out.push(r);
}

/**
 * The first mapping key that repeats in a document's AST, as go-yaml v3 reports it when kustomize decodes
 * the object for output (`mapping key "k" already defined at line N`): keys compare by text.
 */
function findDuplicateKey(node: unknown, lc: LineCounter): { message: string; start: number; end: number } | undefined {
  if (isYamlMapNode(node)) {
    const seen = new Map<string, number>();
    for (const item of node.items) {
      const k = item.key;
      if (isYamlScalarNode(k)) {
        const text = String(k.value);
        const start = k.range?.[0] ?? 0;
        const prev = seen.get(text);
        if (prev !== undefined) {
          return {
            message: `line ${lc.linePos(start).line}: mapping key ${JSON.stringify(text)} already defined at line ${lc.linePos(prev).line}`,
            start,
            end: k.range?.[1] ?? start,
          };
        }
        seen.set(text, start);
      }
      const inner = findDuplicateKey(item.value, lc);
      if (inner) return inner;
    }
  } else if (isYamlSeqNode(node)) {
    for (const item of node.items) {
      const inner = findDuplicateKey(item, lc);
      if (inner) return inner;
    }
  }
  return undefined;
}

function originOf(file: string, doc: ParsedDocument, lineCounter: import('yaml').LineCounter, extra: Partial<Origin>): Origin {
  return { ...extra, file, range: doc.range, documentIndex: doc.index, node: doc.node, lineCounter };
}

/**
 * Parses resource text. `file` is the absolute path (for positions). Throws BuildError on malformed YAML
 * (code `yaml/syntax`) or a document that is not a resource.
 */
export function resourcesFromText(
  text: string,
  file: string,
  scope: ScopeResolver,
  extra: Partial<Origin> = {},
  cache?: BuildCache,
): Resource[] {
  const stream = cache ? cache.parse(file, text, 'kyaml', () => parseYamlStream(text, { file })) : parseYamlStream(text, { file });
  const err = stream.errors[0];
  if (err) {
    const e = new BuildError(err.code, `MalformedYAMLError: ${err.message} in File: ${file}`, { file, range: err.range });
    throw e;
  }
  const out: Resource[] = [];
  for (const doc of stream.documents) {
    const first = out.length;
    // A cached parse is shared between builds: transformers must get their own copy.
    toResources(cache ? cloneValue(doc.value) : doc.value, doc.node, originOf(file, doc, stream.lineCounter, extra), scope, out);
    const dup = findDuplicateKey(doc.node, stream.lineCounter);
    if (dup) {
      const error = new BuildError('yaml/duplicate-key', `map[string]interface {}(nil): yaml: unmarshal errors:\n  ${dup.message}`, {
        file,
        range: toRange(stream.lineCounter, dup.start, dup.end),
      });
      for (let i = first; i < out.length; i++) (out[i] as Resource).outputError = error;
    }
  }
  return out;
}

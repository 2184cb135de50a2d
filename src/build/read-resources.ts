/**
 * Turning a YAML stream into resources (spec §3.1): every document must be a mapping with a kind and,
 * unless it is a `...List`, a name; `...List` documents with `items` are flattened recursively; empty
 * documents are skipped.
 */
import { BuildError } from '../diagnostics/error.js';
import type { EngineDiagnostic } from '../diagnostics/diagnostic.js';
import { isAstMap, isAstScalar, isAstSeq, type LineIndex } from '../yaml/ast.js';
import { parseYamlStream, type NonStringScalar, type ParsedDocument } from '../yaml/parse.js';
import type { DuplicateKey } from '../yaml/convert.js';
import { cloneValue, scalarString } from '../yaml/values.js';
import type { BuildCache } from './cache.js';
import {
  getField,
  hasField,
  isMap,
  isScalar,
  valueAtPath,
  type YamlMap,
  type YamlScalar,
  type YamlValue,
} from '../yaml/values.js';
import { conditionalErrorsOf, Resource, type ConditionalOutputError, type SourceTexts } from '../resources/resource.js';
import type { Origin } from '../resources/origin.js';
import type { ScopeResolver } from '../resources/res-id.js';
import { goResourceMeta } from '../resources/go-meta.js';

/** Go's %v of a map[string]string: `map[k1:v1 k2:v2]`, keys sorted. */
/** The AST node of `key` in a mapping node, if any. */
function child(node: unknown, key: string): unknown {
  if (!isAstMap(node)) return undefined;
  const pair = node.items.find((p) => isAstScalar(p.key) && p.key.value === key);
  return pair?.value ?? undefined;
}

/** Whether `metadata.name` is written as a plain (unquoted) scalar in the source. */
function plainName(node: unknown): boolean {
  const n = child(child(node, 'metadata'), 'name');
  return isAstScalar(n) && n.style === 'plain';
}

/**
 * The source texts of `kind`, `apiVersion`, `metadata.name` and `metadata.namespace` that YAML resolved to
 * another value (kyaml reads them as text: `!!binary Role` is the kind `Role`).
 */
function sourceTexts(node: unknown, data: YamlMap): SourceTexts | undefined {
  let out: SourceTexts | undefined;
  const note = (key: keyof SourceTexts, n: unknown, value: YamlValue | undefined): void => {
    if (!isAstScalar(n) || n.style === 'folded' || value === undefined || value === null) return;
    if (typeof value === 'object' || String(value) === n.value) return;
    (out ??= {})[key] = { value, text: n.value };
  };
  for (const key of ['kind', 'apiVersion'] as const) note(key, child(node, key), getField(data, key));
  const meta = getField(data, 'metadata');
  if (isMap(meta)) {
    for (const key of ['name', 'namespace'] as const)
      note(key, child(child(node, 'metadata'), key), getField(meta, key));
  }
  return out;
}

/** A document (or list item) on its way to becoming a resource. */
interface Pending {
  v: YamlValue;
  /** Its AST node, when its source styles are still known (not for items kustomize round-trips as JSON). */
  node: unknown;
  origin: Origin;
  /** Of a document (not of the items of a list). */
  nonStringScalars?: NonStringScalar[];
}

/**
 * kyaml's GetValidatedMetadata: an object needs a kind and, unless it is a `...List`, a name (read as
 * GetMeta reads them: a field's scalar text, "" for a map or a list).
 */
export function checkMetadata(v: YamlMap, origin: Pick<Origin, 'file' | 'range'>): void {
  const kind = scalarField(v, 'kind');
  const where = { file: origin.file, range: origin.range };
  if (kind === '') throw new BuildError('resource/invalid', `missing kind in object ${goResourceMeta(v)}`, where);
  const meta = getField(v, 'metadata');
  const name = isMap(meta) ? scalarField(meta, 'name') : '';
  if (!kind.endsWith('List') && name === '') {
    throw new BuildError('resource/invalid', `missing metadata.name in object ${goResourceMeta(v)}`, where);
  }
}

/** kio's "empty" node: null, or a mapping or sequence without entries (dropped silently). */
function isNilOrEmpty(v: YamlValue): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isMap(v) && Object.keys(v).length === 0;
}

/** A field as kyaml's GetMeta reads it: the text of a scalar, "" for null, a collection or no field. */
function scalarField(m: YamlMap, key: string): string {
  const v = getField(m, key);
  return v === undefined || v === null || typeof v === 'object' ? '' : String(v);
}

/** kustomize's dropBadNodes: empty documents are skipped; the rest must have a kind and (unless a List) a name. */
function dropBad(ps: Pending[]): Pending[] {
  const out: Pending[] = [];
  for (const p of ps) {
    const v = p.v;
    if (isNilOrEmpty(v)) continue;
    const { origin } = p;
    if (!isMap(v))
      throw new BuildError('resource/invalid', 'missing Resource metadata', { file: origin.file, range: origin.range });
    checkMetadata(v, origin);
    out.push(p);
  }
  return out;
}

/**
 * kio's reader unwraps a stream that is one `List` or `ResourceList` document (with `items` or
 * `functionConfig`) into its items, in place.
 */
function kioUnwrap(p: Pending): Pending[] | undefined {
  const v = p.v;
  if (!isMap(v)) return undefined;
  const kind = getField(v, 'kind');
  if (kind !== 'List' && kind !== 'ResourceList') return undefined;
  if (!hasField(v, 'items') && !hasField(v, 'functionConfig')) return undefined;
  const items = getField(v, 'items');
  if (!Array.isArray(items)) return [];
  const nodes = child(p.node, 'items');
  return items.map((item, i) => ({
    v: item,
    node: isAstSeq(nodes) ? nodes.items[i] : undefined,
    origin: { ...p.origin, pointer: `${p.origin.pointer ?? ''}/items/${i}` },
  }));
}

/**
 * kustomize's inlineAnyEmbeddedLists: a `...List` with `items` is replaced by its items, which go to the
 * end of the queue (each item is re-read from JSON, so a `List` item unwraps at once); `items: null`
 * drops the list; a `...List` without `items` is an ordinary resource.
 */
function inlineLists(queue: Pending[]): Pending[] {
  const out: Pending[] = [];
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i] as Pending;
    const v = p.v as YamlMap;
    const kind = scalarString(getField(v, 'kind'));
    if (!kind.endsWith('List') || !hasField(v, 'items')) {
      out.push(p);
      continue;
    }
    const items = getField(v, 'items');
    if (!Array.isArray(items)) {
      if (items === null) continue;
      throw new BuildError('resource/invalid', `expected array in ${kind}/items, but found ${goTypeName(items)}`, {
        file: p.origin.file,
        range: p.origin.range,
      });
    }
    items.forEach((item, j) => {
      const q: Pending = {
        v: item,
        node: undefined,
        origin: { ...p.origin, pointer: `${p.origin.pointer ?? ''}/items/${j}` },
      };
      queue.push(...dropBad(kioUnwrap(q) ?? [q]));
    });
  }
  return out;
}

function goTypeName(v: YamlValue | undefined): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return Number.isInteger(Number(v)) ? 'int' : 'float64';
  return 'map[string]interface {}';
}

/** The number of documents kio splits a text into (its separator is a line starting with `---`). */
function kioDocumentCount(text: string): number {
  if (text.length === 0) return 0;
  return (text.replace(/\r\n/g, '\n').match(/\n---.*\n/g)?.length ?? 0) + 1;
}

function toResource(p: Pending, scope: ScopeResolver): Resource {
  const r = new Resource(p.v as YamlMap, p.origin, scope);
  r.plainName = plainName(p.node);
  r.sourceText = sourceTexts(p.node, r.data);
  return r;
}

function originOf(file: string, doc: ParsedDocument, lineCounter: LineIndex, extra: Partial<Origin>): Origin {
  return { ...extra, file, range: doc.range, documentIndex: doc.index, node: doc.node, lineCounter };
}

/** Errors found while reading that kustomize reports only when it writes the object out. */
interface ConditionalErrors {
  errors: ConditionalOutputError[];
  otherwise?: BuildError;
}

function asBuildError(o: EngineDiagnostic, file: string): BuildError {
  return new BuildError(o.code, o.message, { file, range: o.range });
}

/** The parsed stream (from the cache when there is one); a malformed text is an error. */
function parsedStream(text: string, file: string, cache: BuildCache | undefined): ReturnType<typeof parseYamlStream> {
  const parse = (): ReturnType<typeof parseYamlStream> => parseYamlStream(text, { file, deferOutputErrors: true });
  const stream = cache ? cache.parse(file, text, 'kyaml', parse) : parse();
  const err = stream.errors[0];
  // kyaml meets merge-key errors when it expands anchors, after the text has been read.
  if (err?.code === 'yaml/merge-key') throw new BuildError(err.code, err.message, { file, range: err.range });
  if (err) {
    throw new BuildError(err.code, `MalformedYAMLError: ${err.message} in File: ${file}`, {
      file,
      range: err.range,
    });
  }
  return stream;
}

/**
 * Records the output errors of one document: a repeated key (go-yaml v3 reports the first one when kustomize
 * decodes the object for output), else the errors kustomize hits only when it writes the object out.
 */
function noteOutputErrors(
  doc: ParsedDocument,
  p: Pending,
  file: string,
  errors: Map<Pending, BuildError>,
  conditional: Map<Pending, ConditionalErrors>,
): void {
  const dups = doc.duplicateKeys ?? [];
  const unplaced = dups.find((d) => d.at === undefined);
  if (unplaced) {
    errors.set(p, repeatedKeyError(unplaced, file));
    return;
  }
  // A repeated key fails the output only while its map is still there (a patch may delete it).
  const repeated: ConditionalOutputError[] = dups.map((d) => {
    const element = elementIdentity(doc.value, d);
    return {
      error: repeatedKeyError(d, file),
      at: d.at ?? [],
      value: null,
      whileKey: { key: d.key, ...(element ? { element } : {}) },
    };
  });
  const conds = [...repeated, ...conditionalErrorsOf(doc, file)];
  const otherwise = doc.outputError ? asBuildError(doc.outputError, file) : undefined;
  if (conds.length > 0) conditional.set(p, { errors: conds, ...(otherwise ? { otherwise } : {}) });
  // Items of a list cannot tell where the node went: the first error holds for them.
  const first = conds[0]?.error ?? otherwise;
  if (first) errors.set(p, first);
}

/**
 * How to know again the list element holding a repeated key: by its `name` (kyaml's lookups find the first
 * occurrence: for a repeated `name`, the first value), else by the repeated key's first value.
 */
function elementIdentity(root: YamlValue, d: DuplicateKey): { key: string; value: YamlScalar } | undefined {
  const m = valueAtPath(root, d.at ?? []);
  const name = isMap(m) ? getField(m, 'name') : undefined;
  if (isScalar(name)) return { key: 'name', value: name };
  return isScalar(d.first) ? { key: d.key, value: d.first } : undefined;
}

/** go-yaml v3's error for a mapping key repeated in an object kustomize decodes for output. */
function repeatedKeyError(dup: DuplicateKey, file: string): BuildError {
  const message = `line ${dup.range.start.line}: mapping key ${JSON.stringify(dup.key)} already defined at line ${dup.firstLine}`;
  return new BuildError('yaml/duplicate-key', `map[string]interface {}(nil): yaml: unmarshal errors:\n  ${message}`, {
    file,
    range: dup.range,
  });
}

/**
 * A text of one document holding a `...List`: its items, as kio unwraps it. The list's own fields are
 * dropped unread, so an item carries only the errors inside it, and those no path can place.
 */
function unwrapSingleList(
  pending: Pending[],
  text: string,
  errors: Map<Pending, BuildError>,
  conditional: Map<Pending, ConditionalErrors>,
): Pending[] {
  if (pending.length !== 1 || kioDocumentCount(text) !== 1) return pending;
  const first = pending[0] as Pending;
  const unwrapped = kioUnwrap(first);
  if (!unwrapped) return pending;
  const err = errors.get(first);
  const conds = conditional.get(first);
  errors.delete(first);
  conditional.delete(first);
  unwrapped.forEach((u, i) => {
    if (!conds) {
      if (err) errors.set(u, err);
      return;
    }
    const own = conds.errors
      .filter((c) => c.at[0] === 'items' && c.at[1] === i)
      .map((c) => ({ ...c, at: c.at.slice(2) }));
    if (own.length > 0) conditional.set(u, { errors: own, ...(conds.otherwise ? { otherwise: conds.otherwise } : {}) });
    const itemError = own[0]?.error ?? conds.otherwise;
    if (itemError) errors.set(u, itemError);
  });
  return unwrapped;
}

/** The resources of the pending documents, with their output errors. */
function toResources(
  pending: Pending[],
  scope: ScopeResolver,
  errors: Map<Pending, BuildError>,
  conditional: Map<Pending, ConditionalErrors>,
): Resource[] {
  const out: Resource[] = [];
  for (const p of inlineLists(dropBad(pending))) {
    const r = toResource(p, scope);
    // Items of a list carry the list's decoding error.
    const err =
      errors.get(p) ?? [...errors.entries()].find(([q]) => p.origin.documentIndex === q.origin.documentIndex)?.[1];
    if (p.nonStringScalars) r.nonStringScalars = p.nonStringScalars;
    const conds = conditional.get(p);
    if (conds) {
      r.conditionalOutputErrors = conds.errors;
      r.outputError = conds.otherwise;
    } else if (err) r.outputError = err;
    out.push(r);
  }
  return out;
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
  const stream = parsedStream(text, file, cache);
  // A cached parse is shared between builds: transformers must get their own copy.
  const pending: Pending[] = stream.documents.map((doc) => ({
    v: cache ? cloneValue(doc.value) : doc.value,
    node: doc.node,
    origin: originOf(file, doc, stream.lineCounter, extra),
    ...(doc.nonStringScalars ? { nonStringScalars: doc.nonStringScalars } : {}),
  }));
  const errors = new Map<Pending, BuildError>();
  const conditional = new Map<Pending, ConditionalErrors>();
  stream.documents.forEach((doc, i) => {
    noteOutputErrors(doc, pending[i] as Pending, file, errors, conditional);
  });
  return toResources(unwrapSingleList(pending, text, errors, conditional), scope, errors, conditional);
}

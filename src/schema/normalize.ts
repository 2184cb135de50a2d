/**
 * The compact form of OpenAPI (swagger 2) schemas that kustomize's strategic merge reads, and the
 * conversion from raw swagger definitions into it. The same conversion makes the committed builtin table
 * (test/scripts/gen-openapi.ts) and reads custom `openapi.path` schemas at build time, so both follow one rule
 * set: only what kyaml's merge walk consults is kept (properties, additionalProperties, items of
 * `type: array`, `$ref`s, `x-kubernetes-patch-strategy` with its merge keys).
 */
import { unescapePointerSegment } from '../yaml/pointer.js';

/**
 * A schema reference: a definition name (a `#/definitions/<name>` ref), a raw ref string starting with
 * `#` that is not of that form (it never resolves, as in kyaml), an inline schema, or `0` for a schema that
 * exists but has nothing the merge reads.
 */
export type NRef = string | NSchema | 0;

/** An inline schema, reduced to what the strategic merge walk reads. */
export interface NSchema {
  /** `1` when `type` is exactly `array` (kyaml only follows `items` then). */
  a?: 1;
  /** `properties`. */
  p?: Record<string, NRef>;
  /** `additionalProperties` when it is a schema. */
  ap?: NRef;
  /** `items` when it is a single schema. */
  i?: NRef;
  /** `x-kubernetes-patch-strategy`. */
  s?: string;
  /** Merge keys (only with a strategy): `x-kubernetes-list-map-keys`, else `[x-kubernetes-patch-merge-key]`, else `[]`. */
  k?: string[];
}

/** One resource type of a schema: its definition and, when the schema's paths say, its scope. */
export interface NResource {
  apiVersion: string;
  kind: string;
  /** Definition name. */
  def: string;
}

type Raw = Record<string, unknown>;

function isObj(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const DEF_PREFIX = '#/definitions/';

/** Encodes a `$ref` value: `#/definitions/X` becomes `X`; anything else stays raw (prefixed `#` if needed). */
export function encodeRef(ref: string): string {
  if (ref.startsWith(DEF_PREFIX)) {
    const name = ref.slice(DEF_PREFIX.length);
    if (!name.includes('/')) return unescapePointerSegment(name);
  }
  return ref.startsWith('#') ? ref : `#${ref}`;
}

function typeIsArray(t: unknown): boolean {
  if (t === 'array') return true;
  return Array.isArray(t) && t.length === 1 && t[0] === 'array';
}

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

function typeIsScalar(t: unknown): boolean {
  if (typeof t === 'string') return SCALAR_TYPES.has(t);
  return Array.isArray(t) && t.length === 1 && SCALAR_TYPES.has(t[0] as string);
}

function hasMerge(s: NSchema): boolean {
  return s.s !== undefined && s.s.split(',').includes('merge');
}

/**
 * Whether a property can be left out without changing any merge: a scalar-typed leaf (scalars are never
 * walked by schema) or a list without the `merge` strategy (replaced wholesale; its items are never walked).
 */
function droppable(raw: Raw, n: NRef): boolean {
  if (typeof n === 'string') return false;
  if (n === 0) return typeIsScalar(raw.type);
  if (n.a === 1 && !hasMerge(n)) return true;
  if (n.p === undefined && n.ap === undefined && n.i === undefined && n.s === undefined && n.a === undefined) {
    return typeIsScalar(raw.type);
  }
  return false;
}

/** Converts one raw schema. `prune` drops properties that cannot influence a merge (see {@link droppable}). */
export function normalizeSchema(raw: unknown, prune: boolean): NRef {
  if (!isObj(raw)) return 0;
  if (typeof raw.$ref === 'string' && raw.$ref !== '') return encodeRef(raw.$ref);
  const out: NSchema = {};
  if (typeIsArray(raw.type)) out.a = 1;
  if (isObj(raw.properties)) {
    const p: Record<string, NRef> = {};
    // With additionalProperties, a dropped property would resolve to that schema instead: keep all.
    const pruneHere = prune && !isObj(raw.additionalProperties);
    let any = false;
    for (const name of Object.keys(raw.properties).sort()) {
      const propRaw = raw.properties[name];
      const n = normalizeSchema(propRaw, prune);
      if (pruneHere && isObj(propRaw) && droppable(propRaw, n)) continue;
      Object.defineProperty(p, name, { value: n, enumerable: true, writable: true, configurable: true });
      any = true;
    }
    if (any || !pruneHere) out.p = p;
  }
  if (isObj(raw.additionalProperties)) out.ap = normalizeSchema(raw.additionalProperties, prune);
  if (isObj(raw.items)) out.i = normalizeSchema(raw.items, prune);
  const strategy = raw['x-kubernetes-patch-strategy'];
  if (typeof strategy === 'string') {
    out.s = strategy;
    const mapKeys = raw['x-kubernetes-list-map-keys'];
    const mergeKey = raw['x-kubernetes-patch-merge-key'];
    if (Array.isArray(mapKeys)) out.k = mapKeys.map((k) => String(k));
    else if (typeof mergeKey === 'string') out.k = [mergeKey];
    else out.k = [];
  }
  if (Object.keys(out).length === 0) return 0;
  return out;
}

/** kyaml's toTypeMeta over one `x-kubernetes-group-version-kind` entry. */
function typeMetaOf(ext: unknown): { apiVersion: string; kind: string } | undefined {
  if (!isObj(ext)) return undefined;
  const version = typeof ext.version === 'string' ? ext.version : '';
  const group = typeof ext.group === 'string' ? ext.group : '';
  const kind = typeof ext.kind === 'string' ? ext.kind : '';
  return { apiVersion: group !== '' ? `${group}/${version}` : version, kind };
}

/** The result of reading a swagger document (kyaml's AddDefinitions + findNamespaceability). */
export interface NormalizedSwagger {
  definitions: Map<string, NRef>;
  resources: NResource[];
  /** Scope found in the document's paths: `true` = namespaced. */
  namespaced: Map<string, boolean>;
}

/** Key of a resource type in lookup maps. */
export function typeKey(apiVersion: string, kind: string): string {
  return `${apiVersion}\u0000${kind}`;
}

/** Reads a parsed swagger document: definitions (pruned), resource types by GVK extension, scopes by paths. */
export function normalizeSwagger(doc: unknown, prune: boolean): NormalizedSwagger {
  const result: NormalizedSwagger = { definitions: new Map(), resources: [], namespaced: new Map() };
  if (!isObj(doc)) return result;
  const defs = isObj(doc.definitions) ? doc.definitions : {};
  for (const name of Object.keys(defs).sort()) {
    const d = defs[name];
    result.definitions.set(name, normalizeSchema(d, prune));
    if (!isObj(d)) continue;
    const gvks = d['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const g of gvks) {
      const tm = typeMetaOf(g);
      if (tm) result.resources.push({ ...tm, def: name });
    }
  }
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const path of Object.keys(paths)) {
    const info = paths[path];
    if (!isObj(info) || !isObj(info.get)) continue;
    const tm = typeMetaOf(info.get['x-kubernetes-group-version-kind']);
    if (!tm) continue;
    const key = typeKey(tm.apiVersion, tm.kind);
    if (path.includes('namespaces/{namespace}')) result.namespaced.set(key, true);
    else if (!result.namespaced.has(key)) result.namespaced.set(key, false);
  }
  return result;
}

/**
 * Applying one strategic-merge patch to resources, as kustomize's Resource.ApplySmPatch (merge, then
 * restore kind, name and namespace) and resWrangler.ApplySmPatch (a normalised copy of the patch per
 * selected resource, deleted resources dropped, ids checked for conflicts) do.
 */
import { isAstMap, isAstScalar, isAstSeq, type AstNode } from '../../yaml/ast.js';
import { BuildError } from '../../diagnostics/error.js';
import type { Range } from '../../diagnostics/diagnostic.js';
import type { OpenApiSchema } from '../../schema/types.js';
import { idKey, idString } from '../../resources/res-id.js';
import type { ConditionalOutputError, Resource } from '../../resources/resource.js';
import type { ResourceList } from '../../resources/resource-list.js';
import {
  cloneValue,
  deleteField,
  getField,
  isMap,
  scalarString,
  setField,
  type YamlMap,
  type YamlValue,
} from '../../yaml/values.js';
import { MergeError, nodeText, strategicMerge } from './merge.js';
import { itemIndex, recordSmPatchFields, type PatchSource } from './origins.js';
import { escapePointerSegment } from '../../yaml/pointer.js';
import type { MetadataLastWins, PatchOutputErrors, RepeatedKeyMap } from '../patch/parse.js';

/** A strategic-merge patch document with the options of its `patches` entry. */
export interface SmPatch {
  /** The patch document (never mutated: each application merges a copy). */
  readonly data: YamlMap;
  /** `options.allowNameChange`. */
  readonly allowNameChange: boolean;
  /** `options.allowKindChange`. */
  readonly allowKindChange: boolean;
  /** Where the patch is written, for errors. */
  readonly where: { file: string; range?: Range | undefined };
  /** The patch document's AST (patches read from files), to record where each field it sets is written. */
  readonly source?: PatchSource | undefined;
  /** Values of the patch go-yaml cannot decode: the patched object fails when it is written out. */
  readonly outputErrors?: PatchOutputErrors | undefined;
  /** Labels or annotations that repeat a key, the last value winning (as kustomize re-reads them). */
  readonly metadataLastWins?: MetadataLastWins | undefined;
  /** Maps of the patch that repeat a key (an error on output where the patch adds them whole). */
  readonly repeatedKeyMaps?: readonly RepeatedKeyMap[] | undefined;
}

function meta(m: YamlMap): YamlMap | undefined {
  const v = getField(m, 'metadata');
  return isMap(v) && Object.keys(v).length > 0 ? v : undefined;
}

/** The patch's own id (kustomize's patch.OrgId(): the patch has no history). */
export function patchId(p: YamlMap): { group: string; version: string; kind: string; name: string; namespace: string } {
  const av = scalarString(getField(p, 'apiVersion'));
  const i = av.indexOf('/');
  const md = meta(p);
  return {
    group: i < 0 ? '' : av.slice(0, i),
    version: i < 0 ? av : av.slice(i + 1),
    kind: scalarString(getField(p, 'kind')),
    name: md ? scalarString(getField(md, 'name')) : '',
    namespace: md ? scalarString(getField(md, 'namespace')) : '',
  };
}

/** kyaml's SetNamespace: an empty namespace removes the field. */
function setNamespace(data: YamlMap, ns: string): void {
  if (ns === '') {
    const m = getField(data, 'metadata');
    if (isMap(m)) delete m.namespace;
    return;
  }
  ensureMeta(data).namespace = ns;
}

function ensureMeta(data: YamlMap): YamlMap {
  let m = getField(data, 'metadata');
  if (!isMap(m)) {
    m = {};
    setField(data, 'metadata', m);
  }
  return m;
}

function mergeError(err: unknown, where: SmPatch['where']): never {
  if (err instanceof MergeError) throw new BuildError('patch/failed', err.message, where);
  throw err;
}

/**
 * kustomize's Resource.ApplySmPatch: merges `patch` (consumed) into `r`. A patch that deletes the object
 * leaves `r.data` empty (the resource is dropped).
 */
export function applySmPatch(
  r: Resource,
  patch: YamlMap,
  p: SmPatch,
  schema: OpenApiSchema,
  /** Labels and annotations of `patch` were rebuilt (resWrangler.ApplySmPatch): they repeat no key. */
  rebuiltMetadata = false,
): void {
  // kyaml's merge walk reads every key of the patch as a scalar.
  if (p.outputErrors?.walk) throw p.outputErrors.walk;
  const repeated = repeatedMapsIn(patch, p.repeatedKeyMaps, rebuiltMetadata);
  const n = r.name;
  const ns = r.namespace;
  const k = r.kind;
  if (p.allowNameChange || p.allowKindChange) r.storePreviousId();
  const before = elementsOnPaths(r);
  let result: YamlMap | undefined;
  const doc = r.origin.node;
  try {
    result = strategicMerge(r.data, patch, schema, doc ? (path) => emptyScalarAt(doc, path) : undefined);
  } catch (err) {
    mergeError(err, p.where);
  }
  if (result === undefined) {
    r.data = {};
    return;
  }
  if (Object.keys(r.data).length === 0) return;
  if (!p.allowKindChange) r.setKind(k);
  if (!p.allowNameChange) r.setName(n);
  setNamespace(r.data, ns);
  if (before) followElements(r, before);
  const written = recordSmPatchFields(r, p.data, p.where, p.source);
  carryOutputErrors(r, p, written, rebuiltMetadata);
  if (repeated.size > 0) noteRepeatedKeys(r, repeated, p);
}

/** The maps of `patch` (the copy being merged) that repeat a key, by identity. */
function repeatedMapsIn(
  patch: YamlMap,
  maps: readonly RepeatedKeyMap[] | undefined,
  rebuiltMetadata: boolean,
): Map<YamlValue, RepeatedKeyMap> {
  const out = new Map<YamlValue, RepeatedKeyMap>();
  for (const m of maps ?? []) {
    const rebuilt = m.path.length === 2 && m.path[0] === 'metadata' && /^(labels|annotations)$/.test(String(m.path[1]));
    if (rebuilt && rebuiltMetadata) continue;
    let v: YamlValue | undefined = patch;
    for (const seg of m.path)
      v = v !== null && typeof v === 'object' ? (v as Record<string, YamlValue>)[seg] : undefined;
    if (isMap(v)) out.set(v, m);
  }
  return out;
}

/** A map the patch added whole with a repeated key: kustomize fails when it writes the object out. */
function noteRepeatedKeys(r: Resource, repeated: Map<YamlValue, RepeatedKeyMap>, p: SmPatch): void {
  const stack: YamlValue[] = [r.data];
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    const m = repeated.get(v);
    if (m) {
      const message = `map[string]interface {}(nil): yaml: unmarshal errors:\n  line ${m.line}: mapping key ${JSON.stringify(m.key)} already defined at line ${m.firstLine}`;
      r.outputError ??= new BuildError('yaml/duplicate-key', message, { file: p.where.file, range: p.where.range });
      return;
    }
    if (Array.isArray(v)) stack.push(...v);
    else if (isMap(v)) stack.push(...Object.values(v));
  }
}

type ElementsOnPaths = Map<ConditionalOutputError, (YamlValue | undefined)[]>;

/** The list elements on the paths of conditional output errors (by identity), before a merge moves them. */
function elementsOnPaths(r: Resource): ElementsOnPaths | undefined {
  const errors = r.conditionalOutputErrors;
  if (!errors?.some((c) => c.at.some((seg) => typeof seg === 'number'))) return undefined;
  const out: ElementsOnPaths = new Map();
  for (const c of errors) {
    const elements: (YamlValue | undefined)[] = [];
    let v: YamlValue | undefined = r.data;
    for (const seg of c.at) {
      if (typeof seg === 'number') {
        v = Array.isArray(v) ? v[seg] : undefined;
        elements.push(v);
      } else v = isMap(v) ? getField(v, seg) : undefined;
    }
    out.set(c, elements);
  }
  return out;
}

/**
 * Moves the paths of conditional output errors to where a merge put their list elements (a merge puts the
 * patch's new elements first; a merged element is found by its merge key).
 */
function followElements(r: Resource, before: ElementsOnPaths): void {
  r.conditionalOutputErrors = r.conditionalOutputErrors?.map((c) => {
    const elements = before.get(c);
    const at = elements ? relocated(r.data, c.at, elements) : undefined;
    return at ? { ...c, at } : c;
  });
}

function relocated(
  data: YamlValue,
  at: readonly (string | number)[],
  elements: readonly (YamlValue | undefined)[],
): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let v: YamlValue | undefined = data;
  let k = 0;
  let moved = false;
  for (const seg of at) {
    if (typeof seg !== 'number') {
      out.push(seg);
      v = isMap(v) ? getField(v, seg) : undefined;
      continue;
    }
    if (!Array.isArray(v)) return undefined;
    const e = elements[k++];
    let i = e === undefined ? -1 : v.indexOf(e);
    if (i < 0 && isMap(e)) i = itemIndex(e, v);
    if (i < 0) return undefined;
    if (i !== seg) moved = true;
    out.push(i);
    v = v[i];
  }
  return moved ? out : undefined;
}

/**
 * Output errors after a merge: a value of the patch (`written`: result pointers) replaces the node that held
 * an error, and kustomize sets kind, name and namespace back as new nodes; the patch's own errors come along
 * with its values.
 */
function carryOutputErrors(r: Resource, p: SmPatch, written: ReadonlySet<string>, copied: boolean): void {
  const reset: (readonly string[])[] = [['metadata', 'namespace']];
  if (!p.allowKindChange) reset.push(['kind']);
  if (!p.allowNameChange) reset.push(['metadata', 'name']);
  const isReset = (at: readonly (string | number)[]): boolean =>
    reset.some((q) => q.length === at.length && q.every((seg, i) => seg === at[i]));
  const rewritten = (at: readonly (string | number)[]): boolean => {
    let pointer = '';
    for (const seg of at) {
      pointer += `/${escapePointerSegment(String(seg))}`;
      if (written.has(pointer)) return true;
    }
    return false;
  };
  r.dropConditionalOutputErrors((at) => isReset(at) || replacedByPatch(p.data, at) || rewritten(at));
  if (!p.outputErrors) return;
  // A copy applied to a selected object gets that object's apiVersion and its own kind as new nodes.
  const copyReset = (at: readonly (string | number)[]): boolean =>
    copied && at.length === 1 && (at[0] === 'apiVersion' || at[0] === 'kind');
  const carried = p.outputErrors.conditional.filter((c) => !isReset(c.at) && !copyReset(c.at));
  r.addOutputErrors(carried, p.outputErrors.otherwise);
}

/** Whether the patch holds a scalar at `at` or above it (through maps), which replaces the node there. */
function replacedByPatch(patch: YamlMap, at: readonly (string | number)[]): boolean {
  let v: YamlValue | undefined = patch;
  for (const seg of at) {
    if (typeof seg === 'number' || !isMap(v)) return false;
    v = getField(v, seg);
    if (v === undefined) return false;
    if (v === null || typeof v !== 'object') return true;
  }
  return false;
}

/** Whether the node at `path` (map keys, list indexes) below `root` is an empty plain scalar (`key:`). */
export function emptyScalarAt(root: AstNode, path: readonly (string | number)[]): boolean {
  let node: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!isAstSeq(node)) return false;
      node = node.items[seg];
    } else {
      if (!isAstMap(node)) return false;
      const pair = node.items.find((it) => isAstScalar(it.key) && it.key.value === seg);
      if (!pair) return false;
      node = pair.value;
    }
  }
  return isAstScalar(node) && node.style === 'plain' && node.value === '';
}

/** A string map of metadata as kyaml's setMapInMetadata writes it: values as text, empty map removed. */
function normaliseStringMap(data: YamlMap, key: 'labels' | 'annotations'): void {
  const md = ensureMeta(data);
  const cur = getField(md, key);
  const out: YamlMap = {};
  let any = false;
  if (isMap(cur)) {
    for (const k of Object.keys(cur)) {
      setField(out, k, nodeText(cur[k]));
      any = true;
    }
  }
  deleteField(md, key);
  if (any) setField(md, key, out);
}

/**
 * The copy of a patch kustomize merges into each selected resource (resWrangler.ApplySmPatch): labels
 * and annotations rewritten as strings (an empty or null map disappears), name and namespace re-set,
 * apiVersion and kind taken from the resource, then the kind from the patch.
 */
function patchCopyFor(r: Resource, p: SmPatch): YamlMap {
  const patch = p.data;
  const c = cloneValue(patch);
  const id = patchId(patch);
  const last = p.metadataLastWins;
  if (last?.labels) setField(ensureMeta(c), 'labels', cloneValue(last.labels));
  if (last?.annotations) setField(ensureMeta(c), 'annotations', cloneValue(last.annotations));
  normaliseStringMap(c, 'labels');
  normaliseStringMap(c, 'annotations');
  ensureMeta(c).name = id.name;
  setNamespace(c, id.namespace);
  setField(c, 'kind', r.kind);
  setField(c, 'apiVersion', r.apiVersion === '' ? '' : apiVersionOfGvk(r));
  setField(c, 'kind', id.kind);
  return c;
}

function apiVersionOfGvk(r: Resource): string {
  const g = r.gvk();
  return g.group === '' ? g.version : `${g.group}/${g.version}`;
}

/**
 * kustomize's resWrangler.ApplySmPatch: applies a copy of the patch to every selected resource in
 * `list`, drops deleted resources and re-checks ids (`may not add resource with an already registered id`).
 */
export function applySmPatchToSelected(
  list: ResourceList,
  selected: ReadonlySet<Resource>,
  p: SmPatch,
  schema: OpenApiSchema,
  /**
   * Re-check every id for conflicts (kustomize always re-appends all resources). A caller applying several
   * patches that cannot rename may check on the first application only: ids do not change afterwards.
   */
  checkIds = true,
): void {
  let changed = false;
  for (const r of list.items) {
    if (!selected.has(r)) continue;
    applySmPatch(r, patchCopyFor(r, p), p, schema, true);
    changed = true;
  }
  if (!changed) return;
  const kept = list.items.filter((r) => Object.keys(r.data).length > 0);
  if (!checkIds && !p.allowNameChange && !p.allowKindChange) {
    list.items = kept;
    return;
  }
  const seen = new Set<string>();
  for (const r of kept) {
    const key = idKey(r.id(), r.scope);
    if (seen.has(key)) {
      throw new BuildError(
        'resource/id-conflict',
        `may not add resource with an already registered id: ${idString(r.id())}`,
        p.where,
      );
    }
    seen.add(key);
  }
  list.items = kept;
}

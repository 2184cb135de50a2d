/**
 * Applying a JSON 6902 patch to one resource as kustomize does (patchjson6902.Filter plus the annotation
 * hand-over of the patch transformers): the object goes through JSON, the operations run, the result must
 * be an object again, and `metadata.annotations` is rewritten with string values (dropped when empty).
 * kustomize keeps its internal bookkeeping in annotations, so an object with any history has an
 * annotations map while patched; that is reproduced here so `add /metadata/annotations/x` behaves alike.
 */
import { recordJsonPatchFields } from '../patch-strategic-merge/origins.js';
import { BuildError } from '../../diagnostics/error.js';
import type { Range } from '../../diagnostics/diagnostic.js';
import type { Resource } from '../../resources/resource.js';
import { getField, hasField, isMap, setField, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { nodeText } from '../patch-strategic-merge/merge.js';
import { applyJsonPatch, JsonPatchError, type JsonPatchOp } from './json-patch.js';

/** Whether kustomize would carry internal (build) annotations on `r` at this point. */
export function hasInternalAnnotations(r: Resource, originAnnotations: boolean): boolean {
  return (
    r.previousIds.length > 0 ||
    r.prefixes.length > 0 ||
    r.suffixes.length > 0 ||
    r.needsHash ||
    r.behavior !== undefined ||
    r.origin.configuredBy !== undefined ||
    (r.transformations?.length ?? 0) > 0 ||
    (originAnnotations && r.origin.path !== undefined)
  );
}

function ensureMap(parent: YamlMap, key: string): YamlMap {
  let m = getField(parent, key);
  if (!isMap(m)) {
    m = {};
    setField(parent, key, m);
  }
  return m;
}

/**
 * Applies `ops` (undefined: a null patch, no operations) to `r`. `internal` says whether kustomize has
 * internal annotations on the object. Throws BuildError (with `where`) when an operation fails.
 */
export function applyJsonPatchToResource(
  r: Resource,
  ops: readonly JsonPatchOp[] | undefined,
  internal: boolean,
  where: { file: string; range?: Range | undefined },
): void {
  const kept = internalAnnotations(r.data);
  if (internal) ensureMap(ensureMap(r.data, 'metadata'), 'annotations');
  let result;
  try {
    result = applyJsonPatch(r.data, ops ?? []);
  } catch (err) {
    if (err instanceof JsonPatchError) throw new BuildError('patch/failed', err.message, where);
    if (err instanceof Error) throw new BuildError('patch/failed', err.message, where);
    throw err;
  }
  if (!isMap(result)) throw notAnObject(result, where);
  r.data = result;
  // The object went through JSON: it has new nodes, no longer shared between labels (aliases.ts).
  r.aliases = undefined;
  recordJsonPatchFields(r, ops ?? [], where);
  // The object came back from JSON through Go's interface{} decoding: every number is a float64.
  toFloat64(r.data, () => {
    r.outputError ??= new BuildError(
      'yaml/merge-key',
      'yaml: map merge requires map or sequence of maps as the value',
      where,
    );
  });
  // res.SetAnnotations(res.GetAnnotations() + internal ones): metadata is created, values become text.
  const md = ensureMap(r.data, 'metadata');
  const ann = getField(md, 'annotations');
  const out: YamlMap = {};
  let any = false;
  const meta = getField(r.data, 'metadata');
  if (isMap(meta) && Object.keys(meta).length > 0 && isMap(ann)) {
    for (const k of Object.keys(ann)) {
      setField(out, k, nodeText(ann[k]));
      any = true;
    }
  }
  // The transformers put kustomize's internal annotations back, whatever the patch did to them.
  for (const [k, v] of kept) {
    setField(out, k, v);
    any = true;
  }
  delete md.annotations;
  if (any) setField(md, 'annotations', out);
}

/** The JSON a patch returned is not an object: Go cannot decode it into a map. */
function notAnObject(result: YamlValue, where: { file: string; range?: Range | undefined }): BuildError {
  const t = Array.isArray(result)
    ? 'array'
    : typeof result === 'string'
      ? 'string'
      : result === null
        ? 'null'
        : 'number';
  return new BuildError(
    'patch/failed',
    `json: cannot unmarshal ${t} into Go value of type map[string]interface {}`,
    where,
  );
}

/** kioutil's legacy annotations, which count as internal. */
const LEGACY_INTERNAL = new Set(['config.kubernetes.io/path', 'config.kubernetes.io/index', 'config.k8s.io/id']);

/** kioutil.GetInternalAnnotations: `internal.config.kubernetes.io/…` and the legacy ones, as text. */
function internalAnnotations(data: YamlMap): [string, string][] {
  const md = getField(data, 'metadata');
  const ann = isMap(md) ? getField(md, 'annotations') : undefined;
  if (!isMap(ann)) return [];
  return Object.keys(ann)
    .filter((k) => k.startsWith('internal.config.kubernetes.io/') || LEGACY_INTERNAL.has(k))
    .map((k) => [k, nodeText(ann[k])]);
}

/** Integers beyond 2^53 become the nearest float64, as Go's JSON decoding into interface{} makes them. */
function toFloat64(v: YamlValue, badMerge: () => void): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'bigint') v[i] = Number(x);
      else if (x !== null && typeof x === 'object') toFloat64(x, badMerge);
    }
  } else if (isMap(v)) {
    if (hasField(v, '<<') && !expandMergeKey(v)) badMerge();
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (typeof x === 'bigint') setField(v, k, Number(x));
      else if (x !== null && typeof x === 'object') toFloat64(x, badMerge);
    }
  }
}

/**
 * The object comes back from JSON as YAML, where a `<<` key is a merge key: the maps it holds (a map or a
 * list of maps, earlier ones winning) fill the keys the map does not have. False when it holds anything
 * else (go-yaml fails when kustomize decodes the object for output).
 */
function expandMergeKey(m: YamlMap): boolean {
  const src = getField(m, '<<');

  delete m['<<'];
  const sources = Array.isArray(src) ? src : [src];
  if (!sources.every((x) => isMap(x))) return false;
  for (const s of sources) {
    for (const k of Object.keys(s)) if (!hasField(m, k)) setField(m, k, s[k] as YamlValue);
  }
  return true;
}

/**
 * Absorbing generated objects into the accumulated resources (spec §3.4; kustomize's resWrangler
 * appendReplaceOrMerge): with no resource matching the generated object's id (current or previous ids),
 * `merge`/`replace` fail and anything else appends; with one match, `merge` and `replace` take its place
 * (create fails); with several, it fails.
 *
 * Merge and replace copy the old object's metadata as kustomize's CopyMergeMetaDataFieldsFrom does:
 * labels and annotations are the union (new wins) written back as strings, kustomize's build annotations
 * (among them the hash mark and the behavior) and bookkeeping (previous ids, prefixes, suffixes) come from
 * the old object, name and namespace too, and the hash mark is dropped unless the new object had it
 * too (the hash is kept only if both sides want one). `merge` also unions `data` and `binaryData`
 * (values as strings) and keeps the old origin.
 */
import { hasFeature, type KustomizeVersion } from '../kustomization/versions.js';
import { isAstMap, isAstScalar } from '../yaml/ast.js';
import { BuildError } from '../diagnostics/error.js';
import { goResId } from '../generators/go-format.js';
import { goJson } from '../generators/go-json.js';
import { NEEDS_HASH_ANNOTATION } from '../generators/hash.js';
import { noteNonStringDataKeys } from '../generators/common.js';
import { idString } from '../resources/res-id.js';
import type { Resource } from '../resources/resource.js';
import type { ResourceList } from '../resources/resource-list.js';
import { formatNumber } from '../yaml/emit.js';
import { resolvePlainScalar } from '../yaml/scalars.js';
import { deleteField, getField, isMap, setField, valuesEqual, type YamlMap, type YamlValue } from '../yaml/values.js';
import { buildAnnotations } from './output.js';

/** The source text of a plain scalar at `path` in the resource's original document, if it is still there. */
function sourceText(r: Resource, path: readonly string[]): string | undefined {
  let node: unknown = r.origin.node;
  for (const seg of path) {
    if (!isAstMap(node)) return undefined;
    const pair = node.items.find((p) => isAstScalar(p.key) && p.key.value === seg);
    if (!pair) return undefined;
    node = pair.value;
  }
  if (isAstScalar(node) && node.style === 'plain') return node.value;
  return undefined;
}

/**
 * A field value as kyaml's GetValue reads it: the scalar's source text (`1.0`, `0777`, `2020-01-01`),
 * `""` for null and for maps and lists.
 */
function textOf(r: Resource, path: readonly string[], v: YamlValue): string {
  if (v === null || typeof v === 'object') return '';
  const mayDiffer = typeof v !== 'string' || /^[0-9]{4}-/.test(v);
  if (mayDiffer) {
    const raw = sourceText(r, path);
    if (raw !== undefined && valuesEqual(resolvePlainScalar(raw, 'kyaml'), v)) return raw;
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return formatNumber(v);
}

/** A map field as a string map (kyaml's GetLabels / GetAnnotations / GetDataMap). */
function stringMapOf(r: Resource, path: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let v: YamlValue | undefined = r.data;
  for (const seg of path) v = isMap(v) ? getField(v, seg) : undefined;
  if (!isMap(v)) return out;
  for (const k of Object.keys(v)) out.set(k, textOf(r, [...path, k], v[k] as YamlValue));
  return out;
}

function toYamlMap(m: Map<string, string>): YamlMap {
  const out: YamlMap = {};
  for (const k of [...m.keys()].sort()) setField(out, k, m.get(k) as string);
  return out;
}

/** kyaml's setMapInMetadata: the field is removed when the map is empty. */
function setMetaMap(r: Resource, key: 'labels' | 'annotations', m: Map<string, string>): void {
  const meta = r.ensureMetadata();
  if (m.size === 0) deleteField(meta, key);
  else setField(meta, key, toYamlMap(m));
}

/** kyaml's SetDataMap / SetBinaryDataMap: the field is removed when the map is empty. */
function setDataMap(r: Resource, key: 'data' | 'binaryData', m: Map<string, string>): void {
  if (m.size === 0) deleteField(r.data, key);
  else setField(r.data, key, toYamlMap(m));
}

function union(a: Map<string, string>, b: Map<string, string>): Map<string, string> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, v);
  return out;
}

/** kustomize's CopyMergeMetaDataFieldsFrom (and the bookkeeping kept in its build annotations). */
function copyMergeMetadata(res: Resource, old: Resource, version: KustomizeVersion): void {
  setMetaMap(res, 'labels', union(stringMapOf(old, ['metadata', 'labels']), stringMapOf(res, ['metadata', 'labels'])));

  // A needs-hash mark kept as a field (resources made through the API) counts as the annotation.
  const oldAnn = stringMapOf(old, ['metadata', 'annotations']);
  if (old.needsHash) oldAnn.set(NEEDS_HASH_ANNOTATION, 'enabled');
  const newAnn = stringMapOf(res, ['metadata', 'annotations']);
  if (res.needsHash) newAnn.set(NEEDS_HASH_ANNOTATION, 'enabled');
  const newWantsHash = newAnn.has(NEEDS_HASH_ANNOTATION);
  const merged = union(oldAnn, newAnn);
  for (const k of buildAnnotations(version)) {
    const v = oldAnn.get(k);
    if (v !== undefined) merged.set(k, v);
    else merged.delete(k);
  }
  // The hash suffix stays only if both sides want it.
  if (!newWantsHash) merged.delete(NEEDS_HASH_ANNOTATION);
  setMetaMap(res, 'annotations', merged);
  res.needsHash = false;

  res.setName(old.name);
  const meta = res.ensureMetadata();
  if (old.namespace === '') delete meta.namespace;
  else res.setNamespace(old.namespace);

  res.previousIds = old.previousIds.slice();
  res.prefixes = old.prefixes.slice();
  res.suffixes = old.suffixes.slice();
  res.transformations = old.transformations?.slice();
  // kustomize's copyKustomizeSpecificFields: vars bound to the old object stay bound.
  res.refVarNames = old.refVarNames?.slice();
}

function where(res: Resource): { file: string } {
  return { file: res.origin.file };
}

/**
 * Absorbs one generated resource into `list`. Throws BuildError with kustomize's texts (without the
 * `merging from generator ...: ` prefix, which the caller adds).
 */
export function absorbGenerated(list: ResourceList, res: Resource, version: KustomizeVersion): void {
  const id = res.id();
  const matches = list.byAnyId(id);
  const behavior = res.behavior ?? 'unspecified';
  res.behavior = undefined;
  if (matches.length === 0) {
    if (behavior === 'merge' || behavior === 'replace') {
      throw new BuildError(
        'generator/failed',
        `id ${goResId(id, res.isClusterScoped())} does not exist; cannot merge or replace`,
        where(res),
      );
    }
    list.append(res);
    return;
  }
  if (matches.length > 1) {
    throw new BuildError(
      'generator/failed',
      `found multiple objects [${matches.map((m) => goJson(m.data)).join(' ')}] that could accept merge of ${idString(id)}`,
      where(res),
    );
  }
  const old = matches[0] as Resource;
  if (behavior !== 'merge' && behavior !== 'replace') {
    const named = hasFeature(version, 'behaviorConflictWording') ? ` can not use behavior: '${behavior}',` : '';
    throw new BuildError(
      'generator/failed',
      `id ${goResId(id, res.isClusterScoped())} exists;${named} behavior must be merge or replace`,
      where(res),
    );
  }
  copyMergeMetadata(res, old, version);
  if (behavior === 'merge') {
    setDataMap(res, 'data', union(stringMapOf(old, ['data']), stringMapOf(res, ['data'])));
    setDataMap(res, 'binaryData', union(stringMapOf(old, ['binaryData']), stringMapOf(res, ['binaryData'])));
    noteNonStringDataKeys(res);
    res.origin = old.origin;
    if (old.fieldOrigins) res.fieldOrigins = new Map(old.fieldOrigins);
  }
  list.replace(old, res);
}

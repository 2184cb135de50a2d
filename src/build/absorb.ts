/**
 * Absorbing generated objects into the accumulated resources (spec §3.4): `create` appends, `merge`
 * and `replace` take the place of the one resource whose current or previous id matches.
 */
import { BuildError } from '../diagnostics/error.js';
import { idString, type ResId } from '../resources/res-id.js';
import type { Resource } from '../resources/resource.js';
import type { ResourceList } from '../resources/resource-list.js';
import { getField, isMap, setField, type YamlMap, type YamlValue } from '../yaml/values.js';

function goId(id: ResId): string {
  return (
    `resid.ResId{Gvk:resid.Gvk{Group:"${id.group}", Version:"${id.version}", Kind:"${id.kind}", ` +
    `isClusterScoped:false}, Name:"${id.name}", Namespace:"${id.namespace}"}`
  );
}

function mergeStringMap(target: Resource, key: 'labels' | 'annotations', old: YamlMap | undefined): void {
  const cur = target.metaMap(key);
  if (!old && !cur) return;
  const merged: YamlMap = {};
  for (const [k, v] of Object.entries(old ?? {})) setField(merged, k, v);
  for (const [k, v] of Object.entries(cur ?? {})) setField(merged, k, v);
  setField(target.ensureMetadata(), key, merged);
}

function mergeDataMap(target: Resource, old: Resource, field: 'data' | 'binaryData'): void {
  const o = getField(old.data, field);
  const n = getField(target.data, field);
  if (!isMap(o) && !isMap(n)) return;
  const merged: YamlMap = {};
  if (isMap(o)) for (const k of Object.keys(o)) setField(merged, k, o[k] as YamlValue);
  if (isMap(n)) for (const k of Object.keys(n)) setField(merged, k, n[k] as YamlValue);
  setField(target.data, field, merged);
}

/** Absorbs one generated resource. */
export function absorbGenerated(list: ResourceList, res: Resource): void {
  const id = res.id();
  const matches = list.byAnyId(id);
  const behavior = res.behavior ?? 'unspecified';
  if (matches.length === 0) {
    if (behavior === 'merge' || behavior === 'replace') {
      throw new BuildError('generator/failed', `id ${goId(id)} does not exist; cannot merge or replace`, {
        file: res.origin.file,
      });
    }
    res.behavior = undefined;
    list.append(res);
    return;
  }
  if (matches.length > 1) {
    throw new BuildError(
      'generator/failed',
      `found multiple objects ${matches.map((m) => idString(m.id())).join(' ')} that could accept merge of ${idString(id)}`,
      { file: res.origin.file },
    );
  }
  const old = matches[0] as Resource;
  if (behavior !== 'merge' && behavior !== 'replace') {
    throw new BuildError('generator/failed', `id ${goId(id)} exists; behavior must be merge or replace`, { file: res.origin.file });
  }
  mergeStringMap(res, 'labels', old.metaMap('labels'));
  mergeStringMap(res, 'annotations', old.metaMap('annotations'));
  res.setName(old.name);
  if (old.namespace !== '' || res.namespace !== '') res.setNamespace(old.namespace);
  if (old.namespace === '') {
    const m = res.metadata;
    if (m && getField(m, 'namespace') === '') delete m.namespace;
  }
  if (behavior === 'merge') {
    mergeDataMap(res, old, 'data');
    mergeDataMap(res, old, 'binaryData');
    res.origin = old.origin;
  }
  res.previousIds = old.previousIds.slice();
  res.prefixes = old.prefixes.slice();
  res.suffixes = old.suffixes.slice();
  res.needsHash = old.needsHash && res.needsHash;
  res.transformations = old.transformations;
  res.behavior = undefined;
  list.replace(old, res);
}

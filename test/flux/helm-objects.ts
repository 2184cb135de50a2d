/** Helpers of the HelmRelease fleet tests: values inside rendered chart objects. */
import type { FleetHelmRelease } from '../../src/flux/fleet/index.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../../src/yaml/values.js';

/** The value at `path` under an object (maps by key, arrays by index). */
export function at(v: YamlValue | undefined, ...path: (string | number)[]): YamlValue | undefined {
  let cur = v;
  for (const p of path) {
    if (typeof p === 'number') cur = Array.isArray(cur) ? cur[p] : undefined;
    else cur = cur !== undefined && isMap(cur) ? getField(cur, p) : undefined;
  }
  return cur;
}

/** The rendered object of a HelmRelease with this kind and name; throws when there is none. */
export function objectOf(h: FleetHelmRelease | undefined, kind: string, name: string): YamlMap {
  const o = h?.objects.find((x) => x.id.kind === kind && x.id.name === name)?.object;
  if (!o) throw new Error(`${h?.id ?? '?'} has no ${kind} ${name}`);
  return o;
}

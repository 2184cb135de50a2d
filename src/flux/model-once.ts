/**
 * Flux model readers over parsed values that are never mutated (the documents of a repository scan kept by
 * an editor session's cache): each value is read once.
 */
import type { YamlMap } from '../yaml/values.js';
import { readFluxInstanceSync, readFluxKustomization } from './model.js';

/** `read`, once per value. */
function perValue<T>(read: (v: YamlMap) => T): (v: YamlMap) => T {
  const kept = new WeakMap<YamlMap, { value: T }>();
  return (v) => {
    let k = kept.get(v);
    if (!k) kept.set(v, (k = { value: read(v) }));
    return k.value;
  };
}

/** {@link readFluxKustomization} without positions, once per value. */
export const fluxKustomizationOnce = perValue((v) => readFluxKustomization(v));

/** {@link readFluxInstanceSync}, once per value. */
export const fluxInstanceSyncOnce = perValue(readFluxInstanceSync);

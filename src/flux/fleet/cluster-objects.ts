/**
 * The ConfigMaps and Secrets of the cluster that `substituteFrom` reads: the ones given as existing in the
 * cluster, then the ones each Kustomization renders (the first rendering wins), by kind, namespace and name.
 */
import type { YamlMap } from '../../yaml/values.js';
import { objectMeta, type ObjectLocation } from '../model.js';
import type { ClusterObject } from '../substitute.js';

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

/** The cluster's ConfigMaps and Secrets. */
export class ClusterObjects {
  private readonly index = new Map<string, ClusterObject>();

  /** Starts with the objects that exist in the cluster without being rendered (namespace defaults to `default`). */
  constructor(existing: readonly YamlMap[]) {
    for (const o of existing) {
      const m = objectMeta(o);
      if (m.kind === 'ConfigMap' || m.kind === 'Secret')
        this.index.set(key(m.kind, m.namespace || 'default', m.name), { object: o });
    }
  }

  /** Adds a rendered object (ignored when not a ConfigMap or Secret, or already known). */
  add(object: YamlMap, where: ObjectLocation, renderedBy: string): void {
    const m = objectMeta(object);
    if (m.kind !== 'ConfigMap' && m.kind !== 'Secret') return;
    const k = key(m.kind, m.namespace, m.name);
    if (!this.index.has(k)) this.index.set(k, { object, where, renderedBy });
  }

  get(kind: string, namespace: string, name: string): ClusterObject | undefined {
    return this.index.get(key(kind, namespace, name));
  }
}

/**
 * `flux/resource-conflict`: two Flux Kustomizations of one cluster render the same object (group, kind,
 * namespace, name). Each apply relabels it with its owner, so the two fight over it and pruning by one
 * deletes what the other applies (spec §3.4, §6). Reported on every copy after the first rendered.
 * Kustomizations that apply to another cluster (`spec.kubeConfig`) are compared with those applying there.
 */
import { getField, isMap } from '../../../yaml/values.js';
import type { LintObject, LintRule } from '../../context.js';
import { applyTarget, objectKey, objectLabel } from '../../context.js';
import { perObject } from '../once.js';

/** Whether Flux leaves the object alone (reconcile disabled, or server-side apply ignored), once per object. */
const ignored = perObject((object): boolean => {
  const meta = getField(object, 'metadata');
  for (const key of ['annotations', 'labels']) {
    const m = isMap(meta) ? getField(meta, key) : undefined;
    if (!isMap(m)) continue;
    const rec = getField(m, 'kustomize.toolkit.fluxcd.io/reconcile');
    const ssa = getField(m, 'kustomize.toolkit.fluxcd.io/ssa');
    if (typeof rec === 'string' && rec.toLowerCase() === 'disabled') return true;
    if (typeof ssa === 'string' && ssa.toLowerCase() === 'ignore') return true;
  }
  return false;
});

/**
 * An object's identity in its cluster (group, kind, namespace, name), as namespaced or as cluster-scoped
 * kinds are told apart; undefined for an object left alone (no kind or name, or ignored by Flux).
 */
const conflictIds = perObject((object): { namespaced: string; cluster: string } | undefined => {
  const key = objectKey(object);
  if (key.kind === '' || key.name === '' || ignored(object)) return undefined;
  const gk = `\u0000${key.group}\u0000${key.kind}`;
  return { namespaced: `${gk}\u0000${key.namespace}\u0000${key.name}`, cluster: `${gk}\u0000\u0000${key.name}` };
});

export const fluxResourceConflict: LintRule<'conflict', 'flux/resource-conflict'> = {
  meta: {
    id: 'flux/resource-conflict',
    description: 'Two Flux Kustomizations of one cluster render the same object (group, kind, namespace, name).',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      conflict:
        "{{object}} is rendered by Kustomization {{id}} and by {{first}}: the two overwrite each other's ownership and one's prune deletes the other's object",
    },
    docs: 'docs/rules/flux/resource-conflict.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      const first = new Map<string, { unit: string; object: LintObject }>();
      for (const u of cluster.units) {
        if (u.kustomization?.synthetic) continue;
        const target = applyTarget(u.kustomization);
        for (const o of u.objects) {
          const ids = conflictIds(o.object);
          if (!ids) continue;
          const key = objectKey(o.object);
          const id = `${target}${cluster.scopeOf(key.apiVersion, key.kind) === 'Cluster' ? ids.cluster : ids.namespaced}`;
          const prev = first.get(id);
          if (!prev) {
            first.set(id, { unit: u.id, object: o });
            continue;
          }
          if (prev.unit === u.id) continue;
          const loc = context.locateObject(o, '/metadata/name', 'value');
          const prevLoc = context.locateObject(prev.object, '/metadata/name', 'value');
          report({
            messageId: 'conflict',
            data: { object: objectLabel(o.object), id: u.id, first: prev.unit },
            location: loc
              ? {
                  ...loc,
                  ...(prevLoc
                    ? {
                        related: {
                          file: prevLoc.file,
                          ...(prevLoc.range ? { range: prevLoc.range } : {}),
                          message: `rendered by ${prev.unit}`,
                        },
                      }
                    : {}),
                }
              : undefined,
            path: '/metadata/name',
            kustomization: u.id,
            cluster: cluster.name,
          });
        }
      }
    }
  },
};

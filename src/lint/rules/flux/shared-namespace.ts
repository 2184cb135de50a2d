/**
 * `flux/shared-namespace`: two Flux Kustomizations of one cluster deploy the same base (objects read from
 * the same source document, renamed per environment by a prefix or suffix) into the same namespace: the
 * environments are not isolated (the seed's "not using namespaces to isolate environments on shared
 * clusters"). Objects that keep one name are left to `flux/resource-conflict`; shared components whose
 * names come from postBuild variables (`${APP}`) are not environments and are left alone.
 */
import type { FleetKustomization } from '../../../flux/fleet/index.js';
import type { LintCluster, LintRule } from '../../context.js';
import { applyTarget, objectKey, objectLabel } from '../../context.js';
import { listIds } from '../helpers.js';

/** An object a Kustomization renders from a source document: its namespace and name before substitution. */
interface Placement {
  k: FleetKustomization;
  ns: string;
  name: string;
  label: string;
  file: string;
}

/** A Kustomization deploying into a namespace where other Kustomizations deploy the same base. */
interface SharedNamespace {
  k: FleetKustomization;
  ns: string;
  others: Set<string>;
  label: string;
  file: string;
}

/**
 * Where the namespaced objects of the cluster's Kustomizations come from: source document → placements
 * (objects without a located origin, Namespaces and names from variables left out).
 */
function placementsByOrigin(cluster: LintCluster): Map<string, Placement[]> {
  const byOrigin = new Map<string, Placement[]>();
  for (const u of cluster.units) {
    const k = u.kustomization;
    if (!k || k.synthetic) continue;
    k.objects.forEach((o, i) => {
      if (o.origin.node === undefined || o.origin.documentIndex === undefined) return;
      const key = objectKey(o.object);
      if (key.namespace === '' || key.kind === 'Namespace') return;
      const before = k.kustomizeObjects[i];
      const name = before ? before.id.name : key.name;
      if (name.includes('${')) return;
      const id = `${o.origin.file}#${o.origin.documentIndex}#${o.origin.pointer ?? ''}`;
      let l = byOrigin.get(id);
      if (!l) byOrigin.set(id, (l = []));
      l.push({ k, ns: key.namespace, name, label: objectLabel(o.object), file: o.origin.file });
    });
  }
  return byOrigin;
}

/** (Kustomization, namespace) pairs where the same document is deployed under other names by others. */
function sharedNamespaces(byOrigin: ReadonlyMap<string, Placement[]>): SharedNamespace[] {
  const found = new Map<string, SharedNamespace>();
  for (const list of byOrigin.values()) {
    if (list.length < 2) continue;
    for (const a of list) {
      for (const b of list) {
        if (a.k.id === b.k.id || a.ns !== b.ns || a.name === b.name || applyTarget(a.k) !== applyTarget(b.k)) continue;
        const key = `${a.k.id}\u0000${a.ns}`;
        let f = found.get(key);
        if (!f) found.set(key, (f = { k: a.k, ns: a.ns, others: new Set(), label: a.label, file: a.file }));
        f.others.add(b.k.id);
      }
    }
  }
  return [...found.values()];
}

export const fluxSharedNamespace: LintRule<'shared', 'flux/shared-namespace'> = {
  meta: {
    id: 'flux/shared-namespace',
    description:
      'Two Flux Kustomizations of one cluster deploy the same base, renamed per environment, into the same namespace.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      shared:
        'Kustomization {{id}} deploys {{object}} from {{file}} into namespace {{namespace}}, where the same base is also deployed, under other names, by {{others}}: environments sharing a namespace are not isolated; give each its own namespace',
    },
    docs: 'docs/rules/flux/shared-namespace.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      for (const f of sharedNamespaces(placementsByOrigin(cluster))) {
        const path = f.k.spec.targetNamespace !== undefined ? '/spec/targetNamespace' : '/spec/path';
        report({
          messageId: 'shared',
          data: {
            id: f.k.id,
            object: f.label,
            file: context.repo.byPath.get(f.file)?.rel ?? f.file,
            namespace: f.ns,
            others: listIds([...f.others]),
          },
          location: context.locateKustomization(cluster, f.k, path, 'value'),
          path,
          kustomization: f.k.id,
          cluster: cluster.name,
        });
      }
    }
  },
};

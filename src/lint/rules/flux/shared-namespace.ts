/**
 * `flux/shared-namespace`: two Flux Kustomizations of one cluster deploy the same base (objects read from
 * the same source document, renamed per environment by a prefix or suffix) into the same namespace: the
 * environments are not isolated (the seed's "not using namespaces to isolate environments on shared
 * clusters"). Objects that keep one name are left to `flux/resource-conflict`; shared components whose
 * names come from postBuild variables (`${APP}`) are not environments and are left alone.
 */
import type { FleetKustomization } from '../../../flux/fleet/index.js';
import type { YamlMap } from '../../../yaml/values.js';
import type { LintRule } from '../../context.js';
import { applyTarget, objectKey, objectLabel } from '../../context.js';
import { listIds } from '../helpers.js';

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
      // origin document → [unit id, namespace, name before substitution, final label]
      const byOrigin = new Map<
        string,
        { k: FleetKustomization; ns: string; name: string; object: YamlMap; file: string }[]
      >();
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
          l.push({ k, ns: key.namespace, name, object: o.object, file: o.origin.file });
        });
      }
      // (unit, namespace) → other units and an example
      const found = new Map<
        string,
        { k: FleetKustomization; ns: string; others: Set<string>; label: string; file: string }
      >();
      for (const list of byOrigin.values()) {
        if (list.length < 2) continue;
        for (const a of list) {
          for (const b of list) {
            if (a.k.id === b.k.id || a.ns !== b.ns || a.name === b.name || applyTarget(a.k) !== applyTarget(b.k))
              continue;
            const key = `${a.k.id}\u0000${a.ns}`;
            let f = found.get(key);
            if (!f)
              found.set(key, (f = { k: a.k, ns: a.ns, others: new Set(), label: objectLabel(a.object), file: a.file }));
            f.others.add(b.k.id);
          }
        }
      }
      for (const f of found.values()) {
        const hasTarget = f.k.spec.targetNamespace !== undefined;
        report({
          messageId: 'shared',
          data: {
            id: f.k.id,
            object: f.label,
            file: context.repo.byPath.get(f.file)?.rel ?? f.file,
            namespace: f.ns,
            others: listIds([...f.others]),
          },
          location: context.locateKustomization(
            cluster,
            f.k,
            hasTarget ? '/spec/targetNamespace' : '/spec/path',
            'value',
          ),
          path: hasTarget ? '/spec/targetNamespace' : '/spec/path',
          kustomization: f.k.id,
          cluster: cluster.name,
        });
      }
    }
  },
};

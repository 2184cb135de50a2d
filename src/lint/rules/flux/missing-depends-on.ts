/**
 * `flux/missing-depends-on`: Kustomization A renders an object whose kind comes from a CRD that
 * Kustomization B renders, or that lives in a namespace whose `Namespace` B renders, and B is not applied
 * before A: not A itself, not one of A's parents (a child exists only after its parent applied), and not
 * reachable from A or its parents through `dependsOn`. Nothing else orders Kustomizations, so A's apply
 * fails until B happens to be ready (spec §3.4, §5). One finding per (A, B) pair. The CRDs a rendered chart
 * installs (crds/ and templates) count as rendered by the Kustomization applying its HelmRelease
 * (`LintCluster.crdOwners`); for charts that did not render, `flux/missing-depends-on-helm` (opt-in) guesses.
 */
import type { LintCluster, LintObject, LintRule } from '../../context.js';
import { applyTarget, objectKey, objectLabel } from '../../context.js';
import { perObject } from '../once.js';

/** The cluster each Kustomization of `cluster` applies to (see `applyTarget`), by id, each found once. */
function targetLookup(cluster: LintCluster): (id: string) => string {
  const targets = new Map<string, string>();
  return (id) => {
    let t = targets.get(id);
    if (t === undefined) targets.set(id, (t = applyTarget(cluster.unitById.get(id)?.kustomization)));
    return t;
  };
}

/** `group/kind` (how the cluster indexes CRD owners) and `kind.group` (for messages) of an object. */
const crdNames = perObject((object) => {
  const key = objectKey(object);
  return { groupKind: `${key.group}/${key.kind}`, kindGroup: `${key.kind}.${key.group}` };
});

export const fluxMissingDependsOn: LintRule<'crd' | 'namespace', 'flux/missing-depends-on'> = {
  meta: {
    id: 'flux/missing-depends-on',
    description:
      'A Flux Kustomization renders an object whose CRD or Namespace another Kustomization renders, without depending on it (directly, transitively or through its parents).',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      crd: 'Kustomization {{id}} renders {{object}} whose CustomResourceDefinition ({{crd}}) comes from Kustomization {{owner}}, but does not depend on it: add {{owner}} to dependsOn{{more}}',
      namespace:
        'Kustomization {{id}} renders {{object}} in namespace {{namespace}}, which Kustomization {{owner}} creates, but does not depend on it: add {{owner}} to dependsOn{{more}}',
    },
    docs: 'docs/rules/flux/missing-depends-on.md',
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      const targetOf = targetLookup(cluster);
      for (const u of cluster.units) {
        const k = u.kustomization;
        if (!k || k.synthetic) continue;
        const before = cluster.before(k.id);
        const target = applyTarget(k);
        // owner → first object needing it, and how many
        const needs = new Map<
          string,
          { kind: 'crd' | 'namespace'; object: LintObject; detail: string; count: number }
        >();
        const need = (
          owners: readonly string[] | undefined,
          kind: 'crd' | 'namespace',
          o: LintObject,
          detail: string,
        ): void => {
          const same = (owners ?? []).filter((b) => targetOf(b) === target);
          if (same.length === 0 || same.some((b) => before.has(b))) return;
          const owner = same[0] as string;
          const hit = needs.get(owner);
          if (hit) hit.count++;
          else needs.set(owner, { kind, object: o, detail, count: 1 });
        };
        for (const o of u.objects) {
          const key = objectKey(o.object);
          if (key.kind === '' || key.kind === 'CustomResourceDefinition') continue;
          if (key.group !== '') {
            const crd = crdNames(o.object);
            need(cluster.crdOwners.get(crd.groupKind), 'crd', o, crd.kindGroup);
          }
          if (key.namespace !== '' && !(key.kind === 'Namespace' && key.apiVersion === 'v1')) {
            need(cluster.namespaceOwners.get(key.namespace), 'namespace', o, key.namespace);
          }
        }
        const hasDependsOn = k.spec.dependsOn.length > 0;
        for (const [owner, n] of needs) {
          report({
            messageId: n.kind,
            data: {
              id: k.id,
              object: objectLabel(n.object.object),
              crd: n.detail,
              namespace: n.detail,
              owner,
              more: n.count > 1 ? ` (and ${n.count - 1} more object${n.count > 2 ? 's' : ''})` : '',
            },
            location: context.locateKustomization(cluster, k, hasDependsOn ? '/spec/dependsOn' : '/spec', 'key'),
            path: '/spec/dependsOn',
            kustomization: k.id,
            cluster: cluster.name,
          });
        }
      }
    }
  },
};

/**
 * `flux/render-failed`: what the Flux renderer reports as an error that no other rule covers — the
 * controller would fail the Kustomization (a missing `substituteFrom` object, an invalid spec
 * or component, an object without apiVersion/kind/name, a substitution that breaks the YAML, two
 * different definitions of one Kustomization, a cluster folder that does not exist). The renderer's own
 * code is kept in the message (`flux/render-warning` has the renderer's warnings). Codes a dedicated rule
 * judges (`meta.judges`) are left to it. A `substituteFrom` Secret that an ExternalSecret (or a SealedSecret)
 * of the cluster creates at run time is not reported missing. A HelmRelease whose chart, values or
 * post-renderers fail (`helm/…`) is reported on the HelmRelease, for the Kustomization that renders it.
 */
import type { Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { Location } from '../../../validate/position.js';
import { getField, isMap } from '../../../yaml/values.js';
import type { FleetKustomization } from '../../../flux/fleet/index.js';
import type { LintCluster, LintContext, LintRule } from '../../context.js';
import { objectKey } from '../../context.js';
import { diagnosticLocation, relativeMessage } from '../helpers.js';

/** Names of Secrets that objects of the cluster create at run time (ExternalSecret, SealedSecret, ...). */
function runtimeSecrets(cluster: LintCluster): Set<string> {
  const out = new Set<string>();
  for (const u of cluster.units) {
    for (const o of u.objects) {
      const key = objectKey(o.object);
      if (
        key.kind !== 'ExternalSecret' &&
        key.kind !== 'SealedSecret' &&
        key.kind !== 'OnePasswordItem' &&
        key.kind !== 'ClusterExternalSecret'
      )
        continue;
      const spec = getField(o.object, 'spec');
      const target = isMap(spec) ? getField(spec, 'target') : undefined;
      const tname = isMap(target) ? getField(target, 'name') : undefined;
      out.add(`${key.namespace}/${typeof tname === 'string' && tname !== '' ? tname : key.name}`);
    }
  }
  return out;
}

/** The `substituteFrom` entry a `flux/substitute-from-missing` diagnostic points at (by its JSON pointer). */
function missingSubstituteSource(k: FleetKustomization, d: Diagnostic): string | undefined {
  const m = /^\/spec\/postBuild\/substituteFrom\/(\d+)$/.exec(d.path ?? '');
  const ref = m ? k.spec.postBuild?.substituteFrom[Number(m[1])] : undefined;
  return ref ? `${k.namespace}/${ref.name}` : undefined;
}

/** A renderer error the controller retries past: a substituteFrom Secret an object of the cluster creates. */
function createdAtRunTime(cluster: LintCluster, k: FleetKustomization, d: Diagnostic): boolean {
  if (d.code !== 'flux/substitute-from-missing') return false;
  const source = missingSubstituteSource(k, d);
  return source !== undefined && runtimeSecrets(cluster).has(source);
}

/** The renderer's diagnostics of one severity that no dedicated rule judges, with where to report them. */
export function* renderDiagnostics(
  context: LintContext,
  severity: 'error' | 'warning',
): Generator<{ d: Diagnostic; location: Location | undefined; kustomization?: string; cluster: string }> {
  // The renderer's own codes (`flux/…`); kustomize's errors are kustomize/build-error's.
  const reported = (d: Diagnostic): boolean =>
    d.severity === severity && d.code.startsWith('flux/') && !context.judgedCodes.has(d.code);
  for (const c of context.clusters) {
    const at = (d: Diagnostic): Location | undefined =>
      diagnosticLocation(d) ?? (c.instance ? context.locateObject(c.instance, '', 'value') : undefined);
    for (const d of c.fleet.diagnostics) if (reported(d)) yield { d, location: at(d), cluster: c.name };
    for (const k of c.fleet.kustomizations) {
      for (const d of k.diagnostics) {
        if (!reported(d) || createdAtRunTime(c, k, d)) continue;
        yield { d, location: at(d), kustomization: k.id, cluster: c.name };
      }
    }
    // A HelmRelease's chart, values or post-renderers failing (`helm/…`), reported on the HelmRelease.
    for (const h of c.fleet.helmReleases)
      for (const d of h.diagnostics)
        if (d.severity === severity && d.code.startsWith('helm/') && !context.judgedCodes.has(d.code))
          yield { d, location: at(d), kustomization: h.renderedBy, cluster: c.name };
  }
}

export const fluxRenderFailed: LintRule<'failed', 'flux/render-failed'> = {
  meta: {
    id: 'flux/render-failed',
    description:
      'The Flux renderer finds a reason the controller would fail a Kustomization that no other rule covers.',
    defaultSeverity: 'error',
    recommended: true,
    messages: { failed: '{{message}} [{{code}}]' },
    docs: 'docs/rules/flux/render-failed.md',
  },
  check(context, report) {
    for (const { d, location, kustomization, cluster } of renderDiagnostics(context, 'error')) {
      report({
        messageId: 'failed',
        data: { message: relativeMessage(context.root, d.message), code: d.code },
        location,
        kustomization,
        cluster,
      });
    }
  },
};

/**
 * `flux/render-failed`: what the Flux renderer reports as an error that no other rule covers — the
 * controller would fail the Kustomization (a missing `substituteFrom` object, an invalid spec
 * or component, an object without apiVersion/kind/name, a substitution that breaks the YAML, two
 * different definitions of one Kustomization, a cluster folder that does not exist). The renderer's own
 * code is kept in the message (`flux/render-warning` has the renderer's warnings). A `substituteFrom` Secret that an ExternalSecret (or a
 * SealedSecret) of the cluster creates at run time is not reported missing.
 */
import type { Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { Location } from '../../../validate/position.js';
import { getField, isMap } from '../../../yaml/values.js';
import type { LintCluster, LintContext, LintRule } from '../../context.js';
import { objectKey } from '../../context.js';
import { diagnosticLocation, relativeMessage } from '../helpers.js';

/** Renderer codes other rules report (from the rendered result rather than the renderer's diagnostic). */
const COVERED = new Set([
  'flux/path-not-found',
  'flux/dependency-not-found',
  'flux/dependency-cycle',
  'flux/deprecated-api',
  'flux/missing-namespace',
  'flux/sops-no-decryption',
  'flux/substitute-undefined',
  'flux/unmapped-source',
]);

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

const MISSING_SOURCE = /substitute from '(?:ConfigMap|Secret)\/([^']+)'/;

export function* renderDiagnostics(
  context: LintContext,
  severity: 'error' | 'warning',
): Generator<{ d: Diagnostic; location: Location | undefined; kustomization?: string; cluster: string }> {
  for (const c of context.clusters) {
    const at = (d: Diagnostic): Location | undefined =>
      diagnosticLocation(d) ?? (c.instance ? context.locateObject(c.instance, '', 'value') : undefined);
    for (const d of c.fleet.diagnostics)
      if (d.severity === severity && d.code.startsWith('flux/') && !COVERED.has(d.code))
        yield { d, location: at(d), cluster: c.name };
    let secrets: Set<string> | undefined;
    for (const k of c.fleet.kustomizations) {
      for (const d of k.diagnostics) {
        if (d.severity !== severity || !d.code.startsWith('flux/') || COVERED.has(d.code)) continue;
        if (d.code === 'flux/substitute-from-missing') {
          // Created at run time by an ExternalSecret (or similar) the cluster renders: the controller retries until it exists.
          const name = MISSING_SOURCE.exec(d.message)?.[1];
          secrets ??= runtimeSecrets(c);
          if (name !== undefined && secrets.has(`${k.namespace}/${name}`)) continue;
        }
        yield { d, location: at(d), kustomization: k.id, cluster: c.name };
      }
    }
  }
}

export const fluxRenderFailed: LintRule<'failed'> = {
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

/**
 * `kustomize/build-error`: a kustomization fails to build — the engine's diagnostic, at its position. For
 * a Flux Kustomization it is the build kustomize-controller would run (generated kustomization, Flux
 * patches, `LoadRestrictionsNone` confined to the source); for a directory no cluster reaches, a plain
 * build of it.
 */
import type { LintRule } from '../../context.js';
import { diagnosticLocation, relativeMessage } from '../helpers.js';

export const kustomizeBuildError: LintRule<'failed', 'kustomize/build-error'> = {
  meta: {
    id: 'kustomize/build-error',
    description: "A kustomization fails to build (the engine's error, at its position).",
    defaultSeverity: 'error',
    recommended: true,
    messages: { failed: '{{message}} [{{code}}]' },
    docs: 'docs/rules/kustomize/build-error.md',
  },
  check(context, report) {
    for (const c of context.clusters) {
      for (const k of c.fleet.kustomizations) {
        for (const d of k.diagnostics) {
          if (d.severity !== 'error' || d.code.startsWith('flux/')) continue;
          report({
            messageId: 'failed',
            data: { message: relativeMessage(context.root, d.message), code: d.code },
            location: diagnosticLocation(d),
            kustomization: k.id,
            cluster: c.name,
          });
        }
      }
    }
    for (const u of context.standalone) {
      for (const d of u.diagnostics) {
        if (d.severity !== 'error') continue;
        report({
          messageId: 'failed',
          data: { message: relativeMessage(context.root, d.message), code: d.code },
          location: diagnosticLocation(d),
          kustomization: u.id,
        });
      }
    }
  },
};

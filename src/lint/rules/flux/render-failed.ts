/**
 * `flux/render-failed` and `flux/render-warning`: what the Flux renderer reports that no other rule
 * covers — the controller would fail the Kustomization (a missing `substituteFrom` object, an invalid spec
 * or component, an object without apiVersion/kind/name, a substitution that breaks the YAML, two
 * different definitions of one Kustomization, a cluster folder that does not exist), or would go on with
 * something dropped (an unknown kustomization field, a SOPS-encrypted `substituteFrom` Secret). The
 * renderer's own code is kept in the message.
 */
import type { Diagnostic } from '../../../diagnostics/diagnostic.js';
import type { LintContext, LintRule } from '../../context.js';
import { diagnosticLocation } from '../helpers.js';

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

function* renderDiagnostics(context: LintContext, severity: 'error' | 'warning'): Generator<{ d: Diagnostic; kustomization?: string; cluster: string }> {
  for (const c of context.clusters) {
    for (const d of c.fleet.diagnostics) if (d.severity === severity && d.code.startsWith('flux/') && !COVERED.has(d.code)) yield { d, cluster: c.name };
    for (const k of c.fleet.kustomizations) {
      for (const d of k.diagnostics) {
        if (d.severity === severity && d.code.startsWith('flux/') && !COVERED.has(d.code)) yield { d, kustomization: k.id, cluster: c.name };
      }
    }
  }
}

export const fluxRenderFailed: LintRule<'failed'> = {
  meta: {
    id: 'flux/render-failed',
    description: 'The Flux renderer finds a reason the controller would fail a Kustomization that no other rule covers.',
    defaultSeverity: 'error',
    recommended: true,
    messages: { failed: '{{message}} [{{code}}]' },
    docs: 'docs/rules/flux/render-failed.md',
  },
  check(context, report) {
    for (const { d, kustomization, cluster } of renderDiagnostics(context, 'error')) {
      report({ messageId: 'failed', data: { message: d.message, code: d.code }, location: diagnosticLocation(d), kustomization, cluster });
    }
  },
};

export const fluxRenderWarning: LintRule<'warning'> = {
  meta: {
    id: 'flux/render-warning',
    description: 'The Flux renderer finds something the controller drops or cannot check (unknown kustomization field, encrypted substituteFrom Secret).',
    defaultSeverity: 'warning',
    recommended: true,
    messages: { warning: '{{message}} [{{code}}]' },
    docs: 'docs/rules/flux/render-warning.md',
  },
  check(context, report) {
    for (const { d, kustomization, cluster } of renderDiagnostics(context, 'warning')) {
      report({ messageId: 'warning', data: { message: d.message, code: d.code }, location: diagnosticLocation(d), kustomization, cluster });
    }
  },
};

/**
 * `flux/render-warning`: what the Flux renderer reports as a warning — kustomize-controller goes on with
 * something dropped or unknown (an unknown kustomization field, a SOPS-encrypted `substituteFrom`
 * Secret). The renderer's own code is kept in the message.
 */
import type { LintRule } from '../../context.js';
import { relativeMessage } from '../helpers.js';
import { renderDiagnostics } from './render-failed.js';

export const fluxRenderWarning: LintRule<'warning', 'flux/render-warning'> = {
  meta: {
    id: 'flux/render-warning',
    description:
      'The Flux renderer finds something the controller drops or cannot check (unknown kustomization field, encrypted substituteFrom Secret).',
    defaultSeverity: 'warning',
    recommended: true,
    messages: { warning: '{{message}} [{{code}}]' },
    docs: 'docs/rules/flux/render-warning.md',
  },
  check(context, report) {
    for (const { d, location, kustomization, cluster } of renderDiagnostics(context, 'warning')) {
      report({
        messageId: 'warning',
        data: { message: relativeMessage(context.root, d.message), code: d.code },
        location,
        kustomization,
        cluster,
      });
    }
  },
};

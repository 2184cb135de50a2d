/**
 * `flux/sops-without-decryption`: a SOPS-encrypted Secret (one with `sops` metadata) is rendered by a Flux
 * Kustomization without `spec.decryption`; the controller fails the reconcile ("is SOPS encrypted,
 * configuring decryption is required"). Secrets annotated `kustomize.toolkit.fluxcd.io/decrypt: Disabled`
 * are left alone.
 */
import { getField, isMap } from '../../../yaml/values.js';
import type { LintRule } from '../../context.js';
import { objectKey, objectLabel } from '../../context.js';

export const fluxSopsWithoutDecryption: LintRule<'noDecryption', 'flux/sops-without-decryption'> = {
  meta: {
    id: 'flux/sops-without-decryption',
    description:
      'A SOPS-encrypted Secret is rendered by a Flux Kustomization without spec.decryption, so the reconcile fails.',
    defaultSeverity: 'error',
    recommended: true,
    messages: {
      noDecryption:
        '{{object}} is SOPS-encrypted but Kustomization {{id}} has no spec.decryption: the controller fails the reconcile (decryption is required for this secret)',
    },
    docs: 'docs/rules/flux/sops-without-decryption.md',
    judges: ['flux/sops-no-decryption'],
  },
  check(context, report) {
    for (const cluster of context.clusters) {
      for (const u of cluster.units) {
        const k = u.kustomization;
        if (!k || k.spec.decryption) continue;
        for (const o of u.objects) {
          const key = objectKey(o.object);
          if (key.kind !== 'Secret' || key.apiVersion !== 'v1' || !isMap(getField(o.object, 'sops'))) continue;
          const meta = getField(o.object, 'metadata');
          const ann = isMap(meta) ? getField(meta, 'annotations') : undefined;
          const decrypt = isMap(ann) ? getField(ann, 'kustomize.toolkit.fluxcd.io/decrypt') : undefined;
          if (typeof decrypt === 'string' && decrypt.toLowerCase() === 'disabled') continue;
          report({
            messageId: 'noDecryption',
            data: { object: objectLabel(o.object), id: k.id },
            location: context.locateObject(o, '/sops', 'key'),
            path: '/sops',
            kustomization: k.id,
            cluster: cluster.name,
          });
        }
      }
    }
  },
};

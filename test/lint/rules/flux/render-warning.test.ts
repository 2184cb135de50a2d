import { bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const files = (field: string): Record<string, string> => ({
  'apps/kustomization.yaml': `resources:\n  - cm.yaml\n${field}`,
  'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\n',
});

ruleCases('flux/render-warning', [
  {
    name: 'an unknown kustomization field kustomize-controller drops (reported on the field)',
    files: {
      ...bootstrap(),
      ...files('commonLabel:\n  a: b\n'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['apps/kustomization.yaml:3:1'],
  },
  {
    name: 'a clean kustomization',
    files: {
      ...bootstrap(),
      ...files('labels:\n  - pairs: {a: b}\n'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

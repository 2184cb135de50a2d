import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('flux/missing-namespace', [
  {
    name: 'a ConfigMap without namespace (reported on metadata)',
    files: {
      ...bootstrap(),
      ...app('apps', 'settings', ''),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['apps/cm.yaml:3:1'],
  },
  {
    name: 'targetNamespace sets it',
    files: {
      ...bootstrap(),
      ...app('apps', 'settings', ''),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  targetNamespace: team\n'),
    },
    expected: [],
  },
  {
    name: 'cluster-scoped and unknown kinds need none',
    files: {
      ...bootstrap(),
      'apps/kustomization.yaml': 'resources:\n  - objects.yaml\n',
      'apps/objects.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n---\napiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n',
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

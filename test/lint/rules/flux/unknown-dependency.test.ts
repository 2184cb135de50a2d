import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('flux/unknown-dependency', [
  {
    name: 'a dependency the cluster does not render (reported on the entry)',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: infra\n'),
    },
    expected: ['clusters/c1/apps.yaml:14:7'],
  },
  {
    name: 'a dependency in another namespace than the defaulted one',
    files: {
      ...bootstrap(),
      ...app('apps'),
      ...app('infra', 'x'),
      'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n').replace(
        'namespace: flux-system',
        'namespace: infra',
      ),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: infra\n'),
    },
    expected: ['clusters/c1/apps.yaml:14:7'],
  },
  {
    name: 'a dependency the cluster renders',
    files: {
      ...bootstrap(),
      ...app('apps'),
      ...app('infra', 'x'),
      'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n  wait: true\n'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: infra\n'),
    },
    expected: [],
  },
]);

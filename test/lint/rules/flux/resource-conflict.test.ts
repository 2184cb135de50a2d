import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('flux/resource-conflict', [
  {
    name: 'two Kustomizations render the same ConfigMap (reported on the second, at its name)',
    files: {
      ...bootstrap(),
      ...app('a', 'shared'),
      ...app('b', 'shared'),
      'clusters/c1/a.yaml': fluxKs('a', '  path: ./a\n  prune: true\n'),
      'clusters/c1/b.yaml': fluxKs('b', '  path: ./b\n  prune: true\n'),
    },
    expected: ['b/cm.yaml:4:9'],
  },
  {
    name: 'different names',
    files: {
      ...bootstrap(),
      ...app('a', 'one'),
      ...app('b', 'two'),
      'clusters/c1/a.yaml': fluxKs('a', '  path: ./a\n  prune: true\n'),
      'clusters/c1/b.yaml': fluxKs('b', '  path: ./b\n  prune: true\n'),
    },
    expected: [],
  },
  {
    name: 'one of them applies to another cluster (kubeConfig)',
    files: {
      ...bootstrap(),
      ...app('a', 'shared'),
      ...app('b', 'shared'),
      'clusters/c1/a.yaml': fluxKs('a', '  path: ./a\n  prune: true\n'),
      'clusters/c1/b.yaml': fluxKs(
        'b',
        '  path: ./b\n  prune: true\n  kubeConfig:\n    secretRef:\n      name: spoke\n',
      ),
    },
    expected: [],
  },
]);

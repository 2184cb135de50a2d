import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('flux/dependency-cycle', [
  {
    name: 'two Kustomizations depending on each other: both reported, at the entry that closes the cycle',
    files: {
      ...bootstrap(),
      ...app('a', 'a'),
      ...app('b', 'b'),
      'clusters/c1/a.yaml': fluxKs('a', '  path: ./a\n  prune: true\n  wait: true\n  dependsOn:\n    - name: b\n'),
      'clusters/c1/b.yaml': fluxKs('b', '  path: ./b\n  prune: true\n  wait: true\n  dependsOn:\n    - name: a\n'),
    },
    expected: ['clusters/c1/a.yaml:15:7', 'clusters/c1/b.yaml:15:7'],
  },
  {
    name: 'a chain is fine',
    files: {
      ...bootstrap(),
      ...app('a', 'a'),
      ...app('b', 'b'),
      'clusters/c1/a.yaml': fluxKs('a', '  path: ./a\n  prune: true\n  wait: true\n'),
      'clusters/c1/b.yaml': fluxKs('b', '  path: ./b\n  prune: true\n  wait: true\n  dependsOn:\n    - name: a\n'),
    },
    expected: [],
  },
]);

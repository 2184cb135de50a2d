import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('flux/path-not-found', [
  {
    name: 'spec.path does not exist (reported on its value)',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./appz\n  prune: true\n'),
    },
    expected: ['clusters/c1/apps.yaml:11:9'],
  },
  {
    name: 'spec.path exists',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

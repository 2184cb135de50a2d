import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const hc =
  '  healthChecks:\n    - apiVersion: v1\n      kind: ConfigMap\n      name: settings\n      namespace: default\n';

ruleCases('flux/health-checks-ignored', [
  {
    name: 'wait and healthChecks together (reported on healthChecks)',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', `  path: ./apps\n  prune: true\n  wait: true\n${hc}`),
    },
    expected: ['clusters/c1/apps.yaml:14:3'],
  },
  {
    name: 'healthChecks alone',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', `  path: ./apps\n  prune: true\n${hc}`),
    },
    expected: [],
  },
]);

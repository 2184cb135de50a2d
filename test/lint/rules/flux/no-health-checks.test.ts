import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const apps = {
  ...app('apps'),
  'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: infra\n'),
};

ruleCases('flux/no-health-checks', [
  {
    name: 'a dependency without wait or healthChecks (reported on spec)',
    files: {
      ...bootstrap(),
      ...apps,
      ...app('infra', 'x'),
      'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n'),
    },
    expected: ['clusters/c1/infra.yaml:6:1'],
  },
  {
    name: 'wait: false is reported on the key',
    files: {
      ...bootstrap(),
      ...apps,
      ...app('infra', 'x'),
      'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n  wait: false\n'),
    },
    expected: ['clusters/c1/infra.yaml:13:3'],
  },
  {
    name: 'wait: true',
    files: {
      ...bootstrap(),
      ...apps,
      ...app('infra', 'x'),
      'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n  wait: true\n'),
    },
    expected: [],
  },
  {
    name: 'healthChecks',
    files: {
      ...bootstrap(),
      ...apps,
      ...app('infra', 'x'),
      'clusters/c1/infra.yaml': fluxKs(
        'infra',
        '  path: ./infra\n  prune: true\n  healthChecks:\n    - {apiVersion: v1, kind: ConfigMap, name: x, namespace: default}\n',
      ),
    },
    expected: [],
  },
  {
    name: 'nobody depends on it',
    files: {
      ...bootstrap(),
      ...app('infra', 'x'),
      'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n'),
    },
    expected: [],
  },
]);

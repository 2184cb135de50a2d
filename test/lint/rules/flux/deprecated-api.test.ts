import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('flux/deprecated-api', [
  {
    name: 'a v1beta2 Kustomization and a v2beta1 HelmRelease (reported on apiVersion)',
    files: {
      ...bootstrap(),
      'apps/kustomization.yaml': 'resources:\n  - hr.yaml\n',
      'apps/hr.yaml':
        'apiVersion: helm.toolkit.fluxcd.io/v2beta1\nkind: HelmRelease\nmetadata:\n  name: api\n  namespace: default\nspec:\n  interval: 1h\n  chart:\n    spec: {chart: api, sourceRef: {kind: HelmRepository, name: charts}}\n',
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n').replace(
        'kustomize.toolkit.fluxcd.io/v1',
        'kustomize.toolkit.fluxcd.io/v1beta2',
      ),
    },
    expected: ['apps/hr.yaml:1:13', 'clusters/c1/apps.yaml:1:13'],
  },
  {
    name: 'current versions',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

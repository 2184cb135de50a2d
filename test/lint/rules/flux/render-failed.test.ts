import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const pb = (optional: boolean): string =>
  `  path: ./apps\n  prune: true\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-vars\n${optional ? '        optional: true\n' : ''}`;

ruleCases('flux/render-failed', [
  {
    name: 'a substituteFrom ConfigMap nothing renders (reported on the entry)',
    files: { ...bootstrap(), ...app('apps'), 'clusters/c1/apps.yaml': fluxKs('apps', pb(false)) },
    expected: ['clusters/c1/apps.yaml:15:9'],
  },
  {
    name: 'optional',
    files: { ...bootstrap(), ...app('apps'), 'clusters/c1/apps.yaml': fluxKs('apps', pb(true)) },
    expected: [],
  },
  {
    name: 'an ExternalSecret of the cluster creates it at run time',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/es.yaml':
        'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: cluster-vars\n  namespace: flux-system\nspec:\n  target:\n    name: cluster-vars\n',
      'clusters/c1/apps.yaml': fluxKs('apps', pb(false).replace('ConfigMap', 'Secret')),
    },
    expected: [],
  },
]);

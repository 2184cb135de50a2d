import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const pb = (optional: boolean): string =>
  `  path: ./apps\n  prune: true\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-vars\n${optional ? '        optional: true\n' : ''}`;

/** A HelmRelease of a chart in the repository whose valuesFrom Secret is optional or not. */
const release = (optional: boolean): Record<string, string> => ({
  'charts/w/Chart.yaml': 'apiVersion: v2\nname: w\nversion: 1.0.0\n',
  'charts/w/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w\n',
  'clusters/c1/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: w
  namespace: flux-system
spec:
  interval: 1h
  chart:
    spec:
      chart: ./charts/w
      sourceRef: {kind: GitRepository, name: flux-system}
  valuesFrom:
    - kind: Secret
      name: w-values${optional ? '\n      optional: true' : ''}
`,
});

ruleCases('flux/render-failed', [
  {
    name: 'a HelmRelease whose valuesFrom Secret nothing renders (reported on the entry)',
    files: { ...bootstrap(), ...release(false) },
    expected: ['clusters/c1/release.yaml:13:7'],
  },
  {
    name: 'a HelmRelease whose valuesFrom Secret is optional',
    files: { ...bootstrap(), ...release(true) },
    expected: [],
  },
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

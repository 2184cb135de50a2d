import { bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const check = (name: string, ns = 'default'): string =>
  `  path: ./apps\n  prune: true\n  healthChecks:\n    - apiVersion: apps/v1\n      kind: Deployment\n      name: ${name}\n      namespace: ${ns}\n`;
const deployment = {
  'apps/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
  'apps/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: web, image: nginx:1.27}
`,
};

ruleCases('flux/health-check-not-rendered', [
  {
    name: 'a health check on an object nothing renders (reported on the entry)',
    files: { ...bootstrap(), ...deployment, 'clusters/c1/apps.yaml': fluxKs('apps', check('api')) },
    expected: ['clusters/c1/apps.yaml:14:7'],
  },
  {
    name: 'the object is rendered',
    files: { ...bootstrap(), ...deployment, 'clusters/c1/apps.yaml': fluxKs('apps', check('web')) },
    expected: [],
  },
  {
    name: 'a HelmRelease in that namespace could create it',
    files: {
      ...bootstrap(),
      'apps/kustomization.yaml': 'resources:\n  - hr.yaml\n',
      'apps/hr.yaml':
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: api\n  namespace: default\nspec:\n  interval: 1h\n  chart:\n    spec: {chart: api, sourceRef: {kind: HelmRepository, name: charts}}\n',
      'clusters/c1/apps.yaml': fluxKs('apps', check('api')),
    },
    expected: [],
  },
]);

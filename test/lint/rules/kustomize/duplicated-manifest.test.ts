import { ruleCases } from '../../rule-cases.js';

const deployment = (replicas: number, image = 'nginx:1.27'): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
          ports:
            - containerPort: 8080
`;

ruleCases('kustomize/duplicated-manifest', [
  {
    name: 'a full copy per environment (the base copy is kept, the others reported at the document)',
    files: {
      'apps/staging/deployment.yaml': deployment(2),
      'apps/base/deployment.yaml': deployment(1),
      'apps/production/deployment.yaml': deployment(5),
    },
    expected: ['apps/production/deployment.yaml:1:1', 'apps/staging/deployment.yaml:1:1'],
  },
  {
    name: 'without a base folder the first in path order is kept',
    files: { 'prod/web.yaml': '# production\n' + deployment(5), 'dev/web.yaml': deployment(1) },
    expected: ['prod/web.yaml:2:1'],
  },
  {
    name: 'copies that differ in more than 20% of their values',
    files: {
      'a/web.yaml': deployment(1),
      'b/web.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: api\n          image: api:2\n`,
    },
    expected: [],
  },
  {
    name: 'a patch file is not a copy',
    files: {
      'base/deployment.yaml': deployment(1),
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: deployment.yaml\n',
      'prod/deployment.yaml': deployment(5),
    },
    expected: [],
  },
]);

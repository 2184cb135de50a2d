import { bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const pod = (...images: string[]): Record<string, string> => ({
  'apps/kustomization.yaml': 'resources:\n  - pod.yaml\n',
  'apps/pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
spec:
  containers:
${images.map((i, n) => `    - name: c${n}\n      image: ${i}\n`).join('')}`,
});
const flux = { ...bootstrap(), 'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n') };

ruleCases('image/mutable-tag', [
  {
    name: 'latest and untagged images (reported on the image value)',
    files: { ...flux, ...pod('nginx:latest', 'redis') },
    expected: ['apps/pod.yaml:9:14', 'apps/pod.yaml:11:14'],
  },
  {
    name: 'in a directory no cluster reaches',
    files: pod('nginx'),
    expected: ['apps/pod.yaml:9:14'],
  },
  {
    name: 'a tag an overlay patch sets is reported at the patch',
    files: {
      ...pod('nginx:1.27'),
      'prod/kustomization.yaml': 'resources:\n  - ../apps\npatches:\n  - path: patch.yaml\n',
      'prod/patch.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  containers:\n    - name: c0\n      image: nginx:latest\n',
    },
    expected: ['prod/patch.yaml:9:14'],
  },
  {
    name: 'a tag the images transformer sets is reported at the images entry',
    files: {
      ...pod('nginx:1.27'),
      'prod/kustomization.yaml': 'resources:\n  - ../apps\nimages:\n  - name: nginx\n    newTag: latest\n',
    },
    expected: ['prod/kustomization.yaml:4:5'],
  },
  {
    name: 'version tags, digests, and variables',
    files: {
      ...flux,
      ...pod(
        'nginx:1.27',
        'redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        'ghcr.io/x/y:${TAG:=1.0}',
      ),
    },
    expected: [],
  },
]);

import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('kustomize/build-error', [
  {
    name: 'a Flux Kustomization whose kustomization lists a missing file (the engine position)',
    files: {
      ...bootstrap(),
      'apps/kustomization.yaml': 'resources:\n  - cm.yaml\n  - missing.yaml\n',
      'apps/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n',
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['apps/kustomization.yaml:3:5'],
  },
  {
    name: 'a directory no cluster reaches, built on its own',
    files: { 'tools/kustomization.yaml': 'resources:\n  - nope.yaml\n' },
    expected: ['tools/kustomization.yaml:2:5'],
  },
  {
    name: 'builds',
    files: {
      ...bootstrap(),
      ...app('apps'),
      ...app('tools'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('flux/prune-disabled', [
  {
    name: 'prune: false is reported on the key',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: false\n'),
    },
    expected: ['clusters/c1/apps.yaml:12:3'],
  },
  {
    name: 'prune unset is reported on spec',
    files: { ...bootstrap(), ...app('apps'), 'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n') },
    expected: ['clusters/c1/apps.yaml:6:1'],
  },
  {
    name: 'prune: true is fine',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
  {
    name: 'a parent patch that sets prune counts (the rendered child is checked)',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - flux-system
  - apps.yaml
patches:
  - patch: |-
      - op: add
        path: /spec/prune
        value: true
    target:
      kind: Kustomization
      name: apps
`,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n'),
    },
    expected: [],
  },
]);

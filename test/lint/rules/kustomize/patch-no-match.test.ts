import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const patch = (name: string): string =>
  `patches:\n  - patch: |-\n      - op: add\n        path: /data/b\n        value: "2"\n    target:\n      kind: ConfigMap\n      name: ${name}\n`;
const component = {
  'components/extra/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n${patch('settings')}`,
};

ruleCases('kustomize/patch-no-match', [
  {
    name: 'a target that selects nothing (reported on target)',
    files: { ...app('apps', 'settings', 'default', patch('other')) },
    expected: ['apps/kustomization.yaml:10:5'],
  },
  {
    name: 'in a kustomization a Flux Kustomization builds',
    files: {
      ...bootstrap(),
      ...app('apps', 'settings', 'default', patch('other')),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['apps/kustomization.yaml:10:5'],
  },
  {
    name: 'a Flux Kustomization spec.patches target that selects nothing (reported on target)',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs(
        'apps',
        '  path: ./apps\n  prune: true\n  patches:\n    - patch: |-\n        - op: add\n          path: /data/b\n          value: "2"\n      target:\n        kind: Secret\n',
      ),
    },
    expected: ['clusters/c1/apps.yaml:18:7'],
  },
  {
    name: 'a Flux Kustomization spec.patches target that selects the ConfigMap',
    files: {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs(
        'apps',
        '  path: ./apps\n  prune: true\n  patches:\n    - patch: |-\n        - op: add\n          path: /data/b\n          value: "2"\n      target:\n        kind: ConfigMap\n        name: settings\n',
      ),
    },
    expected: [],
  },
  {
    name: 'a target that selects the ConfigMap',
    files: { ...app('apps', 'settings', 'default', patch('settings')) },
    expected: [],
  },
  {
    name: 'a component patch that matches in one includer and not in another',
    files: {
      ...component,
      ...app('a', 'settings', 'default', 'components:\n  - ../components/extra\n'),
      ...app('b', 'other', 'default', 'components:\n  - ../components/extra\n'),
    },
    expected: [],
  },
  {
    name: 'a component patch that matches in no includer',
    files: { ...component, ...app('b', 'other', 'default', 'components:\n  - ../components/extra\n') },
    expected: ['components/extra/kustomization.yaml:8:5'],
  },
]);

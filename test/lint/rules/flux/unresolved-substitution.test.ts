import { bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const cm = (value: string): Record<string, string> => ({
  'apps/kustomization.yaml': 'resources:\n  - cm.yaml\n',
  'apps/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  url: ${value}\n`,
});
const other = {
  'other/kustomization.yaml': 'resources:\n  - cm.yaml\n',
  'other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: default\ndata:\n  a: "1"\n',
  'clusters/c1/other.yaml': fluxKs(
    'other',
    '  path: ./other\n  prune: true\n  postBuild:\n    substitute:\n      CLUSTER: c1\n',
  ),
};

ruleCases('flux/unresolved-substitution', [
  {
    name: 'an undefined variable under strict substitution (reported on the expression)',
    files: {
      ...bootstrap(),
      ...cm('https://${HOST}/x'),
      'clusters/c1/apps.yaml': fluxKs(
        'apps',
        '  path: ./apps\n  prune: true\n  postBuild:\n    substitute:\n      CLUSTER: c1\n',
      ),
    },
    expected: ['apps/cm.yaml:7:16'],
  },
  {
    name: 'a cluster variable in a Kustomization without postBuild (reported on the expression)',
    files: {
      ...bootstrap(),
      ...other,
      ...cm('https://${CLUSTER}.example.com'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['apps/cm.yaml:7:16'],
  },
  {
    name: 'a default value',
    files: {
      ...bootstrap(),
      ...cm('https://${HOST:=example.com}/x'),
      'clusters/c1/apps.yaml': fluxKs(
        'apps',
        '  path: ./apps\n  prune: true\n  postBuild:\n    substitute:\n      CLUSTER: c1\n',
      ),
    },
    expected: [],
  },
  {
    name: 'a shell variable no Kustomization substitutes, without postBuild',
    files: {
      ...bootstrap(),
      ...other,
      ...cm('${HOME}/bin'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

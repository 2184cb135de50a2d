import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const overlay = (dir: string, ns: string, suffix: string): Record<string, string> => ({
  [`${dir}/kustomization.yaml`]: `namespace: ${ns}\nnameSuffix: ${suffix}\nresources:\n  - ../base\n`,
});
const base = app('base', 'settings', '');

ruleCases('flux/shared-namespace', [
  {
    name: 'two environments of one base in one namespace (reported on each spec.path)',
    files: {
      ...bootstrap(),
      ...base,
      ...overlay('qa', 'apps', '-qa'),
      ...overlay('dev', 'apps', '-dev'),
      'clusters/c1/qa.yaml': fluxKs('qa', '  path: ./qa\n  prune: true\n'),
      'clusters/c1/dev.yaml': fluxKs('dev', '  path: ./dev\n  prune: true\n'),
    },
    expected: ['clusters/c1/dev.yaml:11:9', 'clusters/c1/qa.yaml:11:9'],
  },
  {
    name: 'each environment in its own namespace',
    files: {
      ...bootstrap(),
      ...base,
      ...overlay('qa', 'qa', '-qa'),
      ...overlay('dev', 'dev', '-dev'),
      'clusters/c1/qa.yaml': fluxKs('qa', '  path: ./qa\n  prune: true\n'),
      'clusters/c1/dev.yaml': fluxKs('dev', '  path: ./dev\n  prune: true\n'),
    },
    expected: [],
  },
]);

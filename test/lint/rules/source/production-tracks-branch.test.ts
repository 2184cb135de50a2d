import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const onBranch = (name: string): Record<string, string> => {
  const files = bootstrap(name);
  const key = `clusters/${name}/flux-system/gotk-sync.yaml`;
  files[key] = (files[key] as string).replace('    tag: v1.0.0', '    branch: main');
  return files;
};

ruleCases('source/production-tracks-branch', [
  {
    name: 'a production cluster on a branch (reported on the branch)',
    files: {
      ...onBranch('production'),
      ...app('apps'),
      'clusters/production/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['clusters/production/flux-system/gotk-sync.yaml:9:13'],
  },
  {
    name: 'a production cluster on a tag',
    files: {
      ...bootstrap('production'),
      ...app('apps'),
      'clusters/production/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
  {
    name: 'a staging cluster on a branch',
    files: {
      ...onBranch('staging'),
      ...app('apps'),
      'clusters/staging/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

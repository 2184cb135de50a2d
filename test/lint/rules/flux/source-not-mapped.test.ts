import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const tenant = fluxKs('tenant', '  path: ./\n  prune: true\n').replace('    name: flux-system\n', '    name: team\n');
const repo =
  'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: team\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.com/team.git\n  ref: {tag: v1}\n';

ruleCases('flux/source-not-mapped', [
  {
    name: 'a rendered source without a local folder (reported on sourceRef)',
    files: { ...bootstrap(), 'clusters/c1/repo.yaml': repo, 'clusters/c1/tenant.yaml': tenant },
    expected: ['clusters/c1/tenant.yaml:8:3'],
  },
  {
    name: 'mapped to a local folder',
    files: { ...bootstrap(), ...app('team-repo'), 'clusters/c1/repo.yaml': repo, 'clusters/c1/tenant.yaml': tenant },
    options: { sources: { team: 'team-repo' } },
    expected: [],
  },
]);

import { app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const other = (name: string): string =>
  fluxKs('tenant', '  path: ./\n  prune: true\n').replace('    name: flux-system\n', `    name: ${name}\n`);
const repo =
  'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: team\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.com/team.git\n  ref: {tag: v1}\n';

ruleCases('flux/unknown-source', [
  {
    name: 'a source the cluster neither renders nor maps (reported on sourceRef)',
    files: { ...bootstrap(), 'clusters/c1/tenant.yaml': other('team') },
    expected: ['clusters/c1/tenant.yaml:8:3'],
  },
  {
    name: 'a source the cluster renders (not mapped: flux/source-not-mapped instead)',
    files: { ...bootstrap(), 'clusters/c1/repo.yaml': repo, 'clusters/c1/tenant.yaml': other('team') },
    expected: [],
  },
  {
    name: 'a source mapped to a folder',
    files: { ...bootstrap(), ...app('team-repo'), 'clusters/c1/tenant.yaml': other('team') },
    options: { sources: { team: 'team-repo' } },
    expected: [],
  },
]);

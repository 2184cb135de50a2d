import { app } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

ruleCases('kustomize/deprecated-field', [
  {
    name: 'commonLabels and bases (reported on each key)',
    files: { ...app('base'), 'overlay/kustomization.yaml': 'bases:\n  - ../base\ncommonLabels:\n  team: a\n' },
    expected: ['overlay/kustomization.yaml:1:1', 'overlay/kustomization.yaml:3:1'],
  },
  {
    name: 'resources and labels',
    files: { ...app('base'), 'overlay/kustomization.yaml': 'resources:\n  - ../base\nlabels:\n  - pairs: {team: a}\n' },
    expected: [],
  },
]);

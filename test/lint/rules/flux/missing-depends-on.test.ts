import { memoryFs } from '../../../../src/fs/memory.js';
import { chartFolderLoader } from '../../../../src/helm/chart/chart-folder.js';
import { anyCrd, app, bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const crd = anyCrd('Widget', 'widgets');
const infra = {
  'infra/kustomization.yaml': 'resources:\n  - crd.yaml\n  - ns.yaml\n',
  'infra/crd.yaml': crd,
  'infra/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n',
  'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n  wait: true\n'),
};
const widget = {
  'apps/kustomization.yaml': 'resources:\n  - widget.yaml\n',
  'apps/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\n',
};

/** The CRD comes with a chart in the repository, installed by a HelmRelease that `operators` renders. */
const chartInfra = {
  'charts/widgets/Chart.yaml': 'apiVersion: v2\nname: widgets\nversion: 1.0.0\n',
  'charts/widgets/crds/widget.yaml': crd,
  'operators/kustomization.yaml': 'resources:\n  - release.yaml\n',
  'operators/release.yaml':
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: widgets\n  namespace: flux-system\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ./charts/widgets\n      sourceRef: {kind: GitRepository, name: flux-system}\n',
  'clusters/c1/operators.yaml': fluxKs('operators', '  path: ./operators\n  prune: true\n  wait: true\n'),
};

/**
 * A chart of a Helm repository, from the chart folder, whose template renders the CRD unless `crds.enabled`
 * is false (as cert-manager's and many operators' charts do); `operators` renders its HelmRelease.
 */
const chartLoader = chartFolderLoader(
  memoryFs({
    '/charts/widgets/Chart.yaml': 'apiVersion: v2\nname: widgets\nversion: 2.0.0\n',
    '/charts/widgets/values.yaml': 'crds:\n  enabled: true\n',
    '/charts/widgets/templates/crd.yaml': `{{- if .Values.crds.enabled }}\n${crd}{{- end }}\n`,
  }),
  '/charts',
);
const repositoryRelease = (values: string): Record<string, string> => ({
  'operators/kustomization.yaml': 'resources:\n  - repository.yaml\n  - release.yaml\n',
  'operators/repository.yaml':
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: widgets\n  namespace: flux-system\nspec:\n  url: https://charts.example.com\n',
  'operators/release.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: widgets\n  namespace: flux-system\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: widgets\n      version: 2.x\n      sourceRef: {kind: HelmRepository, name: widgets}\n  values: ${values}\n`,
  'clusters/c1/operators.yaml': fluxKs('operators', '  path: ./operators\n  prune: true\n  wait: true\n'),
});

ruleCases('flux/missing-depends-on', [
  {
    name: "a custom resource whose CRD a chart of the chart folder renders from a template, without dependsOn on the HelmRelease's Kustomization",
    files: {
      ...bootstrap(),
      ...repositoryRelease('{}'),
      ...widget,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    options: { chartLoader },
    expected: ['clusters/c1/apps.yaml:6:1'],
  },
  {
    name: "not when the HelmRelease's values turn the chart's CRD off: the rendered chart does not install it",
    files: {
      ...bootstrap(),
      ...repositoryRelease('{crds: {enabled: false}}'),
      ...widget,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    options: { chartLoader },
    expected: [],
  },
  {
    name: "a custom resource whose CRD a rendered chart installs, without dependsOn on the HelmRelease's Kustomization",
    files: {
      ...bootstrap(),
      ...chartInfra,
      ...widget,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['clusters/c1/apps.yaml:6:1'],
  },
  {
    name: "dependsOn the Kustomization whose HelmRelease's chart installs the CRD",
    files: {
      ...bootstrap(),
      ...chartInfra,
      ...widget,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: operators\n'),
    },
    expected: [],
  },
  {
    name: 'a custom resource whose CRD another Kustomization renders, without dependsOn (reported on spec)',
    files: {
      ...bootstrap(),
      ...infra,
      ...widget,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['clusters/c1/apps.yaml:6:1'],
  },
  {
    name: 'an object in a namespace another Kustomization creates (reported on dependsOn)',
    files: {
      ...bootstrap(),
      ...infra,
      ...app('db', 'db', 'default'),
      ...app('apps', 'settings', 'team'),
      'clusters/c1/db.yaml': fluxKs('db', '  path: ./db\n  prune: true\n  wait: true\n'),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: db\n'),
    },
    expected: ['clusters/c1/apps.yaml:13:3'],
  },
  {
    name: 'dependsOn the Kustomization that renders the CRD',
    files: {
      ...bootstrap(),
      ...infra,
      ...widget,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: infra\n'),
    },
    expected: [],
  },
  {
    name: 'transitively, through a dependency',
    files: {
      ...bootstrap(),
      ...infra,
      ...widget,
      ...app('db', 'db', 'default'),
      'clusters/c1/db.yaml': fluxKs(
        'db',
        '  path: ./db\n  prune: true\n  wait: true\n  dependsOn:\n    - name: infra\n',
      ),
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: db\n'),
    },
    expected: [],
  },
  {
    name: 'the parent that rendered the Kustomization counts (CRDs of the cluster folder)',
    files: {
      ...bootstrap(),
      'clusters/c1/crd.yaml': crd,
      ...widget,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
]);

import { memoryFs } from '../../../../src/fs/memory.js';
import { chartFolderLoader } from '../../../../src/helm/chart/chart-folder.js';
import { bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const infra = {
  'infra/kustomization.yaml': 'resources:\n  - release.yaml\n',
  'infra/release.yaml':
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cert-manager\n  namespace: cert-manager\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: cert-manager\n      sourceRef: {kind: HelmRepository, name: jetstack}\n',
  'clusters/c1/infra.yaml': fluxKs('infra', '  path: ./infra\n  prune: true\n  wait: true\n'),
};
const issuer = {
  'apps/kustomization.yaml': 'resources:\n  - issuer.yaml\n',
  'apps/issuer.yaml':
    'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  acme: {}\n',
};

/** cert-manager's chart, in the repository: its CRDs are known once it renders (flux/missing-depends-on then). */
const renderedChart = {
  'charts/cert-manager/Chart.yaml': 'apiVersion: v2\nname: cert-manager\nversion: 1.0.0\n',
  'charts/cert-manager/crds/issuer.yaml':
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: clusterissuers.cert-manager.io\nspec:\n  group: cert-manager.io\n  names: {kind: ClusterIssuer, plural: clusterissuers}\n  scope: Cluster\n  versions: [{name: v1, served: true, storage: true}]\n',
  'infra/release.yaml':
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cert-manager\n  namespace: cert-manager\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ./charts/cert-manager\n      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}\n',
};

/** cert-manager's chart in the chart folder, rendering no CRD: the chart's output is known, nothing is guessed. */
const chartWithoutCrds = chartFolderLoader(
  memoryFs({
    '/charts/cert-manager/Chart.yaml': 'apiVersion: v2\nname: cert-manager\nversion: 1.0.0\n',
    '/charts/cert-manager/templates/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: cert-manager\n',
  }),
  '/charts',
);

ruleCases('flux/missing-depends-on-helm', [
  {
    name: "not when the chart from the chart folder rendered without the group's CRDs (no guess once the output is known)",
    files: {
      ...bootstrap(),
      ...infra,
      ...issuer,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    options: { chartLoader: chartWithoutCrds },
    expected: [],
  },
  {
    name: 'not when the chart rendered: its CRDs are known (flux/missing-depends-on reports it)',
    files: {
      ...bootstrap(),
      ...infra,
      ...renderedChart,
      ...issuer,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: [],
  },
  {
    name: 'a custom resource of the group a chart is named after, without dependsOn (reported on spec)',
    files: {
      ...bootstrap(),
      ...infra,
      ...issuer,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    expected: ['clusters/c1/apps.yaml:6:1'],
  },
  {
    name: 'off unless configured (not in the recommended preset)',
    files: {
      ...bootstrap(),
      ...infra,
      ...issuer,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n'),
    },
    options: { rules: { 'flux/missing-depends-on-helm': 'off' } },
    expected: [],
  },
  {
    name: 'dependsOn the Kustomization that renders the HelmRelease',
    files: {
      ...bootstrap(),
      ...infra,
      ...issuer,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  dependsOn:\n    - name: infra\n'),
    },
    expected: [],
  },
]);

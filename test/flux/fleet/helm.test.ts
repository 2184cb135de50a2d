/**
 * Stage "helm": HelmReleases rendered in the fleet — the chart from a HelmRepository through the chart
 * loader (podinfo from ../shared) or from a path in a mapped GitRepository, values from valuesFrom,
 * targetNamespace and the release name, post-renderers, commonMetadata, the CRD policy, a missing chart.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFleet, type FleetHelmRelease, type FleetResult } from '../../../src/flux/fleet/index.js';
import { memoryFs } from '../../../src/fs/memory.js';
import { chartFolderLoader } from '../../../src/helm/chart/chart-folder.js';
import { nodeFs } from '../../../src/node/node-fs.js';
import { getField, type YamlMap } from '../../../src/yaml/values.js';
import { hasShared, sharedDir, sharedSkipReason } from '../../helpers/shared.js';

const charts = join(sharedDir, 'helm-conformance/charts');

const widgetChart = {
  '/repo/charts/widgets/Chart.yaml': 'apiVersion: v2\nname: widgets\nversion: 1.2.3\n',
  '/repo/charts/widgets/crds/widget.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } } }]
`,
  '/repo/charts/widgets/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  size: {{ .Values.size | quote }}\n',
  '/repo/charts/widgets/values.yaml': 'size: small\n',
  '/repo/charts/widgets/values-prod.yaml': 'size: medium\n',
};

const helmRelease = (name: string, ns: string, spec: string): string =>
  `---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  interval: 10m\n${spec}`;

const cluster = [
  'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: podinfo\n  namespace: apps\nspec:\n  url: https://stefanprodan.github.io/podinfo\n',
  '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: podinfo-values\n  namespace: apps\ndata:\n  values.yaml: |\n    replicaCount: 5\n    ui:\n      message: from-configmap\n',
  '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: podinfo-secret\n  namespace: apps\nstringData:\n  color: "#112233"\n',
  helmRelease(
    'podinfo',
    'apps',
    `  targetNamespace: web
  chart:
    spec:
      chart: podinfo
      version: ">=6.0.0 <7.0.0"
      sourceRef: { kind: HelmRepository, name: podinfo }
  values:
    replicaCount: 2
  valuesFrom:
    - { kind: ConfigMap, name: podinfo-values }
    - { kind: Secret, name: podinfo-secret, valuesKey: color, targetPath: ui.color }
  commonMetadata:
    labels: { team: web }
  postRenderers:
    - kustomize:
        patches:
          - target: { kind: Deployment }
            patch: |
              - op: add
                path: /metadata/annotations
                value: { patched: "yes" }
        images:
          - { name: ghcr.io/stefanprodan/podinfo, newTag: 6.0.0 }
`,
  ),
  helmRelease(
    'widgets-from-the-git-repository',
    'flux-system',
    `  targetNamespace: a-rather-long-namespace-for-widgets
  chart:
    spec:
      chart: ./charts/widgets
      sourceRef: { kind: GitRepository, name: flux-system }
  values: { size: large }
`,
  ),
  helmRelease(
    'widgets-no-crds',
    'flux-system',
    `  install: { crds: Skip }
  chart:
    spec:
      chart: ./charts/widgets
      sourceRef: { kind: GitRepository, name: flux-system }
`,
  ),
  helmRelease(
    'widgets-values-files',
    'flux-system',
    `  chart:
    spec:
      chart: ./charts/widgets
      sourceRef: { kind: GitRepository, name: flux-system }
      valuesFiles: [./charts/widgets/values-prod.yaml, ./charts/widgets/values-gone.yaml]
      ignoreMissingValuesFiles: true
`,
  ),
  helmRelease(
    'widgets-values-file-missing',
    'flux-system',
    `  chart:
    spec:
      chart: ./charts/widgets
      sourceRef: { kind: GitRepository, name: flux-system }
      valuesFiles: [./charts/widgets/values-gone.yaml]
`,
  ),
  helmRelease(
    'missing',
    'apps',
    `  chart:
    spec:
      chart: not-in-the-folder
      sourceRef: { kind: HelmRepository, name: podinfo }
`,
  ),
].join('');

function render(withPodinfo: boolean): FleetResult {
  const fs = memoryFs({ '/repo/clusters/test/all.yaml': cluster, ...widgetChart });
  return renderFleet('/repo', {
    fs,
    cluster: 'clusters/test',
    ...(withPodinfo ? { chartLoader: chartFolderLoader(nodeFs(), charts) } : {}),
  });
}

function release(r: FleetResult, id: string): FleetHelmRelease {
  const h = r.helmReleases.find((x) => x.id === id);
  if (!h) throw new Error(`no HelmRelease ${id}`);
  return h;
}

/** 1-based line of the last `start` line before the line `marker` of the cluster file. */
function lineOf(start: string, marker: string): number {
  const lines = cluster.split('\n');
  const at = lines.findIndex((l) => l.trim() === marker);
  for (let i = at; i >= 0; i--) if (lines[i]?.startsWith(start)) return i + 1;
  return -1;
}

const ids = (h: FleetHelmRelease): string[] => h.objects.map((o) => `${o.id.kind} ${o.id.namespace}/${o.id.name}`);
const field = (o: YamlMap, ...path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? getField(v as YamlMap, k) : undefined), o);

describe('HelmReleases in the fleet (charts in a mapped Git source)', () => {
  const r = render(false);

  it('renders a chart path of the GitRepository, with the controller release name (shortened) and namespace', () => {
    const h = release(r, 'flux-system/widgets-from-the-git-repository');
    expect(h.status).toBe('rendered');
    // `targetNamespace-name` is 68 characters: its first 40, `-`, and 12 hex digits of its SHA-256 (sha256sum)
    expect(h.releaseName).toBe('a-rather-long-namespace-for-widgets-widg-e0197e79e6b6');
    expect(h.renderedChart).toMatchObject({ name: 'widgets', version: '1.2.3' });
    expect(ids(h)).toEqual([
      'CustomResourceDefinition /widgets.example.com',
      `ConfigMap a-rather-long-namespace-for-widgets/${h.releaseName}-settings`,
    ]);
    const cm = h.objects[1]?.object as YamlMap;
    expect(field(cm, 'data', 'size')).toBe('large');
    expect(field(cm, 'metadata', 'labels')).toEqual({
      'helm.toolkit.fluxcd.io/name': 'widgets-from-the-git-repository',
      'helm.toolkit.fluxcd.io/namespace': 'flux-system',
    });
  });

  it('leaves the CRDs out with install.crds: Skip', () => {
    expect(ids(release(r, 'flux-system/widgets-no-crds'))).toEqual(['ConfigMap flux-system/widgets-no-crds-settings']);
  });

  it('replaces the chart defaults with spec.chart.spec.valuesFiles (paths in the Git source)', () => {
    const h = release(r, 'flux-system/widgets-values-files');
    expect(field(h.objects[1]?.object as YamlMap, 'data', 'size')).toBe('medium');
    const failed = release(r, 'flux-system/widgets-values-file-missing');
    expect([failed.status, failed.diagnostics.map((d) => [d.code, d.severity, d.message])]).toEqual([
      'failed',
      [
        [
          'helm/chart',
          'error',
          "HelmRelease flux-system/widgets-values-file-missing: values file './charts/widgets/values-gone.yaml' of the chart is not found in its source",
        ],
      ],
    ]);
  });

  it('reports a chart that is not available (info) and still renders the rest', () => {
    const h = release(r, 'apps/missing');
    expect(h.status).toBe('chart-unavailable');
    expect(h.diagnostics.map((d) => [d.code, d.severity, d.file, d.range?.start.line])).toEqual([
      ['helm/chart-unavailable', 'info', '/repo/clusters/test/all.yaml', lineOf('apiVersion', 'name: missing')],
    ]);
    expect(release(r, 'apps/podinfo').diagnostics[0]?.message).toBe(
      'HelmRelease apps/podinfo: chart not rendered: no chart loader is configured for HelmRepository apps/podinfo (give a chart folder, --charts DIR)',
    );
    expect(r.ok).toBe(false); // widgets-values-file-missing failed
  });
});

describe.skipIf(!hasShared)('HelmReleases in the fleet (podinfo through the chart loader)', () => {
  if (!hasShared) {
    it.skip(sharedSkipReason('the podinfo chart'), () => {});
    return;
  }
  const r = render(true);
  const h = release(r, 'apps/podinfo');
  const deployment = h.objects.find((o) => o.id.kind === 'Deployment')?.object as YamlMap;

  it('renders the highest chart version in range, into the target namespace, as web-podinfo', () => {
    expect(h.status).toBe('rendered');
    expect(h.renderedChart).toMatchObject({ name: 'podinfo', version: '6.14.1' });
    expect(h.releaseName).toBe('web-podinfo');
    expect(ids(h)).toEqual(['Service web/web-podinfo', 'Deployment web/web-podinfo']);
  });

  it('takes values from valuesFrom (inline values last, targetPath from the Secret)', () => {
    expect(field(deployment, 'spec', 'replicas')).toBe(2);
    const containers = field(deployment, 'spec', 'template', 'spec', 'containers') as YamlMap[];
    const env = (containers[0]?.env ?? []) as YamlMap[];
    const vars = new Map(env.map((e) => [e.name, e.value]));
    expect([vars.get('PODINFO_UI_MESSAGE'), vars.get('PODINFO_UI_COLOR')]).toEqual(['from-configmap', '#112233']);
  });

  it('applies the post-renderer patch and image, commonMetadata and the origin labels', () => {
    expect(field(deployment, 'metadata', 'annotations')).toEqual({ patched: 'yes' });
    const containers = field(deployment, 'spec', 'template', 'spec', 'containers') as YamlMap[];
    expect(containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');
    expect(field(deployment, 'metadata', 'labels')).toMatchObject({
      team: 'web',
      'helm.toolkit.fluxcd.io/name': 'podinfo',
      'helm.toolkit.fluxcd.io/namespace': 'apps',
    });
  });

  it('gives each object the HelmRelease as origin, with the chart template', () => {
    expect(h.objects[1]?.origin).toMatchObject({
      file: '/repo/clusters/test/all.yaml',
      path: 'podinfo/templates/deployment.yaml',
      configuredBy: { kind: 'HelmRelease', name: 'podinfo', namespace: 'apps' },
    });
  });
});

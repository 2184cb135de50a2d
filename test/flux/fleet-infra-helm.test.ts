/**
 * fixtures/fleet-infra's infrastructure HelmReleases with the chart folder of ../shared/helm-conformance/charts.
 *
 * Always there: ingress-nginx 4.15.1 (satisfies staging's `>=4.10.0-0`) and cert-manager v0.0.0 (built from
 * source: no `1.x`). The versions production pins, ingress-nginx 4.10.1 and cert-manager v1.14.5 (as the
 * chart repositories serve them: `helm package` of the release sources; see docs/helm.md, "The seed
 * repository's charts"), are rendered when the folder holds them, and their absence is asserted otherwise.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFleet, type FleetHelmRelease, type FleetResult } from '../../src/flux/fleet/index.js';
import { overlayFs } from '../../src/fs/overlay.js';
import type { FileSystem } from '../../src/fs/types.js';
import { chartCandidates, chartFolderLoader } from '../../src/helm/chart/chart-folder.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { at, objectOf } from './helm-objects.js';
import { hasShared, repoRoot, sharedDir, sharedSkipReason } from '../helpers/shared.js';

const root = join(repoRoot, 'fixtures/fleet-infra');
const chartDir = join(sharedDir, 'helm-conformance/charts');

/** The pinned versions production asks for, present in the chart folder. */
function hasPinnedCharts(): boolean {
  if (!hasShared) return false;
  const fs = nodeFs();
  const has = (name: string, version: string): boolean =>
    chartCandidates(fs, chartDir, name).some((c) => c.version === version);
  return has('ingress-nginx', '4.10.1') && has('cert-manager', 'v1.14.5');
}
const pinned = hasPinnedCharts();

function render(cluster: string, fs: FileSystem = nodeFs()): FleetResult {
  return renderFleet(root, { fs, cluster, chartLoader: chartFolderLoader(nodeFs(), chartDir) });
}

const summary = (r: FleetResult): string[][] =>
  r.helmReleases.map((h) => [h.id, h.status, h.releaseName, h.renderedChart?.version ?? '-', h.renderedBy]);

const names = (h: FleetHelmRelease | undefined, kind: string): string[] =>
  (h?.objects ?? []).filter((o) => o.id.kind === kind).map((o) => o.id.name);

const release = (r: FleetResult, id: string): FleetHelmRelease | undefined => r.helmReleases.find((h) => h.id === id);

describe.skipIf(!hasShared)('fleet-infra HelmReleases with a local chart folder', () => {
  if (!hasShared) {
    it.skip(sharedSkipReason('the seed HelmRelease charts'), () => {});
    return;
  }

  it("staging: ingress-nginx's controller objects, in the release namespace, with staging's values", () => {
    const r = render('clusters/staging');
    const h = release(r, 'ingress-nginx/ingress-nginx');
    expect([h?.status, h?.renderedChart?.version]).toEqual(['rendered', '4.15.1']);
    expect(names(h, 'Deployment')).toEqual(['ingress-nginx-controller']);
    expect(h?.objects.every((o) => o.id.namespace === 'ingress-nginx' || o.id.namespace === '')).toBe(true);
    expect(at(objectOf(h, 'Service', 'ingress-nginx-controller'), 'spec', 'type')).toBe('NodePort');
    expect(at(objectOf(h, 'Deployment', 'ingress-nginx-controller'), 'spec', 'replicas')).toBe(1);
    expect(names(h, 'Service')).toContain('ingress-nginx-controller-metrics');
    expect(r.ok).toBe(true);
  });

  it.skipIf(pinned)('without the pinned charts: cert-manager 1.x and ingress-nginx 4.10.1 are unavailable', () => {
    const staging = render('clusters/staging');
    expect(summary(staging)[0]).toEqual([
      'cert-manager/cert-manager',
      'chart-unavailable',
      'cert-manager',
      '-',
      'flux-system/infrastructure',
    ]);
    expect(staging.helmReleases[0]?.diagnostics.map((d) => d.message)).toEqual([
      'HelmRelease cert-manager/cert-manager: chart not rendered: the chart loader has no chart cert-manager version 1.x (HelmRepository cert-manager/jetstack)',
    ]);
    expect(summary(render('clusters/production')).map((s) => s.slice(0, 2))).toEqual([
      ['cert-manager/cert-manager', 'chart-unavailable'],
      ['ingress-nginx/ingress-nginx', 'chart-unavailable'],
    ]);
  });
});

describe.skipIf(!pinned)(
  'fleet-infra HelmReleases with the pinned charts (ingress-nginx 4.10.1, cert-manager v1.14.5)',
  () => {
    if (!pinned) {
      it.skip(`skipped: ${chartDir} lacks ingress-nginx 4.10.1 and cert-manager v1.14.5 (docs/helm.md, "The seed repository's charts")`, () => {});
      return;
    }

    it('staging and production render both releases, each at the version its range selects', () => {
      expect(summary(render('clusters/staging'))).toEqual([
        ['cert-manager/cert-manager', 'rendered', 'cert-manager', 'v1.14.5', 'flux-system/infrastructure'],
        ['ingress-nginx/ingress-nginx', 'rendered', 'ingress-nginx', '4.15.1', 'flux-system/infrastructure'],
      ]);
      const production = render('clusters/production');
      expect(summary(production)).toEqual([
        ['cert-manager/cert-manager', 'rendered', 'cert-manager', 'v1.14.5', 'flux-system/infrastructure'],
        ['ingress-nginx/ingress-nginx', 'rendered', 'ingress-nginx', '4.10.1', 'flux-system/infrastructure'],
      ]);
      expect(production.ok).toBe(true);
    });

    it("production ingress-nginx 4.10.1: 3 controller replicas, production's requests, a LoadBalancer, metrics and the admission webhook", () => {
      const h = release(render('clusters/production'), 'ingress-nginx/ingress-nginx');
      const deploy = objectOf(h, 'Deployment', 'ingress-nginx-controller');
      expect(at(deploy, 'spec', 'replicas')).toBe(3);
      expect(at(deploy, 'spec', 'template', 'spec', 'containers', 0, 'resources')).toEqual({
        requests: { cpu: '200m', memory: '256Mi' },
      });
      expect(at(deploy, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe(
        'registry.k8s.io/ingress-nginx/controller:v1.10.1@sha256:e24f39d3eed6bcc239a56f20098878845f62baa34b9f2be2fd2c38ce9fb0f29e',
      );
      expect(at(deploy, 'metadata', 'labels', 'helm.sh/chart')).toBe('ingress-nginx-4.10.1');
      expect(at(deploy, 'metadata', 'labels', 'helm.toolkit.fluxcd.io/name')).toBe('ingress-nginx');
      expect(at(objectOf(h, 'Service', 'ingress-nginx-controller'), 'spec', 'type')).toBe('LoadBalancer');
      expect(names(h, 'Service').sort()).toEqual([
        'ingress-nginx-controller',
        'ingress-nginx-controller-admission',
        'ingress-nginx-controller-metrics',
      ]);
      expect(names(h, 'ValidatingWebhookConfiguration')).toEqual(['ingress-nginx-admission']);
      // The admission certificate Jobs are hooks: not part of the release's objects.
      expect(names(h, 'Job')).toEqual([]);
    });

    it('production cert-manager v1.14.5: 2 controller replicas, a PodDisruptionBudget, the webhook and cainjector', () => {
      const h = release(render('clusters/production'), 'cert-manager/cert-manager');
      expect(names(h, 'Deployment')).toEqual(['cert-manager-cainjector', 'cert-manager', 'cert-manager-webhook']);
      const deploy = objectOf(h, 'Deployment', 'cert-manager');
      expect(at(deploy, 'spec', 'replicas')).toBe(2);
      expect(at(deploy, 'spec', 'template', 'spec', 'containers', 0, 'image')).toBe(
        'quay.io/jetstack/cert-manager-controller:v1.14.5',
      );
      expect(at(objectOf(h, 'Deployment', 'cert-manager-webhook'), 'spec', 'replicas')).toBe(1);
      expect(names(h, 'PodDisruptionBudget')).toEqual(['cert-manager']);
      expect(at(objectOf(h, 'PodDisruptionBudget', 'cert-manager'), 'spec', 'minAvailable')).toBe(1);
      expect(names(h, 'Service').sort()).toEqual(['cert-manager', 'cert-manager-webhook']);
      expect(h?.objects.filter((o) => o.id.kind !== '' && o.id.namespace === 'cert-manager').length).toBeGreaterThan(
        10,
      );
    });

    it("cert-manager v1.14.5 installs no CRDs with the seed's values: `crds.enabled` is v1.15's name, v1.14 reads installCRDs", () => {
      const h = release(render('clusters/production'), 'cert-manager/cert-manager');
      expect(names(h, 'CustomResourceDefinition')).toEqual([]);
    });

    it("with installCRDs: true the six cert-manager CRDs render, in Helm's install order, with the release labels", () => {
      const fs = overlayFs(nodeFs());
      const values = join(root, 'infrastructure/production/cert-manager-values.yaml');
      fs.writeFile(values, `${new TextDecoder().decode(fs.readFile(values))}    installCRDs: true\n`);
      const h = release(render('clusters/production', fs), 'cert-manager/cert-manager');
      expect(names(h, 'CustomResourceDefinition')).toEqual([
        'certificaterequests.cert-manager.io',
        'certificates.cert-manager.io',
        'challenges.acme.cert-manager.io',
        'clusterissuers.cert-manager.io',
        'issuers.cert-manager.io',
        'orders.acme.cert-manager.io',
      ]);
      const kinds = (h?.objects ?? []).map((o) => o.id.kind).filter((k, i, all) => k !== all[i - 1]);
      expect(kinds).toEqual([
        'PodDisruptionBudget',
        'ServiceAccount',
        'CustomResourceDefinition',
        'ClusterRole',
        'ClusterRoleBinding',
        'Role',
        'RoleBinding',
        'Service',
        'Deployment',
        'MutatingWebhookConfiguration',
        'ValidatingWebhookConfiguration',
      ]);
      const crd = objectOf(h, 'CustomResourceDefinition', 'issuers.cert-manager.io');
      expect(at(crd, 'metadata', 'labels', 'app.kubernetes.io/instance')).toBe('cert-manager');
      expect(at(crd, 'metadata', 'namespace')).toBeUndefined();
    });
  },
);

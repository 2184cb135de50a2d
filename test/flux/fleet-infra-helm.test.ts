/**
 * fixtures/fleet-infra's infrastructure HelmReleases with the charts of ../shared/helm-conformance/charts:
 * ingress-nginx 4.15.1 satisfies staging's `>=4.10.0-0` and renders; production pins 4.10.1 and
 * cert-manager asks for 1.x / 1.14.5 while the folder has v0.0.0: those are `helm/chart-unavailable`.
 */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderFleet, type FleetResult } from '../../src/flux/fleet/index.js';
import { chartFolderLoader } from '../../src/helm/chart/chart-folder.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { getField, type YamlMap } from '../../src/yaml/values.js';
import { hasShared, repoRoot, sharedDir, sharedSkipReason } from '../helpers/shared.js';

function render(cluster: string): FleetResult {
  const fs = nodeFs();
  return renderFleet(join(repoRoot, 'fixtures/fleet-infra'), {
    fs,
    cluster,
    chartLoader: chartFolderLoader(fs, join(sharedDir, 'helm-conformance/charts')),
  });
}

const summary = (r: FleetResult): string[][] =>
  r.helmReleases.map((h) => [h.id, h.status, h.releaseName, h.renderedChart?.version ?? '-', h.renderedBy]);

describe.skipIf(!hasShared)('fleet-infra HelmReleases with a local chart folder', () => {
  if (!hasShared) {
    it.skip(sharedSkipReason('the seed HelmRelease charts'), () => {});
    return;
  }

  it('staging: ingress-nginx renders (4.15.1 in >=4.10.0-0), cert-manager 1.x is not in the folder', () => {
    const r = render('clusters/staging');
    expect(summary(r)).toEqual([
      ['cert-manager/cert-manager', 'chart-unavailable', 'cert-manager', '-', 'flux-system/infrastructure'],
      ['ingress-nginx/ingress-nginx', 'rendered', 'ingress-nginx', '4.15.1', 'flux-system/infrastructure'],
    ]);
    expect(r.helmReleases[0]?.diagnostics.map((d) => d.message)).toEqual([
      'HelmRelease cert-manager/cert-manager: chart not rendered: the chart loader has no chart cert-manager version 1.x (HelmRepository cert-manager/jetstack)',
    ]);
    expect(r.ok).toBe(true);
  });

  it("staging: the controller objects, in the release namespace, with staging's values", () => {
    const h = render('clusters/staging').helmReleases[1];
    const objects = h?.objects ?? [];
    expect(objects.map((o) => `${o.id.kind} ${o.id.namespace}/${o.id.name}`)).toContain(
      'Deployment ingress-nginx/ingress-nginx-controller',
    );
    expect(objects.every((o) => o.id.namespace === 'ingress-nginx' || o.id.namespace === '')).toBe(true);
    const svc = objects.find((o) => o.id.kind === 'Service' && o.id.name === 'ingress-nginx-controller')?.object;
    expect(getField(getField(svc ?? {}, 'spec') as YamlMap, 'type')).toBe('NodePort');
    const deploy = objects.find((o) => o.id.kind === 'Deployment')?.object ?? {};
    expect(getField(getField(deploy, 'spec') as YamlMap, 'replicas')).toBe(1);
    expect(objects.filter((o) => o.id.kind === 'Service').map((o) => o.id.name)).toContain(
      'ingress-nginx-controller-metrics',
    );
  });

  it('production: the pinned versions (cert-manager 1.14.5, ingress-nginx 4.10.1) are not in the folder', () => {
    expect(summary(render('clusters/production')).map((s) => s.slice(0, 2))).toEqual([
      ['cert-manager/cert-manager', 'chart-unavailable'],
      ['ingress-nginx/ingress-nginx', 'chart-unavailable'],
    ]);
  });
});

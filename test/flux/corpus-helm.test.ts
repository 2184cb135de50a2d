/**
 * A corpus fleet's app-template HelmReleases rendered with their chart: xunholy__k8s-gitops pins app-template
 * 5.0.1 (OCIRepository `app-template`, `ref.tag: 5.0.1`). Runs when ../shared/helm-conformance holds that
 * chart (`charts/app-template-5.0.1`, with its common library) and the common-5.0.1 schemas its
 * values.schema.json references (`_schema-cache`); see docs/helm.md, "Charts for the corpus fleets".
 */
/// <reference types="node" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderFleet, type FleetHelmRelease, type FleetResult } from '../../src/flux/fleet/index.js';
import { chartFolderLoader } from '../../src/helm/chart/chart-folder.js';
import { schemaCacheLoader } from '../../src/helm/chart/schema-cache.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { at, objectOf } from './helm-objects.js';
import { hasShared, sharedDir } from '../helpers/shared.js';
import { corpusFleetOptions } from '../scripts/flux-corpus-entries.js';

const corpus = join(sharedDir, 'helm-conformance');
const root = join(sharedDir, 'corpus/fleets/xunholy__k8s-gitops');
const schema = '_schema-cache/raw.githubusercontent.com/bjw-s-labs/helm-charts/common-5.0.1';
const ready =
  hasShared &&
  existsSync(root) &&
  existsSync(join(corpus, 'charts/app-template-5.0.1/Chart.yaml')) &&
  existsSync(join(corpus, schema, 'charts/library/common/values.schema.json'));

function render(): FleetResult {
  const fs = nodeFs();
  return renderFleet(root, {
    fs,
    cluster: 'kubernetes/clusters/cluster-00',
    ...corpusFleetOptions(root), // the corpus' entry: flux-system's artifact is kubernetes/, its FluxInstance
    chartLoader: chartFolderLoader(fs, join(corpus, 'charts')),
    schemaLoader: schemaCacheLoader(fs, join(corpus, '_schema-cache')),
  });
}

const appTemplate = (h: FleetHelmRelease): boolean => h.chartRef?.name === 'app-template';

describe.skipIf(!ready)('xunholy__k8s-gitops cluster-00 with app-template 5.0.1 in the chart folder', () => {
  if (!ready) {
    it.skip(`skipped: ${corpus} lacks charts/app-template-5.0.1 or ${schema} (or the fleet corpus)`, () => {});
    return;
  }
  let r: FleetResult;
  beforeAll(() => {
    r = render();
  });

  it('every app-template HelmRelease renders with 5.0.1 (26), and no release fails', () => {
    const releases = r.helmReleases.filter(appTemplate);
    expect(releases.map((h) => [h.status, h.renderedChart?.version])).toEqual(
      releases.map(() => ['rendered', '5.0.1']),
    );
    expect(releases.length).toBe(26);
    expect(r.helmReleases.filter((h) => h.status === 'failed').map((h) => h.id)).toEqual([]);
  });

  it("echo-server: the HelmRelease's values in the Deployment, Service and ServiceMonitor", () => {
    const h = r.helmReleases.find((x) => x.id === 'network-system/echo-server');
    expect(h?.objects.map((o) => `${o.id.kind} ${o.id.namespace}/${o.id.name}`)).toEqual([
      'ServiceAccount network-system/echo-server',
      'Service network-system/echo-server',
      'Deployment network-system/echo-server',
      'ServiceMonitor network-system/echo-server',
    ]);
    const container = at(objectOf(h, 'Deployment', 'echo-server'), 'spec', 'template', 'spec', 'containers', 0);
    expect(at(container, 'image')).toBe('ghcr.io/mendhak/http-https-echo:41');
    expect(at(container, 'env')).toContainEqual({ name: 'HTTP_PORT', value: '80' });
    expect(at(container, 'resources')).toEqual({ limits: { memory: '128Mi' }, requests: { cpu: '10m' } });
    expect(at(objectOf(h, 'Deployment', 'echo-server'), 'spec', 'replicas')).toBe(1);
    expect(at(objectOf(h, 'Service', 'echo-server'), 'spec', 'ports', 0, 'port')).toBe(80);
    expect(at(objectOf(h, 'ServiceMonitor', 'echo-server'), 'spec', 'endpoints', 0, 'path')).toBe('/metrics');
    expect(at(objectOf(h, 'Deployment', 'echo-server'), 'metadata', 'labels', 'helm.sh/chart')).toBe(
      'app-template-5.0.1',
    );
  });

  it('the chart objects carry the HelmRelease as their origin', () => {
    const h = r.helmReleases.find((x) => x.id === 'network-system/echo-server');
    expect(h?.renderedBy).toBe('network-system/echo-server');
    expect(h?.objects.every((o) => o.origin.file.endsWith('echo-server/app/helmrelease.yaml'))).toBe(true);
  });
});

/**
 * fixtures/fleet-infra (the seed example) rendered per cluster the way kustomize-controller would:
 * every Flux Kustomization of clusters/staging and clusters/production, its objects (the reference's
 * kustomize output of its path plus Flux's owner labels), the per-environment patched values and the
 * dependsOn edges.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '../../src/yaml/parse.js';
import type { YamlMap } from '../../src/yaml/values.js';
import type { FleetKustomization } from '../../src/flux/index.js';
import { repoRoot } from '../helpers/shared.js';
import { enginePatches, expectedBase, fluxFixtures, renderFixture } from './helpers.js';

const fixture = fluxFixtures().find((f) => f.name === 'fleet-infra');
if (!fixture) throw new Error('fixtures/fleet-infra missing');
const patchNote = 'skipped: the kustomize engine does not apply patches yet (being completed in parallel)';

/** The reference output of a kustomization dir of the fixture (test/golden, from kubectl kustomize). */
function golden(dir: string): YamlMap[] {
  const text = readFileSync(join(repoRoot, 'test/golden/fleet-infra', `${dir}.yaml`), 'utf8');
  return parseYamlStream(text, { file: dir }).documents.map((d) => d.value as YamlMap);
}

/**
 * The reference's output for a Flux Kustomization of the fixture as the controller builds it (no legacy
 * sort: kustomize's own order; test/flux/expected, from test/scripts/gen-flux-expected.ts).
 */
function controllerOutput(cluster: string, id: string): YamlMap[] {
  const file = `${expectedBase('fleet-infra', cluster, id)}.yaml`;
  return parseYamlStream(readFileSync(file, 'utf8'), { file }).documents.map((d) => d.value as YamlMap);
}

/** What Flux applies: the object with the two owner labels. */
function owned(obj: YamlMap, ks: string): YamlMap {
  const meta = { ...(obj.metadata as YamlMap) };
  meta.labels = {
    ...((meta.labels as YamlMap | undefined) ?? {}),
    'kustomize.toolkit.fluxcd.io/name': ks,
    'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
  };
  return { ...obj, metadata: meta };
}

function find(ks: FleetKustomization, kind: string, name: string): YamlMap | undefined {
  return ks.objects.map((o) => o.object).find((o) => o.kind === kind && (o.metadata as YamlMap).name === name);
}

const envs = [
  {
    env: 'staging',
    replicas: 2,
    resources: undefined,
    nginx: { service: { type: 'NodePort' } },
    nginxVersion: '>=4.10.0-0',
  },
  {
    env: 'production',
    replicas: 5,
    resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    nginx: { replicaCount: 3, resources: { requests: { cpu: '200m', memory: '256Mi' } } },
    nginxVersion: '4.10.1',
  },
] as const;

for (const e of envs) {
  describe(`fleet-infra clusters/${e.env}`, () => {
    const r = renderFixture(fixture, `clusters/${e.env}`);
    const byId = new Map(r.kustomizations.map((k) => [k.id, k]));
    const get = (id: string): FleetKustomization => {
      const k = byId.get(id);
      if (!k) throw new Error(`${id} not rendered`);
      return k;
    };

    it('finds the three Flux Kustomizations of the cluster, adopting the bootstrap flux-system one', () => {
      expect(r.kustomizations.map((k) => [k.id, k.path, k.status])).toEqual([
        ['flux-system/flux-system', `./clusters/${e.env}`, 'rendered'],
        ['flux-system/apps', `./apps/${e.env}`, 'rendered'],
        ['flux-system/infrastructure', `./infrastructure/${e.env}`, 'rendered'],
      ]);
      const root = get('flux-system/flux-system');
      expect(root.synthetic).toBe(false);
      expect(root.definedIn?.file).toBe(join(fixture.root, `clusters/${e.env}/flux-system/gotk-sync.yaml`));
      expect(root.generated).toBe('created');
      expect(get('flux-system/apps').parent).toBe('flux-system/flux-system');
      expect(r.diagnostics).toEqual([]);
      expect(r.kustomizations.flatMap((k) => k.diagnostics.filter((d) => d.severity !== 'info'))).toEqual([]);
    });

    it('has the dependsOn edge apps → infrastructure and no cycle', () => {
      expect(r.graph.edges).toEqual([{ from: 'flux-system/apps', to: 'flux-system/infrastructure', missing: false }]);
      expect(r.graph.cycles).toEqual([]);
      const order = r.graph.order;
      expect(order.indexOf('flux-system/infrastructure')).toBeLessThan(order.indexOf('flux-system/apps'));
      expect(get('flux-system/apps').spec.healthChecks).toEqual([
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-app', namespace: e.env },
      ]);
    });

    it('flux-system renders the cluster folder: bootstrap manifests, the source and both Kustomizations', () => {
      const root = get('flux-system/flux-system');
      const expected = [...golden(`clusters/${e.env}/flux-system`)].map((o) => owned(o, 'flux-system'));
      const objects = root.objects.map((o) => o.object);
      for (const o of expected) expect(objects).toContainEqual(o);
      expect(
        objects
          .filter((o) => o.kind === 'Kustomization')
          .map((o) => (o.metadata as YamlMap).name)
          .sort(),
      ).toEqual(['apps', 'flux-system', 'infrastructure']);
      for (const o of objects) {
        expect((o.metadata as YamlMap).labels).toMatchObject({
          'kustomize.toolkit.fluxcd.io/name': 'flux-system',
          'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
        });
      }
    });

    it('apps and infrastructure render exactly the reference output of their path (controller order), with owner labels', (ctx) => {
      if (!enginePatches) return ctx.skip(patchNote);
      const cluster = `clusters/${e.env}`;
      expect(get('flux-system/apps').objects.map((o) => o.object)).toEqual(
        controllerOutput(cluster, 'flux-system/apps').map((o) => owned(o, 'apps')),
      );
      expect(get('flux-system/infrastructure').objects.map((o) => o.object)).toEqual(
        controllerOutput(cluster, 'flux-system/infrastructure').map((o) => owned(o, 'infrastructure')),
      );
    });

    it(`my-app runs ${e.replicas} replicas in namespace ${e.env}`, (ctx) => {
      if (!enginePatches) return ctx.skip(patchNote);
      const apps = get('flux-system/apps');
      const dep = find(apps, 'Deployment', 'my-app');
      expect((dep?.metadata as YamlMap).namespace).toBe(e.env);
      const spec = dep?.spec as {
        replicas: number;
        template: { spec: { containers: { name: string; resources: unknown }[] } };
      };
      expect(spec.replicas).toBe(e.replicas);
      const container = spec.template.spec.containers.find((c) => c.name === 'app');
      if (e.resources) expect(container?.resources).toEqual(e.resources);
      else expect(container?.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
      expect(find(apps, 'Namespace', e.env)).toBeDefined();
      expect((find(apps, 'Deployment', 'redis')?.metadata as YamlMap).namespace).toBe(e.env);
    });

    it('ingress-nginx gets the environment values and chart range', (ctx) => {
      if (!enginePatches) return ctx.skip(patchNote);
      const hr = find(get('flux-system/infrastructure'), 'HelmRelease', 'ingress-nginx') as
        | { spec: { values: { controller: unknown }; chart: { spec: { version: string } } } }
        | undefined;
      expect(hr?.spec.values.controller).toMatchObject(e.nginx);
      expect(hr?.spec.chart.spec.version).toBe(e.nginxVersion);
    });

    it('lists the flux-system GitRepository and the HelmReleases it found', () => {
      expect(r.sources.map((s) => [s.kind, s.namespace, s.name, s.mappedTo])).toEqual([
        ['GitRepository', 'flux-system', 'flux-system', fixture.root],
      ]);
      expect(r.helmReleases.map((h) => `${h.namespace}/${h.name} by ${h.renderedBy}`).sort()).toEqual([
        'cert-manager/cert-manager by flux-system/infrastructure',
        'ingress-nginx/ingress-nginx by flux-system/infrastructure',
      ]);
    });
  });
}

describe('fleet-infra: staging and production differ only where the overlays differ', () => {
  it('renders the same Kustomization names and edges in both clusters', () => {
    const s = renderFixture(fixture, 'clusters/staging');
    const p = renderFixture(fixture, 'clusters/production');
    expect(s.kustomizations.map((k) => k.id)).toEqual(p.kustomizations.map((k) => k.id));
    expect(s.graph.edges).toEqual(p.graph.edges);
    expect(s.kustomizations.find((k) => k.id === 'flux-system/apps')?.path).toBe('./apps/staging');
    expect(p.kustomizations.find((k) => k.id === 'flux-system/apps')?.path).toBe('./apps/production');
  });
});

/** Environment diffs: field-level comparison, normalisation, masking, and the seed's promotion view. */
/// <reference types="node" />
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { diff, formatDiffText } from '../../src/diff/index.js';
import { compareValues, type FieldChange } from '../../src/diff/compare.js';
import { memoryFs } from '../../src/fs/memory.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { YamlValue } from '../../src/yaml/values.js';
import { repoRoot } from '../helpers/shared.js';

const compareCases: { name: string; a: YamlValue; b: YamlValue; expected: FieldChange[] }[] = [
  { name: 'equal maps', a: { x: 1, y: { z: 'a' } }, b: { y: { z: 'a' }, x: 1 }, expected: [] },
  {
    name: 'changed scalar in a nested map',
    a: { spec: { replicas: 1 } },
    b: { spec: { replicas: 3 } },
    expected: [{ path: 'spec.replicas', change: 'changed', old: 1, new: 3 }],
  },
  {
    name: 'added and removed keys',
    a: { a: 1 },
    b: { b: 2 },
    expected: [
      { path: 'a', change: 'removed', old: 1 },
      { path: 'b', change: 'added', new: 2 },
    ],
  },
  {
    name: 'named list elements matched by name, whatever their order',
    a: {
      c: [
        { name: 'x', image: 'a' },
        { name: 'y', image: 'b' },
      ],
    },
    b: {
      c: [
        { name: 'y', image: 'b' },
        { name: 'x', image: 'c' },
      ],
    },
    expected: [{ path: 'c[name=x].image', change: 'changed', old: 'a', new: 'c' }],
  },
  {
    name: 'plain lists by index',
    a: { args: ['--a', '--b'] },
    b: { args: ['--a'] },
    expected: [{ path: 'args[1]', change: 'removed', old: '--b' }],
  },
  {
    name: 'keys that need quoting',
    a: { labels: { 'app.kubernetes.io/name': 'x' } },
    b: { labels: { 'app.kubernetes.io/name': 'y' } },
    expected: [{ path: 'labels["app.kubernetes.io/name"]', change: 'changed', old: 'x', new: 'y' }],
  },
];

describe('compareValues', () => {
  for (const c of compareCases) {
    it(c.name, () => {
      const out: FieldChange[] = [];
      compareValues(c.a, c.b, '', out);
      expect(out).toEqual(c.expected);
    });
  }
});

function fixture(files: Record<string, string>) {
  return memoryFs(files);
}

describe('diff', () => {
  const fs = fixture({
    '/a/kustomization.yaml': 'resources: [s.yaml, cm.yaml]\n',
    '/a/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: YQ==\n',
    '/a/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    chart: v1\n',
    '/b/kustomization.yaml': 'resources: [s.yaml, cm.yaml, extra.yaml]\n',
    '/b/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: Yg==\n',
    '/b/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  labels:\n    chart: v2\n',
    '/b/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n',
  });
  const a = build('/a', { fs });
  const b = build('/b', { fs });

  it('reports added objects and masks Secret values', () => {
    const d = diff(a, b);
    expect(d.resources.map((r) => [r.key, r.status])).toEqual([
      ['ConfigMap/cm', 'changed'],
      ['ConfigMap/extra', 'added'],
      ['Secret/s', 'changed'],
    ]);
    const secret = d.resources.find((r) => r.key === 'Secret/s');
    expect(secret?.changes[0]?.path).toBe('data.k');
    expect(JSON.stringify(secret)).not.toContain('YQ==');
    expect(JSON.stringify(secret)).not.toContain('Yg==');
  });

  it('ignores the given label keys', () => {
    const d = diff(a, b, { ignoreLabels: ['chart'] });
    expect(d.resources.map((r) => r.key)).toEqual(['ConfigMap/extra', 'Secret/s']);
    expect(d.unchanged).toBe(1);
  });

  it('prints a summary line', () => {
    expect(formatDiffText(diff(a, b)).trimEnd().split('\n').pop()).toBe('1 added, 0 removed, 2 changed, 0 unchanged');
  });
});

describe('promotion view of the seed example', () => {
  it('apps/staging → apps/production differs exactly in replicas and resources', () => {
    const root = join(repoRoot, 'fixtures/fleet-infra/apps');
    const staging = build(join(root, 'staging'), { fs: nodeFs() });
    const production = build(join(root, 'production'), { fs: nodeFs() });
    expect(staging.ok && production.ok).toBe(true);
    const d = diff(staging, production, { normalizeNames: true });
    expect(d.resources.map((r) => [r.key, r.status])).toEqual([['apps/Deployment/<namespace>/my-app', 'changed']]);
    expect(d.resources[0]?.changes).toEqual([
      { path: 'spec.replicas', change: 'changed', old: 2, new: 5 },
      {
        path: 'spec.template.spec.containers[name=app].resources.limits',
        change: 'added',
        new: { cpu: '1', memory: '1Gi' },
      },
      {
        path: 'spec.template.spec.containers[name=app].resources.requests.cpu',
        change: 'changed',
        old: '100m',
        new: '500m',
      },
      {
        path: 'spec.template.spec.containers[name=app].resources.requests.memory',
        change: 'changed',
        old: '128Mi',
        new: '512Mi',
      },
    ]);
    expect(d.unchanged).toBe(4);
  });
});

describe('promotion view of the seed clusters', () => {
  it('clusters/staging → clusters/production: the app, and the two HelmReleases, nothing else', async () => {
    const { renderFleet } = await import('../../src/flux/fleet.js');
    const { fleetResources } = await import('../../src/diff/index.js');
    const root = join(repoRoot, 'fixtures/fleet-infra');
    const render = (cluster: string) => fleetResources(renderFleet(root, { fs: nodeFs(), cluster }));
    const d = diff(render('clusters/staging'), render('clusters/production'), {
      normalizeNames: true,
      environments: ['staging', 'production'],
    });
    expect(d.resources.map((r) => [r.key, r.status])).toEqual([
      ['apps/Deployment/<env>/my-app', 'changed'],
      ['helm.toolkit.fluxcd.io/HelmRelease/cert-manager/cert-manager', 'changed'],
      ['helm.toolkit.fluxcd.io/HelmRelease/ingress-nginx/ingress-nginx', 'changed'],
    ]);
    expect(d.resources[2]?.changes.map((c) => c.path)).toEqual([
      'spec.chart.spec.version',
      'spec.values.controller.replicaCount',
      'spec.values.controller.resources',
      'spec.values.controller.service.type',
    ]);
  });
});

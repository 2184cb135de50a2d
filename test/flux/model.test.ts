/** Reading Flux objects: Kustomization defaults and validation, sources, HelmReleases, FluxInstance sync. */
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  fluxKindOf,
  parseDuration,
  readFluxInstanceSync,
  readFluxKustomization,
  readFluxSource,
  readHelmRelease,
  readHelmRepository,
} from '../../src/flux/model.js';
import type { YamlMap } from '../../src/yaml/values.js';

const k = (
  spec: Record<string, unknown>,
  meta: Record<string, unknown> = { name: 'app', namespace: 'apps' },
  apiVersion = 'kustomize.toolkit.fluxcd.io/v1',
): YamlMap => ({ apiVersion, kind: 'Kustomization', metadata: meta, spec }) as unknown as YamlMap;
const base = { interval: '10m', path: './app', prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } };

describe('durations', () => {
  const parse: [string, number | undefined][] = [
    ['10m', 600_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['500ms', 500],
    ['1d', undefined],
    ['10', undefined],
    ['', undefined],
  ];
  it.each(parse)('parseDuration(%s) = %s', (s, ms) => expect(parseDuration(s)).toBe(ms));
  const format: [number, string][] = [
    [30_000, '30s'],
    [570_000, '9m30s'],
    [3_600_000, '1h0m0s'],
    [3_630_000, '1h0m30s'],
    [500, '500ms'],
  ];
  it.each(format)('formatDuration(%s) = %s', (ms, s) => expect(formatDuration(ms)).toBe(s));
});

describe('Flux Kustomization defaults', () => {
  const cases: [name: string, spec: Record<string, unknown>, expected: Record<string, unknown>][] = [
    [
      'timeout = interval − 30s',
      base,
      {
        interval: '10m0s',
        timeout: '9m30s',
        retryInterval: '10m0s',
        deletionPolicy: 'MirrorPrune',
        wait: false,
        suspend: false,
        force: false,
      },
    ],
    ['timeout floored at 30s', { ...base, interval: '45s' }, { timeout: '30s' }],
    [
      'explicit timeout and retryInterval',
      { ...base, timeout: '2m', retryInterval: '1m' },
      { timeout: '2m0s', retryInterval: '1m0s' },
    ],
    [
      'sourceRef namespace defaults to the Kustomization namespace',
      base,
      { sourceRef: { kind: 'GitRepository', name: 'flux-system', namespace: 'apps' } },
    ],
    [
      'dependsOn namespaces default to the Kustomization namespace',
      { ...base, dependsOn: [{ name: 'a' }, { name: 'b', namespace: 'infra' }] },
      {
        dependsOn: [
          { name: 'a', namespace: 'apps' },
          { name: 'b', namespace: 'infra' },
        ],
      },
    ],
    [
      'postBuild with strategy default WithVariables',
      { ...base, postBuild: { substitute: { A: 'x', N: 3 }, substituteFrom: [{ kind: 'Secret', name: 's' }] } },
      {
        postBuild: {
          substitute: { A: 'x', N: '3' },
          substituteFrom: [{ kind: 'Secret', name: 's', optional: false }],
          substituteStrategy: 'WithVariables',
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, spec, expected) => {
    const r = readFluxKustomization(k(spec));
    expect(r.diagnostics).toEqual([]);
    expect(r.kustomization).toMatchObject(expected);
  });
  it('leaves prune undefined when absent (the CRD requires it; parents often patch it in)', () => {
    const { prune: _p, ...noPrune } = base;
    expect(readFluxKustomization(k(noPrune)).kustomization.prune).toBeUndefined();
  });
  const invalid: [name: string, obj: YamlMap, codes: string[]][] = [
    ['no sourceRef', k({ interval: '1m', prune: true }), ['flux/invalid-kustomization']],
    ['no interval', k({ ...base, interval: undefined }), ['flux/invalid-kustomization']],
    ['bad duration', k({ ...base, timeout: '1d' }), ['flux/invalid-kustomization']],
    [
      'bad source kind',
      k({ ...base, sourceRef: { kind: 'HelmRepository', name: 'x' } }),
      ['flux/invalid-kustomization'],
    ],
    ['no namespace', k(base, { name: 'app' }), ['flux/missing-namespace']],
    [
      'v1beta2',
      k(base, { name: 'app', namespace: 'apps' }, 'kustomize.toolkit.fluxcd.io/v1beta2'),
      ['flux/deprecated-api'],
    ],
    [
      'v1beta1',
      k(base, { name: 'app', namespace: 'apps' }, 'kustomize.toolkit.fluxcd.io/v1beta1'),
      ['flux/deprecated-api'],
    ],
  ];
  it.each(invalid)('%s', (_name, obj, codes) => {
    expect(readFluxKustomization(obj).diagnostics.map((d) => d.code)).toEqual(codes);
  });
  it('reads v1beta2 legacy patch fields', () => {
    const r = readFluxKustomization(
      k(
        {
          ...base,
          patchesStrategicMerge: [{ kind: 'Deployment' }],
          patchesJson6902: [{ target: { kind: 'Service', name: 's' }, patch: [{ op: 'remove', path: '/x' }] }],
        },
        { name: 'a', namespace: 'b' },
        'kustomize.toolkit.fluxcd.io/v1beta2',
      ),
    );
    expect(r.kustomization.patchesStrategicMerge).toEqual([{ kind: 'Deployment' }]);
    expect(r.kustomization.patchesJson6902).toEqual([
      { target: { kind: 'Service', name: 's' }, patch: [{ op: 'remove', path: '/x' }] },
    ]);
  });
});

describe('other Flux objects', () => {
  it('recognises Flux kinds by group', () => {
    const cases: [string, string, string | undefined][] = [
      ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'Kustomization'],
      ['kustomize.config.k8s.io/v1beta1', 'Kustomization', undefined],
      ['source.toolkit.fluxcd.io/v1', 'GitRepository', 'GitRepository'],
      ['source.toolkit.fluxcd.io/v1', 'OCIRepository', 'OCIRepository'],
      ['source.toolkit.fluxcd.io/v1', 'ExternalArtifact', 'ExternalArtifact'],
      ['source.toolkit.fluxcd.io/v1', 'HelmRepository', 'HelmRepository'],
      ['helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'HelmRelease'],
      ['fluxcd.controlplane.io/v1', 'FluxInstance', 'FluxInstance'],
      ['source.extensions.fluxcd.io/v1beta1', 'ArtifactGenerator', 'ArtifactGenerator'],
    ];
    for (const [apiVersion, kind, expected] of cases) {
      expect(fluxKindOf({ apiVersion, kind, metadata: { name: 'x' } })).toBe(expected);
    }
  });
  it('resolves source refs the way source-controller does', () => {
    const git = (ref: unknown): YamlMap =>
      ({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'g', namespace: 'n' },
        spec: { url: 'https://x', ref },
      }) as unknown as YamlMap;
    expect(readFluxSource(git(undefined))?.ref).toEqual({ type: 'branch', value: 'master' });
    expect(readFluxSource(git({ branch: 'main', tag: 'v1' }))?.ref).toEqual({ type: 'tag', value: 'v1' });
    expect(readFluxSource(git({ branch: 'main', commit: 'abc' }))?.ref).toEqual({ type: 'commit', value: 'abc' });
    const oci = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'o', namespace: 'n' },
      spec: { url: 'oci://x' },
    } as unknown as YamlMap;
    expect(readFluxSource(oci)?.ref).toEqual({ type: 'tag', value: 'latest' });
  });
  it('reads HelmRelease and HelmRepository defaults', () => {
    const hr = readHelmRelease({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', namespace: 'apps' },
      spec: {
        targetNamespace: 'web',
        chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } },
        dependsOn: [{ name: 'db' }],
      },
    });
    expect(hr).toMatchObject({
      releaseName: 'web-podinfo',
      targetNamespace: 'web',
      chart: {
        chart: 'podinfo',
        version: '*',
        sourceRef: { kind: 'HelmRepository', name: 'podinfo', namespace: 'apps' },
      },
      dependsOn: [{ name: 'db', namespace: 'apps' }],
    });
    expect(
      readHelmRepository({
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'HelmRepository',
        metadata: { name: 'r', namespace: 'n' },
        spec: { url: 'https://c' },
      }),
    ).toEqual({
      name: 'r',
      namespace: 'n',
      url: 'https://c',
      type: 'default',
    });
  });
  it('reads the sync of a FluxInstance, a flux-instance HelmRelease and chart values', () => {
    const fi = {
      apiVersion: 'fluxcd.controlplane.io/v1',
      kind: 'FluxInstance',
      metadata: { name: 'flux', namespace: 'flux-system' },
      spec: { sync: { kind: 'OCIRepository', path: './clusters/a' } },
    } as unknown as YamlMap;
    expect(readFluxInstanceSync(fi)).toMatchObject({
      namespace: 'flux-system',
      name: 'flux-system',
      kind: 'OCIRepository',
      path: './clusters/a',
      patches: [],
    });
    const hr = {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'flux-instance', namespace: 'flux-system' },
      spec: {
        chartRef: { kind: 'OCIRepository', name: 'flux-instance' },
        values: { instance: { sync: { name: 'cluster', path: 'kubernetes/flux' } } },
      },
    } as unknown as YamlMap;
    expect(readFluxInstanceSync(hr)).toMatchObject({ name: 'cluster', kind: 'GitRepository', path: 'kubernetes/flux' });
    expect(readFluxInstanceSync({ instance: { sync: { path: 'x' } } })).toMatchObject({
      path: 'x',
    });
    expect(readFluxInstanceSync({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toBeUndefined();
  });
});

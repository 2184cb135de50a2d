/**
 * Benchmark (not a test) of HelmRelease rendering with app-template 4.1.1 (../shared/helm-conformance):
 * 1. the chart loaded once, then each app-template conformance case rendered (`renderChart`) — time per
 *    release, median of the runs;
 * 2. a cluster of 100 app-template HelmReleases (OCIRepository chartRef, values cycled from those cases)
 *    rendered by `renderFleet` with a chart folder loader — total time and per release.
 * There is no `helm` binary here, so no ratio against `helm template` is printed.
 *
 *   npx tsx test/scripts/bench-helm.ts [--runs N] [--releases N]
 */
/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderFleet } from '../../src/flux/fleet/index.js';
import { memoryFs } from '../../src/fs/memory.js';
import { chartFolderLoader } from '../../src/helm/chart/chart-folder.js';
import { loadChart } from '../../src/helm/chart/load.js';
import { renderChart } from '../../src/helm/chart/render.js';
import { schemaCacheLoader } from '../../src/helm/chart/schema-cache.js';
import { unmarshalYamlMap } from '../../src/helm/chart/go-yaml.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { emitDocument } from '../../src/yaml/emit.js';
import { sharedDir } from './shared.js';

const { values } = parseArgs({ options: { runs: { type: 'string' }, releases: { type: 'string' } } });
const runs = Number(values.runs ?? 20);
const releases = Number(values.releases ?? 100);
const corpus = join(sharedDir, 'helm-conformance');
const fs = nodeFs();
const schemaLoader = schemaCacheLoader(fs, join(corpus, '_schema-cache'));

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const time = (f: () => void): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

interface Case {
  name: string;
  release: string;
  namespace: string;
  kubeVersion: string;
  valuesText: string;
}
const cases: Case[] = readdirSync(join(corpus, 'cases'))
  .filter((d) => d.startsWith('app-template-'))
  .map((d) => {
    const c = JSON.parse(readFileSync(join(corpus, 'cases', d, 'case.json'), 'utf8')) as Omit<
      Case,
      'name' | 'valuesText'
    >;
    return { ...c, name: d, valuesText: readFileSync(join(corpus, 'cases', d, 'values.yaml'), 'utf8') };
  });

// 1. One release at a time, the chart loaded once.
let chart = loadChart(fs, join(corpus, 'charts/app-template-4.1.1'));
const loadMs = median(
  Array.from({ length: 5 }, () => time(() => (chart = loadChart(fs, join(corpus, 'charts/app-template-4.1.1'))))),
);
console.log(`app-template 4.1.1: chart load ${loadMs.toFixed(1)} ms (median of 5)`);
const perRelease: number[] = [];
for (const c of cases) {
  const opts = {
    releaseName: c.release,
    namespace: c.namespace,
    kubeVersion: c.kubeVersion,
    values: unmarshalYamlMap(c.valuesText),
    schemaLoader,
  };
  const ok = renderChart(chart, opts).ok;
  const ms = median(Array.from({ length: runs }, () => time(() => renderChart(chart, opts))));
  perRelease.push(ms);
  console.log(`  ${c.name.padEnd(36)} ${ms.toFixed(2).padStart(7)} ms${ok ? '' : ' (fails as Helm does)'}`);
}
console.log(`  median over ${cases.length} releases: ${median(perRelease).toFixed(2)} ms per release (render only)`);

// 2. A cluster of N app-template HelmReleases.
const docs: string[] = [
  emitDocument({
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: { name: 'app-template', namespace: 'default' },
    spec: { interval: '1h', url: 'oci://ghcr.io/bjw-s-labs/helm/app-template', ref: { tag: '4.1.1' } },
  }),
];
for (let i = 0; i < releases; i++) {
  const c = cases[i % cases.length] as Case;
  docs.push(
    emitDocument({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: `${c.release}-${i}`, namespace: 'default' },
      spec: {
        interval: '1h',
        chartRef: { kind: 'OCIRepository', name: 'app-template' },
        values: unmarshalYamlMap(c.valuesText),
      },
    }),
  );
}
const repo = memoryFs({ '/repo/clusters/bench/releases.yaml': docs.join('---\n') });
const loader = chartFolderLoader(fs, join(corpus, 'charts'));
const totals: number[] = [];
let summary = '';
for (let r = 0; r < Math.max(3, Math.floor(runs / 5)); r++) {
  let rendered = 0;
  let objects = 0;
  totals.push(
    time(() => {
      const result = renderFleet('/repo', {
        fs: repo,
        cluster: 'clusters/bench',
        chartLoader: loader,
        schemaLoader,
        kubeVersion: '1.33.1',
      });
      rendered = result.helmReleases.filter((h) => h.status === 'rendered').length;
      objects = result.helmReleases.reduce((n, h) => n + h.objects.length, 0);
    }),
  );
  summary = `${rendered}/${releases} rendered, ${objects} objects`;
}
const total = median(totals);
console.log(
  `cluster of ${releases} app-template HelmReleases (renderFleet, chart loaded once by the loader): ${total.toFixed(0)} ms, ${(total / releases).toFixed(2)} ms per release (${summary}; median of ${totals.length})`,
);
console.log('helm template: not measured (no helm binary on this machine, no Go module proxy to build one).');

/**
 * What the HelmReleases of one cluster give with a chart folder: how many rendered, lacked a chart or
 * failed, and why (grouped). `--any-version` asks the folder for any version of each chart (to exercise the
 * engine on real values when the folder holds other versions than the repository pins; not what Flux does).
 *
 *   npx tsx test/scripts/fleet-helm-report.ts ROOT CLUSTER [--charts DIR] [--schema-cache DIR] [--any-version]
 *
 * Defaults: the chart folder and schema cache of ../shared/helm-conformance. A fleet of the shared corpus
 * (ROOT named like one) renders with its source mappings and FluxInstance (test/scripts/flux-corpus-entries.ts).
 */
/// <reference types="node" />
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderFleet } from '../../src/flux/fleet/index.js';
import { chartFolderLoader } from '../../src/helm/chart/chart-folder.js';
import type { ChartLoader } from '../../src/helm/chart/render.js';
import { schemaCacheLoader } from '../../src/helm/chart/schema-cache.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { corpusFleetOptions } from './flux-corpus-entries.js';
import { sharedDir } from './shared.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { charts: { type: 'string' }, 'schema-cache': { type: 'string' }, 'any-version': { type: 'boolean' } },
});
const [root, cluster] = positionals;
if (root === undefined || cluster === undefined) throw new Error('usage: fleet-helm-report.ts ROOT CLUSTER [options]');
const fs = nodeFs();
const folder = chartFolderLoader(fs, resolve(values.charts ?? `${sharedDir}/helm-conformance/charts`));
const loader: ChartLoader = values['any-version'] ? (ref) => folder({ ...ref, version: '*' }) : folder;
const start = performance.now();
const r = renderFleet(resolve(root), {
  fs,
  cluster,
  ...corpusFleetOptions(resolve(root)),
  chartLoader: loader,
  schemaLoader: schemaCacheLoader(fs, resolve(values['schema-cache'] ?? `${sharedDir}/helm-conformance/_schema-cache`)),
});
const ms = performance.now() - start;
const count = (s: string): number => r.helmReleases.filter((h) => h.status === s).length;
const objects = r.helmReleases.reduce((n, h) => n + h.objects.length, 0);
console.log(
  `${cluster}: ${r.kustomizations.length} Kustomizations, ${r.helmReleases.length} HelmReleases: ${count('rendered')} rendered (${objects} objects), ${count('chart-unavailable')} without a local chart, ${count('failed')} failed; ${ms.toFixed(0)} ms`,
);
const rendered = new Map<string, number>();
for (const h of r.helmReleases)
  if (h.status === 'rendered' && h.renderedChart) {
    const k = `${h.renderedChart.name} ${h.renderedChart.version}`;
    rendered.set(k, (rendered.get(k) ?? 0) + 1);
  }
console.log('rendered charts:', [...rendered].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none');
const reasons = new Map<string, number>();
for (const h of r.helmReleases) {
  if (h.status === 'rendered') continue;
  const d = h.diagnostics.find((x) => x.severity === (h.status === 'failed' ? 'error' : 'info'));
  const why = (d?.message ?? '').replace(/^HelmRelease [^:]+: /, '').split('\n')[0] ?? '';
  const key = `${h.status}: ${why.replace(/ \([^)]*\)$/, '')}`;
  reasons.set(key, (reasons.get(key) ?? 0) + 1);
}
for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${k}`);

/**
 * Compares kustomize-ts with a real `helm` binary on the HelmReleases of one cluster: for each release whose
 * chart rendered, its values (`values` and `valuesFrom`, as the fleet composes them) are written to a file and
 * `helm template NAME CHART -n NS -f values.json --kube-version V [--include-crds] --skip-schema-validation`
 * runs with the chart the folder picked; its stdout is compared byte for byte with `helmTemplate`'s. Schema
 * validation is skipped on both sides: charts whose values.schema.json references URLs need the network in
 * Helm. Prints one line per differing release (the first differing line) and the totals.
 *
 *   npx tsx test/scripts/helm-binary-compare.ts ROOT CLUSTER --helm PATH [--charts DIR] [--schema-cache DIR]
 *       [--kube-version V] [--chart NAME]
 *
 * ROOT named like a fleet of the shared corpus renders with its source mappings. Defaults: the chart folder and
 * schema cache of ../shared/helm-conformance (the fleet validates values as helm-controller does), Kubernetes
 * 1.33.0.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderFleet, type FleetHelmRelease, type FleetResult } from '../../src/flux/fleet/index.js';
import { readHelmReleaseSpec } from '../../src/flux/helm/spec.js';
import { composeValues } from '../../src/flux/helm/values.js';
import { objectMeta } from '../../src/flux/model.js';
import type { ClusterObjectLookup } from '../../src/flux/substitute.js';
import { chartCandidates, chartFolderLoader, pickChartVersion } from '../../src/helm/chart/chart-folder.js';
import { schemaCacheLoader } from '../../src/helm/chart/schema-cache.js';
import { splitManifests } from '../../src/helm/chart/manifests.js';
import { helmTemplate } from '../../src/helm/chart/template-command.js';
import { nodeFs } from '../../src/node/node-fs.js';
import type { YamlMap } from '../../src/yaml/values.js';
import { corpusFleetOptions } from './flux-corpus-entries.js';
import { sharedDir } from './shared.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    helm: { type: 'string' },
    charts: { type: 'string' },
    'kube-version': { type: 'string' },
    chart: { type: 'string' },
    'schema-cache': { type: 'string' },
  },
});
const [root, cluster] = positionals;
if (root === undefined || cluster === undefined || args.helm === undefined)
  throw new Error('usage: helm-binary-compare.ts ROOT CLUSTER --helm PATH [--charts DIR] [--kube-version V]');
const helm = args.helm;
const kubeVersion = args['kube-version'] ?? '1.33.0';
const charts = resolve(args.charts ?? `${sharedDir}/helm-conformance/charts`);
const fs = nodeFs();

/** The ConfigMaps and Secrets of the cluster by `Kind/namespace/name` (what valuesFrom reads). */
function clusterLookup(r: FleetResult): ClusterObjectLookup {
  const byKey = new Map<string, YamlMap>();
  for (const k of r.kustomizations)
    for (const o of k.objects) {
      const m = objectMeta(o.object);
      byKey.set(`${m.kind}/${m.namespace}/${m.name}`, o.object);
    }
  return (kind, ns, name) => {
    const object = byKey.get(`${kind}/${ns}/${name}`);
    return object ? { object } : undefined;
  };
}

/**
 * `helm template` and kustomize-ts for one release: undefined when identical; `same documents, another order`
 * when only the order differs (a chart ranging over Sprig's `keys`, which Go returns in random map order); else
 * the first differing line.
 */
function compare(h: FleetHelmRelease, lookup: ClusterObjectLookup, dir: string): string | undefined {
  const chart = h.renderedChart;
  const pick = chart && pickChartVersion(chartCandidates(fs, charts, chart.name), chart.version);
  if (!pick) return 'chart not found in the folder';
  const spec = readHelmReleaseSpec(h.object);
  const values = composeValues(spec, lookup, undefined).values;
  const file = join(dir, `${h.id.replace('/', '__')}.json`);
  writeFileSync(file, JSON.stringify(values));
  const flags = ['-n', spec.releaseNamespace, '-f', file, '--kube-version', kubeVersion, '--skip-schema-validation'];
  if (spec.crds !== 'Skip') flags.push('--include-crds');
  const ran = spawnSync(helm, ['template', spec.releaseName, pick.path, ...flags], { encoding: 'utf8' });
  const ours = helmTemplate(fs, pick.path, {
    releaseName: spec.releaseName,
    namespace: spec.releaseNamespace,
    valueFiles: [file],
    kubeVersion,
    skipSchemaValidation: true,
    includeCrds: spec.crds !== 'Skip',
  });
  const theirs = ran.status === 0 ? ran.stdout : `Error: ${ran.stderr.trim()}`;
  const mine = ours.error === undefined ? ours.stdout : `Error: ${ours.error}`;
  if (theirs === mine) return undefined;
  const sorted = (t: string): string => splitManifests(t).sort().join('\n---\n');
  if (sorted(theirs) === sorted(mine)) return 'same documents, another order';
  const a = theirs.split('\n');
  const b = mine.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  return `line ${i + 1}: helm ${JSON.stringify(a[i])} / kustomize-ts ${JSON.stringify(b[i])}`;
}

const r = renderFleet(resolve(root), {
  fs,
  cluster,
  ...corpusFleetOptions(resolve(root)),
  chartLoader: chartFolderLoader(fs, charts),
  schemaLoader: schemaCacheLoader(fs, resolve(args['schema-cache'] ?? `${sharedDir}/helm-conformance/_schema-cache`)),
  kubeVersion,
});
const lookup = clusterLookup(r);
const dir = mkdtempSync(join(tmpdir(), 'helm-compare-'));
let identical = 0;
let reordered = 0;
let compared = 0;
try {
  for (const h of r.helmReleases) {
    if (h.status !== 'rendered' || (args.chart !== undefined && h.renderedChart?.name !== args.chart)) continue;
    compared++;
    const diff = compare(h, lookup, dir);
    if (diff === undefined) identical++;
    else if (diff === 'same documents, another order') reordered++;
    if (diff !== undefined)
      console.log(`${h.id} (${h.renderedChart?.name ?? ''} ${h.renderedChart?.version ?? ''}): ${diff}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const version = spawnSync(helm, ['version', '--short'], { encoding: 'utf8' }).stdout.trim();
console.log(
  `${cluster}: ${compared} rendered HelmReleases against helm ${version} template: ${identical} identical, ${reordered} the same documents in another order, ${compared - identical - reordered} different`,
);

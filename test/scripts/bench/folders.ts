/**
 * In-process scenarios: every kustomization folder of a repository built with `build()` (no cache shared
 * between folders, so each build parses and builds everything it reads), against the reference run once
 * per folder, interleaved folder by folder. Reports the total ratio, the folders where ours is slower, and
 * keeps the reference's per-folder figures for the other scenarios (multi-folder CLI, memory).
 */
/// <reference types="node" />
import { performance } from 'node:perf_hooks';
import { relative } from 'node:path';
import { build } from '../../../src/api/build.js';
import { nodeFs } from '../../../src/node/node-fs.js';
import { fmtMb, fmtMs, kustomizationDirs, median, run, sum, type Reference, type Row } from './common.js';

/** Per-folder figures of one repository. */
export interface FolderFigures {
  root: string;
  dirs: string[];
  /** Median ms per folder, ours (in process). */
  ours: Map<string, number>;
  /** Median ms per folder, the reference (one process each); empty without a reference. */
  reference: Map<string, number>;
  /** Peak RSS (MB) of the reference per folder, when measured. */
  referencePeak: Map<string, number>;
  /** Our output per folder (successful builds only). */
  outputs: Map<string, string>;
  /** Folders the reference builds and whose output equals ours. */
  identical: number;
  referenceBuilt: number;
}

/**
 * Builds every folder of `root` `runs` times, interleaved with the reference (LoadRestrictionsNone, Flux's
 * setting, for both).
 */
export function measureFolders(
  root: string,
  runs: number,
  reference: (Reference & { file: string }) | undefined,
): FolderFigures {
  const dirs = kustomizationDirs(root);
  const fs = nodeFs();
  const oursRuns = new Map<string, number[]>(dirs.map((d) => [d, []]));
  const refRuns = new Map<string, number[]>(reference ? dirs.map((d) => [d, []]) : []);
  const figures: FolderFigures = {
    root,
    dirs,
    ours: new Map(),
    reference: new Map(),
    referencePeak: new Map(),
    outputs: new Map(),
    identical: 0,
    referenceBuilt: 0,
  };
  const refOut = new Map<string, string>();
  for (let pass = 0; pass < runs; pass++) {
    for (const d of dirs) {
      if (reference) {
        const r = run(reference.file, [...reference.argv, '--load-restrictor', 'LoadRestrictionsNone', d], {
          peak: pass === 0,
        });
        refRuns.get(d)?.push(r.ms);
        if (r.peakMb !== undefined) figures.referencePeak.set(d, r.peakMb);
        if (pass === 0 && r.status === 0) refOut.set(d, r.stdout);
      }
      const t0 = performance.now();
      const res = build(d, { fs, loadRestrictor: 'LoadRestrictionsNone' });
      const yaml = res.ok ? res.toYaml() : undefined;
      oursRuns.get(d)?.push(performance.now() - t0);
      if (pass === 0 && yaml !== undefined) figures.outputs.set(d, yaml);
    }
  }
  for (const d of dirs) {
    figures.ours.set(d, median(oursRuns.get(d) ?? []));
    if (reference) figures.reference.set(d, median(refRuns.get(d) ?? []));
  }
  figures.referenceBuilt = refOut.size;
  for (const [d, out] of refOut) if (figures.outputs.get(d) === out) figures.identical++;
  return figures;
}

/** The table row of an in-process scenario: total ratio against `minRatio`, and no slower folder. */
export function folderRows(name: string, f: FolderFigures, minRatio: number, referenceName: string): Row[] {
  const ours = sum([...f.ours.values()]);
  const n = f.dirs.length;
  const oursPer = `${fmtMs(ours)} (${fmtMs(ours / n)}/folder)`;
  if (f.reference.size === 0) {
    return [
      {
        scenario: `${name}: ${n} folders in one process`,
        ours: oursPer,
        reference: 'not installed',
        ratio: '–',
        peak: '–',
        target: `≥ ${minRatio}× the reference`,
        met: undefined,
      },
    ];
  }
  const ref = sum([...f.reference.values()]);
  const slower = f.dirs.filter((d) => (f.ours.get(d) ?? 0) > (f.reference.get(d) ?? Infinity));
  const worst = f.dirs
    .map((d) => ({ d, r: (f.reference.get(d) ?? 0) / (f.ours.get(d) ?? 1) }))
    .sort((a, b) => a.r - b.r)[0];
  const refPeak = Math.max(0, ...f.referencePeak.values());
  return [
    {
      scenario: `${name}: ${n} folders in one process (identical ${f.identical}/${f.referenceBuilt})`,
      ours: oursPer,
      reference: `${fmtMs(ref)} (${fmtMs(ref / n)}/folder, ${referenceName})`,
      ratio: `${(ref / ours).toFixed(1)}× faster`,
      peak: `ref max ${fmtMb(refPeak || undefined)}`,
      target: `≥ ${minRatio}×`,
      met: ref / ours >= minRatio,
    },
    {
      scenario: `${name}: slowest folder relative to the reference`,
      ours: worst ? `${fmtMs(f.ours.get(worst.d) ?? 0)} ${relative(f.root, worst.d) || '.'}` : '–',
      reference: worst ? fmtMs(f.reference.get(worst.d) ?? 0) : '–',
      ratio: worst ? `${worst.r.toFixed(1)}× faster` : '–',
      peak: '–',
      target: `no folder slower (${slower.length} slower)`,
      met: slower.length === 0,
    },
  ];
}

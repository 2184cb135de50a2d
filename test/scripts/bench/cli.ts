/**
 * CLI scenarios, one process per command as CI scripts and hooks run it:
 * - start: `kustomize-ts build DIR` of 60 small real folders against `node -e 0` (Node's own floor) and the
 *   reference, interleaved folder by folder;
 * - many folders: `kustomize-ts build --recursive ROOT -o OUT` (one process) against the reference run once
 *   per folder.
 */
/// <reference types="node" />
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { sharedDir } from '../shared.js';
import { cliPath, fmtMb, fmtMs, median, run, sum, tempDir, type Reference, type Row } from './common.js';
import type { FolderFigures } from './folders.js';

const fleetsDir = join(sharedDir, 'corpus/fleets');

/**
 * 60 small folders of the fleet corpus (the reference builds them with the default load restrictor and they
 * hold at most 10 documents), spread evenly over the corpus in a fixed order.
 */
export function smallFolders(count = 60): string[] {
  const all: string[] = [];
  for (const f of readdirSync(fleetsDir)
    .filter((x) => x.endsWith('.builds.tsv'))
    .sort()) {
    const fleet = f.slice(0, -'.builds.tsv'.length);
    const rows = readFileSync(join(fleetsDir, f), 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const [dir, exit, docs] = row.split('\t');
      if (dir === undefined || dir.includes('(') || exit !== '0' || Number(docs) > 10) continue;
      const abs = join(fleetsDir, fleet, dir);
      if (['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((k) => existsSync(join(abs, k))))
        all.push(abs);
    }
  }
  if (all.length <= count) return all;
  const step = all.length / count;
  return Array.from({ length: count }, (_, i) => all[Math.floor(i * step)] as string);
}

/** `kustomize-ts build DIR` of small folders: ours within 1.5× of `node -e 0`. */
export function cliStart(runs: number, reference: (Reference & { file: string }) | undefined): Row[] {
  const dirs = smallFolders();
  const node: number[] = [];
  const ours: number[] = [];
  const ref: number[] = [];
  let oursPeak = 0;
  let nodePeak = 0;
  let failed = 0;
  for (let pass = 0; pass < runs; pass++) {
    for (const d of dirs) {
      const n = run(process.execPath, ['-e', '0'], { peak: pass === 0 });
      node.push(n.ms);
      nodePeak = Math.max(nodePeak, n.peakMb ?? 0);
      const o = run(process.execPath, [cliPath, 'build', d], { peak: pass === 0 });
      ours.push(o.ms);
      oursPeak = Math.max(oursPeak, o.peakMb ?? 0);
      if (o.status !== 0) failed++;
      if (reference) ref.push(run(reference.file, [...reference.argv, d]).ms);
    }
  }
  const ratio = median(ours) / median(node);
  return [
    {
      scenario: `CLI start: build of ${dirs.length} small folders, median (node -e 0: ${fmtMs(median(node))})${failed ? `, ${failed} FAILED` : ''}`,
      ours: fmtMs(median(ours)),
      reference: reference ? `${fmtMs(median(ref))} (${reference.name})` : 'not installed',
      ratio: `${ratio.toFixed(2)}× node -e 0${reference ? `, ${(median(ours) / median(ref)).toFixed(1)}× the reference` : ''}`,
      peak: `${fmtMb(oursPeak || undefined)} (node -e 0: ${fmtMb(nodePeak || undefined)})`,
      target: '≤ 1.5× node -e 0',
      met: ratio <= 1.5 && failed === 0,
    },
  ];
}

/**
 * `kustomize-ts build --recursive ROOT -o OUT` against the reference once per folder (its times come from the
 * in-process scenario's figures of the same repository, measured in the same run).
 */
export function cliMany(figures: FolderFigures, runs: number, referenceName: string | undefined): Row[] {
  const times: number[] = [];
  let peak = 0;
  let status: number | null = 0;
  let out = '';
  for (let i = 0; i < runs; i++) {
    out = tempDir('kts-bench-many-');
    const r = run(
      process.execPath,
      [cliPath, 'build', '--recursive', figures.root, '--load-restrictor', 'LoadRestrictionsNone', '-o', out],
      { peak: i === 0 },
    );
    times.push(r.ms);
    peak = Math.max(peak, r.peakMb ?? 0);
    status = r.status;
  }
  // Every folder our in-process build renders must be written, identical.
  let same = 0;
  for (const [d, yaml] of figures.outputs) {
    const file = join(out, `${relative(dirname(figures.root), d)}.yaml`);
    if (existsSync(file) && readFileSync(file, 'utf8') === yaml) same++;
  }
  const ours = median(times);
  const ref = sum([...figures.reference.values()]);
  const n = figures.dirs.length;
  const works = same === figures.outputs.size;
  return [
    {
      scenario: `CLI build --recursive: ${n} folders in one process (identical ${same}/${figures.outputs.size}, exit ${status})`,
      ours: `${fmtMs(ours)} (${fmtMs(ours / n)}/folder)`,
      reference: referenceName ? `${fmtMs(ref)} (one process per folder)` : 'not installed',
      ratio: referenceName ? `${(ref / ours).toFixed(1)}× faster` : '–',
      peak: fmtMb(peak || undefined),
      target: '≥ 10×',
      met: referenceName ? works && ref / ours >= 10 : undefined,
    },
  ];
}

/**
 * `npx tsx test/scripts/flux-corpus.ts [FLEETS_DIR] [--fleet NAME] [--verbose] [--markdown]`: renders every
 * cluster of every fleet in the shared corpus (`../shared/corpus/fleets`, entry points from its README)
 * with `renderFleet` and prints one row per cluster: Flux Kustomizations found, how many rendered /
 * failed / were skipped, objects, diagnostics by code (errors and warnings), wall time. `--verbose` lists
 * every error diagnostic. Exit status 1 when a render throws (a crash), else 0.
 */
/// <reference types="node" />
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderFleet, type FleetResult } from '../../src/flux/index.js';
import { nodeFs } from '../../src/node/index.js';
import { sharedDir } from './shared.js';
import { corpusClusters, readCorpusInstance } from './flux-corpus-entries.js';

/** Counts of diagnostics by code and severity. */
export function diagnosticCounts(r: FleetResult): Map<string, number> {
  const counts = new Map<string, number>();
  const all = [...r.kustomizations.flatMap((k) => k.diagnostics), ...r.diagnostics];
  for (const d of all) {
    if (d.severity === 'info') continue;
    const key = `${d.code}${d.severity === 'warning' ? '(w)' : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function main(): number {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const markdown = args.includes('--markdown');
  const fleetIdx = args.indexOf('--fleet');
  const only = fleetIdx >= 0 ? args[fleetIdx + 1] : undefined;
  const dir = resolve(
    args.find((a, i) => !a.startsWith('--') && i !== fleetIdx + 1) ?? join(sharedDir, 'corpus', 'fleets'),
  );
  if (!existsSync(dir)) {
    console.log(`skipped: no fleet corpus at ${dir}`);
    return 0;
  }
  const fs = nodeFs();
  const rows: string[][] = [];
  let crashed = 0;
  for (const f of corpusClusters) {
    if (only && f.fleet !== only) continue;
    const root = join(dir, f.fleet);
    if (!existsSync(root)) continue;
    for (const cluster of f.clusters) {
      const start = performance.now();
      let r: FleetResult;
      try {
        const instance = f.fluxInstance ? readCorpusInstance(join(root, f.fluxInstance)) : undefined;
        r = renderFleet(root, {
          fs,
          cluster,
          ...(f.sources ? { sources: f.sources } : {}),
          ...(instance ? { fluxInstance: instance } : {}),
        });
      } catch (err) {
        crashed++;
        rows.push([
          f.fleet,
          cluster,
          'CRASH',
          '',
          '',
          '',
          String((err as Error).stack ?? err)
            .split('\n')
            .slice(0, 3)
            .join(' | '),
          '',
        ]);
        continue;
      }
      const ms = performance.now() - start;
      const ks = r.kustomizations;
      const rendered = ks.filter((k) => k.status === 'rendered').length;
      const failed = ks.filter((k) => k.status === 'failed').length;
      const skipped = ks.filter((k) => k.status === 'skipped').length;
      const objects = ks.reduce((n, k) => n + k.objects.length, 0);
      const counts = [...diagnosticCounts(r)]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => `${c}×${n}`)
        .join(', ');
      rows.push([
        f.fleet,
        cluster,
        String(ks.length),
        `${rendered}/${failed}/${skipped}`,
        String(objects),
        String(r.graph.edges.length),
        counts || '–',
        `${Math.round(ms)} ms`,
      ]);
      if (verbose) {
        for (const k of ks) {
          for (const d of k.diagnostics) {
            if (d.severity !== 'error') continue;
            const file = d.file?.startsWith(root) ? d.file.slice(root.length + 1) : d.file;
            console.log(
              `  ${f.fleet} ${cluster} ${k.id}: ${d.code} ${file ?? ''}${d.line ? `:${d.line}` : ''} ${d.message.slice(0, 240)}`,
            );
          }
        }
        for (const d of r.diagnostics)
          console.log(`  ${f.fleet} ${cluster} (fleet): ${d.code} ${d.message.slice(0, 240)}`);
      }
    }
  }
  const header = [
    'fleet',
    'cluster',
    'Flux KS',
    'rendered/failed/skipped',
    'objects',
    'dependsOn edges',
    'diagnostics by code (w = warning)',
    'time',
  ];
  if (markdown) {
    console.log(`| ${header.join(' | ')} |`);
    console.log(`| ${header.map(() => '---').join(' | ')} |`);
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } else {
    for (const r of [header, ...rows]) console.log(r.join('\t'));
  }
  return crashed > 0 ? 1 : 0;
}

process.exitCode = main();

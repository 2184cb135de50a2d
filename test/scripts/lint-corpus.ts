/**
 * `npx tsx test/scripts/lint-corpus.ts [FLEETS_DIR] [--fleet NAME] [--samples RULE[,RULE]] [--n N] [--all] [--markdown]`:
 * lints every fleet of the shared corpus (`../shared/corpus/fleets`) with `lint()` — clusters found by
 * discovery, the kustomization directories no cluster reaches built on their own — and prints the count
 * of findings per rule per fleet, the clusters found and the time taken. `--samples` prints up to N (default
 * 5) findings of the given rules per fleet, to judge them; `--all` turns every rule on (the opt-in
 * ones too, infos as warnings). Exit status 1 when a lint throws (a crash).
 */
/// <reference types="node" />
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint, type LintResult } from '../../src/api/lint.js';
import { formatTextLine } from '../../src/lint/format.js';
import { strictSettings } from '../../src/lint/rules/index.js';
import { nodeFs } from '../../src/node/index.js';
import { sharedDir } from './shared.js';

/** Source mappings the corpus needs (a tenant repository kept as its own snapshot). */
const SOURCES: Record<string, Record<string, string>> = {
  'fluxcd__flux2-multi-tenancy': { 'apps/dev-team': '../fluxcd__flux2-multi-tenancy__dev-team' },
};

function main(): number {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const only = opt('--fleet');
  const samples = new Set((opt('--samples') ?? '').split(',').filter((s) => s !== ''));
  const n = Number(opt('--n') ?? '5');
  const markdown = args.includes('--markdown');
  // --all: every rule on, the opt-in ones included.
  const settings = args.includes('--all') ? strictSettings() : undefined;
  const positional = args.filter(
    (a, i) => !a.startsWith('--') && !['--fleet', '--samples', '--n'].includes(args[i - 1] ?? ''),
  );
  const dir = resolve(positional[0] ?? join(sharedDir, 'corpus', 'fleets'));
  if (!existsSync(dir)) {
    console.log(`skipped: no fleet corpus at ${dir}`);
    return 0;
  }
  const fleets = readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory() && (!only || f === only))
    .sort();
  const fs = nodeFs();
  const results = new Map<string, LintResult>();
  const times = new Map<string, number>();
  let crashed = 0;
  for (const f of fleets) {
    const start = performance.now();
    try {
      const r = lint(join(dir, f), {
        fs,
        ...(SOURCES[f] ? { sources: SOURCES[f] } : {}),
        ...(settings ? { rules: settings } : {}),
      });
      results.set(f, r);
    } catch (err) {
      crashed++;
      console.log(
        `CRASH ${f}: ${String((err as Error).stack ?? err)
          .split('\n')
          .slice(0, 4)
          .join(' | ')}`,
      );
    }
    times.set(f, performance.now() - start);
  }
  const rules = [...new Set([...results.values()].flatMap((r) => r.diagnostics.map((d) => d.code)))].sort();
  const short = (f: string): string => f.replace(/^fluxcd__flux2-/, 'flux2-').replace(/__/g, '/');
  const header = ['rule', ...fleets.map(short), 'total'];
  const rows: string[][] = rules.map((rule) => {
    const counts = fleets.map((f) => results.get(f)?.diagnostics.filter((d) => d.code === rule).length ?? 0);
    return [rule, ...counts.map((c) => (c === 0 ? '·' : String(c))), String(counts.reduce((a, b) => a + b, 0))];
  });
  const info: string[][] = [
    ['clusters', ...fleets.map((f) => String(results.get(f)?.clusters.length ?? '–')), ''],
    ['standalone dirs', ...fleets.map((f) => String(results.get(f)?.standalone.length ?? '–')), ''],
    ['suppressed', ...fleets.map((f) => String(results.get(f)?.suppressed.length ?? '–')), ''],
    ['time (s)', ...fleets.map((f) => ((times.get(f) ?? 0) / 1000).toFixed(1)), ''],
  ];
  if (markdown) {
    console.log(`| ${header.join(' | ')} |`);
    console.log(`| ${header.map(() => '---').join(' | ')} |`);
    for (const r of [...rows, ...info]) console.log(`| ${r.join(' | ')} |`);
  } else {
    for (const r of [header, ...rows, ...info]) console.log(r.join('\t'));
  }
  for (const f of fleets) {
    const r = results.get(f);
    if (!r) continue;
    console.log(
      `\n${f}: clusters ${r.clusters.map((c) => `${c.name} (${c.how}: ${c.kustomizations.rendered} rendered, ${c.kustomizations.failed} failed, ${c.kustomizations.skipped} skipped)`).join('; ') || 'none'}`,
    );
    for (const rule of samples) {
      const found = r.diagnostics.filter((d) => d.code === rule);
      if (found.length === 0) continue;
      console.log(`  ${rule}: ${found.length}`);
      for (const d of found.slice(0, n)) console.log(`    ${formatTextLine(d).slice(0, 400)}`);
    }
  }
  return crashed > 0 ? 1 : 0;
}

process.exitCode = main();

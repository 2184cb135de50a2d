/**
 * Validation speed and findings over the fleet corpus (../shared/corpus/fleets): every Kubernetes object
 * written in the fleets' YAML files (kustomization files and documents without apiVersion/kind left out)
 * is validated, one fleet at a time (its CRDs validate its custom resources).
 *
 *   npx tsx test/scripts/bench-validate.ts [--strict] [--rendered] [--samples N] [--fleet NAME]
 *
 * With --rendered, the objects are instead the output of `build()` of every kustomization directory the
 * fleet's builds.tsv lists as building (LoadRestrictionsNone), validated one build at a time, with
 * positions in the files (base or overlay) each object came from.
 *
 * Prints per fleet: files, objects, time, findings by rule; then totals, the cold (first, compiling) and
 * warm (every schema compiled) times, the most frequent unknown kinds and sample findings of each rule.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../../src/api/build.js';
import { validate, type ValidateObject } from '../../src/api/validate.js';
import { nodeFs } from '../../src/node/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { isMap } from '../../src/yaml/values.js';
import { sharedDir } from './shared.js';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const samplesArg = args[args.indexOf('--samples') + 1];
const samples = args.includes('--samples') && samplesArg ? Number(samplesArg) : 5;
const only = args.includes('--fleet') ? args[args.indexOf('--fleet') + 1] : undefined;
const rendered = args.includes('--rendered');

const corpus = join(sharedDir, 'corpus/fleets');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

function loadFleet(dir: string): { files: number; objects: ValidateObject[]; parseMs: number } {
  const t0 = performance.now();
  const objects: ValidateObject[] = [];
  const files = yamlFiles(dir);
  for (const file of files) {
    const stream = parseYamlStream(readFileSync(file, 'utf8'), { file });
    if (stream.errors.length > 0) continue;
    for (const d of stream.documents) {
      const v = d.value;
      if (!isMap(v)) continue;
      const apiVersion = v.apiVersion;
      if (typeof apiVersion !== 'string' || typeof v.kind !== 'string') continue;
      if (apiVersion.startsWith('kustomize.config.k8s.io/') || apiVersion.startsWith('config.kubernetes.io/')) continue;
      objects.push({
        object: v,
        origin: { file, range: d.range, documentIndex: d.index, node: d.node, lineCounter: stream.lineCounter },
      });
    }
  }
  return { files: files.length, objects, parseMs: performance.now() - t0 };
}

/** The builds of a fleet: each kustomization dir its builds.tsv lists as building, as one object set. */
function renderFleet(
  dir: string,
  tsv: string,
): { files: number; sets: ValidateObject[][]; parseMs: number; failed: number } {
  const t0 = performance.now();
  const lines = readFileSync(tsv, 'utf8').trimEnd().split('\n');
  const header = (lines[0] ?? '').split('\t');
  const col = (name: string): number => header.indexOf(name);
  const sets: ValidateObject[][] = [];
  let failed = 0;
  const fs = nodeFs();
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    if (cells[col('kustomization_file')] === '(flux-generated)' || cells[col('exit_code_lr_none')] !== '0') continue;
    const r = build(join(dir, cells[col('dir')] as string), { fs, loadRestrictor: 'LoadRestrictionsNone' });
    if (!r.ok) {
      failed++;
      continue;
    }
    sets.push([...r.resources]);
  }
  return { files: sets.length, sets, parseMs: performance.now() - t0, failed };
}

const RULES = ['schema/invalid', 'schema/unknown-kind', 'schema/deprecated-api'];
const fleets = readdirSync(corpus)
  .filter((f) => statSync(join(corpus, f)).isDirectory() && (only === undefined || f === only))
  .sort();

const all: { fleet: string; d: Diagnostic }[] = [];
const totals = { files: 0, objects: 0, parseMs: 0, coldMs: 0, warmMs: 0 };
const rows: string[] = [];
for (const fleet of fleets) {
  const dir = join(corpus, fleet);
  let files: number;
  let sets: ValidateObject[][];
  let parseMs: number;
  if (rendered) {
    const f = renderFleet(dir, join(corpus, `${fleet}.builds.tsv`));
    ({ files, sets, parseMs } = f);
    if (f.failed > 0) console.error(`${fleet}: ${f.failed} builds failed here (skipped)`);
  } else {
    const f = loadFleet(dir);
    ({ files, parseMs } = f);
    sets = [f.objects];
  }
  const objects = sets.flat();
  const diagnostics: Diagnostic[] = [];
  const t0 = performance.now();
  for (const set of sets) diagnostics.push(...validate(set, { strict, root: dir }).diagnostics);
  const cold = performance.now() - t0;
  const t1 = performance.now();
  for (const set of sets) validate(set, { strict, root: dir });
  const warm = performance.now() - t1;
  const r = { diagnostics };
  const counts = RULES.map((id) => r.diagnostics.filter((d) => d.code === id).length);
  rows.push(
    [
      fleet.padEnd(52),
      String(files).padStart(5),
      String(objects.length).padStart(6),
      cold.toFixed(0).padStart(7),
      warm.toFixed(0).padStart(6),
      ...counts.map((c) => String(c).padStart(8)),
    ].join(' '),
  );
  for (const d of r.diagnostics) all.push({ fleet, d });
  totals.files += files;
  totals.objects += objects.length;
  totals.parseMs += parseMs;
  totals.coldMs += cold;
  totals.warmMs += warm;
}

console.log(
  `mode: ${strict ? 'strict' : 'plain'}, ${rendered ? 'rendered builds (files column = builds)' : 'objects written in files'}`,
);
console.log(
  [
    'fleet'.padEnd(52),
    'files'.padStart(5),
    'objects'.padStart(6),
    'cold ms'.padStart(7),
    'warm ms'.padStart(6),
    ...['invalid', 'unknown', 'deprec.'].map((h) => h.padStart(8)),
  ].join(' '),
);
for (const r of rows) console.log(r);
const byRule = RULES.map((id) => `${id} ${all.filter((x) => x.d.code === id).length}`);
console.log(
  `\ntotal: ${totals.files} ${rendered ? 'builds' : 'files'}, ${totals.objects} objects; ${rendered ? 'build' : 'parse'} ${totals.parseMs.toFixed(0)} ms; validate cold ${totals.coldMs.toFixed(0)} ms, ` +
    `warm ${totals.warmMs.toFixed(0)} ms (${((totals.warmMs / Math.max(1, totals.objects)) * 1000).toFixed(0)} µs/object)`,
);
console.log(`findings: ${byRule.join(', ')}`);

const invalid = all.filter((x) => x.d.code === 'schema/invalid');
const withVars = invalid.filter((x) => /\$\{/.test(x.d.message)).length;
console.log(`schema/invalid findings on values holding an unsubstituted \${VAR}: ${withVars}`);

const tally = (xs: string[]): [string, number][] => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]);
};
console.log('\nunknown kinds (top 15):');
for (const [k, n] of tally(
  all
    .filter((x) => x.d.code === 'schema/unknown-kind')
    .map((x) => /no schema for (\S+ \S+)/.exec(x.d.message)?.[1] ?? x.d.message),
).slice(0, 15)) {
  console.log(`  ${String(n).padStart(4)} ${k}`);
}
console.log('\nschema/invalid by kind and problem (top 25):');
const shape = (m: string): string =>
  m
    .replace(/^(\S+) \S+: /, '$1: ')
    .replace(/\/\d+(?=\/|\s)/g, '/*')
    .replace(/got .*$/, 'got …');
for (const [k, n] of tally(invalid.map((x) => shape(x.d.message))).slice(0, 25))
  console.log(`  ${String(n).padStart(4)} ${k}`);
console.log(`\nsamples (${samples} per rule):`);
for (const id of RULES) {
  const xs = all.filter((x) => x.d.code === id);
  const step = Math.max(1, Math.floor(xs.length / Math.max(1, samples)));
  for (let i = 0; i < xs.length && i / step < samples; i += step) {
    const { fleet, d } = xs[i] as { fleet: string; d: Diagnostic };
    console.log(`  ${fleet}/${d.file ?? ''}:${d.line ?? ''}:${d.column ?? ''} ${d.severity} ${d.code} ${d.message}`);
  }
}

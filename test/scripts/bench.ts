/**
 * The benchmark suite (not a test): kustomize-ts against the reference kustomize, measured in the same run,
 * interleaved, medians and ratios. `npm run bench` builds the CLI bundle first.
 *
 *   npx tsx test/scripts/bench.ts [--only cli,folders,heavy,many,fleet,editor,memory] [--runs N]
 *                                 [--sizes 100,1000,10000] [--no-reference] [--markdown FILE]
 *
 * Scenarios (targets of issue 12):
 * - cli: `kustomize-ts build` of 60 small corpus folders against `node -e 0` and the reference;
 * - folders: every folder of joryirving's repository in one process, cold (no cache) — ≥ 25× the reference;
 * - heavy: every folder of ../shared/corpus/kustomize (CRD-heavy projects) — ≥ 10×;
 *   both also report the folder where we are slowest relative to the reference (none may be slower);
 * - many: `kustomize-ts build --recursive` against the reference once per folder — ≥ 10×;
 * - fleet: render and lint of synthetic fleets (gen-fleet.ts) — ≤ 2 ms per Kustomization, ≤ 1 GB at 10,000;
 * - editor: re-render after a one-line edit (seed ≤ 5 ms); re-render and re-lint of joryirving's cluster
 *   main in an editor session after an edit of one app (≤ 50 ms), of a component 39 folders share
 *   (≤ 150 ms), and with no edit (≤ 10 ms);
 * - memory: `fleet` of the largest corpus cluster below twice the reference's peak for one folder.
 * The reference is kustomize-5.8.1 (else kubectl 1.33's kustomize; `KUSTOMIZE_REF` overrides); without one
 * the ratios are left out and the table says so.
 */
/// <reference types="node" />
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { sharedDir } from './shared.js';
import { cliPath, findReference, formatTable, hasGnuTime, loadPerCore, type Row } from './bench/common.js';
import { cliMany, cliStart } from './bench/cli.js';
import { folderRows, measureFolders, type FolderFigures } from './bench/folders.js';
import { fleetRows, memoryRow } from './bench/fleet.js';
import { editorFleet, editorSeed } from './bench/editor.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const ALL = ['cli', 'folders', 'heavy', 'many', 'fleet', 'editor', 'memory'];
const only = new Set((opt('--only') ?? ALL.join(',')).split(','));
const runs = Number(opt('--runs') ?? 3);
const sizes = (opt('--sizes') ?? '100,1000,10000').split(',').map(Number);
const markdown = opt('--markdown');
const reference = args.includes('--no-reference') ? undefined : findReference();

const jory = join(sharedDir, 'corpus/fleets/joryirving__home-ops');
const heavy = join(sharedDir, 'corpus/kustomize');
const rows: Row[] = [];
const log = (m: string): void => console.error(`[bench] ${m}`);

if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run npm run build:cli (npm run bench does)`);
if (!existsSync(sharedDir)) throw new Error(`${sharedDir} is missing: the corpus scenarios need ../shared`);
log(`reference: ${reference ? `${reference.name} (${reference.file})` : 'none installed: ratios are left out'}`);
if (!hasGnuTime) log('GNU time (/usr/bin/time) is not installed: peak memory of child processes is not measured');
log(`load per core at start: ${loadPerCore().toFixed(2)}`);

let joryFigures: FolderFigures | undefined;
const needJory = only.has('folders') || only.has('many') || only.has('memory');

if (only.has('cli')) {
  log('cli start…');
  rows.push(...cliStart(runs, reference));
}
if (needJory) {
  log('joryirving, in process…');
  joryFigures = measureFolders(jory, runs, reference);
  if (only.has('folders')) rows.push(...folderRows('joryirving cold', joryFigures, 25, reference?.name ?? ''));
}
if (only.has('heavy')) {
  log('corpus/kustomize, in process…');
  rows.push(...folderRows('corpus/kustomize', measureFolders(heavy, runs, reference), 10, reference?.name ?? ''));
}
if (only.has('many') && joryFigures) {
  log('build --recursive…');
  rows.push(...cliMany(joryFigures, runs, reference?.name));
}
if (only.has('fleet')) {
  log(`fleets of ${sizes.join(', ')}…`);
  rows.push(...fleetRows(sizes, runs));
}
if (only.has('editor')) {
  log('editor…');
  rows.push(editorSeed(runs));
  rows.push(...editorFleet(jory, runs));
}
if (only.has('memory') && joryFigures) {
  log('memory…');
  const refPeak = joryFigures.referencePeak.size > 0 ? Math.max(...joryFigures.referencePeak.values()) : undefined;
  rows.push(memoryRow(jory, 'kubernetes/clusters/main', refPeak));
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load per core at end ${loadPerCore().toFixed(2)}`;
console.log(`\n${machine}\n`);
console.log(formatTable(rows, false));
const missed = rows.filter((r) => r.met === false).length;
console.log(`\n${rows.filter((r) => r.met === true).length} targets met, ${missed} not met`);
if (markdown) writeFileSync(markdown, `${machine}\n\n${formatTable(rows, true)}\n`);

/**
 * Benchmark (not a test): the language server's work after a keystroke. Opens a repository as the
 * server does (a Workspace over the disk), then types into one resource file: each keystroke updates
 * the buffer and re-analyses the workspace (every cluster rendered, lint and schema findings), which is
 * what the server does before publishing diagnostics (plus its debounce, excluded here).
 *
 *   npx tsx test/scripts/bench-lsp.ts [ROOT] [--file REL] [--keys N]
 *
 * ROOT defaults to ../shared/corpus/fleets/joryirving__home-ops (≈1,100 files); the edited file to
 * that repository's dragonfly HelmRelease (a value typed one character at a time).
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Workspace } from '../../src/lsp/workspace.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { sharedDir } from './shared.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = resolve(
  args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ??
    join(sharedDir, 'corpus/fleets/joryirving__home-ops'),
);
const file = join(root, option('--file') ?? 'kubernetes/apps/base/database/dragonfly/helmrelease.yaml');
const keys = Number(option('--keys') ?? '30');

/** The 1-minute load average over the cores (above ~1 the figures are noisy). */
const loadPerCore = (): string => ((loadavg()[0] ?? NaN) / availableParallelism()).toFixed(2);
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

/** Wall clock and CPU time (this process, all threads) of `f`, in ms. */
function timedCpu(f: () => unknown): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const [, wall] = timed(f);
  const used = process.cpuUsage(c);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const ws = new Workspace({ root, fs: nodeFs() });
const [first, openMs] = timed(() => ws.analysis());
global.gc?.();
const memory = process.memoryUsage();
let findings = 0;
for (const list of first.diagnostics.values()) findings += list.length;
console.log(root);
console.log(
  `open: ${openMs.toFixed(0)} ms, ${first.objects.length} rendered objects, ${findings} findings; ` +
    `memory after opening: heap ${mb(memory.heapUsed)}, rss ${mb(memory.rss)}`,
);

// Typing a comment at the end of the file, one character per keystroke: the file changes each time.
const original = readFileSync(file, 'utf8');
const typed = '# typed in the editor';
const perKey: { wall: number; cpu: number }[] = [];
for (let i = 0; i < keys; i++) {
  ws.setBuffer(file, `${original}${typed.slice(0, (i % typed.length) + 1)}\n`);
  perKey.push(timedCpu(() => ws.analysis()));
}
// A keystroke that changes a rendered value (the HelmRelease's interval), so builds are not reusable.
const valueKeys: { wall: number; cpu: number }[] = [];
for (let i = 0; i < keys; i++) {
  ws.setBuffer(file, original.replace(/interval: (\S+)/, `interval: ${String(i + 1)}m`));
  valueKeys.push(timedCpu(() => ws.analysis()));
}
const show = (name: string, times: { wall: number; cpu: number }[]): void => {
  const xs = times.map((t) => t.wall);
  const cpu = times.map((t) => t.cpu);
  console.log(
    `${name}: median ${median(xs).toFixed(1)} ms, p90 ${percentile(xs, 0.9).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)} ms; ` +
      `cpu median ${median(cpu).toFixed(1)} ms (${String(xs.length)} keystrokes, load per core ${loadPerCore()})`,
  );
};
show('keystroke (comment)', perKey);
console.log(`cache after the run: ${JSON.stringify(ws.session.stats)}`);
show('keystroke (value)  ', valueKeys);

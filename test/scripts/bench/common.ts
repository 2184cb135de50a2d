/**
 * Shared plumbing of the benchmark suite (test/scripts/bench.ts): timing child processes (with their
 * peak memory when GNU time is installed), the reference binary, medians, folder discovery and the table.
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../shared.js';

/** One line of the results table. */
export interface Row {
  scenario: string;
  /** Our time (or figure), formatted. */
  ours: string;
  /** The reference's, formatted, or a dash. */
  reference: string;
  /** The ratio that the target is about, formatted (e.g. `31.2× faster`). */
  ratio: string;
  /** Peak memory of ours (and of the reference), formatted. */
  peak: string;
  /** The target, in words. */
  target: string;
  /** Whether the target is met; undefined when the scenario has no target or could not run. */
  met: boolean | undefined;
}

/** The kustomize binary every ratio is against. */
export interface Reference {
  name: string;
  /** argv before the kustomization directory (`build` or `kustomize`). */
  argv: readonly string[];
}

const CANDIDATES: readonly (Reference & { file: string })[] = [
  { name: 'kustomize-5.8.1 build', file: '/usr/local/bin/kustomize-5.8.1', argv: ['build'] },
  { name: 'kubectl 1.33 kustomize (v5.6.0)', file: '/usr/lib/google-cloud-sdk/bin/kubectl.1.33', argv: ['kustomize'] },
];

/** The reference binary (`KUSTOMIZE_REF=/path/to/kustomize` overrides), or undefined when none is installed. */
export function findReference(): (Reference & { file: string }) | undefined {
  const env = process.env.KUSTOMIZE_REF;
  if (env) return { name: env, file: env, argv: env.includes('kubectl') ? ['kustomize'] : ['build'] };
  return CANDIDATES.find((c) => existsSync(c.file));
}

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

/** A finished child process. */
export interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  /** Peak resident memory in MB, when measured. */
  peakMb?: number;
}

/**
 * Runs a command and times it (wall clock). With `peak`, GNU time reports its peak RSS (the few ms GNU time
 * adds are the same for every command of a comparison).
 */
export function run(cmd: string, args: readonly string[], opts: { peak?: boolean; cwd?: string } = {}): Run {
  const measurePeak = opts.peak === true && hasGnuTime;
  const file = measurePeak ? GNU_TIME : cmd;
  const argv = measurePeak ? ['-f', '%M', cmd, ...args] : [...args];
  const t0 = performance.now();
  const r = spawnSync(file, argv, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  const ms = performance.now() - t0;
  const out: Run = { ms, status: r.status, stdout: r.stdout };
  if (measurePeak) {
    const lines = r.stderr.trim().split('\n');
    const kb = Number(lines[lines.length - 1]);
    if (Number.isFinite(kb)) out.peakMb = kb / 1024;
  }
  return out;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
export const fmtMs = (ms: number): string => (ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`);
export const fmtMb = (mb: number | undefined): string => (mb === undefined ? 'n/a' : `${mb.toFixed(0)} MB`);

/** The 1-minute load average over the cores (above ~1 the figures are noisy). */
export function loadPerCore(): number {
  try {
    const load = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    return load / Math.max(1, availableParallelism());
  } catch {
    return NaN;
  }
}

/** Every kustomization directory under `root` (hidden folders skipped), sorted. */
export function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const entries = readdirSync(d);
    if (entries.some((e) => e === 'kustomization.yaml' || e === 'kustomization.yml' || e === 'Kustomization'))
      out.push(d);
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(root);
  return out.sort();
}

/** The CLI bundle (`npm run build:cli` makes it). */
export const cliPath = join(repoRoot, 'dist/cli.cjs');

/** A temporary folder removed at exit. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Prints the table (plain text, or Markdown for docs/performance.md). */
export function formatTable(rows: readonly Row[], markdown: boolean): string {
  const head = ['scenario', 'ours', 'reference', 'ratio', 'peak memory', 'target', 'met'];
  const cells = rows.map((r) => [
    r.scenario,
    r.ours,
    r.reference,
    r.ratio,
    r.peak,
    r.target,
    r.met === undefined ? '–' : r.met ? 'yes' : 'NO',
  ]);
  if (markdown) {
    const line = (c: readonly string[]): string => `| ${c.join(' | ')} |`;
    return [line(head), line(head.map(() => '---')), ...cells.map(line)].join('\n');
  }
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

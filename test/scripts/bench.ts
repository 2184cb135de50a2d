/**
 * Benchmark (not a test): kustomize-ts against the reference `kubectl kustomize` over a repository's
 * kustomization directories, in the same run, plus the editor case (re-render after a one-line edit).
 *
 *   npx tsx test/scripts/bench.ts [ROOT] [--no-kubectl] [--runs N]
 *
 * ROOT defaults to ../shared/corpus/fleets/joryirving__home-ops (≈1,100 files). Builds use
 * LoadRestrictionsNone (Flux's setting).
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from '../../src/api/build.js';
import { createSession } from '../../src/api/session.js';
import { BuildCache } from '../../src/build/cache.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { repoRoot, sharedDir } from './shared.js';

const args = process.argv.slice(2);
const root = resolve(
  args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? join(sharedDir, 'corpus/fleets/joryirving__home-ops'),
);
const withKubectl = !args.includes('--no-kubectl');
const runsIdx = args.indexOf('--runs');
const runs = runsIdx >= 0 ? Number(args[runsIdx + 1]) : 3;
const kubectl = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';

function kustomizationDirs(dir: string): string[] {
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
  walk(dir);
  return out.sort();
}

const ms = (t: number): string => `${t.toFixed(0)} ms`;
const dirs = kustomizationDirs(root);
console.log(`root: ${relative(process.cwd(), root) || root} — ${dirs.length} kustomization directories`);

// kustomize-ts, cold (fresh process state per build) and with a shared cache (bases reused).
const fs = nodeFs();
let ok = 0;
let t0 = performance.now();
const ours = new Map<string, string>();
for (const d of dirs) {
  const r = build(d, { fs, loadRestrictor: 'LoadRestrictionsNone' });
  if (r.ok) {
    ok++;
    ours.set(d, r.toYaml());
  }
}
const cold = performance.now() - t0;
const cache = new BuildCache();
for (const d of dirs) build(d, { fs, loadRestrictor: 'LoadRestrictionsNone', cache });
t0 = performance.now();
for (const d of dirs) build(d, { fs, loadRestrictor: 'LoadRestrictionsNone', cache });
const warm = performance.now() - t0;
console.log(
  `kustomize-ts: ${ok}/${dirs.length} built; all dirs ${ms(cold)} (${(cold / dirs.length).toFixed(1)} ms/dir); again with a warm cache ${ms(warm)}`,
);

if (withKubectl && existsSync(kubectl)) {
  let kok = 0;
  let same = 0;
  t0 = performance.now();
  for (const d of dirs) {
    try {
      const out = execFileSync(kubectl, ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', d], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 1 << 28,
      });
      kok++;
      if (ours.get(d) === out) same++;
    } catch {
      // a failing build: counted by the difference
    }
  }
  const kt = performance.now() - t0;
  console.log(
    `kubectl kustomize: ${kok}/${dirs.length} built; all dirs ${ms(kt)} (${(kt / dirs.length).toFixed(1)} ms/dir, one process per dir)`,
  );
  console.log(
    `identical output: ${same}/${kok} of the directories the reference builds; speed-up ${(kt / cold).toFixed(1)}x cold, ${(kt / warm).toFixed(1)}x warm`,
  );
}

// The editor case: re-render an overlay after a one-line edit of its patch.
const overlay = join(repoRoot, 'fixtures/fleet-infra/apps/production');
const patchFile = join(overlay, 'my-app-patch.yaml');
const session = createSession({ base: fs });
session.build(overlay);
const original = readFileSync(patchFile, 'utf8');
const times: number[] = [];
for (let i = 0; i < Math.max(runs, 1) * 10; i++) {
  session.update(patchFile, original.replace(/replicas: \d+/, `replicas: ${6 + (i % 5)}`));
  const t = performance.now();
  session.build(overlay);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(
  `editor re-render of fixtures/fleet-infra/apps/production after a one-line edit: median ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(2)} ms, p90 ${(times[Math.floor(times.length * 0.9)] ?? 0).toFixed(2)} ms`,
);

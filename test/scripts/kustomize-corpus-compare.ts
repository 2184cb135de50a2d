/**
 * Compares kustomize-ts with the reference binaries over every kustomization folder of the heavy kustomize
 * corpus (../shared/corpus/kustomize: kserve, tekton operator, kueue, ocm), for each kustomize version:
 * identical output, or both fail.
 *
 *   npx tsx test/scripts/kustomize-corpus-compare.ts [--version 5.6|5.8|both] [--verbose] [PROJECT...]
 *
 * `--verbose` prints both errors of every folder both sides reject.
 */
/// <reference types="node" />
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from '../../src/api/build.js';
import type { KustomizeVersion } from '../../src/kustomization/versions.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { referenceMissing, runReference } from './reference-binaries.js';
import { sharedDir } from './shared.js';

const args = process.argv.slice(2);
const vi = args.indexOf('--version');
const versionArg = vi >= 0 ? args[vi + 1] : 'both';
const versions: KustomizeVersion[] = versionArg === 'both' ? ['5.8', '5.6'] : [versionArg as KustomizeVersion];
const verbose = args.includes('--verbose');
const wanted = args.filter((a, i) => !a.startsWith('--') && i !== vi + 1);
const root = join(sharedDir, 'corpus', 'kustomize');
const KUSTOMIZATION = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** Every folder holding a kustomization file, sorted. */
function kustomizationDirs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const entries = readdirSync(d).sort();
    if (entries.some((e) => KUSTOMIZATION.has(e))) out.push(d);
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

interface Side {
  ok: boolean;
  out: string;
  error: string;
}

function reference(version: KustomizeVersion, dir: string): Side {
  const r = runReference(version, dir);
  return { ok: r.ok, out: r.stdout, error: r.error.split('\n')[0] ?? '' };
}

function ours(version: KustomizeVersion, dir: string): Side {
  const r = build(dir, { fs: nodeFs(), kustomizeVersion: version });
  const e = r.diagnostics.find((d) => d.severity === 'error');
  return { ok: r.ok, out: r.ok ? r.toYaml() : '', error: e ? `${e.code}: ${e.message}` : '' };
}

for (const v of versions) {
  const missing = referenceMissing(v);
  if (missing) throw new Error(missing);
}
if (!existsSync(root)) throw new Error(`${root} is absent`);
const projects = readdirSync(root).filter(
  (p) => statSync(join(root, p)).isDirectory() && (wanted.length === 0 || wanted.includes(p)),
);
const totals = new Map<KustomizeVersion, { same: number; bothFail: number; total: number }>();
for (const v of versions) totals.set(v, { same: 0, bothFail: 0, total: 0 });
for (const project of projects) {
  for (const dir of kustomizationDirs(join(root, project))) {
    const name = relative(root, dir);
    for (const v of versions) {
      const t = totals.get(v) as { same: number; bothFail: number; total: number };
      t.total++;
      const a = ours(v, dir);
      const b = reference(v, dir);
      if (a.ok && b.ok && a.out === b.out) t.same++;
      else if (!a.ok && !b.ok) {
        t.bothFail++;
        if (verbose)
          console.log(`BOTH FAIL [${v}] ${name}\n  ours: ${a.error.slice(0, 200)}\n  ref:  ${b.error.slice(0, 200)}`);
      } else {
        const why = a.ok && b.ok ? 'output differs' : a.ok ? `reference fails: ${b.error}` : `ours fails: ${a.error}`;
        console.log(`DIFF [${v}] ${name}: ${why.slice(0, 300)}`);
      }
    }
  }
}
for (const [v, t] of totals) {
  console.log(
    `kustomize ${v}: ${t.same + t.bothFail} of ${t.total} builds identical (${t.same} same output, ${t.bothFail} rejected by both)`,
  );
}

/**
 * `npx tsx test/scripts/flux-kubectl-parity.ts [FLEETS_DIR] [--fleet NAME] [--kustomize-version 5.8|5.6] [--verbose]`:
 * for every Flux Kustomization of every corpus cluster, compares kustomize-ts's objects (kustomize phase,
 * before Flux's substitution and owner labels) with the reference of the kustomize version (5.8, the
 * default and Flux 2.9's: `kustomize-5.8.1 build`; 5.6: `kubectl.1.33 kustomize`), built as the controller
 * builds (LoadRestrictionsNone, no legacy sort):
 *
 * - paths with their own kustomization file and no Flux overrides (the controller builds them unchanged):
 *   `<reference> --load-restrictor LoadRestrictionsNone --reorder none <path>` on the path itself;
 * - generated or edited kustomizations: the same on a copy of the source artifact where the kustomization
 *   the controller writes replaces the file.
 *
 * Prints per cluster and kind: compared, equal, both failed, different, only one failed; with --verbose the
 * first differing line of each difference. Exit status 1 when any output differs.
 */
/// <reference types="node" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import type { FileSystem } from '../../src/fs/types.js';
import { readFluxInstanceSync, renderFleet } from '../../src/flux/index.js';
import { nodeFs } from '../../src/node/index.js';
import { emitDocuments } from '../../src/yaml/emit.js';
import { parseYamlStream } from '../../src/yaml/parse.js';
import { isMap, type YamlMap } from '../../src/yaml/values.js';
import { corpusClusters } from './flux-corpus-entries.js';
import { sharedDir } from './shared.js';
import { runReference } from './reference-binaries.js';
import { DEFAULT_KUSTOMIZE_VERSION, parseKustomizeVersion } from '../../src/kustomization/versions.js';

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i])
      return `line ${i + 1}: kustomize-ts ${JSON.stringify(al[i] ?? '<end>')} vs kubectl ${JSON.stringify(bl[i] ?? '<end>')}`;
  }
  return 'identical';
}

function readInstance(file: string): YamlMap | undefined {
  const stream = parseYamlStream(readFileSync(file, 'utf8'), { file });
  return stream.documents
    .map((d) => d.value)
    .find((v): v is YamlMap => isMap(v) && readFluxInstanceSync(v) !== undefined);
}

type Counts = {
  compared: number;
  equal: number;
  bothFailed: number;
  different: number;
  kubectlOnly: number;
  oursOnly: number;
};
const zero = (): Counts => ({ compared: 0, equal: 0, bothFailed: 0, different: 0, kubectlOnly: 0, oursOnly: 0 });

function copyTree(fs: FileSystem, from: string, to: string): void {
  for (const name of fs.readDir(from)) {
    const src = posix.join(from, name);
    const st = fs.stat(src);
    if (!st) continue;
    const dst = join(to, name);
    if (st.type === 'dir') {
      mkdirSync(dst, { recursive: true });
      copyTree(fs, src, dst);
    } else writeFileSync(dst, fs.readFile(src));
  }
}

function main(): number {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const fleetIdx = args.indexOf('--fleet');
  const only = fleetIdx >= 0 ? args[fleetIdx + 1] : undefined;
  const versionIdx = args.indexOf('--kustomize-version');
  const version = parseKustomizeVersion(versionIdx >= 0 ? (args[versionIdx + 1] ?? '') : DEFAULT_KUSTOMIZE_VERSION);
  if (!version) {
    console.error('--kustomize-version: use 5.8 or 5.6');
    return 2;
  }
  const dir = resolve(
    args.find((a, i) => !a.startsWith('--') && i !== fleetIdx + 1 && i !== versionIdx + 1) ??
      join(sharedDir, 'corpus', 'fleets'),
  );
  if (!existsSync(dir)) {
    console.log(`skipped: no fleet corpus at ${dir}`);
    return 0;
  }
  const fs = nodeFs();
  let differ = 0;
  const total = { unchanged: zero(), edited: zero() };
  console.log(
    [
      'fleet',
      'cluster',
      'kustomization',
      'compared',
      'equal',
      'both failed',
      'different',
      'only kubectl ok',
      'only kustomize-ts ok',
    ].join('\t'),
  );
  for (const f of corpusClusters) {
    if (only && f.fleet !== only) continue;
    const root = join(dir, f.fleet);
    if (!existsSync(root)) continue;
    for (const cluster of f.clusters) {
      const instance = f.fluxInstance ? readInstance(join(root, f.fluxInstance)) : undefined;
      const r = renderFleet(root, {
        fs,
        cluster,
        ...(f.sources ? { sources: f.sources } : {}),
        ...(instance ? { fluxInstance: instance } : {}),
        kustomizeVersion: version,
      });
      const counts = { unchanged: zero(), edited: zero() };
      const copies = new Map<string, string>();
      try {
        for (const k of r.kustomizations) {
          if (k.generated === undefined || k.dir === undefined || k.source.root === undefined) continue;
          const kind = k.generated === 'unchanged' ? 'unchanged' : 'edited';
          const c = counts[kind];
          let target = k.dir;
          let restore: (() => void) | undefined;
          if (kind === 'edited' || k.source.root.startsWith('/external-artifacts')) {
            const srcRoot = k.source.root;
            let copy = copies.get(srcRoot);
            const view = r.sourceFileSystems.get(srcRoot);
            if (!view) continue;
            if (!copy) {
              copy = mkdtempSync(join(tmpdir(), 'flux-parity-'));
              copyTree(view, srcRoot, copy);
              copies.set(srcRoot, copy);
            }
            target = join(copy, posix.relative(srcRoot, k.dir));
            if (k.kustomization) {
              const file = join(copy, posix.relative(srcRoot, k.kustomization.file));
              const before = existsSync(file) ? readFileSync(file) : undefined;
              writeFileSync(file, k.kustomization.text);
              restore = () => (before ? writeFileSync(file, before) : rmSync(file));
            }
          }
          c.compared++;
          const ref = runReference(version, target, ['--load-restrictor', 'LoadRestrictionsNone', '--reorder', 'none']);
          const res = { status: ref.ok ? 0 : 1, stdout: ref.stdout, stderr: ref.error };
          restore?.();
          const oursOk = !k.diagnostics.some((d) => d.severity === 'error' && !d.code.startsWith('flux/'));
          const ours = emitDocuments(k.kustomizeObjects.map((o) => o.object));
          if (res.status !== 0 && !oursOk) c.bothFailed++;
          else if (res.status !== 0) {
            c.oursOnly++;
            differ++;
            if (verbose) console.log(`  ${k.id} ${k.path} (${kind}): kubectl failed: ${res.stderr.split('\n')[0]}`);
          } else if (!oursOk) {
            c.kubectlOnly++;
            differ++;
            if (verbose)
              console.log(
                `  ${k.id} ${k.path} (${kind}): kustomize-ts failed: ${k.diagnostics.find((d) => d.severity === 'error')?.message.slice(0, 300)}`,
              );
          } else if (ours === res.stdout) c.equal++;
          else {
            c.different++;
            differ++;
            if (verbose) console.log(`  ${k.id} ${k.path} (${kind}): ${firstDifference(ours, res.stdout)}`);
          }
        }
      } finally {
        for (const c of copies.values()) rmSync(c, { recursive: true, force: true });
      }
      for (const kind of ['unchanged', 'edited'] as const) {
        const c = counts[kind];
        for (const key of Object.keys(c) as (keyof Counts)[]) total[kind][key] += c[key];
        console.log(
          [f.fleet, cluster, kind, c.compared, c.equal, c.bothFailed, c.different, c.kubectlOnly, c.oursOnly].join(
            '\t',
          ),
        );
      }
    }
  }
  for (const kind of ['unchanged', 'edited'] as const) {
    const c = total[kind];
    console.log(
      [
        `TOTAL (kustomize ${version})`,
        '',
        kind,
        c.compared,
        c.equal,
        c.bothFailed,
        c.different,
        c.kubectlOnly,
        c.oursOnly,
      ].join('\t'),
    );
  }
  return differ > 0 ? 1 : 0;
}

process.exitCode = main();

/// <reference types="node" />
/**
 * `kustomize-ts build DIR DIR…` and `build --recursive ROOT`: many folders rendered in one process, the
 * way CI scripts use kustomize once per folder, but with every file read and parsed once (one file-system
 * snapshot and one build cache for the whole run). Each output is exactly `kustomize build DIR`'s.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname as hostDirname, join as hostJoin } from 'node:path';
import { build } from '../../api/build.js';
import { BuildCache } from '../../build/cache.js';
import type { BuildOptions } from '../../build/options.js';
import { dirname, join, relative } from '../../fs/path.js';
import { snapshotFs } from '../../fs/snapshot.js';
import type { FileSystem } from '../../fs/types.js';
import { kustomizationFileNames } from '../../kustomization/load.js';
import { nodeFs } from '../../node/node-fs.js';
import { printDiagnostics, type Io } from '../io.js';

/** Options of {@link buildMany}. */
export interface BuildManyOptions {
  /** Build every kustomization folder under each directory. */
  recursive: boolean;
  /** A directory for one file per folder, instead of stdout. */
  output: string | undefined;
  build: Omit<BuildOptions, 'fs' | 'cache'>;
}

/** Every folder holding a kustomization file under `root` (itself included), hidden folders skipped. */
export function kustomizationFolders(fs: FileSystem, root: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string): void => {
    // A symlink back up the tree must not loop.
    const real = fs.realPath ? fs.realPath(dir) : dir;
    if (seen.has(real)) return;
    seen.add(real);
    const names = fs.readDir(dir).sort();
    if (kustomizationFileNames.some((n) => names.includes(n) && fs.stat(join(dir, n))?.type === 'file')) out.push(dir);
    for (const n of names) {
      if (n.startsWith('.')) continue;
      const child = join(dir, n);
      if (fs.stat(child)?.type === 'dir') walk(child);
    }
  };
  if (fs.stat(root)?.type === 'dir') walk(root);
  else out.push(root); // not a folder: its build reports the error
  return out;
}

/** The deepest folder containing every path. */
function commonAncestor(paths: readonly string[]): string {
  let common = paths[0] ?? '/';
  for (const p of paths) {
    while (common !== '/' && p !== common && !p.startsWith(`${common}/`)) common = dirname(common);
  }
  return common;
}

/** Builds every folder of `dirs` (absolute), or every kustomization folder under them. Returns the exit status. */
export function buildMany(dirs: readonly string[], options: BuildManyOptions, io: Io): number {
  const fs = snapshotFs(nodeFs());
  const cache = new BuildCache();
  const folders = options.recursive ? dirs.flatMap((d) => kustomizationFolders(fs, d)) : [...dirs];
  // Output names are paths from the parent of the folders given (so -r apps writes out/apps/...).
  const base = dirname(commonAncestor(dirs));
  let failed = 0;
  let first = true;
  for (const dir of folders) {
    const label = relative(base, dir);
    const result = build(dir, { ...options.build, fs, cache });
    printDiagnostics(result.diagnostics, io);
    if (!result.ok) {
      failed++;
      continue;
    }
    const yaml = result.toYaml();
    if (options.output !== undefined) {
      const file = hostJoin(options.output, `${label}.yaml`);
      mkdirSync(hostDirname(file), { recursive: true });
      writeFileSync(file, yaml);
    } else {
      io.out(`${first ? '' : '---\n'}# build ${label}\n${yaml}`);
      first = false;
    }
  }
  if (failed > 0) io.err(`${failed} of ${folders.length} folders failed to build\n`);
  return failed > 0 ? 1 : 0;
}

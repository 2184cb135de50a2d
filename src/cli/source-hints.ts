/**
 * Hints for a Flux source mapped to the wrong folder: a Kustomization's `spec.path` is relative to its
 * source's root, which is not always the repository root (an OCIRepository pushed from `./kubernetes`, a
 * ROOT given one level too deep). When the path is missing in the mapped folder but exists under one of
 * its parents or subfolders, the hint names the `--source` that fixes it.
 */
/// <reference types="node" />
import { relative as hostRelative } from 'node:path';
import type { FleetResult } from '../flux/fleet/index.js';
import { dirname, join } from '../fs/path.js';
import type { FileSystem } from '../fs/types.js';

const SUBFOLDER_DEPTH = 2;
const PARENT_DEPTH = 3;

function subfolders(fs: FileSystem, dir: string, depth: number): string[] {
  if (depth === 0) return [];
  let names: string[];
  try {
    names = fs.readDir(dir).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names) {
    if (n.startsWith('.') || n === 'node_modules') continue;
    const d = join(dir, n);
    if (fs.stat(d)?.type !== 'dir') continue;
    out.push(d, ...subfolders(fs, d, depth - 1));
  }
  return out;
}

function parents(dir: string): string[] {
  const out: string[] = [];
  for (let d = dirname(dir); out.length < PARENT_DEPTH && d !== out[out.length - 1]; d = dirname(d)) {
    out.push(d);
    if (d === '/') break;
  }
  return out;
}

/** The folder under which `path` exists, near `root` (its parents first, then its subfolders). */
function folderHolding(fs: FileSystem, root: string, path: string): string | undefined {
  for (const c of [...parents(root), ...subfolders(fs, root, SUBFOLDER_DEPTH)])
    if (fs.stat(join(c, path))?.type === 'dir') return c;
  return undefined;
}

/** One hint per source whose Kustomization paths are missing in its folder but exist nearby. */
export function sourceHints(result: FleetResult, fs: FileSystem, cwd: string): string[] {
  const hints = new Map<string, string>();
  for (const k of result.kustomizations) {
    const root = k.source.root;
    if (k.status !== 'failed' || root === undefined || k.path === '') continue;
    const key = `${k.source.kind}/${k.source.namespace}/${k.source.name}`;
    if (hints.has(key) || fs.stat(join(root, k.path))?.type === 'dir') continue;
    const holder = folderHolding(fs, root, k.path);
    if (holder === undefined) continue;
    const show = (p: string): string => hostRelative(cwd, p) || '.';
    hints.set(
      key,
      `${k.source.kind} ${k.source.namespace}/${k.source.name} is read from ${show(root)}, where ${k.path} (Kustomization ${k.id}) does not exist; it exists under ${show(holder)}: pass --source ${k.source.name}=${show(holder)}`,
    );
  }
  return [...hints.values()];
}

/**
 * Reusing the render of a Flux Kustomization across fleet renders (editor sessions, repeated lint runs):
 * the kustomize phase is kept in the build cache under a key made of everything it depends on besides the
 * files (the Kustomization's spec and where it is defined, the source view), and the files it reads are
 * recorded as its dependencies; the postBuild phase is kept under the kustomize phase's key and the
 * variables it substitutes (the ConfigMaps and Secrets of `substituteFrom`, as found in the cluster).
 */
import type { BuildCache } from '../build/cache.js';
import type { FileSystem } from '../fs/types.js';
import type { KustomizePhase, PostBuildPhase } from './build.js';
import type { FluxKustomization, ObjectLocation } from './model.js';
import type { ClusterObject } from './substitute.js';

/** JSON of plain data (bigints included). */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** {@link stableKey} of an object that is never mutated, computed once per object. */
const keysByObject = new WeakMap<object, string>();
export function objectKey(value: object): string {
  let key = keysByObject.get(value);
  if (key === undefined) keysByObject.set(value, (key = stableKey(value)));
  return key;
}

/**
 * A short id for a long key part (the JSON of an object): keys stay short to hash. Ids are never reused, so
 * a key made before the table was emptied (it is, past a bound) never means anything else.
 */
const idsByText = new Map<string, number>();
let nextId = 0;
function textId(text: string): number {
  let id = idsByText.get(text);
  if (id === undefined) {
    if (idsByText.size >= 100_000) idsByText.clear();
    idsByText.set(text, (id = nextId++));
  }
  return id;
}

/** Where a Kustomization is defined: the file and the offset of its document (positions of its findings). */
function whereKey(where: ObjectLocation | undefined): unknown {
  if (!where) return null;
  const range = where.node?.range;
  // Positions of what a parent's patch wrote: kept results carry them (remapped field origins, diagnostics).
  const set = [...(where.fieldOrigins ?? [])].map(([p, o]) => [p, o.file, o.range?.start.offset ?? null]);
  return [where.file ?? null, range ? [range[0], range[1]] : null, set];
}

/** The key of a Kustomization's kustomize phase on a source view (root and ignore patterns). */
export function kustomizePhaseKey(
  ks: FluxKustomization,
  where: ObjectLocation | undefined,
  root: string,
  patterns: unknown,
): string {
  const p = textId(typeof patterns === 'object' && patterns !== null ? objectKey(patterns) : stableKey(patterns));
  return `flux-kustomize\0${root}\0${p}\0${stableKey(whereKey(where))}\0${ks.namespace}/${ks.name}\0${textId(objectKey(ks.object))}`;
}

/** The kustomize phase of `key`, computed by `run` on a file system that records what it reads. */
export function memoKustomizePhase(
  cache: BuildCache,
  key: string,
  fs: FileSystem,
  run: (tracked: FileSystem) => KustomizePhase,
): KustomizePhase {
  return cache.memo(key, fs, () => run(cache.track(fs))).value;
}

/** A number for each kustomize phase result: a phase computed again (its files changed) gets a new one. */
const phaseIds = new WeakMap<KustomizePhase, number>();
let nextPhaseId = 0;
function phaseId(phase: KustomizePhase): number {
  let id = phaseIds.get(phase);
  if (id === undefined) phaseIds.set(phase, (id = nextPhaseId++));
  return id;
}

/** The key of a postBuild phase: the kustomize phase (this result of it), and what `substituteFrom` finds. */
export function postBuildKey(
  phaseKey: string,
  phase: KustomizePhase,
  ks: FluxKustomization,
  lookup: (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => ClusterObject | undefined,
  strict: boolean | undefined,
): string {
  // Objects keep their identity while unchanged: their JSON is made once.
  const found = (ks.postBuild?.substituteFrom ?? []).map((ref) => {
    const o = lookup(ref.kind, ks.namespace, ref.name);
    return o ? `${stableKey([o.renderedBy ?? null, whereKey(o.where)])}\0${textId(objectKey(o.object))}` : '-';
  });
  return `flux-post-build\0${phaseKey}\0${phaseId(phase)}\0${String(strict ?? null)}\0${found.join('\0')}`;
}

/** The postBuild phase of `key`, computed by `run` on a file system that records what it reads. */
export function memoPostBuild(
  cache: BuildCache,
  key: string,
  fs: FileSystem | undefined,
  run: (tracked: FileSystem | undefined) => PostBuildPhase,
): PostBuildPhase {
  if (!fs) return memoPure(cache, key, () => run(undefined));
  return cache.memo(key, fs, () => run(cache.track(fs))).value;
}

/** A value that depends on its key alone (no file), kept in the cache. */
export function memoPure<T>(cache: BuildCache, key: string, run: () => T): T {
  return cache.pure(key, run);
}

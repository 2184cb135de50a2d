/**
 * Finding the clusters of a repository without being told: a folder holding the Flux Kustomization that
 * syncs that same folder (what `flux bootstrap` writes: `clusters/<env>/flux-system/gotk-sync.yaml` with
 * `path: ./clusters/<env>`), or the `sync.path` of a Flux Operator `FluxInstance` (the object, a
 * HelmRelease of the `flux-instance` chart, or that chart's values file). When a sync path does not exist
 * under the root, the nearest ancestor folder of the FluxInstance file that holds it is taken as the
 * artifact root (an OCI artifact built from a sub-folder) and the sync source is mapped to it. Last, the
 * bootstrap layout whose gotk-sync.yaml is a placeholder: a folder with a `flux-system/` kustomization
 * listing the gotk files, or holding Flux Kustomizations next to its `flux-system/`, or a folder under
 * `clusters/` holding Flux Kustomizations synced from `flux-system`.
 */
import { basename, isWithin, relative, resolve, dirname } from '../fs/path.js';
import { resolveSpecPath } from '../flux/build.js';
import { isFluxKustomization } from '../flux/model.js';
import { fluxInstanceSyncOnce, fluxKustomizationOnce } from '../flux/model-once.js';
import type { Range } from '../diagnostics/diagnostic.js';
import type { Origin } from '../resources/origin.js';
import { isMap, type YamlMap } from '../yaml/values.js';
import type { RepoFile, RepoIndex } from './repo.js';

/** A cluster found in the repository. */
export interface DiscoveredCluster {
  /** The cluster folder relative to the root (`.` for the root). */
  name: string;
  /** Absolute cluster folder. */
  dir: string;
  /** How it was found. */
  how: 'bootstrap' | 'FluxInstance';
  /** The FluxInstance (or flux-instance HelmRelease, or chart values) to start from. */
  fluxInstance?: YamlMap;
  /** Source mappings needed to render it (relative to the root). */
  sources?: Record<string, string>;
  /** The FluxInstance object and where it was read (for positions on its fields). */
  instance?: { object: YamlMap; origin: Origin };
  /** The file and range of the object that made it a cluster (absent for a folder named by the user). */
  definedIn?: { file: string; range: Range };
}

function isDir(repo: RepoIndex, p: string): boolean {
  return repo.fs.stat(p)?.type === 'dir';
}

function relName(root: string, dir: string): string {
  const r = relative(root, dir);
  return r === '' ? '.' : r;
}

type RepoDocument = RepoFile['documents'][number];

/** The folder a `flux bootstrap` sync Kustomization syncs, when it is the folder holding it. */
function bootstrapCluster(repo: RepoIndex, f: RepoFile, doc: RepoDocument, v: YamlMap): DiscoveredCluster | undefined {
  const { kustomization: ks } = fluxKustomizationOnce(v);
  if (ks.sourceRef.name !== 'flux-system' || ks.suspend) return undefined;
  const dir = resolveSpecPath(repo.root, ks.path);
  if (!isWithin(dir, f.path) || !isDir(repo, dir)) return undefined;
  return { name: relName(repo.root, dir), dir, how: 'bootstrap', definedIn: { file: f.path, range: doc.range } };
}

/**
 * The `sync.path` of a FluxInstance, under the root or else under the nearest ancestor folder of its file
 * that holds it (that folder is then the artifact root the sync source maps to).
 */
function instanceCluster(repo: RepoIndex, f: RepoFile, doc: RepoDocument, v: YamlMap): DiscoveredCluster | undefined {
  const root = repo.root;
  const sync = fluxInstanceSyncOnce(v);
  if (!sync || sync.path.includes('${')) return undefined;
  const bases = [root];
  for (let d = dirname(f.path); isWithin(root, d) && d !== root; d = dirname(d)) bases.push(d);
  const base = bases.find((b) => isDir(repo, resolveSpecPath(b, sync.path)));
  if (base === undefined) return undefined;
  const dir = resolveSpecPath(base, sync.path);
  const c: DiscoveredCluster = {
    name: relName(root, dir),
    dir,
    how: 'FluxInstance',
    fluxInstance: v,
    instance: {
      object: v,
      origin: { file: f.path, range: doc.range, documentIndex: doc.index, node: doc.node, lineCounter: f.lineCounter },
    },
    definedIn: { file: f.path, range: doc.range },
  };
  if (base !== root) c.sources = { [sync.name]: relative(root, base) };
  return c;
}

/** Adds the clusters the sync objects name: bootstrap folders first, then FluxInstance sync paths. */
function addSyncedClusters(repo: RepoIndex, found: Map<string, DiscoveredCluster>): void {
  const instances: DiscoveredCluster[] = [];
  for (const f of repo.files) {
    for (const doc of f.documents) {
      const v = doc.value;
      if (!isMap(v)) continue;
      if (isFluxKustomization(v)) {
        const c = bootstrapCluster(repo, f, doc, v);
        if (c && !found.has(c.dir)) found.set(c.dir, c);
        continue;
      }
      const c = instanceCluster(repo, f, doc, v);
      if (c) instances.push(c);
    }
  }
  for (const c of instances) if (!found.has(c.dir)) found.set(c.dir, c);
}

/**
 * The bootstrap layout without a usable gotk-sync.yaml (a placeholder, a template): a folder with a
 * flux-system/ kustomization that lists the gotk files, or next to Flux Kustomizations of the folder.
 */
function addPlaceholderBootstraps(repo: RepoIndex, found: Map<string, DiscoveredCluster>): void {
  for (const k of repo.kustomizations.values()) {
    if (basename(k.dir) !== 'flux-system') continue;
    const dir = dirname(k.dir);
    if (found.has(dir) || !isWithin(repo.root, dir)) continue;
    const gotk = k.refs.resourceFiles.some((f) => /^gotk-(components|sync)\.ya?ml$/.test(basename(f)));
    const fluxHere =
      !gotk &&
      repo.files.some(
        (f) => dirname(f.path) === dir && f.documents.some((d) => isMap(d.value) && isFluxKustomization(d.value)),
      );
    if (!gotk && !fluxHere) continue;
    const range = k.document?.range ?? {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1, column: 1, offset: 0 },
    };
    found.set(dir, { name: relName(repo.root, dir), dir, how: 'bootstrap', definedIn: { file: k.file, range } });
  }
}

/**
 * `flux bootstrap --path=clusters/<name>` before the bootstrap files are committed: a folder under
 * `clusters/` holding Flux Kustomizations synced from flux-system.
 */
function addPendingBootstraps(repo: RepoIndex, found: Map<string, DiscoveredCluster>): void {
  for (const f of repo.files) {
    const dir = dirname(f.path);
    if (found.has(dir) || basename(dirname(dir)) !== 'clusters' || !isWithin(repo.root, dir)) continue;
    const doc = f.documents.find(
      (d) =>
        isMap(d.value) &&
        isFluxKustomization(d.value) &&
        fluxKustomizationOnce(d.value).kustomization.sourceRef.name === 'flux-system',
    );
    if (!doc) continue;
    found.set(dir, {
      name: relName(repo.root, dir),
      dir,
      how: 'bootstrap',
      definedIn: { file: f.path, range: doc.range },
    });
  }
}

/** Every cluster of the repository, bootstrap folders first, each folder once, in path order. */
export function discoverClusters(repo: RepoIndex): DiscoveredCluster[] {
  const found = new Map<string, DiscoveredCluster>();
  addSyncedClusters(repo, found);
  addPlaceholderBootstraps(repo, found);
  addPendingBootstraps(repo, found);
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A cluster named by the user (`--cluster DIR`): the folder, relative to the root or absolute. */
export function namedCluster(root: string, dir: string): DiscoveredCluster {
  const abs = resolve(root, dir);
  return { name: relName(root, abs), dir: abs, how: 'bootstrap' };
}

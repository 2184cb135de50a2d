/**
 * Stage "entry": where rendering a cluster starts. The cluster folder is built as Flux builds a path (as the
 * bootstrap `flux-system` Kustomization does); a `FluxInstance` in it (or one given) makes its `sync.path`
 * the entry instead, with its `kustomize.patches` applied to the sync Kustomization it generates. The
 * Kustomization that syncs the entry folder (gotk-sync.yaml) replaces the made-up one when it is found.
 */
import { build } from '../../build/build.js';
import { diagnostic, type Diagnostic, type Range } from '../../diagnostics/diagnostic.js';
import { memoryFs } from '../../fs/memory.js';
import { isWithin } from '../../fs/path.js';
import { emitDocument } from '../../yaml/emit.js';
import type { YamlMap, YamlValue } from '../../yaml/values.js';
import { resolveSpecPath, toSpecPath } from '../build.js';
import {
  isFluxKustomization,
  objectMeta,
  readFluxInstanceSync,
  readFluxKustomization,
  type FluxInstanceSync,
  type FluxKustomization,
} from '../model.js';
import { SYNTHETIC_NAME, type FleetContext } from './context.js';
import { locationOf, newEntry, type FleetEntry } from './entries.js';
import { kustomizeEntry } from './render.js';

function syntheticObject(name: string, namespace: string, path: string, kind: string, source: string): YamlMap {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace },
    spec: { interval: '10m', path, prune: true, sourceRef: { kind, name: source } },
  };
}

/**
 * Applies a FluxInstance's `kustomize.patches` to the sync Kustomization it generates, with the engine
 * (patches targeting other objects select nothing and are skipped).
 */
function applyInstancePatches(
  obj: YamlMap,
  patches: readonly YamlValue[],
): { object: YamlMap; diagnostics: Diagnostic[] } {
  if (patches.length === 0) return { object: obj, diagnostics: [] };
  const fs = memoryFs({
    '/flux-instance/kustomization.yaml': emitDocument({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['sync.yaml'],
      patches: [...patches],
    }),
    '/flux-instance/sync.yaml': emitDocument(obj),
  });
  const r = build('/flux-instance', { fs });
  const out = r.resources.find((x) => isFluxKustomization(x.object));
  if (r.ok && out) return { object: out.object, diagnostics: [] };
  const diagnostics = r.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({
      ...d,
      severity: 'warning' as const,
      message: `the FluxInstance kustomize.patches could not be applied to its sync Kustomization: ${d.message}`,
    }));
  return { object: obj, diagnostics };
}

/** The Kustomization a FluxInstance generates for its sync, with the instance's patches applied, kustomized. */
function instanceEntry(
  ctx: FleetContext,
  sync: FluxInstanceSync,
  where: { file?: string; range?: Range } | undefined,
  label: string,
): FleetEntry {
  const patched = applyInstancePatches(
    syntheticObject(sync.name, sync.namespace, sync.path, sync.kind, sync.name),
    sync.patches,
  );
  const e = newEntry(readFluxKustomization(patched.object).kustomization, undefined, undefined, true, []);
  e.result.diagnostics.push(
    diagnostic('flux/entry-point', 'info', `entry point: ${label} syncs ${sync.kind}/${sync.name} path ${sync.path}`, {
      file: where?.file,
      range: where?.range,
      source: 'flux',
    }),
    ...patched.diagnostics,
  );
  ctx.result.entry = { kind: 'FluxInstance', id: e.result.id, path: sync.path, instance: sync };
  kustomizeEntry(ctx, e);
  return e;
}

/** No entry point: reports why. */
function noEntry(ctx: FleetContext, message: string, file?: string): void {
  ctx.result.diagnostics.push(diagnostic('flux/cluster-not-found', 'error', message, { file, source: 'flux' }));
}

function instanceFromOption(ctx: FleetContext, instance: YamlMap): FleetEntry | undefined {
  const sync = readFluxInstanceSync(instance);
  if (!sync) {
    noEntry(
      ctx,
      'the fluxInstance option is neither a FluxInstance, a flux-instance HelmRelease nor flux-instance chart values with instance.sync.path',
    );
    return undefined;
  }
  return instanceEntry(ctx, sync, undefined, 'the given FluxInstance');
}

/** The first FluxInstance among the cluster folder's objects, unless it syncs that very folder unpatched. */
function instanceInFolder(ctx: FleetContext, folder: FleetEntry, clusterReal: string): FleetEntry | undefined {
  for (const o of folder.phase?.objects ?? []) {
    const sync = readFluxInstanceSync(o.object);
    if (!sync) continue;
    const v = ctx.sources.view(sync.kind, sync.namespace, sync.name);
    const syncDir = typeof v === 'string' ? undefined : ctx.sources.realDir(resolveSpecPath(v.root, sync.path));
    if (syncDir === clusterReal && sync.patches.length === 0) return undefined;
    const m = objectMeta(o.object);
    const where: { file?: string; range?: Range } = { file: o.origin.file };
    if (o.origin.range) where.range = o.origin.range;
    return instanceEntry(ctx, sync, where, `${m.kind} ${m.namespace}/${m.name}`);
  }
  return undefined;
}

function clusterFolderEntry(ctx: FleetContext): FleetEntry | undefined {
  const dir = ctx.clusterDir;
  if (ctx.options.cluster === undefined || ctx.fs.stat(dir)?.type !== 'dir') {
    noEntry(ctx, `cluster folder ${dir} does not exist or is not a directory`, dir);
    return undefined;
  }
  const view = ctx.sources.view('GitRepository', SYNTHETIC_NAME, SYNTHETIC_NAME);
  const entryRoot = typeof view === 'string' ? ctx.rootDir : view.root;
  const clusterReal = ctx.sources.realDir(dir) ?? dir;
  if (!isWithin(entryRoot, clusterReal)) {
    noEntry(ctx, `cluster folder ${dir} is not inside the flux-system source ${entryRoot}`, dir);
    return undefined;
  }
  const path = toSpecPath(entryRoot, clusterReal);
  const object = syntheticObject(SYNTHETIC_NAME, SYNTHETIC_NAME, path, 'GitRepository', SYNTHETIC_NAME);
  const folder = newEntry(readFluxKustomization(object).kustomization, undefined, undefined, true, []);
  ctx.result.entry.path = path;
  kustomizeEntry(ctx, folder);
  return instanceInFolder(ctx, folder, clusterReal) ?? folder;
}

/** The fields that change what a Kustomization renders (besides its identity). */
function renderingFields(ks: FluxKustomization): string {
  const { targetNamespace, namePrefix, nameSuffix, patches, patchesStrategicMerge, patchesJson6902 } = ks;
  const { images, components, ignoreMissingComponents, commonMetadata, postBuild, decryption, buildMetadata } = ks;
  return JSON.stringify({
    ...{ name: ks.name, namespace: ks.namespace, targetNamespace, namePrefix, nameSuffix },
    ...{ patches, patchesStrategicMerge, patchesJson6902, images, components, ignoreMissingComponents },
    ...{ commonMetadata, postBuild, decryption, buildMetadata },
  });
}

/** Gives `to` what rendering `from` produced (they render the same). */
function copyRender(from: FleetEntry, to: FleetEntry): void {
  if (from.phase) to.phase = from.phase;
  if (from.view) to.view = from.view;
  const [a, b] = [from.result, to.result];
  if (a.dir !== undefined) b.dir = a.dir;
  if (a.source.root !== undefined) b.source.root = a.source.root;
  if (a.generated !== undefined) b.generated = a.generated;
  if (a.kustomization !== undefined) b.kustomization = a.kustomization;
  b.kustomizeObjects = a.kustomizeObjects;
  b.unmatchedPatchTargets = a.unmatchedPatchTargets;
  b.status = a.status;
  b.diagnostics.push(...a.diagnostics);
}

/** The Kustomization among the entry's objects that syncs the entry's own folder (gotk-sync.yaml), if any. */
function syncKustomization(ctx: FleetContext, entry: FleetEntry): FleetEntry | undefined {
  const entryDir = entry.phase?.dir;
  if (entryDir === undefined) return undefined;
  for (const o of entry.phase?.objects ?? []) {
    if (!isFluxKustomization(o.object)) continue;
    const where = locationOf(o);
    const { kustomization: ks, diagnostics } = readFluxKustomization(o.object, where);
    const v = ctx.sources.view(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name);
    if (typeof v === 'string' || v.root !== entry.view?.root) continue;
    if (ctx.sources.realDir(resolveSpecPath(v.root, ks.path)) === entryDir)
      return newEntry(ks, where, undefined, false, diagnostics);
  }
  return undefined;
}

/** Adopts the Kustomization that syncs the entry folder: the render is reused when it renders the same. */
function adoptSyncKustomization(ctx: FleetContext, entry: FleetEntry): FleetEntry {
  const adopted = syncKustomization(ctx, entry);
  if (!adopted) return entry;
  if (entry.phase && renderingFields(adopted.ks) === renderingFields(entry.ks)) copyRender(entry, adopted);
  else kustomizeEntry(ctx, adopted);
  return adopted;
}

/** The entry point of the render, kustomized; undefined (with a diagnostic) when there is none. */
export function findEntry(ctx: FleetContext): FleetEntry | undefined {
  const instance = ctx.options.fluxInstance;
  const entry = instance ? instanceFromOption(ctx, instance) : clusterFolderEntry(ctx);
  if (!entry) return undefined;
  const adopted = adoptSyncKustomization(ctx, entry);
  ctx.result.entry.id = adopted.result.id;
  return adopted;
}

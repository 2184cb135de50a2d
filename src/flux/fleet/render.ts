/**
 * Rendering one Flux Kustomization in the two phases of kustomize-controller: kustomize (source view,
 * generated kustomization, the Flux spec's overlays, the build) and postBuild (substitution from the
 * cluster's objects, owner labels, commonMetadata). Each phase fills in the entry's `FleetKustomization`.
 */
import {
  kustomizeFluxKustomization,
  postBuildFluxKustomization,
  type FluxBuildInput,
  type FluxObject,
  type KustomizePhase,
  type PostBuildPhase,
} from '../build.js';
import { kustomizePhaseKey, memoKustomizePhase, memoPostBuild, postBuildKey } from '../memo.js';
import type { FileSystem } from '../../fs/types.js';
import { fieldDiagnostic, objectMeta } from '../model.js';
import type { ClusterObject, ClusterObjectLookup } from '../substitute.js';
import type { FleetContext } from './context.js';
import { locationOf, type FleetEntry } from './entries.js';
import type { SourceLookup } from './sources.js';

/** Points files of an emulated ExternalArtifact back to the repository files they were copied from. */
function remapArtifactFiles(phase: KustomizePhase, origins: ReadonlyMap<string, string>): void {
  const map = (f: string): string => origins.get(f) ?? f;
  phase.diagnostics = phase.diagnostics.map((d) => (d.file !== undefined ? { ...d, file: map(d.file) } : d));
  const mapFields = (fo: FluxObject['fieldOrigins']): FluxObject['fieldOrigins'] =>
    fo && new Map([...fo].map(([p, w]) => [p, { ...w, file: map(w.file) }]));
  phase.objects = phase.objects.map((o) => {
    const origin = origins.has(o.origin.file) ? { ...o.origin, file: map(o.origin.file) } : o.origin;
    const fieldOrigins = mapFields(o.fieldOrigins);
    return { ...o, origin, ...(fieldOrigins ? { fieldOrigins } : {}) };
  });
}

/** The message of a source the render cannot read. */
function unavailableSource(ctx: FleetContext, e: FleetEntry, why: 'unmapped' | 'missing'): string {
  const { kind, namespace, name } = e.ks.sourceRef;
  const src = `${kind}/${namespace}/${name}`;
  const id = e.result.id;
  if (why === 'missing')
    return `Kustomization ${id}: source ${src} maps to ${ctx.sources.mappedFolder(kind, namespace, name) ?? ''}, which is not a directory; not rendered`;
  if (kind === 'ExternalArtifact')
    return `Kustomization ${id}: source ${src} is not produced by any ArtifactGenerator this cluster renders and is not mapped to a local folder (--source ${name}=DIR); not rendered`;
  return `Kustomization ${id}: source ${src} is not mapped to a local folder (map it with the sources option, --source ${name}=DIR); not rendered`;
}

function noteSuspended(e: FleetEntry): void {
  if (!e.ks.suspend) return;
  e.result.diagnostics.push(
    fieldDiagnostic(
      'flux/suspended',
      'info',
      `Kustomization ${e.result.id} is suspended: the controller does not reconcile it`,
      e.where,
      ['spec', 'suspend'],
    ),
  );
}

function skipUnavailable(ctx: FleetContext, e: FleetEntry, why: 'unmapped' | 'missing'): void {
  const message = unavailableSource(ctx, e, why);
  e.result.diagnostics.push(fieldDiagnostic('flux/unmapped-source', 'error', message, e.where, ['spec', 'sourceRef']));
  e.result.source.unavailable = why === 'unmapped' ? 'unmapped' : 'not-a-directory';
  e.result.status = 'skipped';
}

function buildInput(ctx: FleetContext, e: FleetEntry, view: Exclude<SourceLookup, string>): FluxBuildInput {
  const input: FluxBuildInput = { fs: view.fs, sourceRoot: view.root };
  if (e.where) input.where = e.where;
  if (ctx.options.remoteLoader) input.remoteLoader = ctx.options.remoteLoader;
  if (ctx.options.kustomizeVersion) input.kustomizeVersion = ctx.options.kustomizeVersion;
  // Builds over a folder are cached; an emulated artifact is made in memory for each render, and no change
  // to it is ever reported to the cache.
  if (ctx.cache && view.patterns) input.cache = ctx.cache;
  return input;
}

function recordPhase(e: FleetEntry, phase: KustomizePhase): void {
  const r = e.result;
  e.phase = phase;
  r.dir = phase.dir;
  if (phase.action) r.generated = phase.action;
  if (phase.kustomizationFile !== undefined && phase.kustomizationText !== undefined) {
    r.kustomization = { file: phase.kustomizationFile, text: phase.kustomizationText };
  }
  r.diagnostics.push(...phase.diagnostics);
  r.kustomizeObjects = phase.objects;
  r.unmatchedPatchTargets = phase.unmatchedPatchTargets;
  if (!phase.ok) r.status = 'failed';
}

/** Phase 1 (source, generation, kustomize). Returns false when there is nothing to post-build. */
export function kustomizeEntry(ctx: FleetContext, e: FleetEntry): boolean {
  noteSuspended(e);
  const { kind, namespace, name } = e.ks.sourceRef;
  const view = ctx.sources.view(kind, namespace, name);
  if (typeof view === 'string') {
    skipUnavailable(ctx, e, view);
    return false;
  }
  e.view = view;
  e.result.source.root = view.root;
  ctx.result.sourceFileSystems.set(view.root, view.fs);
  if (view.diagnostics) e.result.diagnostics.push(...view.diagnostics);
  if (view.ok === false) {
    e.result.status = 'failed';
    return false;
  }
  const input = buildInput(ctx, e, view);
  // Kept in the cache unless the view is an emulated artifact or remote bases are fetched.
  const cache = ctx.cache;
  const key =
    cache && view.patterns && !ctx.options.remoteLoader
      ? `${ctx.options.kustomizeVersion ?? ''}\0${kustomizePhaseKey(e.ks, e.where, view.root, view.patterns)}`
      : undefined;
  if (key !== undefined) e.memoKey = key;
  const phase =
    cache && key !== undefined
      ? memoKustomizePhase(cache, key, view.fs, (fs) => kustomizeFluxKustomization(e.ks, { ...input, fs }))
      : kustomizeFluxKustomization(e.ks, input);
  if (view.origins) remapArtifactFiles(phase, view.origins);
  recordPhase(e, phase);
  return phase.objects.length > 0 || phase.ok;
}

/** A ConfigMap or Secret the entry itself renders (substituteFrom may read the Kustomization's own output). */
function ownObject(e: FleetEntry, kind: string, namespace: string, name: string): ClusterObject | undefined {
  for (const o of e.phase?.objects ?? []) {
    const m = objectMeta(o.object);
    if (m.kind === kind && m.name === name && m.namespace === namespace)
      return { object: o.object, where: locationOf(o), renderedBy: e.result.id };
  }
  return undefined;
}

/** What `substituteFrom` of the entry finds: the cluster's objects, then the entry's own. */
export function lookupFor(ctx: FleetContext, e: FleetEntry): ClusterObjectLookup {
  return (kind, namespace, name) => ctx.objects.get(kind, namespace, name) ?? ownObject(e, kind, namespace, name);
}

/** True when every `substituteFrom` object of the entry can be found now. */
export function substitutionsReady(ctx: FleetContext, e: FleetEntry): boolean {
  const lookup = lookupFor(ctx, e);
  return (e.ks.postBuild?.substituteFrom ?? []).every((ref) => lookup(ref.kind, e.ks.namespace, ref.name));
}

/** True when the entry substitutes from objects that are not all rendered yet. */
export function waitsForSubstitutions(ctx: FleetContext, e: FleetEntry): boolean {
  return (e.ks.postBuild?.substituteFrom.length ?? 0) > 0 && !substitutionsReady(ctx, e);
}

/** Phase 2 (postBuild): the objects the Kustomization applies. */
export function postBuildEntry(ctx: FleetContext, e: FleetEntry, phase: KustomizePhase): void {
  const strict = ctx.options.strictSubstitute;
  const postBuild = (fs: FileSystem | undefined): PostBuildPhase =>
    postBuildFluxKustomization(e.ks, phase.objects, {
      lookup: lookupFor(ctx, e),
      ...(strict !== undefined ? { strictSubstitute: strict } : {}),
      ...(e.where ? { where: e.where } : {}),
      ...(fs ? { fs } : {}),
    });
  const cache = ctx.cache;
  const post =
    cache && e.memoKey !== undefined
      ? memoPostBuild(cache, postBuildKey(e.memoKey, phase, e.ks, lookupFor(ctx, e), strict), e.view?.fs, postBuild)
      : postBuild(e.view?.fs);
  e.result.diagnostics.push(...post.diagnostics);
  if (!post.ok) e.result.status = 'failed';
  e.result.objects = post.objects;
}

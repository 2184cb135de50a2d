/**
 * Rendering a whole cluster of a Flux repository (`renderFleet`): start from the cluster folder (built
 * as Flux would build it, as the bootstrap `flux-system` Kustomization does) or from the `sync.path` of a
 * `FluxInstance` found there, render each Flux Kustomization, find the Kustomizations in its output
 * (after its patches and substitutions) and continue breadth-first until nothing is new. Sources map to
 * local folders (`flux-system` → the repository root by default); Kustomizations on unmapped sources get
 * one diagnostic each and the rest still renders. `substituteFrom` reads the ConfigMaps and Secrets the
 * same cluster renders, so Kustomizations that need one wait until every other has rendered.
 */
import type { UnmatchedPatchTarget } from '../build/context.js';
import type { RemoteLoader } from '../build/options.js';
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { FsError } from '../fs/types.js';
import { isWithin, normalize, resolve } from '../fs/path.js';
import { getField, valuesEqual, type YamlMap, type YamlValue } from '../yaml/values.js';
import { build } from '../build/build.js';
import { BuildCache } from '../build/cache.js';
import { memoryFs } from '../fs/memory.js';
import { emitDocument } from '../yaml/emit.js';
import {
  kustomizeFluxKustomization,
  postBuildFluxKustomization,
  resolveSpecPath,
  toSpecPath,
  type FluxObject,
  type KustomizePhase,
} from './build.js';
import type { GenerateAction } from './generate.js';
import { buildDependencyGraph, type DependencyGraph } from './graph.js';
import {
  fieldDiagnostic,
  isFluxKustomization,
  locateField,
  objectMeta,
  readFluxInstanceSync,
  readFluxKustomization,
  readFluxSource,
  readHelmRelease,
  type FluxHelmRelease,
  type FluxInstanceSync,
  type FluxKustomization,
  type FluxSource,
  type ObjectLocation,
} from './model.js';
import { artifactFs } from './fs-views.js';
import { buildExternalArtifact, readArtifactGenerator, type ArtifactGenerator } from './artifacts.js';
import { defaultIgnorePatterns, loadSourceIgnore, readIgnorePatterns } from './sourceignore.js';
import type { ClusterObject } from './substitute.js';

/** Options of {@link renderFleet}. */
export interface RenderFleetOptions {
  /** The file system holding the repository (and any mapped source folders). */
  fs: FileSystem;
  /**
   * The cluster folder (relative to the root, or absolute): e.g. `clusters/staging`. Its objects are
   * built as Flux builds a path; a `FluxInstance` among them makes its `sync.path` the entry point instead.
   * Required unless `fluxInstance` is given.
   */
  cluster?: string;
  /**
   * Start from this FluxInstance instead of a cluster folder: a `FluxInstance` object, a HelmRelease of
   * the `flux-instance` chart, or that chart's values (`instance.sync`). Its `kustomize.patches` are applied
   * to the sync Kustomization it generates (e.g. to add `decryption` or `postBuild`).
   */
  fluxInstance?: YamlMap;
  /**
   * Local folders for Flux sources, keyed by `name`, `namespace/name` or `Kind/namespace/name` (relative
   * to the root, or absolute). Default: every source named `flux-system` is the repository root.
   */
  sources?: Readonly<Record<string, string>>;
  /** Strict postBuild substitution (Flux ≥ 2.9). Default true; false blanks undefined variables. */
  strictSubstitute?: boolean;
  /** Resolves remote kustomize resources; default none (they fail with a diagnostic). */
  remoteLoader?: RemoteLoader;
  /** Objects that exist in the cluster without being rendered here (e.g. a cluster-vars ConfigMap). */
  clusterObjects?: readonly YamlMap[];
  /** Called after each Kustomization is rendered. */
  onProgress?: (progress: FleetProgress) => void;
  /**
   * Reuse parsed files and built sub-kustomizations across the builds (and across renders, e.g. in an
   * editor). Default: a cache private to this render; `false` disables caching.
   */
  cache?: BuildCache | false;
}

/** Progress of a fleet render. */
export interface FleetProgress {
  /** Kustomizations finished. */
  done: number;
  /** Kustomizations known and not finished yet. */
  pending: number;
  /** The one just finished (`namespace/name`). */
  current: string;
}

/** A Flux Kustomization's source, resolved. */
export interface FleetSourceRef {
  kind: string;
  name: string;
  namespace: string;
  /** The local folder it maps to (absolute), when mapped. */
  root?: string;
}

/** One Flux Kustomization of the cluster and what it renders. */
export interface FleetKustomization {
  /** `namespace/name`. */
  id: string;
  name: string;
  namespace: string;
  /** `spec.path` as written. */
  path: string;
  /** The directory built (absolute), when the source is mapped. */
  dir?: string;
  source: FleetSourceRef;
  /** `dependsOn` as `namespace/name` (namespace defaulted to this Kustomization's). */
  dependsOn: string[];
  /** The spec with the controller's defaults. */
  spec: FluxKustomization;
  /** Where it is defined (the object in its parent's source), absent for a synthetic entry. */
  definedIn?: { file: string; range?: Range };
  /** The Kustomization whose output contains it (`namespace/name`); absent for the entry. */
  parent?: string;
  /** True for the entry point kustomize-ts made up for the cluster folder or a FluxInstance. */
  synthetic: boolean;
  /** `rendered`, `failed` (build, substitution or apply check failed) or `skipped` (source not mapped). */
  status: 'rendered' | 'failed' | 'skipped';
  /** What the controller's generator did with the kustomization at `spec.path`. */
  generated?: GenerateAction;
  /** The kustomization the controller builds when it differs from the file on disk (generated or edited). */
  kustomization?: { file: string; text: string };
  /** The objects it applies, in kustomize's order (after substitution, owner labels, commonMetadata). */
  objects: FluxObject[];
  /** kustomize's output before Flux's post-processing. */
  kustomizeObjects: FluxObject[];
  /** Patch targets (kustomize's and the Flux spec's) that selected nothing in this Kustomization's build. */
  unmatchedPatchTargets: UnmatchedPatchTarget[];
  diagnostics: Diagnostic[];
}

/** A Flux source found among the rendered objects. */
export interface FleetSource extends FluxSource {
  /** The Kustomization that renders it. */
  renderedBy: string;
  /** The local folder it maps to, when mapped. */
  mappedTo?: string;
}

/** A HelmRelease found among the rendered objects (charts are never rendered). */
export interface FleetHelmRelease extends FluxHelmRelease {
  renderedBy: string;
}

/** The rendered cluster. */
export interface FleetResult {
  /** Absolute repository root. */
  root: string;
  /** Absolute cluster folder. */
  cluster: string;
  /** How the entry point was found. */
  entry: { kind: 'cluster-folder' | 'FluxInstance'; id: string; path: string; instance?: FluxInstanceSync };
  /** Every Kustomization, in discovery order. */
  kustomizations: FleetKustomization[];
  graph: DependencyGraph;
  sources: FleetSource[];
  helmReleases: FleetHelmRelease[];
  /** Fleet-level findings: duplicate definitions, cycles, entry problems. */
  diagnostics: Diagnostic[];
  /**
   * The file system of each source root as the controller sees it (`.sourceignore` applied; emulated
   * ExternalArtifacts in memory), keyed by `FleetSourceRef.root`.
   */
  sourceFileSystems: Map<string, FileSystem>;
  /** True when nothing has an error. */
  ok: boolean;
}

interface Pending {
  ks: FluxKustomization;
  where?: ObjectLocation;
  parent?: string;
  synthetic: boolean;
  result: FleetKustomization;
  phase?: KustomizePhase;
  view?: SourceView;
}

interface SourceView {
  root: string;
  fs: FileSystem;
  /** For emulated ExternalArtifacts: artifact file → the repository file it was copied from. */
  origins?: Map<string, string>;
  /** Diagnostics of building the view (ExternalArtifact emulation). */
  diagnostics?: Diagnostic[];
  ok?: boolean;
}

/** Where emulated ExternalArtifacts live in their in-memory file systems. */
const ARTIFACT_ROOT = '/external-artifacts';

const SYNTHETIC_NAME = 'flux-system';

function locationOf(o: FluxObject): ObjectLocation {
  const w: ObjectLocation = { file: o.origin.file };
  if (o.origin.node) w.node = o.origin.node;
  if (o.origin.lineCounter) w.lineCounter = o.origin.lineCounter;
  return w;
}

function syntheticObject(
  name: string,
  namespace: string,
  path: string,
  sourceKind: string,
  sourceName: string,
): YamlMap {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace },
    spec: { interval: '10m', path, prune: true, sourceRef: { kind: sourceKind, name: sourceName } },
  };
}

/** Points files of an emulated ExternalArtifact back to the repository files they were copied from. */
function remapArtifactFiles(phase: KustomizePhase, origins: ReadonlyMap<string, string>): void {
  const map = (f: string | undefined): string | undefined => (f === undefined ? f : (origins.get(f) ?? f));
  phase.diagnostics = phase.diagnostics.map((d) =>
    d.file !== undefined && origins.has(d.file) ? { ...d, file: map(d.file) as string } : d,
  );
  phase.objects = phase.objects.map((o) =>
    origins.has(o.origin.file) ? { ...o, origin: { ...o.origin, file: map(o.origin.file) as string } } : o,
  );
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
  if (!r.ok || !out) {
    return {
      object: obj,
      diagnostics: r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => ({
          ...d,
          severity: 'warning' as const,
          message: `the FluxInstance kustomize.patches could not be applied to its sync Kustomization: ${d.message}`,
        })),
    };
  }
  return { object: out.object, diagnostics: [] };
}

/** The fields that change what a Kustomization renders (besides its identity). */
function renderingFields(ks: FluxKustomization): unknown {
  return {
    name: ks.name,
    namespace: ks.namespace,
    t: ks.targetNamespace,
    p: ks.namePrefix,
    s: ks.nameSuffix,
    patches: ks.patches,
    psm: ks.patchesStrategicMerge,
    pj: ks.patchesJson6902,
    images: ks.images,
    components: ks.components,
    imc: ks.ignoreMissingComponents,
    cm: ks.commonMetadata,
    pb: ks.postBuild,
    dec: ks.decryption,
    bm: ks.buildMetadata,
  };
}

/**
 * Renders every Flux Kustomization one cluster of a repository reconciles. `root` is the absolute path
 * of the repository in `options.fs`.
 */
export function renderFleet(root: string, options: RenderFleetOptions): FleetResult {
  const baseFs = options.fs;
  const cache = options.cache === false ? undefined : (options.cache ?? new BuildCache());
  let rootDir = normalize(root);
  if (baseFs.realPath) {
    try {
      rootDir = baseFs.realPath(rootDir);
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
    }
  }
  const clusterDir = resolve(rootDir, options.cluster ?? '.');
  const fleetDiags: Diagnostic[] = [];
  const result: FleetResult = {
    root: rootDir,
    cluster: clusterDir,
    entry: { kind: 'cluster-folder', id: `${SYNTHETIC_NAME}/${SYNTHETIC_NAME}`, path: '' },
    kustomizations: [],
    graph: { nodes: [], edges: [], cycles: [], order: [] },
    sources: [],
    helmReleases: [],
    diagnostics: fleetDiags,
    sourceFileSystems: new Map(),
    ok: false,
  };

  // ------------------------------------------------------------------ sources
  const realDir = (p: string): string | undefined => {
    const st = baseFs.stat(p);
    if (st?.type !== 'dir') return undefined;
    if (!baseFs.realPath) return normalize(p);
    try {
      return baseFs.realPath(p);
    } catch {
      return undefined;
    }
  };
  const sourceIndex = new Map<string, YamlMap>(); // Kind/ns/name → source object (for spec.ignore)
  const views = new Map<string, SourceView>();
  const mapping = options.sources ?? {};
  const mappedFolder = (kind: string, namespace: string, name: string): string | undefined => {
    const keys = [`${kind}/${namespace}/${name}`, `${namespace}/${name}`, name];
    for (const k of keys) {
      const v = mapping[k];
      if (v !== undefined) return resolve(rootDir, v);
    }
    return name === 'flux-system' ? rootDir : undefined;
  };
  const generators = new Map<string, ArtifactGenerator>(); // ns/artifact → generator
  const artifacts = new Map<string, SourceView>();
  const viewFor = (kind: string, namespace: string, name: string): SourceView | 'unmapped' | 'missing' => {
    const folder = mappedFolder(kind, namespace, name);
    if (folder === undefined && kind === 'ExternalArtifact') {
      const key = `${namespace}/${name}`;
      const cached = artifacts.get(key);
      if (cached) return cached;
      const gen = generators.get(key);
      if (!gen) return 'unmapped';
      const built = buildExternalArtifact(
        gen,
        name,
        (k, ns, n) => {
          const v = viewFor(k, ns, n);
          return typeof v === 'string' ? undefined : { fs: v.fs, root: v.root };
        },
        `${ARTIFACT_ROOT}/${namespace}/${name}`,
      );
      const view: SourceView = {
        root: built.root,
        fs: built.fs,
        origins: built.origins,
        diagnostics: built.diagnostics,
        ok: built.ok,
      };
      artifacts.set(key, view);
      return view;
    }
    if (folder === undefined) return 'unmapped';
    const real = realDir(folder);
    if (real === undefined) return 'missing';
    let v = views.get(real);
    if (!v) {
      const srcObj = sourceIndex.get(`${kind}/${namespace}/${name}`);
      const ignore = srcObj ? getField(getField(srcObj, 'spec') as YamlMap, 'ignore') : undefined;
      const base = typeof ignore === 'string' ? readIgnorePatterns(ignore) : defaultIgnorePatterns();
      const patterns = [...base, ...loadSourceIgnore(baseFs, real)];
      v = { root: real, fs: artifactFs(baseFs, real, patterns) };
      views.set(real, v);
    }
    return v;
  };

  // ------------------------------------------------------------------ cluster objects
  const objectIndex = new Map<string, ClusterObject>();
  const indexKey = (kind: string, ns: string, name: string): string => `${kind}\u0000${ns}\u0000${name}`;
  for (const o of options.clusterObjects ?? []) {
    const m = objectMeta(o);
    if (m.kind === 'ConfigMap' || m.kind === 'Secret')
      objectIndex.set(indexKey(m.kind, m.namespace || 'default', m.name), { object: o });
  }

  // ------------------------------------------------------------------ bookkeeping
  const byId = new Map<string, Pending>();
  const queue: Pending[] = [];
  const deferred: Pending[] = [];
  let done = 0;

  const newPending = (
    ks: FluxKustomization,
    where: ObjectLocation | undefined,
    parent: string | undefined,
    synthetic: boolean,
    diags: Diagnostic[],
  ): Pending => {
    const id = `${ks.namespace}/${ks.name}`;
    const r: FleetKustomization = {
      id,
      name: ks.name,
      namespace: ks.namespace,
      path: ks.path,
      source: { kind: ks.sourceRef.kind, name: ks.sourceRef.name, namespace: ks.sourceRef.namespace },
      dependsOn: ks.dependsOn.map((d) => `${d.namespace}/${d.name}`),
      spec: ks,
      synthetic,
      status: 'rendered',
      objects: [],
      kustomizeObjects: [],
      unmatchedPatchTargets: [],
      diagnostics: [...diags],
    };
    if (where?.file) {
      r.definedIn = { file: where.file };
      const range = locateField(where, []);
      if (range) r.definedIn.range = range;
    }
    if (parent !== undefined) r.parent = parent;
    const p: Pending = { ks, synthetic, result: r };
    if (where) p.where = where;
    if (parent !== undefined) p.parent = parent;
    return p;
  };

  /** An ExternalArtifact no ArtifactGenerator rendered so far provides: wait (it may come later). */
  const waitsForArtifact = (p: Pending): boolean =>
    p.ks.sourceRef.kind === 'ExternalArtifact' &&
    viewFor(p.ks.sourceRef.kind, p.ks.sourceRef.namespace, p.ks.sourceRef.name) === 'unmapped';

  /** Phase 1 (source, generation, kustomize). Returns false when there is nothing to post-build. */
  const runPhase1 = (p: Pending): boolean => {
    const r = p.result;
    const ks = p.ks;
    if (ks.suspend) {
      r.diagnostics.push(
        fieldDiagnostic(
          'flux/suspended',
          'info',
          `Kustomization ${r.id} is suspended: the controller does not reconcile it`,
          p.where,
          ['spec', 'suspend'],
        ),
      );
    }
    const v = viewFor(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name);
    if (v === 'unmapped' || v === 'missing') {
      const src = `${ks.sourceRef.kind}/${ks.sourceRef.namespace}/${ks.sourceRef.name}`;
      const message =
        v === 'unmapped'
          ? ks.sourceRef.kind === 'ExternalArtifact'
            ? `Kustomization ${r.id}: source ${src} is not produced by any ArtifactGenerator this cluster renders and is not mapped to a local folder (--source ${ks.sourceRef.name}=DIR); not rendered`
            : `Kustomization ${r.id}: source ${src} is not mapped to a local folder (map it with the sources option, --source ${ks.sourceRef.name}=DIR); not rendered`
          : `Kustomization ${r.id}: source ${src} maps to ${mappedFolder(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name)}, which is not a directory; not rendered`;
      r.diagnostics.push(fieldDiagnostic('flux/unmapped-source', 'error', message, p.where, ['spec', 'sourceRef']));
      r.status = 'skipped';
      return false;
    }
    p.view = v;
    r.source.root = v.root;
    result.sourceFileSystems.set(v.root, v.fs);
    if (v.diagnostics) r.diagnostics.push(...v.diagnostics);
    if (v.ok === false) {
      r.status = 'failed';
      return false;
    }
    const input: Parameters<typeof kustomizeFluxKustomization>[1] = { fs: v.fs, sourceRoot: v.root };
    if (p.where) input.where = p.where;
    if (options.remoteLoader) input.remoteLoader = options.remoteLoader;
    if (cache) input.cache = cache;
    const phase = kustomizeFluxKustomization(ks, input);
    if (v.origins) remapArtifactFiles(phase, v.origins);
    p.phase = phase;
    r.dir = phase.dir;
    if (phase.action) r.generated = phase.action;
    if (phase.kustomizationFile !== undefined && phase.kustomizationText !== undefined) {
      r.kustomization = { file: phase.kustomizationFile, text: phase.kustomizationText };
    }
    r.diagnostics.push(...phase.diagnostics);
    r.kustomizeObjects = phase.objects;
    r.unmatchedPatchTargets = phase.unmatchedPatchTargets;
    if (!phase.ok) r.status = 'failed';
    return phase.objects.length > 0 || phase.ok;
  };

  const ownLookup = (p: Pending, kind: string, ns: string, name: string): ClusterObject | undefined => {
    for (const o of p.phase?.objects ?? []) {
      const m = objectMeta(o.object);
      if (m.kind === kind && m.name === name && m.namespace === ns)
        return { object: o.object, where: locationOf(o), renderedBy: p.result.id };
    }
    return undefined;
  };

  const lookupFor =
    (p: Pending) =>
    (kind: 'ConfigMap' | 'Secret', ns: string, name: string): ClusterObject | undefined =>
      objectIndex.get(indexKey(kind, ns, name)) ?? ownLookup(p, kind, ns, name);

  const satisfied = (p: Pending): boolean => {
    const refs = p.ks.postBuild?.substituteFrom ?? [];
    return refs.every((ref) => lookupFor(p)(ref.kind, p.ks.namespace, ref.name) !== undefined);
  };

  /** Adds a Kustomization found in a parent's output (or reports a conflicting definition). */
  const discover = (obj: FluxObject, parent: Pending): void => {
    const where = locationOf(obj);
    const { kustomization: ks, diagnostics } = readFluxKustomization(obj.object, where);
    const id = `${ks.namespace}/${ks.name}`;
    if (id === parent.result.id) return; // a Kustomization that manages its own definition
    const existing = byId.get(id);
    if (existing) {
      const a = getField(existing.ks.object, 'spec');
      const b = getField(obj.object, 'spec');
      if (!valuesEqual(a, b)) {
        const d = fieldDiagnostic(
          'flux/duplicate-kustomization',
          'error',
          `Kustomization ${id} is defined twice with different specs (rendered by ${existing.parent ?? 'the entry'} and by ${parent.result.id}); the one rendered first is used`,
          where,
          ['spec'],
        );
        if (existing.result.definedIn)
          d.related = [
            {
              file: existing.result.definedIn.file,
              ...(existing.result.definedIn.range ? { range: existing.result.definedIn.range } : {}),
              message: 'first definition',
            },
          ];
        fleetDiags.push(d);
      }
      return;
    }
    const p = newPending(ks, where, parent.result.id, false, diagnostics);
    byId.set(id, p);
    result.kustomizations.push(p.result);
    queue.push(p);
  };

  /** Phase 2 and discovery. */
  const finish = (p: Pending, hadPhase1: boolean): void => {
    const r = p.result;
    if (hadPhase1 && p.phase) {
      const post = postBuildFluxKustomization(p.ks, p.phase.objects, {
        lookup: lookupFor(p),
        ...(options.strictSubstitute !== undefined ? { strictSubstitute: options.strictSubstitute } : {}),
        ...(p.where ? { where: p.where } : {}),
        ...(p.view ? { fs: p.view.fs } : {}),
      });
      r.diagnostics.push(...post.diagnostics);
      if (!post.ok) r.status = 'failed';
      r.objects = post.objects;
      for (const o of post.objects) {
        const m = objectMeta(o.object);
        if (m.kind === 'ConfigMap' || m.kind === 'Secret') {
          const key = indexKey(m.kind, m.namespace, m.name);
          if (!objectIndex.has(key)) objectIndex.set(key, { object: o.object, where: locationOf(o), renderedBy: r.id });
        }
        const src = readFluxSource(o.object);
        if (src) {
          sourceIndex.set(`${src.kind}/${src.namespace}/${src.name}`, o.object);
          const fs: FleetSource = { ...src, renderedBy: r.id };
          const folder = mappedFolder(src.kind, src.namespace, src.name);
          if (folder !== undefined) fs.mappedTo = folder;
          result.sources.push(fs);
        }
        const hr = readHelmRelease(o.object);
        if (hr) result.helmReleases.push({ ...hr, renderedBy: r.id });
        const gen = readArtifactGenerator(o.object, locationOf(o));
        if (gen)
          for (const a of gen.artifacts)
            if (!generators.has(`${gen.namespace}/${a.name}`)) generators.set(`${gen.namespace}/${a.name}`, gen);
      }
      for (const o of post.objects) if (isFluxKustomization(o.object)) discover(o, p);
    }
    done++;
    options.onProgress?.({ done, pending: queue.length + deferred.length, current: r.id });
  };

  const waiting: Pending[] = [];
  let artifactsFinal = false;
  const process = (p: Pending): void => {
    if (!artifactsFinal && waitsForArtifact(p)) {
      waiting.push(p);
      return;
    }
    const has = runPhase1(p);
    if (has && (p.ks.postBuild?.substituteFrom.length ?? 0) > 0 && !satisfied(p)) {
      deferred.push(p);
      return;
    }
    finish(p, has);
  };

  const drain = (): void => {
    for (;;) {
      const next = queue.shift();
      if (next) {
        process(next);
        continue;
      }
      const ready = waiting.findIndex((p) => !waitsForArtifact(p));
      if (ready >= 0) {
        process(waiting.splice(ready, 1)[0] as Pending);
        continue;
      }
      if (deferred.length === 0 && waiting.length > 0) {
        artifactsFinal = true;
        queue.push(...waiting.splice(0));
        continue;
      }
      if (deferred.length === 0) return;
      let i = deferred.findIndex(satisfied);
      if (i < 0) i = 0;
      const [p] = deferred.splice(i, 1);
      if (p) finish(p, true);
    }
  };

  // ------------------------------------------------------------------ entry point
  const synthetic = (name: string, namespace: string, path: string, kind: string, source: string): Pending =>
    newPending(
      readFluxKustomization(syntheticObject(name, namespace, path, kind, source)).kustomization,
      undefined,
      undefined,
      true,
      [],
    );
  /** The Kustomization a FluxInstance generates for its sync, with the instance's patches applied. */
  const instanceEntry = (
    sync: FluxInstanceSync,
    where: { file?: string; range?: Range } | undefined,
    label: string,
  ): Pending => {
    let obj = syntheticObject(sync.name, sync.namespace, sync.path, sync.kind, sync.name);
    const patched = applyInstancePatches(obj, sync.patches);
    obj = patched.object;
    const p = newPending(readFluxKustomization(obj).kustomization, undefined, undefined, true, []);
    p.result.diagnostics.push(
      diagnostic(
        'flux/entry-point',
        'info',
        `entry point: ${label} syncs ${sync.kind}/${sync.name} path ${sync.path}`,
        {
          file: where?.file,
          range: where?.range,
          source: 'flux',
        },
      ),
      ...patched.diagnostics,
    );
    result.entry = { kind: 'FluxInstance', id: p.result.id, path: sync.path, instance: sync };
    return p;
  };

  let entry: Pending;
  let clusterReal: string | undefined;
  if (options.fluxInstance) {
    const sync = readFluxInstanceSync(options.fluxInstance);
    if (!sync) {
      fleetDiags.push(
        diagnostic(
          'flux/cluster-not-found',
          'error',
          'the fluxInstance option is neither a FluxInstance, a flux-instance HelmRelease nor flux-instance chart values with instance.sync.path',
          {
            source: 'flux',
          },
        ),
      );
      return result;
    }
    entry = instanceEntry(sync, undefined, 'the given FluxInstance');
    runPhase1(entry);
  } else {
    if (options.cluster === undefined || baseFs.stat(clusterDir)?.type !== 'dir') {
      fleetDiags.push(
        diagnostic(
          'flux/cluster-not-found',
          'error',
          `cluster folder ${clusterDir} does not exist or is not a directory`,
          { file: clusterDir, source: 'flux' },
        ),
      );
      return result;
    }
    const entryView = viewFor('GitRepository', SYNTHETIC_NAME, SYNTHETIC_NAME);
    const entryRoot = typeof entryView === 'string' ? rootDir : entryView.root;
    clusterReal = realDir(clusterDir) ?? clusterDir;
    if (!isWithin(entryRoot, clusterReal)) {
      fleetDiags.push(
        diagnostic(
          'flux/cluster-not-found',
          'error',
          `cluster folder ${clusterDir} is not inside the flux-system source ${entryRoot}`,
          { file: clusterDir, source: 'flux' },
        ),
      );
      return result;
    }
    const entryPath = toSpecPath(entryRoot, clusterReal);
    entry = synthetic(SYNTHETIC_NAME, SYNTHETIC_NAME, entryPath, 'GitRepository', SYNTHETIC_NAME);
    result.entry.path = entryPath;
    runPhase1(entry);

    // A FluxInstance in the cluster folder: its sync path is what the cluster reconciles.
    for (const o of entry.phase?.objects ?? []) {
      const sync = readFluxInstanceSync(o.object);
      if (!sync) continue;
      const v = viewFor(sync.kind, sync.namespace, sync.name);
      const syncDir = typeof v === 'string' ? undefined : realDir(resolveSpecPath(v.root, sync.path));
      // An instance syncing this very folder: only its patches to the sync Kustomization matter.
      if (syncDir === clusterReal && sync.patches.length === 0) break;
      const m = objectMeta(o.object);
      const where: { file?: string; range?: Range } = { file: o.origin.file };
      if (o.origin.range) where.range = o.origin.range;
      entry = instanceEntry(sync, where, `${m.kind} ${m.namespace}/${m.name}`);
      runPhase1(entry);
      break;
    }
  }

  // The cluster folder usually defines the Kustomization that syncs it (gotk-sync.yaml): adopt it.
  const entryDir = entry.phase?.dir;
  for (const o of entry.phase?.objects ?? []) {
    if (!isFluxKustomization(o.object) || entryDir === undefined) continue;
    const where = locationOf(o);
    const { kustomization: ks, diagnostics } = readFluxKustomization(o.object, where);
    const v = viewFor(ks.sourceRef.kind, ks.sourceRef.namespace, ks.sourceRef.name);
    if (typeof v === 'string' || v.root !== entry.view?.root || realDir(resolveSpecPath(v.root, ks.path)) !== entryDir)
      continue;
    const adopted = newPending(ks, where, undefined, false, diagnostics);
    if (JSON.stringify(renderingFields(ks)) === JSON.stringify(renderingFields(entry.ks)) && entry.phase) {
      adopted.phase = entry.phase;
      adopted.view = entry.view;
      const from = entry.result;
      const to = adopted.result;
      if (from.dir !== undefined) to.dir = from.dir;
      if (from.source.root !== undefined) to.source.root = from.source.root;
      if (from.generated !== undefined) to.generated = from.generated;
      if (from.kustomization !== undefined) to.kustomization = from.kustomization;
      to.kustomizeObjects = from.kustomizeObjects;
      to.unmatchedPatchTargets = from.unmatchedPatchTargets;
      to.status = from.status;
      to.diagnostics.push(...from.diagnostics);
      entry = adopted;
    } else {
      entry = adopted;
      runPhase1(entry);
    }
    break;
  }
  result.entry.id = entry.result.id;
  byId.set(entry.result.id, entry);
  result.kustomizations.push(entry.result);
  const hasObjects = entry.phase !== undefined && (entry.phase.objects.length > 0 || entry.phase.ok);
  if (hasObjects && (entry.ks.postBuild?.substituteFrom.length ?? 0) > 0 && !satisfied(entry)) deferred.push(entry);
  else finish(entry, hasObjects);
  drain();

  // ------------------------------------------------------------------ source namespaces
  // sourceRef.namespace defaults to the Kustomization's namespace: a child moved into an app namespace
  // without `sourceRef.namespace: flux-system` looks for a flux-system source that does not exist there.
  const entrySourceNs = entry.ks.sourceRef.namespace;
  for (const k of result.kustomizations) {
    const ref = k.spec.sourceRef;
    if (k.status === 'skipped' || ref.name !== SYNTHETIC_NAME || ref.namespace === entrySourceNs) continue;
    const keys = [`${ref.kind}/${ref.namespace}/${ref.name}`, `${ref.namespace}/${ref.name}`, ref.name];
    if (keys.some((key) => mapping[key] !== undefined)) continue;
    if (sourceIndex.has(`${ref.kind}/${ref.namespace}/${ref.name}`)) continue;
    const p = byId.get(k.id);
    k.diagnostics.push(
      fieldDiagnostic(
        'flux/source-namespace',
        'warning',
        `Kustomization ${k.id} uses ${ref.kind} ${ref.namespace}/${ref.name} (sourceRef.namespace defaults to the Kustomization's namespace), but the cluster's ${ref.name} source lives in ${entrySourceNs}; set sourceRef.namespace: ${entrySourceNs}`,
        p?.where,
        ['spec', 'sourceRef'],
      ),
    );
  }

  // ------------------------------------------------------------------ graph
  const graph = buildDependencyGraph(result.kustomizations.map((k) => ({ id: k.id, dependsOn: k.dependsOn })));
  result.graph = graph;
  for (const k of result.kustomizations) {
    const p = byId.get(k.id);
    k.spec.dependsOn.forEach((d, i) => {
      const target = `${d.namespace}/${d.name}`;
      if (byId.has(target)) return;
      const hr = result.helmReleases.some((h) => h.namespace === d.namespace && h.name === d.name)
        ? ' (a HelmRelease has that name, but dependsOn of a Kustomization refers to Kustomizations only)'
        : '';
      k.diagnostics.push(
        fieldDiagnostic(
          'flux/dependency-not-found',
          'error',
          `Kustomization ${k.id} depends on ${target}, which this cluster does not define${hr} (it would wait forever: DependencyNotReady)`,
          p?.where,
          ['spec', 'dependsOn', i],
        ),
      );
    });
  }
  for (const cycle of graph.cycles) {
    const first = byId.get(cycle[0] as string);
    const next = cycle[1] as string;
    const i = first ? first.ks.dependsOn.findIndex((d) => `${d.namespace}/${d.name}` === next) : -1;
    const d = fieldDiagnostic(
      'flux/dependency-cycle',
      'error',
      `dependsOn cycle: ${cycle.join(' → ')} (the controller does not detect cycles; every member waits forever)`,
      first?.where,
      i >= 0 ? ['spec', 'dependsOn', i] : ['spec', 'dependsOn'],
    );
    d.related = cycle.slice(1, -1).flatMap((id) => {
      const k = byId.get(id)?.result.definedIn;
      return k ? [{ file: k.file, ...(k.range ? { range: k.range } : {}), message: `${id} is part of the cycle` }] : [];
    });
    fleetDiags.push(d);
  }
  result.ok =
    !fleetDiags.some((d) => d.severity === 'error') &&
    result.kustomizations.every((k) => k.status === 'rendered' && !k.diagnostics.some((d) => d.severity === 'error'));
  return result;
}

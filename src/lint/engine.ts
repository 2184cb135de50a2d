/**
 * `lint(root, options)`: renders every cluster of a Flux repository (found under the root, or named) the
 * way kustomize-controller would, builds the kustomization directories no cluster reaches, and runs the
 * lint rules (Flux dependency graph, apply-side checks, overlay hygiene, images, sources) and the schema
 * rules over the result. Findings point at source: file relative to the root, 1-based line and column.
 */
import { build, type BuildResult } from '../build/build.js';
import { validate } from './validate.js';
import { BuildCache } from '../build/cache.js';
import type { PrecompiledValidators } from '../validate/ajv.js';
import type { RemoteLoader } from '../build/options.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { FsError } from '../fs/types.js';
import { dirname, isWithin, normalize, relative, resolve } from '../fs/path.js';
import { renderFleet, type RenderFleetOptions } from '../flux/fleet.js';
import { discoverClusters, namedCluster, type DiscoveredCluster } from './discover.js';
import {
  locateKustomization,
  locateObject,
  makeCluster,
  type KustomizeBuild,
  type LintCluster,
  type LintContext,
  type LintUnit,
} from './context.js';
import { kustomizationClosure, scanRepository, fileText, type RepoIndex } from './repo.js';
import { lintRules, withDefaults } from './rules/index.js';
import { runRules } from './run.js';
import { applySuppressions } from './suppress.js';
import { sortDiagnostics } from './format.js';
import type { RuleSetting } from './types.js';
import { getField, isMap, type YamlMap } from '../yaml/values.js';

/** Options of {@link lint}. */
export interface LintOptions {
  /** The file system holding the repository. */
  fs: FileSystem;
  /**
   * Cluster folders to lint (relative to the root, or absolute). Default: every cluster found under the
   * root (a folder holding the Flux Kustomization that syncs it, or a FluxInstance sync path), plus the
   * kustomization directories no cluster reaches.
   */
  clusters?: readonly string[];
  /** Local folders for Flux sources (see `renderFleet`); default: `flux-system` is the root. */
  sources?: Readonly<Record<string, string>>;
  /**
   * Per-rule settings by id: `off` or a severity. Default: each recommended rule at its default severity;
   * rules outside the recommended preset (`flux/missing-depends-on-helm`) run only when set here.
   */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Strict postBuild substitution (Flux ≥ 2.9). Default true. */
  strictSubstitute?: boolean;
  /** Objects that exist in the clusters without being in the repository (ConfigMaps/Secrets for substituteFrom). */
  clusterObjects?: readonly YamlMap[];
  /** Resolves remote kustomize resources; default none. */
  remoteLoader?: RemoteLoader;
  /** Run the schema rules (`schema/*`) over rendered objects. Default true. */
  schema?: boolean;
  /** Kubernetes version for `schema/deprecated-api`. Default the bundled schemas' (1.36). */
  kubernetesVersion?: string;
  /**
   * Validators compiled ahead of time (`kustomize-ts precompile`), for hosts whose Content-Security-Policy
   * forbids `new Function`. Default: schemas compile at run time.
   */
  precompiled?: PrecompiledValidators;
  /** Lint the kustomization directories no cluster reaches (built on their own). Default: true without `clusters`, false with. */
  standalone?: boolean;
  /** Called as each cluster is rendered. */
  onProgress?: (message: string) => void;
  /**
   * Reuse parsed files and built sub-kustomizations across clusters and across calls (an editor session
   * passes its own). Default: a cache private to this call.
   */
  cache?: BuildCache;
}

/** A cluster that was linted. */
export interface LintedCluster {
  /** The folder relative to the root. */
  name: string;
  /** How it was found (`bootstrap` folder, `FluxInstance` sync path) or `named` by the caller. */
  how: 'bootstrap' | 'FluxInstance' | 'named';
  /** Flux Kustomizations rendered / failed / skipped. */
  kustomizations: { rendered: number; failed: number; skipped: number };
}

/** What {@link lint} returns. */
export interface LintResult {
  /** True when no finding is an error. */
  ok: boolean;
  /** Findings in file order (files relative to the root). */
  diagnostics: Diagnostic[];
  /** Findings dropped by suppression comments. */
  suppressed: Diagnostic[];
  clusters: LintedCluster[];
  /** Kustomization directories built on their own (relative to the root). */
  standalone: string[];
}

function dedupeKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.file ?? ''}\u0000${d.line ?? ''}\u0000${d.column ?? ''}\u0000${d.message}`;
}

/** Kustomization directories a rendered Flux Kustomization builds (its own, or those a generated one lists). */
function builtDirs(repo: RepoIndex, dir: string): string[] {
  if (repo.kustomizations.has(dir)) return [dir];
  // Generated kustomization: every directory below with a kustomization file and no kustomization dir in between.
  const out: string[] = [];
  for (const d of repo.kustomizations.keys()) {
    if (d === dir || !isWithin(dir, d)) continue;
    let nested = false;
    for (let p = d.slice(0, d.lastIndexOf('/')); p.length > dir.length; p = p.slice(0, p.lastIndexOf('/'))) {
      if (repo.kustomizations.has(p)) {
        nested = true;
        break;
      }
    }
    if (!nested) out.push(d);
  }
  return out;
}

/** The kustomization directories no other unreached directory includes: the ones to build on their own. */
function standaloneRoots(repo: RepoIndex, reached: ReadonlySet<string>): string[] {
  const unreached = [...repo.kustomizations.values()].filter((k) => !reached.has(k.dir));
  const included = new Set<string>();
  for (const k of unreached) for (const d of [...k.refs.dirs, ...k.refs.components]) included.add(d);
  return unreached.filter((k) => k.kind === 'Kustomization' && !included.has(k.dir)).map((k) => k.dir);
}

/**
 * Lints the repository at `root` (absolute, in `options.fs`). Never throws on bad input: problems are
 * findings.
 */
export function lint(root: string, options: LintOptions): LintResult {
  return lintWithContext(root, options).result;
}

/** {@link lint}, and what the rules looked at (the rendered clusters and builds), for hosts such as an editor. */
export function lintWithContext(root: string, options: LintOptions): { result: LintResult; context: LintContext } {
  const fs = options.fs;
  let rootDir = normalize(root);
  if (fs.realPath) {
    try {
      rootDir = fs.realPath(rootDir);
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
    }
  }
  const cache = options.cache ?? new BuildCache();
  const repo = scanRepository(fs, rootDir, { cache });
  const discovered = discoverClusters(repo);
  let targets: (DiscoveredCluster & { named?: boolean })[];
  if (options.clusters !== undefined) {
    targets = options.clusters.map((c) => {
      const abs = resolve(rootDir, c);
      const hit = discovered.find((d) => d.dir === abs);
      return hit ?? { ...namedCluster(rootDir, abs), named: true };
    });
  } else targets = discovered;

  const clusters: LintCluster[] = [];
  const linted: LintedCluster[] = [];
  const reachedStarts: string[] = [];
  const reachedOrigins: string[] = [];
  for (const t of targets) {
    options.onProgress?.(`rendering cluster ${t.name}`);
    const ro: RenderFleetOptions = { fs, cache };
    if (t.fluxInstance) ro.fluxInstance = t.fluxInstance;
    else ro.cluster = t.dir;
    const sources = { ...(t.sources ?? {}), ...(options.sources ?? {}) };
    if (Object.keys(sources).length > 0) ro.sources = sources;
    if (options.strictSubstitute !== undefined) ro.strictSubstitute = options.strictSubstitute;
    if (options.clusterObjects) ro.clusterObjects = options.clusterObjects;
    if (options.remoteLoader) ro.remoteLoader = options.remoteLoader;
    const fleet = renderFleet(rootDir, ro);
    const c = makeCluster(t.name, fleet, t.instance);
    clusters.push(c);
    const ks = fleet.kustomizations;
    linted.push({
      name: t.name,
      how: t.named ? 'named' : t.how,
      kustomizations: {
        rendered: ks.filter((k) => k.status === 'rendered').length,
        failed: ks.filter((k) => k.status === 'failed').length,
        skipped: ks.filter((k) => k.status === 'skipped').length,
      },
    });
    for (const k of ks) {
      if (k.dir === undefined || k.status === 'skipped') continue;
      // The kustomization directories the objects came from (sources that are views of the repository,
      // such as ExternalArtifacts, build from virtual paths).
      const origins = new Set<string>();
      for (const o of k.kustomizeObjects) {
        const d = dirname(o.origin.file);
        if (repo.kustomizations.has(d)) origins.add(d);
      }
      // A failed build has no objects: the directories its errors point at count as reached too.
      for (const d of k.diagnostics)
        if (d.file !== undefined && repo.kustomizations.has(dirname(d.file))) reachedOrigins.push(dirname(d.file));
      reachedOrigins.push(...origins);
      if (isWithin(rootDir, k.dir)) reachedStarts.push(...builtDirs(repo, k.dir));
      else {
        // Build roots: the origin directories no other origin directory of this Kustomization includes.
        const included = new Set<string>();
        for (const d of origins) for (const x of kustomizationClosure(repo, [d])) if (x !== d) included.add(x);
        reachedStarts.push(...[...origins].filter((d) => !included.has(d)));
      }
    }
  }

  const standalone: LintUnit[] = [];
  const builds: KustomizeBuild[] = [];
  const buildDir = (dir: string): KustomizeBuild => {
    options.onProgress?.(`building ${relative(rootDir, dir) || '.'}`);
    const result: BuildResult = build(dir, {
      fs,
      loadRestrictor: 'LoadRestrictionsNone',
      confineTo: rootDir,
      cache,
      ...(options.remoteLoader ? { remoteLoader: options.remoteLoader } : {}),
    });
    const b = { dir, result, closure: kustomizationClosure(repo, [dir]) };
    builds.push(b);
    return b;
  };
  if (options.standalone ?? options.clusters === undefined) {
    const reached = kustomizationClosure(repo, [...reachedStarts, ...reachedOrigins]);
    for (const dir of standaloneRoots(repo, reached)) {
      const { result } = buildDir(dir);
      standalone.push({
        id: relative(rootDir, dir) || '.',
        dir,
        objects: result.resources,
        diagnostics: result.diagnostics,
        build: result,
      });
    }
  }
  // Flux builds do not expose unmatched patch targets: build the reached roots whose kustomizations have
  // targeted patches again, plainly (the build cache shares the bases).
  const patchesTargets = (d: string): boolean => {
    const k = repo.kustomizations.get(d);
    if (!k) return false;
    for (const field of ['patches', 'patchesJson6902']) {
      const l = getField(k.value, field);
      if (Array.isArray(l) && l.some((p) => isMap(p) && isMap(getField(p, 'target')))) return true;
    }
    return false;
  };
  const built = new Set(builds.map((b) => b.dir));
  for (const dir of new Set(reachedStarts)) {
    if (built.has(dir) || ![...kustomizationClosure(repo, [dir])].some(patchesTargets)) continue;
    built.add(dir);
    buildDir(dir);
  }

  const context: LintContext = {
    root: rootDir,
    fs,
    repo,
    clusters,
    standalone,
    builds,
    locateObject,
    locateKustomization,
  };
  const settings = withDefaults(options.rules);
  const raw = runRules(lintRules, context, { rules: settings, root: rootDir, source: 'lint' });

  if (options.schema !== false) {
    const schemaOptions = {
      root: rootDir,
      rules: settings,
      ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
      ...(options.precompiled ? { precompiled: options.precompiled } : {}),
    };
    for (const c of clusters) {
      const crds = c.units
        .flatMap((u) => u.objects.map((o) => o.object))
        .filter((o) => getField(o, 'kind') === 'CustomResourceDefinition');
      for (const u of c.units) {
        if (u.objects.length === 0) continue;
        for (const d of validate(u.objects, { ...schemaOptions, crds }).diagnostics)
          raw.push({ ...d, kustomization: u.id, cluster: c.name });
      }
    }
    for (const u of standalone) {
      if (u.objects.length === 0) continue;
      for (const d of validate(u.objects, schemaOptions).diagnostics) raw.push({ ...d, kustomization: u.id });
    }
  }

  const seen = new Set<string>();
  const unique = raw.filter((d) => {
    const k = dedupeKey(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const { kept, suppressed } = applySuppressions(unique, (file) => fileText(repo, resolve(rootDir, file)));
  const diagnostics = sortDiagnostics(kept);
  const result: LintResult = {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    diagnostics,
    suppressed,
    clusters: linted,
    standalone: standalone.map((u) => u.id),
  };
  return { result, context };
}

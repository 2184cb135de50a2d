/**
 * The lint engine. `lint(root, options)`: renders every cluster of a Flux repository (found under the root,
 * or named) the way kustomize-controller would, builds the kustomization directories no cluster reaches,
 * and runs the lint rules (Flux dependency graph, apply-side checks, overlay hygiene, images, sources) and
 * the schema rules over the result. Findings point at source: file relative to the root, 1-based line and
 * column. `lintFleet(fleet, options)` runs chosen rules over one rendered cluster (the `fleet` and `graph`
 * commands print the graph's findings this way).
 */
import { FLUX_KUSTOMIZE_VERSION, type KustomizeVersionInput } from '../kustomization/versions.js';
import type { ChartLoader } from '../helm/chart/render.js';
import type { SchemaLoader } from '../helm/chart/schema.js';
import { build, type BuildResult } from '../build/build.js';
import { validate } from './validate.js';
import { BuildCache } from '../build/cache.js';
import type { PrecompiledValidators } from '../validate/ajv.js';
import type { RemoteLoader } from '../build/options.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { realPathOrSelf } from '../fs/types.js';
import { snapshotFs } from '../fs/snapshot.js';
import { dirname, isWithin, normalize, relative, resolve } from '../fs/path.js';
import {
  renderFleet,
  type FleetKustomization,
  type FleetResult,
  type RenderFleetOptions,
} from '../flux/fleet/index.js';
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
import { kustomizationClosure, repositoryCrds, scanRepository, fileText, type RepoIndex } from './repo.js';
import { atLeast, checkRuleSettings, checkSeverity } from './settings.js';
import { ignoreMatcher } from '../fs/ignore.js';
import { readSchemaLocations } from './schema-locations.js';
import { lintRules, ruleMetas, withDefaults, type RuleId, type RuleSettings } from './rules/index.js';
import { runRules } from './run.js';
import { clusterOf, discoveredClusters, lintRuleFindings, perFleet, repoToken } from './reuse.js';
import { placeSchemaFindings } from './validate-units.js';
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
  rules?: RuleSettings;
  /** Strict postBuild substitution (Flux ≥ 2.9). Default true. */
  strictSubstitute?: boolean;
  /** Objects that exist in the clusters without being in the repository (ConfigMaps/Secrets for substituteFrom). */
  clusterObjects?: readonly YamlMap[];
  /** Resolves remote kustomize resources; default none. */
  remoteLoader?: RemoteLoader;
  /** The kustomize version the builds reproduce. Default: Flux 2.9's, `5.8` (kustomize v5.8.1). */
  kustomizeVersion?: KustomizeVersionInput;
  /** Run the schema rules (`schema/*`) over rendered objects. Default true. */
  schema?: boolean;
  /** Kubernetes version for `schema/deprecated-api`, and the one charts render for. Default the bundled schemas' (1.36). */
  kubernetesVersion?: string;
  /** Report fields the schemas do not know (kubeconform's `-strict`). Default false. */
  strict?: boolean;
  /**
   * More schemas for custom resources (absolute paths in `fs`): CRD files or folders, folders of JSON
   * schemas (`GROUP/KIND_VERSION.json`), or kubeconform-style path templates. The CRDs written in the
   * repository are always used. Default none.
   */
  schemaLocations?: readonly string[];
  /** Kinds not validated against schemas: `Kind` or `apiVersion/Kind`. Default none. */
  skipKinds?: readonly string[];
  /**
   * Paths to leave out: globs relative to the root (`archive/**`; a pattern without a slash matches a name
   * at any depth), or a function of the absolute path. Their files are not scanned and findings in them
   * are dropped. Default none.
   */
  ignore?: readonly string[] | ((path: string) => boolean);
  /** Leave findings below this severity out. Default: every finding. */
  minSeverity?: Severity;
  /** Loads the charts of HelmReleases (see `renderFleet`); without it only charts in mapped Git sources render. */
  chartLoader?: ChartLoader;
  /** Reads remote schemas that charts' values.schema.json files reference (an offline cache). */
  schemaLoader?: SchemaLoader;
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
  const nested = (d: string): boolean => {
    for (let p = dirname(d); p.length > dir.length; p = dirname(p)) if (repo.kustomizations.has(p)) return true;
    return false;
  };
  return [...repo.kustomizations.keys()].filter((d) => d !== dir && isWithin(dir, d) && !nested(d));
}

/** The kustomization directories no other unreached directory includes: the ones to build on their own. */
function standaloneRoots(repo: RepoIndex, reached: ReadonlySet<string>): string[] {
  const unreached = [...repo.kustomizations.values()].filter((k) => !reached.has(k.dir));
  const included = new Set<string>();
  for (const k of unreached) for (const d of [...k.refs.dirs, ...k.refs.components]) included.add(d);
  return unreached.filter((k) => k.kind === 'Kustomization' && !included.has(k.dir)).map((k) => k.dir);
}

type LintTarget = DiscoveredCluster & { named?: boolean };

/** The clusters to lint: the named ones (found ones keep how they were found), else every one found. */
function lintTargets(
  rootDir: string,
  repo: RepoIndex,
  clusters: readonly string[] | undefined,
  cache: BuildCache,
): LintTarget[] {
  const discovered = discoveredClusters(cache, repo, discoverClusters);
  if (clusters === undefined) return discovered;
  return clusters.map((c) => {
    const abs = resolve(rootDir, c);
    return discovered.find((d) => d.dir === abs) ?? { ...namedCluster(rootDir, abs), named: true };
  });
}

/** Fleet options for one target. */
function fleetOptions(t: LintTarget, options: LintOptions, cache: BuildCache): RenderFleetOptions {
  const ro: RenderFleetOptions = { fs: options.fs, cache };
  if (t.fluxInstance) ro.fluxInstance = t.fluxInstance;
  else ro.cluster = t.dir;
  const sources = { ...(t.sources ?? {}), ...(options.sources ?? {}) };
  if (Object.keys(sources).length > 0) ro.sources = sources;
  if (options.strictSubstitute !== undefined) ro.strictSubstitute = options.strictSubstitute;
  if (options.clusterObjects) ro.clusterObjects = options.clusterObjects;
  if (options.remoteLoader) ro.remoteLoader = options.remoteLoader;
  if (options.kustomizeVersion) ro.kustomizeVersion = options.kustomizeVersion;
  if (options.chartLoader) ro.chartLoader = options.chartLoader;
  if (options.schemaLoader) ro.schemaLoader = options.schemaLoader;
  if (options.kubernetesVersion !== undefined) ro.kubeVersion = options.kubernetesVersion;
  return ro;
}

function lintedCluster(t: LintTarget, fleet: FleetResult): LintedCluster {
  const count = (status: FleetKustomization['status']): number =>
    fleet.kustomizations.filter((k) => k.status === status).length;
  return {
    name: t.name,
    how: t.named ? 'named' : t.how,
    kustomizations: { rendered: count('rendered'), failed: count('failed'), skipped: count('skipped') },
  };
}

/** The kustomization directories a cluster's builds reached: where they started, and where objects came from. */
interface Reached {
  starts: string[];
  origins: string[];
}

function noteReached(rootDir: string, repo: RepoIndex, k: FleetKustomization, reached: Reached): void {
  if (k.dir === undefined || k.status === 'skipped') return;
  // The kustomization directories the objects came from (sources that are views of the repository, such
  // as ExternalArtifacts, build from virtual paths).
  const origins = new Set<string>();
  for (const o of k.kustomizeObjects) {
    const d = dirname(o.origin.file);
    if (repo.kustomizations.has(d)) origins.add(d);
  }
  // A failed build has no objects: the directories its errors point at count as reached too.
  for (const d of k.diagnostics)
    if (d.file !== undefined && repo.kustomizations.has(dirname(d.file))) reached.origins.push(dirname(d.file));
  reached.origins.push(...origins);
  if (isWithin(rootDir, k.dir)) {
    reached.starts.push(...builtDirs(repo, k.dir));
    return;
  }
  // Build roots: the origin directories no other origin directory of this Kustomization includes.
  const included = new Set<string>();
  for (const d of origins) for (const x of kustomizationClosure(repo, [d])) if (x !== d) included.add(x);
  reached.starts.push(...[...origins].filter((d) => !included.has(d)));
}

/** What one lint run works with. */
interface LintRun {
  readonly rootDir: string;
  /** Whether a path is left out (the `ignore` option). */
  readonly ignored: (path: string) => boolean;
  readonly options: LintOptions;
  readonly cache: BuildCache;
  readonly repo: RepoIndex;
  /** Stands for the repository's files while they are the same (see `repoToken`). */
  readonly repoToken: object;
  readonly clusters: LintCluster[];
  readonly linted: LintedCluster[];
  readonly reached: Reached;
  readonly standalone: LintUnit[];
  readonly builds: KustomizeBuild[];
}

function renderClusters(run: LintRun, targets: readonly LintTarget[]): void {
  for (const t of targets) {
    run.options.onProgress?.(`rendering cluster ${t.name}`);
    const fleet = renderFleet(run.rootDir, fleetOptions(t, run.options, run.cache));
    run.clusters.push(clusterOf(t.name, fleet, t.instance));
    run.linted.push(lintedCluster(t, fleet));
    const reached = perFleet(fleet, run.repoToken, () => {
      const r: Reached = { starts: [], origins: [] };
      for (const k of fleet.kustomizations) noteReached(run.rootDir, run.repo, k, r);
      return r;
    });
    run.reached.starts.push(...reached.starts);
    run.reached.origins.push(...reached.origins);
  }
}

function buildDir(run: LintRun, dir: string): KustomizeBuild {
  run.options.onProgress?.(`building ${relative(run.rootDir, dir) || '.'}`);
  const once = (): BuildResult =>
    build(dir, {
      fs: run.options.fs,
      loadRestrictor: 'LoadRestrictionsNone',
      kustomizeVersion: run.options.kustomizeVersion ?? FLUX_KUSTOMIZE_VERSION,
      confineTo: run.rootDir,
      cache: run.cache,
      ...(run.options.remoteLoader ? { remoteLoader: run.options.remoteLoader } : {}),
    });
  // Kept in the cache for the next runs (the build records what it reads), unless remote bases are fetched.
  const key = `lint-build\0${run.options.kustomizeVersion ?? ''}\0${run.rootDir}\0${dir}`;
  const result = run.options.remoteLoader ? once() : run.cache.memo(key, run.options.fs, once).value;
  const b = { dir, result, closure: kustomizationClosure(run.repo, [dir]) };
  run.builds.push(b);
  return b;
}

/** Builds the kustomization directories no cluster reaches, each on its own. */
function buildStandalone(run: LintRun): void {
  const reached = kustomizationClosure(run.repo, [...run.reached.starts, ...run.reached.origins]);
  for (const dir of standaloneRoots(run.repo, reached)) {
    const { result } = buildDir(run, dir);
    run.standalone.push({
      id: relative(run.rootDir, dir) || '.',
      dir,
      objects: result.resources,
      diagnostics: result.diagnostics,
      build: result,
    });
  }
}

/**
 * Flux builds do not expose unmatched patch targets: builds the reached roots whose kustomizations have
 * targeted patches again, plainly (the build cache shares the bases).
 */
function buildPatchedRoots(run: LintRun): void {
  const patchesTargets = (d: string): boolean => {
    const k = run.repo.kustomizations.get(d);
    if (!k) return false;
    return ['patches', 'patchesJson6902'].some((field) => {
      const l = getField(k.value, field);
      return Array.isArray(l) && l.some((p) => isMap(p) && isMap(getField(p, 'target')));
    });
  };
  const built = new Set(run.builds.map((b) => b.dir));
  for (const dir of new Set(run.reached.starts)) {
    if (built.has(dir) || ![...kustomizationClosure(run.repo, [dir])].some(patchesTargets)) continue;
    built.add(dir);
    buildDir(run, dir);
  }
}

/** The rules' context; `repo` may be given as a function, then called when a rule first reads it. */
function lintContext(
  root: string,
  fs: FileSystem,
  repo: RepoIndex | (() => RepoIndex),
  parts: Pick<LintContext, 'clusters' | 'standalone' | 'builds'>,
): LintContext {
  const rest = {
    root,
    fs,
    ...parts,
    judgedCodes: new Set(ruleMetas.flatMap((m) => m.judges ?? [])),
    locateObject,
    locateKustomization,
  };
  if (typeof repo !== 'function') return { ...rest, repo };
  return {
    ...rest,
    get repo(): RepoIndex {
      return repo();
    },
  };
}

/**
 * The schema rules over every unit that rendered objects, one run per cluster and one for the standalone builds.
 * Custom resources are validated against the CRDs their cluster renders, then those written anywhere in the
 * repository, then the schema locations.
 */
function schemaFindings(run: LintRun, settings: Readonly<Record<string, RuleSetting>>): Diagnostic[] {
  const locations = readSchemaLocations(run.options.fs, run.options.schemaLocations ?? [], run.options);
  const knownCrds = [...locations.crds, ...repositoryCrds(run.repo)];
  const schemaOptions = {
    root: run.rootDir,
    rules: settings,
    jsonSchemas: locations.jsonSchema,
    ...(run.options.strict !== undefined ? { strict: run.options.strict } : {}),
    ...(run.options.skipKinds ? { skipKinds: run.options.skipKinds } : {}),
    ...(run.options.kubernetesVersion ? { kubernetesVersion: run.options.kubernetesVersion } : {}),
    ...(run.options.precompiled ? { precompiled: run.options.precompiled } : {}),
  };
  const out: Diagnostic[] = [...locations.diagnostics];
  // Units rendered again unchanged (an editor session's cache) keep their findings.
  const reusable = (run.options.schemaLocations ?? []).length === 0 && !run.options.precompiled;
  const o = run.options;
  const optionsKey = JSON.stringify([run.rootDir, settings, o.strict, o.skipKinds, o.kubernetesVersion]);
  // One run per cluster, so that summary findings (schema/unknown-kind) count the whole cluster; units rendered
  // again unchanged (an editor session's cache) keep their subjects and findings.
  const findings = (place: string, units: readonly LintUnit[], renderedCrds: boolean): readonly Diagnostic[] => {
    const options = { ...schemaOptions, crds: knownCrds };
    if (reusable) return placeSchemaFindings(run.cache, place, units, options, optionsKey, renderedCrds);
    const rendered = units.flatMap((u) => u.objects.map((o) => o.object));
    const crds = rendered.filter((o) => renderedCrds && getField(o, 'kind') === 'CustomResourceDefinition');
    const objects = units.flatMap((u) => u.objects.map((o) => ({ ...o, kustomization: u.id })));
    return validate(objects, { ...options, crds: [...knownCrds, ...crds] }).diagnostics;
  };
  for (const c of run.clusters) {
    if (c.units.every((u) => u.objects.length === 0)) continue;
    for (const d of findings(`cluster\0${c.name}`, c.units, true)) out.push({ ...d, cluster: c.name });
  }
  // The kustomization directories no cluster reaches are one run too: one summary per kind for all of them.
  if (run.standalone.some((u) => u.objects.length > 0)) out.push(...findings('standalone', run.standalone, false));
  return out;
}

/** Findings once each, below `minSeverity` and in ignored files left out, suppressions applied, in file order. */
function finish(run: LintRun, raw: readonly Diagnostic[]): LintResult {
  const seen = new Set<string>();
  const unique = raw.filter((d) => {
    if (!atLeast(d.severity, run.options.minSeverity)) return false;
    if (d.file !== undefined && run.ignored(resolve(run.rootDir, d.file))) return false;
    const k = dedupeKey(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const { kept, suppressed } = applySuppressions(unique, (file) => fileText(run.repo, resolve(run.rootDir, file)));
  const diagnostics = sortDiagnostics(kept);
  return {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    diagnostics,
    suppressed,
    clusters: run.linted,
    standalone: run.standalone.map((u) => u.id),
  };
}

/**
 * Lints the repository at `root` (absolute, in `options.fs`). Never throws on bad input: problems are
 * findings.
 */
export function lint(root: string, lintOptions: LintOptions): LintResult {
  return lintWithContext(root, lintOptions).result;
}

/** {@link lint}, and what the rules looked at (the rendered clusters and builds), for hosts such as an editor. */
export function lintWithContext(root: string, lintOptions: LintOptions): { result: LintResult; context: LintContext } {
  checkRuleSettings(lintOptions.rules);
  checkSeverity('minSeverity', lintOptions.minSeverity);
  // One lint run sees one state of the files, read once (its clusters and standalone builds share it).
  const options = { ...lintOptions, fs: snapshotFs(lintOptions.fs) };
  const rootDir = realPathOrSelf(options.fs, normalize(root));
  const ignored = typeof options.ignore === 'function' ? options.ignore : ignoreMatcher(options.ignore ?? [], rootDir);
  const skipKey = typeof options.ignore === 'function' ? undefined : JSON.stringify(options.ignore ?? []);
  const cache = options.cache ?? new BuildCache();
  const repo = scanRepository(options.fs, rootDir, { skipPath: ignored, cache, ...(skipKey ? { skipKey } : {}) });
  const run: LintRun = {
    rootDir,
    ignored,
    options,
    cache,
    repo,
    repoToken: repoToken(cache, repo),
    clusters: [],
    linted: [],
    reached: { starts: [], origins: [] },
    standalone: [],
    builds: [],
  };
  renderClusters(run, lintTargets(rootDir, repo, options.clusters, cache));
  if (options.standalone ?? options.clusters === undefined) buildStandalone(run);
  buildPatchedRoots(run);
  const context = lintContext(rootDir, options.fs, repo, run);
  const settings = withDefaults(options.rules);
  const raw = lintRuleFindings(cache, context, settings, () =>
    runRules(lintRules, context, { rules: settings, root: rootDir, source: 'lint' }),
  );
  if (options.schema !== false) raw.push(...schemaFindings(run, settings));
  return { result: finish(run, raw), context };
}

/** Options of {@link lintFleet}. */
export interface LintFleetOptions {
  /** The file system the fleet was rendered from. */
  fs: FileSystem;
  /** The rules to run (each at its default severity). */
  rules: readonly RuleId[];
}

/**
 * Runs `options.rules` over one rendered cluster and returns their findings (files as the fleet holds them,
 * absolute). The `fleet` and `graph` commands print the graph's findings this way.
 */
export function lintFleet(fleet: FleetResult, options: LintFleetOptions): Diagnostic[] {
  // The repository is scanned (every YAML file read and parsed) only if a rule looks at it: the graph's
  // and the Flux objects' rules of `fleet` and `graph` do not.
  let repo: RepoIndex | undefined;
  const context = lintContext(fleet.root, options.fs, () => (repo ??= scanRepository(options.fs, fleet.root)), {
    clusters: [makeCluster(relative(fleet.root, fleet.cluster) || '.', fleet)],
    standalone: [],
    builds: [],
  });
  const wanted = new Set<string>(options.rules);
  const rules = lintRules.filter((r) => wanted.has(r.meta.id));
  return runRules(rules, context, { source: 'lint' });
}

/**
 * Building one kustomization (kustomize's KustTarget.AccumulateTarget, spec §2.2): resources (files and
 * sub-kustomizations, each built first into its own accumulator), transformer configuration, generators,
 * components (which work on this accumulator), transformers, validators, vars.
 */
import { goQuote } from '../generators/go-format.js';
import { BuildError } from '../diagnostics/error.js';
import type { Range } from '../diagnostics/diagnostic.js';
import { relative } from '../fs/path.js';
import { loadKustomization } from '../kustomization/load.js';
import { sharedDefaultTransformerConfig } from '../fieldspecs/defaults.js';
import {
  EMPTY_TRANSFORMER_CONFIG,
  emptyTransformerConfig,
  mergeTransformerConfig,
  sortTransformerConfig,
} from '../fieldspecs/config.js';
import { parseConfigurationFile } from '../fieldspecs/config-file.js';
import type { TransformerConfig } from '../fieldspecs/types.js';
import { ResourceList } from '../resources/resource-list.js';
import type { Resource } from '../resources/resource.js';
import { idString } from '../resources/res-id.js';
import { getField, isMap, setField, type YamlMap } from '../yaml/values.js';
import { parseYamlStream } from '../yaml/parse.js';
import { EmitError, emitResource } from '../yaml/emit.js';
import { syncAliasGroups } from '../resources/aliases.js';
import { fieldTransformers, transformerPlugins } from '../transformers/registry.js';
import type { TransformerPlugin } from '../transformers/types.js';
import { fieldGenerators, generatorPlugins } from '../generators/registry.js';
import { loadCrdConfig, setSchemaFromKustomization } from './schema-fields.js';
import { bindVars, mergeVarSets } from '../transformers/vars/bind.js';
import type { Accumulator, BuildContext, BuildTarget } from './context.js';
import { Loader, RemoteFileError, evalSymlinkFailure, notDownloadedMessage } from './loader.js';
import { isRemoteFile, parseRepoSpec, type RepoSpec } from './repo-spec.js';
import { openRemoteRepo } from './remote.js';
import { resourcesFromText } from './read-resources.js';
import { absorbGenerated } from './absorb.js';
import {
  appendOrigin,
  builtinOrigin,
  fileOrigin,
  inlineConfigOrigin,
  ORIGIN_ANNOTATION,
  originAnnotationText,
  pluginOrigin,
  TRANSFORMATIONS_ANNOTATION,
  transformationsAnnotationText,
  recordTransformation,
  setGeneratedOrigin,
  TOP_ORIGIN,
  type TargetOrigin,
} from './build-metadata.js';
import type { TransformationRecord } from '../resources/resource.js';
import { gvkString } from '../resources/res-id.js';

export function emptyAccumulator(): Accumulator {
  return { resources: new ResourceList(), config: EMPTY_TRANSFORMER_CONFIG, vars: new Map() };
}

/** Loads the kustomization at the loader's root into a target. Deprecation warnings go to the build. */
export function loadTarget(build: BuildContext, loader: Loader, origin?: TargetOrigin): BuildTarget {
  const loaded = loadKustomization(loader.fs, loader.root, build.options.cache?.kustomizations, build.version);
  build.warnings.push(...loaded.warnings);
  const relRoot = loader.root === build.topRoot ? '' : relative(build.topRoot, loader.root);
  const relFile = relative(build.topRoot, loaded.file);
  return {
    build,
    file: loaded.file,
    relFile,
    relRoot,
    kustomization: loaded.kustomization,
    loader,
    origin: build.trackOrigins ? (origin ?? TOP_ORIGIN) : undefined,
    locate: loaded.locate,
    range: loaded.range,
  };
}

function withPrefix(err: unknown, prefix: string): never {
  if (err instanceof BuildError) throw err.wrap(prefix);
  throw err;
}

/** Where a diagnostic points: a file and, when known, a range in it. */
type Where = { file: string; range?: Range };

/** Where an entry of a list field of `kt` is written: the kustomization file and the entry's range. */
export function entryWhere(kt: BuildTarget, field: string, index: number): Where {
  let range = kt.range(field, index);
  if (range === undefined && field === 'resources') {
    // `bases` entries were appended to `resources` when the file was loaded.
    let n = 0;
    while (kt.range('resources', n) !== undefined) n++;
    range = kt.range('bases', index - n);
  }
  range ??= kt.range(field);
  return range ? { file: kt.file, range } : { file: kt.file };
}

/** Re-positions a loader error (missing file, outside root, cycle, ...) at the entry that caused it. */
function atEntry(err: unknown, where: Where): unknown {
  if (err instanceof BuildError) {
    err.file = where.file;
    err.range = where.range;
  }
  return err;
}

/** Reads one resource file into resources with origins. Loader errors are positioned at the entry. */
function resourcesFromFile(kt: BuildTarget, entry: string, where: Where): Resource[] {
  let read: { path: string; text: string };
  try {
    read = kt.loader.readText(entry);
  } catch (err) {
    throw atEntry(err, where);
  }
  return resourcesFromText(
    read.text,
    read.path,
    kt.build.schema.isClusterScoped,
    fileOrigin(kt, entry),
    kt.build.options.cache,
  );
}

function accumulateFile(kt: BuildTarget, ra: Accumulator, entry: string, where: Where): void {
  let rs: Resource[];
  try {
    rs = resourcesFromFile(kt, entry, where);
    // Reading a file makes a resource map of its own: a repeated id fails here already.
    new ResourceList().appendAll(rs);
  } catch (err) {
    withPrefix(err, `accumulating resources from '${entry}': `);
  }
  try {
    ra.resources.appendAll(rs);
  } catch (err) {
    withPrefix(err, `merging resources from '${entry}': `);
  }
}

/** Errors of loading a sub-kustomization itself (not of building it): kustomize reports them unwrapped. */
const loadErrors = new WeakSet<BuildError>();

/** Loads a sub-kustomization and checks its kind against how it is referenced. */
function loadSubTarget(
  kt: BuildTarget,
  loader: Loader,
  isComponent: boolean,
  origin: TargetOrigin | undefined,
  where: Where,
): BuildTarget {
  let sub: BuildTarget;
  try {
    sub = loadTarget(kt.build, loader, origin);
  } catch (err) {
    if (err instanceof BuildError) {
      if (err.code === 'load/no-kustomization' || err.code === 'load/multiple-kustomizations') atEntry(err, where);
      err.wrap(`couldn't make target for path '${loader.root}': `);
      loadErrors.add(err);
    }
    throw err;
  }
  const kind = sub.kustomization.kind;
  let err: BuildError | undefined;
  if (isComponent && kind !== 'Component') {
    err = new BuildError(
      'load/component-kind',
      `expected kind 'Component' for path '${loader.root}' but got '${kind ?? ''}'`,
      where,
    );
  } else if (!isComponent && kind === 'Component') {
    err = new BuildError('load/component-kind', `expected kind != 'Component' for path '${loader.root}'`, where);
  }
  if (err) {
    loadErrors.add(err);
    throw err;
  }
  setSchemaFromKustomization(sub, false);
  return sub;
}

/** A copy of an accumulator that can be transformed without touching the original. */
export function cloneAccumulator(ra: Accumulator): Accumulator {
  // Var bindings live on the resources (refVarNames), which clone() copies; var definitions are immutable.
  return { resources: ra.resources.clone(), config: ra.config, vars: new Map(ra.vars) };
}

/**
 * Builds a sub-kustomization into a fresh accumulator, through the build cache when there is one: an
 * unchanged directory is reused (its warnings and unmatched patch targets replayed).
 */
function buildSubKustomization(
  kt: BuildTarget,
  loader: Loader,
  origin: TargetOrigin | undefined,
  where: Where,
): Accumulator {
  const build = kt.build;
  const make = (): Accumulator => accumulateTarget(loadSubTarget(kt, loader, false, origin, where), emptyAccumulator());
  const cache = build.options.cache;
  if (!cache) return make();
  // The chain of referrers is not part of the key: a subtree built under one chain is reused under
  // another when no folder it opened contains a root of the new chain (the cycle check; see BuildCache.dir).
  const key = [
    build.version,
    loader.root,
    loader.restrictor,
    loader.confineTo ?? '',
    origin ? `${origin.path}\u0001${origin.repo ?? ''}\u0001${origin.ref ?? ''}` : '',
    build.buildMetadata.join(','),
    build.schemaSet ? 'schema' : '',
  ].join('\0');
  const schemaBefore = build.schema;
  const entry = cache.dir(key, build.rawFs, loader.chain, () => {
    const w = build.warnings.length;
    const u = build.unmatchedPatchTargets.length;
    const result = make();
    return {
      result: cloneAccumulator(result),
      warnings: build.warnings.slice(w),
      unmatched: build.unmatchedPatchTargets.slice(u),
      // A subtree that set the build's schema cannot be replayed from the cache.
      cacheable: build.schema === schemaBefore,
    };
  });
  if (entry.hit) {
    build.warnings.push(...entry.warnings);
    build.unmatchedPatchTargets.push(...entry.unmatched);
  }
  return cloneAccumulator(entry.result);
}

/** Builds a sub-kustomization (or applies a component) and merges it into `ra`. */
function accumulateDirectory(
  kt: BuildTarget,
  ra: Accumulator,
  loader: Loader,
  isComponent: boolean,
  entry: string,
  where: Where,
): void {
  // buildMetadata: the sub-kustomization's origin is this one's joined with the entry as written.
  const origin = kt.origin ? appendOrigin(kt.origin, entry) : undefined;
  if (isComponent) {
    const sub = loadSubTarget(kt, loader, true, origin, where);
    let subRa: Accumulator;
    try {
      subRa = accumulateTarget(sub, ra);
    } catch (err) {
      withPrefix(err, `recursed accumulation of path '${loader.root}': `);
    }
    // kustomize then moves the component's result into a fresh accumulator (ids checked, config re-merged).
    const fresh = emptyAccumulator();
    mergeAccumulator(fresh, subRa, loader.root);
    ra.resources = fresh.resources;
    ra.config = fresh.config;
    ra.vars = fresh.vars;
    return;
  }
  let subRa: Accumulator;
  try {
    subRa = buildSubKustomization(kt, loader, origin, where);
  } catch (err) {
    if (err instanceof BuildError && loadErrors.has(err)) throw err;
    withPrefix(err, `recursed accumulation of path '${loader.root}': `);
  }
  mergeAccumulator(ra, subRa, loader.root);
}

/** kustomize's ResAccumulator.MergeAccumulator: resources (id-checked), configuration, vars. */
function mergeAccumulator(ra: Accumulator, sub: Accumulator, root: string): void {
  try {
    ra.resources.appendAll(sub.resources);
    ra.config = mergeTransformerConfig(ra.config, sub.config);
    mergeVarSets(ra.vars, sub.vars);
  } catch (err) {
    withPrefix(err, `recursed merging from path '${root}': `);
  }
}

/**
 * A git repo entry as a base, after the file attempt failed with `fileErr` (kustomize's ldr.New on a repo URL).
 * When the file attempt found malformed YAML, that error alone is reported (unless git timed out).
 */
function accumulateRepoEntry(
  kt: BuildTarget,
  ra: Accumulator,
  entry: string,
  spec: RepoSpec,
  fileErr: string,
  where: Where,
  malformed?: BuildError,
): void {
  if (!kt.loader.remote) throw new BuildError('load/remote', notDownloadedMessage(entry), where);
  accumulateBase(
    kt,
    ra,
    entry,
    where,
    `accumulation err='${fileErr}': `,
    () => openRemoteRepo(kt, entry, spec),
    malformed,
  );
}

/**
 * Opens a base (a local directory or a repo checkout) and builds it into `ra`; its errors carry `prefix` (the
 * failed file attempt). When that attempt found malformed YAML, an open failure reports it alone (not a timeout).
 */
function accumulateBase(
  kt: BuildTarget,
  ra: Accumulator,
  entry: string,
  where: Where,
  prefix: string,
  open: () => Loader,
  malformed?: BuildError,
): void {
  let loader: Loader;
  try {
    loader = open();
  } catch (err) {
    if (malformed && !(err instanceof BuildError && err.code === 'remote/timeout')) throw malformed;
    atEntry(err, where);
    withPrefix(err, prefix);
  }
  try {
    accumulateDirectory(kt, ra, loader, false, entry, where);
  } catch (err) {
    withPrefix(err, prefix);
  }
}

/**
 * An http(s) `resources` entry: kustomize downloads it as a file; an HTTP error status ends there unless
 * the URL is also a repo URL, and any other failure goes on to try it as a base (a repo, else a directory).
 */
function accumulateUrlEntry(kt: BuildTarget, ra: Accumulator, entry: string, where: Where): void {
  if (!kt.loader.remote) throw new BuildError('load/remote', notDownloadedMessage(entry), where);
  let errF: BuildError;
  try {
    accumulateFile(kt, ra, entry, where);
    return;
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    errF = err;
  }
  const spec = parseRepoSpec(entry);
  const httpStatus = errF instanceof RemoteFileError ? errF.httpStatus : undefined;
  if (httpStatus !== undefined) {
    if (!spec) throw atEntry(errF, where);
    errF.message = `accumulating resources from '${entry}': URL is a git repository`;
  }
  const malformed = errF.code === 'yaml/syntax' ? errF : undefined;
  try {
    if (spec) {
      accumulateRepoEntry(kt, ra, entry, spec, errF.message, where, malformed);
      return;
    }
    if (malformed) throw malformed;
    const missing = evalSymlinkFailure(kt.loader.fs, kt.loader.abs(entry));
    throw new BuildError(
      'load/missing-file',
      `accumulation err='${errF.message}': must build at directory: not a valid directory: ${missing}`,
      where,
    );
  } catch (err) {
    throw keepRemoteCode(err, errF, spec !== undefined);
  }
}

/**
 * When downloading failed for a reason of its own (a timeout, a limit, offline or frozen mode; any reason for a URL
 * that is not a repo), the entry's error keeps that code, though kustomize goes on to try the URL as a repo or a
 * directory and words the error so.
 */
function keepRemoteCode(err: unknown, errF: BuildError, isRepo: boolean): unknown {
  const own = isRepo ? /^remote\/(?!fetch-failed)/.test(errF.code) : errF.code.startsWith('remote/');
  return own && err instanceof BuildError && err !== errF ? Object.assign(err, { code: errF.code }) : err;
}

/** kustomize's error for reading a directory as a file (the first attempt at a `resources` entry). */
function dirAsFileError(kt: BuildTarget, abs: string): string {
  return kt.build.restrictor === 'LoadRestrictionsNone'
    ? `read ${abs}: is a directory`
    : `'${abs}' must resolve to a file`;
}

/**
 * Resolves one `resources` entry (spec §2.4) as kustomize does: a file (downloaded when it is an http(s)
 * URL), else a base — a git repo when the entry parses as a repo URL, else a local directory. The error of
 * a failed file attempt is kept in front of the directory attempt's, as kustomize reports them.
 */
function accumulateResourceEntry(kt: BuildTarget, ra: Accumulator, entry: string, where: Where): void {
  if (isRemoteFile(entry)) {
    accumulateUrlEntry(kt, ra, entry, where);
    return;
  }
  const abs = kt.loader.abs(entry);
  const st = kt.loader.fs.stat(abs);
  if (st?.type === 'file') {
    try {
      accumulateFile(kt, ra, entry, where);
    } catch (err) {
      // Malformed YAML is reported alone; any other file error is followed by the directory attempt's.
      if (err instanceof BuildError && err.code !== 'yaml/syntax') {
        err.wrap(`accumulation err='`);
        err.message += `': must build at directory: '${abs}': file is not directory`;
      }
      throw err;
    }
    return;
  }
  const spec = parseRepoSpec(entry);
  if (spec) {
    const fileErr = st?.type === 'dir' ? dirAsFileError(kt, abs) : evalSymlinkFailure(kt.loader.fs, abs);
    accumulateRepoEntry(kt, ra, entry, spec, `accumulating resources from '${entry}': ${fileErr}`, where);
    return;
  }
  if (st?.type === 'dir') {
    // kustomize tried the entry as a file first; its error prefixes whatever the directory attempt says.
    const fileErr = dirAsFileError(kt, abs);
    const prefix = `accumulation err='accumulating resources from '${entry}': ${fileErr}': `;
    accumulateBase(kt, ra, entry, where, prefix, () => kt.loader.child(entry));
    return;
  }
  if (entry.startsWith('/')) {
    throw new BuildError(
      'load/absolute-path',
      `accumulation err='accumulating resources from '${entry}': ${evalSymlinkFailure(kt.loader.fs, entry)}': new root '${entry}' cannot be absolute`,
      where,
    );
  }
  throw new BuildError(
    'load/missing-file',
    `accumulation err='accumulating resources from '${entry}': ${evalSymlinkFailure(kt.loader.fs, abs)}': must build at directory: not a valid directory: ${evalSymlinkFailure(kt.loader.fs, abs)}`,
    where,
  );
}

function rangeOf(kt: BuildTarget, field: string): { range?: import('../diagnostics/diagnostic.js').Range } {
  const pos = kt.locate(field);
  return pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {};
}

function accumulateResources(kt: BuildTarget, ra: Accumulator, entries: readonly string[]): void {
  entries.forEach((entry, i) => {
    try {
      accumulateResourceEntry(kt, ra, entry, entryWhere(kt, 'resources', i));
    } catch (err) {
      withPrefix(err, 'accumulating resources: ');
    }
  });
}

/** Applies the `components` entries in order (spec §2.3). */
function accumulateComponents(kt: BuildTarget, ra: Accumulator, entries: readonly string[]): void {
  entries.forEach((entry, i) => {
    const where = entryWhere(kt, 'components', i);
    // kustomize's ldr.New: a repo URL first, else a local directory.
    const spec = parseRepoSpec(entry);
    if (spec && !kt.loader.remote) throw new BuildError('load/remote', notDownloadedMessage(entry), where);
    let loader: Loader;
    try {
      loader = spec ? openRemoteRepo(kt, entry, spec) : kt.loader.child(entry);
    } catch (err) {
      atEntry(err, where);
      if (err instanceof BuildError) err.message = `loader.New ${goQuote(err.message)}`;
      withPrefix(err, 'accumulating components: ');
    }
    try {
      accumulateDirectory(kt, ra, loader, true, entry, where);
    } catch (err) {
      if (err instanceof BuildError) err.message = `accumulateDirectory: ${goQuote(err.message)}`;
      withPrefix(err, 'accumulating components: ');
    }
  });
}

/**
 * kustomize's MakeTransformerConfig: the defaults, merged with the `configurations:` files (each parsed and
 * sorted, merged into an empty config in order) when there are any.
 */
function loadConfigurations(kt: BuildTarget): TransformerConfig {
  const defaults = sharedDefaultTransformerConfig(kt.build.version);
  const paths = kt.kustomization.configurations ?? [];
  if (paths.length === 0) return defaults;
  let files = emptyTransformerConfig();
  for (const entry of paths) {
    const { path, text } = kt.loader.readText(entry);
    const parsed = sortTransformerConfig({ ...emptyTransformerConfig(), ...parseConfigurationFile(text, path) });
    files = mergeTransformerConfig(files, parsed);
  }
  return mergeTransformerConfig(defaults, files);
}

/**
 * Plugin config documents of `generators:` / `transformers:` entries: inline YAML first (in order), then
 * the file and directory entries accumulated like resources.
 */
export function loadPluginConfigs(kt: BuildTarget, entries: readonly string[], field = 'transformers'): Resource[] {
  const ra = emptyAccumulator();
  const paths: { entry: string; index: number }[] = [];
  for (const [index, entry] of entries.entries()) {
    const stream = parseYamlStream(entry, { file: kt.file });
    const docs = stream.documents;
    const inline = stream.errors.length === 0 && docs.length > 0 && docs.every((d) => isMap(d.value));
    if (!inline) {
      paths.push({ entry, index });
      continue;
    }
    ra.resources.appendAll(resourcesFromText(entry, kt.file, kt.build.schema.isClusterScoped, inlineConfigOrigin(kt)));
  }
  // kustomize calls accumulateResources directly here: no `accumulating resources: ` prefix.
  for (const { entry, index } of paths) accumulateResourceEntry(kt, ra, entry, entryWhere(kt, field, index));
  return ra.resources.items;
}

function pluginKind(r: Resource): { builtin: boolean; kind: string } {
  return { builtin: r.apiVersion === 'builtin', kind: r.kind };
}

/** One generator instance of a kustomization, in run order. */
interface GeneratorStep {
  kind: string;
  /** Where it is configured (for diagnostics). */
  where: { file: string; range?: import('../diagnostics/diagnostic.js').Range };
  /** `configuredIn` / `configuredBy` of the generated objects, when origins are tracked. */
  origin: TransformationRecord | undefined;
  generate(): Resource[];
}

function atGenerator<T>(where: GeneratorStep['where'], fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BuildError) {
      // Point at the generator's configuration rather than at a file it read.
      err.file = where.file;
      err.range = where.range;
    }
    throw err;
  }
}

/** The builtin generators of the kustomization fields (configMapGenerator, then secretGenerator). */
function fieldGeneratorSteps(kt: BuildTarget): GeneratorStep[] {
  const steps: GeneratorStep[] = [];
  for (const g of fieldGenerators) {
    const kind = g.plugin.kind;
    const field = g.fields[0] as string;
    const where = { file: kt.file, ...rangeOf(kt, field) };
    const origin = builtinOrigin(kt, kind);
    for (const c of atGenerator(where, () => g.configs(kt.kustomization, kt))) {
      steps.push({ kind, where, origin, generate: () => g.plugin.generate(c, kt) });
    }
  }
  return steps;
}

/** kustomize's configureExternalGenerators: the `generators:` entries, loaded and configured. */
function pluginGeneratorSteps(kt: BuildTarget): GeneratorStep[] {
  const steps: GeneratorStep[] = [];
  for (const cfg of loadPluginConfigs(kt, kt.kustomization.generators ?? [], 'generators')) {
    const { builtin, kind } = pluginKind(cfg);
    const plugin = builtin ? generatorPlugins.get(kind) : undefined;
    const where = { file: cfg.origin.file, ...(cfg.origin.range ? { range: cfg.origin.range } : {}) };
    if (!plugin) {
      if (builtin && transformerPlugins.has(kind)) {
        throw new BuildError(
          'transformer/config',
          `failed to load generator: plugin ${idString(cfg.originalId())} not a generator`,
          where,
        );
      }
      if (builtin && kind === 'HelmChartInflationGenerator') {
        throw new BuildError(
          'kustomization/unsupported',
          `failed to load generator: plugin ${idString(cfg.originalId())} fails configuration: helm charts need the helm binary (kustomize --enable-helm), which kustomize-ts does not run`,
          where,
        );
      }
      if (builtin) {
        throw new BuildError(
          'transformer/config',
          `failed to load generator: unable to load builtin ${kind}.builtin.[noGrp]`,
          where,
        );
      }
      throw unsupportedPlugin(kt, cfg, builtin, 'generators').wrap('failed to load generator: ');
    }
    let config: unknown;
    try {
      checkConfigDecodes(cfg);
    } catch (err) {
      withPrefix(err, 'failed to load generator: ');
    }
    try {
      config = plugin.configure(pluginConfigView(kt, cfg), kt);
    } catch (err) {
      if (err instanceof BuildError) {
        err.file ??= where.file;
        err.range ??= where.range;
      }
      withPrefix(err, `failed to load generator: plugin ${idString(cfg.originalId())} fails configuration: `);
    }
    const origin = pluginOrigin(cfg);
    steps.push({ kind, where, origin, generate: () => plugin.generate(config, kt) });
  }
  return steps;
}

/**
 * kustomize's runGenerators: every generator is configured first (field generators, then the
 * `generators:` entries), then each one generates and its objects are absorbed (§3.4) before the next
 * one runs.
 */
function runGenerators(kt: BuildTarget, ra: Accumulator): void {
  const steps = fieldGeneratorSteps(kt);
  try {
    steps.push(...pluginGeneratorSteps(kt));
  } catch (err) {
    withPrefix(err, 'loading generator plugins: ');
  }
  for (const step of steps) {
    const resources = atGenerator(step.where, () => step.generate());
    // buildMetadata: generated objects without an origin get their generator's (spec §12).
    setGeneratedOrigin(resources, step.origin);
    atGenerator(step.where, () => {
      try {
        for (const r of resources) absorbGenerated(ra.resources, r, kt.build.version);
      } catch (err) {
        withPrefix(err, `merging from generator ${step.kind}: `);
      }
    });
  }
}

/**
 * A builtin plugin's config as kustomize hands it to the plugin (Resource.AsYAML): with the build's
 * internal annotations (previous names, prefixes …) and, while origins are tracked (any `buildMetadata`),
 * the origin and transformations annotations. Decoders that report YAML lines count them.
 */
function pluginConfigView(kt: BuildTarget, cfg: Resource): YamlMap {
  const view = cfg.withBuildAnnotations();
  if (!kt.origin) return view;
  const extra: [string, string | undefined][] = [
    [ORIGIN_ANNOTATION, originAnnotationText(cfg.origin)],
    [TRANSFORMATIONS_ANNOTATION, transformationsAnnotationText(cfg.transformations)],
  ];
  for (const [key, text] of extra) {
    if (text === undefined) continue;
    let meta = getField(view, 'metadata');
    if (!isMap(meta)) setField(view, 'metadata', (meta = {}));
    let ann = getField(meta, 'annotations');
    if (!isMap(ann)) setField(meta, 'annotations', (ann = {}));
    setField(ann, key, text);
  }
  return view;
}

/** A `transformers:` entry's plugin configured; its errors are kustomize's `plugin <id> fails configuration: …`. */
function configureTransformer(kt: BuildTarget, cfg: Resource, plugin: TransformerPlugin<unknown>): unknown {
  try {
    return plugin.configure(pluginConfigView(kt, cfg), kt);
  } catch (err) {
    if (err instanceof BuildError && err.file === undefined) {
      const pos = kt.locate('transformers');
      err.file = kt.file;
      if (pos) err.range = { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } };
    }
    withPrefix(err, `plugin ${idString(cfg.originalId())} fails configuration: `);
  }
}

/** kustomize writes a builtin plugin's config out as YAML before decoding it: that can fail first. */
function checkConfigDecodes(cfg: Resource): void {
  const f = cfg.outputFailure() ?? unwritable(cfg);
  if (!f) return;
  throw new BuildError(f.code, `marshalling yaml from res ${idString(cfg.originalId())}: ${f.message}`, {
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.range !== undefined ? { range: f.range } : {}),
  });
}

/** Why JSON cannot encode the object (a NaN or infinite number in it), if it cannot. */
function unwritable(cfg: Resource): BuildError | undefined {
  try {
    emitResource(cfg.data);
    return undefined;
  } catch (err) {
    if (!(err instanceof EmitError)) throw err;
    return new BuildError('yaml/unsupported-value', err.message, { file: cfg.origin.file, range: cfg.origin.range });
  }
}

function unsupportedPlugin(kt: BuildTarget, cfg: Resource, builtin: boolean, field: string): BuildError {
  const pos = kt.locate(field);
  const where = {
    file: kt.file,
    ...(pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {}),
  };
  if (builtin) return new BuildError('transformer/config', `unable to load builtin ${gvkString(cfg.gvk())}`, where);
  return new BuildError(
    'kustomization/unsupported',
    `external plugins disabled; unable to load external plugin '${cfg.kind}' (exec, Go and KRM-function plugins need an external plugin binary, which kustomize-ts does not run)`,
    where,
  );
}

function runTransformers(kt: BuildTarget, ra: Accumulator): void {
  const steps: { run: () => void; origin: TransformationRecord | undefined }[] = [];
  for (const t of fieldTransformers) {
    const origin = builtinOrigin(kt, t.plugin.kind);
    for (const c of t.configs(kt.kustomization, ra.config, kt)) {
      steps.push({ origin, run: () => t.plugin.transform(ra.resources, c, kt) });
    }
  }
  const configs = loadPluginConfigs(kt, kt.kustomization.transformers ?? []);
  for (const cfg of configs) {
    const { builtin, kind } = pluginKind(cfg);
    const plugin = builtin ? transformerPlugins.get(kind) : undefined;
    if (!plugin) throw unsupportedPlugin(kt, cfg, builtin, 'transformers');
    checkConfigDecodes(cfg);
    const c = configureTransformer(kt, cfg, plugin);
    steps.push({ origin: pluginOrigin(cfg), run: () => plugin.transform(ra.resources, c, kt) });
  }
  for (const step of steps) {
    step.run();
    // In-place writes reach every place of a shared label or annotation node (resources/aliases.ts).
    for (const r of ra.resources.items) if (r.aliases) r.aliases = syncAliasGroups(r.aliases);
    // buildMetadata: every resource present records the transformer (spec §12).
    recordTransformation(ra.resources, step.origin);
    ra.resources.dropEmpty();
  }
}

function runValidators(kt: BuildTarget): void {
  if ((kt.kustomization.validators ?? []).length > 0) {
    const pos = kt.locate('validators');
    throw new BuildError(
      'kustomization/unsupported',
      'validators need an external plugin, which kustomize-ts does not run',
      { file: kt.file, ...(pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {}) },
    );
  }
}

function checkHelm(kt: BuildTarget): void {
  if ((kt.kustomization.helmCharts ?? []).length > 0) {
    const range = kt.range('helmCharts') ?? kt.range('helmChartInflationGenerator');
    throw new BuildError(
      'kustomization/unsupported',
      'trouble configuring builtin HelmChartInflationGenerator: helmCharts need the helm binary (kustomize --enable-helm), which kustomize-ts does not run',
      { file: kt.file, ...(range ? { range } : {}) },
    );
  }
}

/** kustomize's accumulateTarget: builds `kt` into `ra` (a fresh accumulator, or the parent's for a component). */
export function accumulateTarget(kt: BuildTarget, ra: Accumulator): Accumulator {
  accumulateResources(kt, ra, kt.kustomization.resources ?? []);
  ra.config = mergeTransformerConfig(ra.config, loadConfigurations(kt));
  ra.config = mergeTransformerConfig(ra.config, loadCrdConfig(kt, kt.kustomization.crds ?? []));
  checkHelm(kt);
  runGenerators(kt, ra);
  accumulateComponents(kt, ra, kt.kustomization.components ?? []);
  runTransformers(kt, ra);
  runValidators(kt);
  bindVars(kt, ra);
  return ra;
}

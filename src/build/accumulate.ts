/**
 * Building one kustomization (kustomize's KustTarget.AccumulateTarget, spec §2.2): resources (files and
 * sub-kustomizations, each built first into its own accumulator), transformer configuration, generators,
 * components (which work on this accumulator), transformers, validators, vars.
 */
import { BuildError } from '../diagnostics/error.js';
import { join, relative } from '../fs/path.js';
import { loadKustomization } from '../kustomization/load.js';
import { defaultTransformerConfig } from '../fieldspecs/defaults.js';
import { emptyTransformerConfig, mergeTransformerConfig } from '../fieldspecs/config.js';
import { parseConfigurationFile } from '../fieldspecs/config-file.js';
import type { TransformerConfig } from '../fieldspecs/types.js';
import { ResourceList } from '../resources/resource-list.js';
import type { Resource } from '../resources/resource.js';
import { getField, isMap, type YamlMap } from '../yaml/values.js';
import { parseYamlStream } from '../yaml/parse.js';
import { fieldTransformers, transformerPlugins } from '../transformers/registry.js';
import { fieldGenerators, generatorPlugins } from '../generators/registry.js';
import { loadCrdConfig } from '../schema/crds.js';
import { setSchemaFromKustomization } from '../schema/custom.js';
import { bindVars } from '../transformers/vars/bind.js';
import type { Accumulator, BuildContext, KustTarget } from './context.js';
import { Loader, isRemoteTarget } from './loader.js';
import { resourcesFromText } from './read-resources.js';
import { absorbGenerated } from './absorb.js';
import { recordTransformation } from './build-metadata.js';

export function emptyAccumulator(): Accumulator {
  return { resources: new ResourceList(), config: emptyTransformerConfig(), vars: [] };
}

/** Loads the kustomization at the loader's root into a target. Deprecation warnings go to the build. */
export function loadTarget(build: BuildContext, loader: Loader): KustTarget {
  const loaded = loadKustomization(loader.fs, loader.root, build.options.cache?.kustomizations);
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
    locate: loaded.locate,
  };
}

function withPrefix(err: unknown, prefix: string): never {
  if (err instanceof BuildError) throw err.wrap(prefix);
  throw err;
}

function remote(kt: KustTarget, entry: string, kind: 'resource' | 'component'): Loader | undefined {
  const hook = kt.build.options.remoteLoader;
  const got = hook ? hook(entry, kind) : undefined;
  if (!got) {
    const pos = kt.locate(kind === 'resource' ? 'resources' : 'components');
    throw new BuildError(
      'load/remote',
      `accumulating ${kind === 'resource' ? 'resources' : 'components'}: '${entry}' is a remote target; kustomize-ts does not download, and no remoteLoader supplied it`,
      {
        file: kt.file,
        ...(pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {}),
      },
    );
  }
  return new Loader(got.fs, got.path, 'LoadRestrictionsRootOnly', [], undefined);
}

/** Reads one resource file into resources with origins. */
function resourcesFromFile(kt: KustTarget, entry: string): Resource[] {
  const { path, text } = kt.loader.readText(entry);
  const originPath = kt.build.trackOrigins ? join(kt.relRoot, entry) : undefined;
  return resourcesFromText(
    text,
    path,
    kt.build.schema.isClusterScoped,
    originPath !== undefined ? { path: originPath } : {},
    kt.build.options.cache,
  );
}

function accumulateFile(kt: KustTarget, ra: Accumulator, entry: string): void {
  let rs: Resource[];
  try {
    rs = resourcesFromFile(kt, entry);
  } catch (err) {
    withPrefix(err, `accumulating resources from '${entry}': `);
  }
  try {
    ra.resources.appendAll(rs);
  } catch (err) {
    withPrefix(err, `merging resources from '${entry}': `);
  }
}

/** Loads a sub-kustomization and checks its kind against how it is referenced. */
function loadSubTarget(kt: KustTarget, loader: Loader, isComponent: boolean): KustTarget {
  const sub = loadTarget(kt.build, loader);
  const kind = sub.kustomization.kind;
  if (isComponent && kind !== 'Component') {
    throw new BuildError('load/component-kind', `expected kind 'Component' for path '${loader.root}' but got '${kind ?? ''}'`, {
      file: sub.file,
    });
  }
  if (!isComponent && kind === 'Component') {
    throw new BuildError('load/component-kind', `expected kind != 'Component' for path '${loader.root}'`, { file: sub.file });
  }
  setSchemaFromKustomization(sub, false);
  return sub;
}

/** A copy of an accumulator that can be transformed without touching the original. */
export function cloneAccumulator(ra: Accumulator): Accumulator {
  const resources = ra.resources.clone();
  const vars = ra.vars.map((v) => {
    const i = v.resource ? ra.resources.items.indexOf(v.resource) : -1;
    return { decl: v.decl, resource: i >= 0 ? resources.items[i] : v.resource };
  });
  return { resources, config: ra.config, vars };
}

/**
 * Builds a sub-kustomization into a fresh accumulator, through the build cache when there is one: an
 * unchanged directory is reused (its warnings and unmatched patch targets replayed).
 */
function buildSubKustomization(kt: KustTarget, loader: Loader): Accumulator {
  const build = kt.build;
  const make = (): Accumulator => accumulateTarget(loadSubTarget(kt, loader, false), emptyAccumulator());
  const cache = build.options.cache;
  if (!cache) return make();
  const key = [
    loader.root,
    loader.restrictor,
    loader.confineTo ?? '',
    loader.chain.join(':'),
    build.trackOrigins ? relative(build.topRoot, loader.root) : '',
    build.buildMetadata.join(','),
    build.schemaSet ? 'schema' : '',
  ].join('\0');
  const schemaBefore = build.schema;
  const entry = cache.dir(key, build.rawFs, () => {
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
function accumulateDirectory(kt: KustTarget, ra: Accumulator, loader: Loader, isComponent: boolean): void {
  if (isComponent) {
    const sub = loadSubTarget(kt, loader, true);
    try {
      accumulateTarget(sub, ra);
    } catch (err) {
      withPrefix(err, `recursed accumulation of path '${loader.root}': `);
    }
    return;
  }
  let subRa: Accumulator;
  try {
    subRa = buildSubKustomization(kt, loader);
  } catch (err) {
    withPrefix(err, `recursed accumulation of path '${loader.root}': `);
  }
  try {
    ra.resources.appendAll(subRa.resources);
  } catch (err) {
    withPrefix(err, `recursed merging from path '${loader.root}': `);
  }
  ra.config = mergeTransformerConfig(ra.config, subRa.config);
  mergeVars(ra, subRa);
}

function mergeVars(ra: Accumulator, sub: Accumulator): void {
  for (const v of sub.vars) {
    if (ra.vars.some((x) => x.decl.name === v.decl.name)) {
      throw new BuildError('var/unresolved', `var '${v.decl.name ?? ''}' already encountered`);
    }
    ra.vars.push(v);
  }
}

/** Resolves one `resources` entry: a file, else a directory (or a remote target). */
function accumulateResourceEntry(kt: KustTarget, ra: Accumulator, entry: string): void {
  if (isRemoteTarget(entry)) {
    const loader = remote(kt, entry, 'resource');
    if (!loader) return;
    if (loader.fs.stat(loader.root)?.type === 'file') {
      const text = new TextDecoder().decode(loader.fs.readFile(loader.root));
      ra.resources.appendAll(resourcesFromText(text, entry, kt.build.schema.isClusterScoped, { repo: entry }));
      return;
    }
    accumulateDirectory(kt, ra, loader, false);
    return;
  }
  const abs = kt.loader.abs(entry);
  const st = kt.loader.fs.stat(abs);
  if (st?.type === 'file') {
    try {
      accumulateFile(kt, ra, entry);
    } catch (err) {
      if (err instanceof BuildError && err.code !== 'yaml/syntax') {
        withPrefix(err, `accumulation err='`);
      }
      throw err;
    }
    return;
  }
  if (st?.type === 'dir') {
    let child: Loader;
    try {
      child = kt.loader.child(entry);
    } catch (err) {
      withPrefix(err, `accumulation err='accumulating resources from '${entry}': '${abs}' must resolve to a file': `);
    }
    accumulateDirectory(kt, ra, child, false);
    return;
  }
  if (entry.startsWith('/')) {
    throw new BuildError(
      'load/absolute-path',
      `accumulation err='accumulating resources from '${entry}': '${entry}' must resolve to a file': new root '${entry}' cannot be absolute`,
      { file: kt.file },
    );
  }
  throw new BuildError(
    'load/missing-file',
    `accumulation err='accumulating resources from '${entry}': evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`,
    { file: kt.file, ...rangeOf(kt, 'resources') },
  );
}

function rangeOf(kt: KustTarget, field: string): { range?: import('../diagnostics/diagnostic.js').Range } {
  const pos = kt.locate(field);
  return pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {};
}

function accumulateResources(kt: KustTarget, ra: Accumulator, entries: readonly string[]): void {
  for (const entry of entries) {
    try {
      accumulateResourceEntry(kt, ra, entry);
    } catch (err) {
      withPrefix(err, 'accumulating resources: ');
    }
  }
}

function loadConfigurations(kt: KustTarget): TransformerConfig {
  let config = defaultTransformerConfig();
  for (const entry of kt.kustomization.configurations ?? []) {
    const { path, text } = kt.loader.readText(entry);
    config = mergeTransformerConfig(config, parseConfigurationFile(text, path));
  }
  return config;
}

/**
 * Plugin config documents of `generators:` / `transformers:` entries: inline YAML first (in order), then
 * the file and directory entries accumulated like resources.
 */
export function loadPluginConfigs(kt: KustTarget, entries: readonly string[]): Resource[] {
  const ra = emptyAccumulator();
  const paths: string[] = [];
  for (const entry of entries) {
    const stream = parseYamlStream(entry, { file: kt.file });
    const docs = stream.documents;
    const inline = stream.errors.length === 0 && docs.length > 0 && docs.every((d) => isMap(d.value));
    if (!inline) {
      paths.push(entry);
      continue;
    }
    ra.resources.appendAll(resourcesFromText(entry, kt.file, kt.build.schema.isClusterScoped, kt.build.trackOrigins ? { path: kt.relFile } : {}));
  }
  accumulateResources(kt, ra, paths);
  return ra.resources.items;
}

function pluginKind(r: Resource): { builtin: boolean; kind: string } {
  return { builtin: r.apiVersion === 'builtin', kind: r.kind };
}

function runGenerators(kt: KustTarget, ra: Accumulator): void {
  const generated: { resources: Resource[]; kind: string }[] = [];
  for (const g of fieldGenerators) {
    for (const c of g.configs(kt.kustomization, kt)) generated.push({ resources: g.plugin.generate(c, kt), kind: g.plugin.kind });
  }
  const configs = loadPluginConfigs(kt, kt.kustomization.generators ?? []);
  for (const cfg of configs) {
    const { builtin, kind } = pluginKind(cfg);
    const plugin = builtin ? generatorPlugins.get(kind) : undefined;
    if (!plugin) throw unsupportedPlugin(kt, cfg, builtin, 'generators');
    generated.push({ resources: plugin.generate(plugin.configure(cfg.data, kt), kt), kind });
  }
  for (const g of generated) for (const r of g.resources) absorbGenerated(ra.resources, r);
}

function unsupportedPlugin(kt: KustTarget, cfg: Resource, builtin: boolean, field: string): BuildError {
  const pos = kt.locate(field);
  const where = { file: kt.file, ...(pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {}) };
  if (builtin) return new BuildError('transformer/config', `unable to load builtin ${cfg.kind}`, where);
  return new BuildError(
    'kustomization/unsupported',
    `external plugins disabled; unable to load external plugin '${cfg.kind}' (exec, Go and KRM-function plugins need an external plugin binary, which kustomize-ts does not run)`,
    where,
  );
}

function runTransformers(kt: KustTarget, ra: Accumulator): void {
  const steps: { run: () => void; kind: string }[] = [];
  for (const t of fieldTransformers) {
    for (const c of t.configs(kt.kustomization, ra.config, kt)) {
      steps.push({ kind: t.plugin.kind, run: () => t.plugin.transform(ra.resources, c, kt) });
    }
  }
  const configs = loadPluginConfigs(kt, kt.kustomization.transformers ?? []);
  for (const cfg of configs) {
    const { builtin, kind } = pluginKind(cfg);
    const plugin = builtin ? transformerPlugins.get(kind) : undefined;
    if (!plugin) throw unsupportedPlugin(kt, cfg, builtin, 'transformers');
    const c = plugin.configure(cfg.data as YamlMap, kt);
    steps.push({ kind, run: () => plugin.transform(ra.resources, c, kt) });
  }
  for (const step of steps) {
    step.run();
    if (kt.build.buildMetadata.includes('transformerAnnotations')) recordTransformation(ra.resources, kt, step.kind);
    ra.resources.dropEmpty();
  }
}

function runValidators(kt: KustTarget): void {
  if ((kt.kustomization.validators ?? []).length > 0) {
    const pos = kt.locate('validators');
    throw new BuildError(
      'kustomization/unsupported',
      'validators need an external plugin, which kustomize-ts does not run',
      { file: kt.file, ...(pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {}) },
    );
  }
}

function checkHelm(kt: KustTarget): void {
  if ((kt.kustomization.helmCharts ?? []).length > 0) {
    const pos = kt.locate('helmCharts') ?? kt.locate('helmChartInflationGenerator');
    throw new BuildError(
      'kustomization/unsupported',
      'trouble configuring builtin HelmChartInflationGenerator: helmCharts need the helm binary (kustomize --enable-helm), which kustomize-ts does not run',
      { file: kt.file, ...(pos ? { range: { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } } : {}) },
    );
  }
}

/** kustomize's accumulateTarget: builds `kt` into `ra` (a fresh accumulator, or the parent's for a component). */
export function accumulateTarget(kt: KustTarget, ra: Accumulator): Accumulator {
  accumulateResources(kt, ra, kt.kustomization.resources ?? []);
  ra.config = mergeTransformerConfig(ra.config, loadConfigurations(kt));
  ra.config = mergeTransformerConfig(ra.config, loadCrdConfig(kt, kt.kustomization.crds ?? []));
  checkHelm(kt);
  runGenerators(kt, ra);
  for (const entry of kt.kustomization.components ?? []) {
    try {
      const loader = isRemoteTarget(entry) ? remote(kt, entry, 'component') : kt.loader.child(entry);
      if (loader) accumulateDirectory(kt, ra, loader, true);
    } catch (err) {
      withPrefix(err, 'accumulating components: ');
    }
  }
  runTransformers(kt, ra);
  runValidators(kt);
  bindVars(kt, ra);
  void getField;
  return ra;
}

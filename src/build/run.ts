/**
 * A whole build (kustomize's Kustomizer.Run, spec §2.1): load the top kustomization, accumulate it, then
 * — once, at the top — hash suffixes, name references, vars, local-config removal, ordering and output
 * clean-up.
 */
import { BuildError, toBuildError } from '../diagnostics/error.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { normalize } from '../fs/path.js';
import { FsError, type FileSystem } from '../fs/types.js';
import { builtinSchema } from '../schema/builtin.js';
import { setSchemaFromKustomization } from './schema-fields.js';
import { addHashSuffixes } from '../transformers/hash/index.js';
import { fixNameReferences } from '../transformers/name-reference/index.js';
import { resolveVars } from '../transformers/vars/resolve.js';
import { labelTransformer } from '../transformers/labels/index.js';
import type { Resource } from '../resources/resource.js';
import { ResourceList } from '../resources/resource-list.js';
import { accumulateTarget, emptyAccumulator, loadTarget } from './accumulate.js';
import type { Accumulator, BuildContext, UnmatchedPatchTarget } from './context.js';
import { Loader } from './loader.js';
import { MANAGED_BY_VALUE, type BuildOptions } from './options.js';
import { dropLocalConfig, finalizeAnnotations } from './output.js';
import { checkMetadata } from './read-resources.js';
import { TOP_ORIGIN } from './build-metadata.js';
import { topLevelTransformers } from '../transformers/registry.js';
import { diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildTarget } from './context.js';
import {
  DEFAULT_KUSTOMIZE_VERSION,
  describeKustomizeVersions,
  parseKustomizeVersion,
  type KustomizeVersion,
} from '../kustomization/versions.js';

/** The engine's raw result: resources in output order, or the error. */
export interface EngineResult {
  resources: Resource[];
  diagnostics: Diagnostic[];
  unmatchedPatchTargets: UnmatchedPatchTarget[];
  /** The top kustomization file, when it was found. */
  kustomizationFile?: string;
  ok: boolean;
}

/**
 * kustomize's Kustomizer.applySortOrder (spec §11.1): the top kustomization's `sortOptions` win (with a
 * warning when `reorder` was given too); otherwise `reorder` legacy (the default) sorts and `none` keeps
 * the accumulation order.
 */
function applySortOrder(list: ResourceList, kt: BuildTarget, build: BuildContext): void {
  const sortOptions = kt.kustomization.sortOptions;
  if (sortOptions) {
    const pos = kt.locate('sortOptions');
    const range = pos ? { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } : undefined;
    if (build.options.reorder !== undefined) {
      build.warnings.push(
        diagnostic(
          'kustomization/sort-order-conflict',
          'warning',
          "Sorting order is set both in 'kustomization.yaml' ('sortOptions') and in a CLI flag ('--reorder'). Using the kustomization file over the CLI flag.",
          { file: kt.file, range, source: 'kustomize' },
        ),
      );
    }
    try {
      topLevelTransformers.sortOrder.transform(list, { sortOptions }, kt);
    } catch (err) {
      if (err instanceof BuildError && err.file === undefined) {
        err.file = kt.file;
        err.range = range;
      }
      throw err;
    }
    return;
  }
  if ((build.options.reorder ?? 'legacy') === 'legacy')
    topLevelTransformers.sortOrder.transform(list, { sortOptions: { order: 'legacy' } }, kt);
}

/** The kustomize version the build was asked for (the default when none). */
function requestedVersion(options: BuildOptions): KustomizeVersion {
  const version = parseKustomizeVersion(options.kustomizeVersion ?? DEFAULT_KUSTOMIZE_VERSION);
  if (version === undefined) {
    throw new BuildError(
      'build/unsupported-version',
      `kustomize version ${JSON.stringify(options.kustomizeVersion)} is not supported; supported: ${describeKustomizeVersions()}`,
    );
  }
  return version;
}

/** The directory to build, normalised and with links resolved; an error when it is not a directory. */
function buildRoot(fs: FileSystem, dir: string): string {
  let root = normalize(dir);
  const st = fs.stat(root);
  if (!st) {
    throw new BuildError(
      'load/not-a-directory',
      `must build at directory: not a valid directory: evalsymlink failure on '${root}' : lstat ${root}: no such file or directory`,
      { file: root },
    );
  }
  if (st.type !== 'dir') {
    throw new BuildError('load/not-a-directory', `must build at directory: '${dir}': file is not directory`, {
      file: root,
    });
  }
  if (fs.realPath) {
    try {
      root = fs.realPath(root);
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
    }
  }
  return root;
}

/**
 * kustomize decodes each object into a Go map to write it out: a decoding error (`yaml: …`) is printed
 * after the map it was decoding into, which is still nil.
 */
function asWriteError(e: BuildError): BuildError {
  if (!e.message.startsWith('yaml: ')) return e;
  return new BuildError(e.code, `map[string]interface {}(nil): ${e.message}`, { file: e.file, range: e.range });
}

/**
 * What runs once, at the top, after accumulation: hash suffixes, name references, vars, local-config removal,
 * order, the managed-by label and the output clean-up of annotations. Returns the resources in output order.
 */
function finishTop(ra: Accumulator, kt: BuildTarget, build: BuildContext): Resource[] {
  addHashSuffixes(ra.resources);
  fixNameReferences(ra);
  resolveVars(ra, build);
  const list = new ResourceList();
  // kustomize's IgnoreLocal reads every object's metadata again: a transformer may have emptied a name.
  for (const r of ra.resources.items) {
    if (Object.keys(r.data).length === 0) continue;
    try {
      checkMetadata(r.data, r.origin);
    } catch {
      // The message prints the metadata as kustomize holds it, with its internal annotations.
      checkMetadata(r.withBuildAnnotations(), r.origin);
    }
  }
  list.items = dropLocalConfig(ra.resources.items);
  applySortOrder(list, kt, build);
  for (const r of list.items) {
    const failure = r.outputFailure();
    if (failure) throw asWriteError(failure);
  }
  if (build.options.enableManagedByLabel || build.buildMetadata.includes('managedByLabel')) {
    labelTransformer.transform(
      list,
      {
        pairs: { 'app.kubernetes.io/managed-by': MANAGED_BY_VALUE },
        fieldSpecs: [{ path: 'metadata/labels', create: true }],
      },
      kt,
    );
  }
  for (const r of list.items) finalizeAnnotations(r, build.buildMetadata, build.version);
  return list.items;
}

/** A failed build's diagnostic (an internal error keeps its stack for bug reports). */
function failureDiagnostic(err: unknown): Diagnostic {
  const e = toBuildError(err);
  if (e.code === 'internal/error' && err instanceof Error && err.stack) {
    // Keep the stack for bug reports; the message stays the error's own.
    (e as BuildError & { stack?: string }).stack = err.stack;
  }
  return e.toDiagnostic();
}

/** Runs a build of the kustomization directory `dir` (an absolute path in `options.fs`). */
export function runBuild(dir: string, options: BuildOptions): EngineResult {
  const rawFs = options.fs;
  const fs = options.cache ? options.cache.track(rawFs) : rawFs;
  const warnings: Diagnostic[] = [];
  const unmatched: UnmatchedPatchTarget[] = [];
  const result: EngineResult = { resources: [], diagnostics: warnings, unmatchedPatchTargets: unmatched, ok: false };
  try {
    const version = requestedVersion(options);
    const root = buildRoot(fs, dir);
    const restrictor = options.loadRestrictor ?? 'LoadRestrictionsRootOnly';
    const build: BuildContext = {
      fs,
      options,
      restrictor,
      version,
      topRoot: root,
      schema: builtinSchema,
      schemaSet: false,
      warnings,
      unmatchedPatchTargets: unmatched,
      buildMetadata: [],
      trackOrigins: false,
      rawFs,
      remember: (key, make) => (options.cache ? options.cache.pure(key, make) : make()),
    };
    const loader = new Loader(fs, root, restrictor, [], options.confineTo, [], options.remoteLoader);
    const kt = loadTarget(build, loader);
    result.kustomizationFile = kt.file;
    build.buildMetadata = kt.kustomization.buildMetadata ?? [];
    build.trackOrigins = build.buildMetadata.length > 0;
    kt.origin = build.trackOrigins ? TOP_ORIGIN : undefined;
    setSchemaFromKustomization(kt, true);
    result.resources = finishTop(accumulateTarget(kt, emptyAccumulator()), kt, build);
    result.ok = true;
  } catch (err) {
    warnings.push(failureDiagnostic(err));
  }
  return result;
}

/**
 * `validateFiles(paths, options)`: validates plain manifest files and folders — the objects no kustomization
 * lists, or the output of another tool — as kubeconform does: every YAML document with an apiVersion and a
 * kind, against the Kubernetes, Flux and CRD schemas (the CRDs among the files and those of the schema
 * locations). Skipped: kustomization files, the files they read as patches, generator inputs or configs
 * (partial objects), and documents that are not Kubernetes objects (neither apiVersion nor kind); YAML that
 * does not parse is an error.
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { basename, isWithin, relative } from '../fs/path.js';
import type { FileSystem } from '../fs/types.js';
import { kustomizationFileNames } from '../kustomization/load.js';
import { readRepoFile, scanRepository, type RepoFile } from './repo.js';
import { atLeast, checkSeverity } from './settings.js';
import { sortDiagnostics } from './format.js';
import { readSchemaLocations } from './schema-locations.js';
import { getField, isMap } from '../yaml/values.js';
import { validate, type ValidateObject, type ValidateOptions, type ValidateStats } from './validate.js';

/** Options of {@link validateFiles}. */
export interface ValidateFilesOptions extends Omit<ValidateOptions, 'jsonSchemas' | 'root'> {
  /** The file system holding the files. */
  fs: FileSystem;
  /** Report files relative to this folder (absolute). Default: absolute paths. */
  root?: string;
  /** CRD files/folders, JSON schema folders or path templates (see `readSchemaLocations`). Default none. */
  schemaLocations?: readonly string[];
  /** Paths (absolute) to leave out of folders walked. Default none. */
  ignore?: (path: string) => boolean;
  /** Leave findings below this severity out. Default: every finding. */
  minSeverity?: Severity;
}

/** What {@link validateFiles} returns. */
export interface ValidateFilesResult {
  /** True when no finding is an error. */
  readonly ok: boolean;
  /** Findings by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The files read (absolute). */
  readonly files: readonly string[];
  /** Documents found and what became of them (`objects` counts every document; those that are not Kubernetes objects are `skipped`). */
  readonly stats: ValidateStats;
}

/** A file to validate, or one left out on purpose (a kustomization file, or a patch or generator input one lists). */
interface Input {
  readonly file: RepoFile | undefined;
  readonly path: string;
  readonly skip: boolean;
}

/**
 * The files `paths` stand for: files as given; folders walked (hidden folders, test output folders and ignored
 * paths left out), their kustomization files and the files those read as patches, generator inputs or
 * configs marked `skip` (they are not manifests, or only partial ones).
 */
function collectInputs(
  fs: FileSystem,
  paths: readonly string[],
  ignore: (p: string) => boolean,
  root: string,
): Input[] {
  const out = new Map<string, Input>();
  const isKustomization = (p: string): boolean => (kustomizationFileNames as readonly string[]).includes(basename(p));
  for (const p of paths) {
    if (fs.stat(p)?.type === 'dir') {
      const repo = scanRepository(fs, p, { skipPath: ignore });
      for (const f of repo.files)
        if (!out.has(f.path))
          out.set(f.path, {
            file: f,
            path: f.path,
            skip: isKustomization(f.path) || repo.nonResourceFiles.has(f.path),
          });
    } else if (!out.has(p)) out.set(p, { file: readRepoFile(fs, root, p), path: p, skip: isKustomization(p) });
  }
  return [...out.values()];
}

/** Validates the manifests in `paths` (absolute files or folders in `options.fs`). Never throws on bad input. */
export function validateFiles(paths: readonly string[], options: ValidateFilesOptions): ValidateFilesResult {
  checkSeverity('minSeverity', options.minSeverity);
  const { fs, root } = options;
  const inputs = collectInputs(fs, paths, options.ignore ?? (() => false), root ?? '/');
  const objects: ValidateObject[] = [];
  const diagnostics: Diagnostic[] = [];
  let notObjects = 0;
  for (const { file: f, path: file, skip } of inputs) {
    if (f === undefined) {
      diagnostics.push({ code: 'load/missing-file', severity: 'error', message: `cannot read ${file}`, file });
      continue;
    }
    if (skip) {
      notObjects += f.documents.length;
      continue;
    }
    diagnostics.push(...f.errors);
    for (const doc of f.documents) {
      const v = doc.value;
      if (!isMap(v) || (getField(v, 'apiVersion') === undefined && getField(v, 'kind') === undefined)) {
        notObjects++;
        continue;
      }
      objects.push({
        object: v,
        origin: { file, range: doc.range, documentIndex: doc.index, node: doc.node, lineCounter: f.lineCounter },
      });
    }
  }
  const locations = readSchemaLocations(fs, options.schemaLocations ?? [], options);
  const result = validate(objects, {
    ...options,
    crds: [...locations.crds, ...(options.crds ?? [])],
    jsonSchemas: locations.jsonSchema,
    ...(root !== undefined ? { root } : {}),
  });
  const rel = (d: Diagnostic): Diagnostic =>
    root !== undefined && d.file !== undefined && isWithin(root, d.file) ? { ...d, file: relative(root, d.file) } : d;
  const all = [...diagnostics, ...locations.diagnostics, ...result.diagnostics]
    .map(rel)
    .filter((d) => atLeast(d.severity, options.minSeverity));
  const kept = sortDiagnostics(all);
  const stats = {
    ...result.stats,
    objects: result.stats.objects + notObjects,
    skipped: result.stats.skipped + notObjects,
  };
  return { ok: !kept.some((d) => d.severity === 'error'), diagnostics: kept, files: inputs.map((i) => i.path), stats };
}

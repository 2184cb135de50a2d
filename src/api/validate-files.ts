/**
 * `validateFiles(paths, options)`: validates plain manifest files and folders — the objects no kustomization
 * lists, or the output of another tool — as kubeconform does: every YAML document with an apiVersion and a
 * kind, against the Kubernetes, Flux and CRD schemas (the CRDs among the files and those of the schema
 * locations). Kustomization files and documents that are not Kubernetes objects (neither apiVersion nor
 * kind) are skipped; YAML that does not parse is an error.
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { basename, isWithin, relative } from '../fs/path.js';
import type { FileSystem } from '../fs/types.js';
import { KUSTOMIZATION_FILE_NAMES, listYamlFiles, readRepoFile } from '../lint/repo.js';
import { atLeast, checkSeverity } from '../lint/settings.js';
import { sortDiagnostics } from '../lint/format.js';
import { readSchemaLocations } from '../validate/locations.js';
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
  /** Objects found and what became of them; documents that are not Kubernetes objects count as skipped. */
  readonly stats: ValidateStats;
}

/** The YAML files `paths` stand for: files as given, folders walked (hidden folders and ignored paths left out). */
function collectFiles(fs: FileSystem, paths: readonly string[], ignore: (p: string) => boolean): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const st = fs.stat(p);
    if (st?.type === 'dir') out.push(...listYamlFiles(fs, p, undefined, ignore));
    else out.push(p);
  }
  return [...new Set(out)];
}

/** Validates the manifests in `paths` (absolute files or folders in `options.fs`). Never throws on bad input. */
export function validateFiles(paths: readonly string[], options: ValidateFilesOptions): ValidateFilesResult {
  checkSeverity('minSeverity', options.minSeverity);
  const { fs, root } = options;
  const files = collectFiles(fs, paths, options.ignore ?? (() => false));
  const objects: ValidateObject[] = [];
  const diagnostics: Diagnostic[] = [];
  let notObjects = 0;
  for (const file of files) {
    if ((KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(basename(file))) continue;
    const f = readRepoFile(fs, root ?? '/', file);
    if (f === undefined) {
      diagnostics.push({ code: 'load/missing-file', severity: 'error', message: `cannot read ${file}`, file });
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
  return { ok: !kept.some((d) => d.severity === 'error'), diagnostics: kept, files, stats };
}

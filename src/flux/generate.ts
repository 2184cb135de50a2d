/**
 * kustomize-controller's kustomization generation for `spec.path` (fluxcd/pkg kustomize generator),
 * done in memory: when the directory has no kustomization file one is generated (every `.yaml`/`.yml`
 * file below it, recursively, each of which must decode as Kubernetes objects; sub-directories with their
 * own kustomization added as one resource); otherwise the existing file is read the way the controller
 * reads it (unknown top-level fields dropped). Then the Flux fields edit that root kustomization
 * (generate-edit.ts): `targetNamespace`, `namePrefix`, `nameSuffix` replace; `patches`, `components` and the
 * v1beta fields append; `images` merge by name; `buildMetadata` replaces. The result is served through a file-system
 * overlay so kustomize's own ordering (and its quirks) apply when the directory is built; diagnostics on the
 * generated text are mapped back to the user's files (generate-remap.ts).
 */
import type { AstNode, LineIndex } from '../yaml/ast.js';
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import type { FieldOrigin } from '../resources/origin.js';
import { FsError, readText } from '../fs/types.js';
import { extname, join, relative } from '../fs/path.js';
import { kustomizationType } from '../kustomization/schema.js';
import { kustomizationFileNames } from '../kustomization/load.js';
import { emitDocument } from '../yaml/emit.js';
import { parseYamlStream, type ParsedDocument } from '../yaml/parse.js';
import { locateKey } from '../yaml/locate.js';
import { getField, isMap, scalarString, setField, type YamlMap, type YamlValue } from '../yaml/values.js';
import type { FluxKustomization, ObjectLocation } from './model.js';
import { overlayFs } from '../fs/overlay.js';
import { applyFluxFields, listField } from './generate-edit.js';
import { makeRemap } from './generate-remap.js';

export { isLocalRelativePath } from './generate-edit.js';

/** What the generator did to the directory's kustomization. */
export type GenerateAction = 'created' | 'edited' | 'unchanged';

/** The outcome of {@link generateKustomization}. */
export interface GeneratedKustomization {
  /** False when the controller would fail before the build (see `diagnostics`). */
  ok: boolean;
  /** The file system to build from: the input, plus the generated or edited kustomization. */
  fs: FileSystem;
  /** `created`: no kustomization existed; `edited`: Flux fields changed it; `unchanged`: built as is. */
  action: GenerateAction;
  /** Absolute path of the kustomization file the build reads (when known). */
  file?: string;
  /** The kustomization as the controller writes it (created or edited). */
  kustomization?: YamlMap;
  /** Its text, as served to the build. */
  text?: string;
  diagnostics: Diagnostic[];
  /** For list fields Flux appended to (`patches`, `components`, …): how many entries came from the file. */
  appendedAfter: ReadonlyMap<string, number>;
  /**
   * Maps a diagnostic positioned in the generated text back to the user's files: the original
   * kustomization, or the Flux Kustomization field that added the entry.
   */
  remap(d: Diagnostic): Diagnostic;
  /** Maps where a written field was set, when that is the generated text, back to the user's files. */
  remapFieldOrigin(o: FieldOrigin): FieldOrigin;
}

const KNOWN_FIELDS: ReadonlyMap<string, string> = new Map(
  Object.keys(kustomizationType.fields).map((k) => [k.toLowerCase(), k]),
);

function findKustomizationFile(fs: FileSystem, dir: string): string | undefined {
  for (const n of kustomizationFileNames) {
    const p = join(dir, n);
    if (fs.stat(p)?.type === 'file') return p;
  }
  return undefined;
}

function sortedEntries(fs: FileSystem, dir: string): string[] {
  // Go's filepath.Walk visits names in lexical (byte) order.
  return fs.readDir(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface ScanError {
  file: string;
  message: string;
  range?: Range;
}

/** Why a document cannot be read as a Kubernetes object (kustomize's resource factory), or undefined. */
function invalidObject(v: YamlValue): string | undefined {
  if (!isMap(v)) return 'missing Resource metadata';
  const kind = getField(v, 'kind');
  if (kind === undefined || kind === null || kind === '') return 'missing kind in object';
  if (scalarString(kind).endsWith('List')) return undefined;
  const meta = getField(v, 'metadata');
  const name = isMap(meta) ? getField(meta, 'name') : undefined;
  if (name === undefined || name === null || name === '')
    return `missing metadata.name in object (kind ${scalarString(kind)})`;
  return undefined;
}

/** The generator's scan: resource entries for `dir` (relative, `./x.yaml`), or the first file that fails. */
function scanManifests(fs: FileSystem, dir: string): { resources: string[] } | { error: ScanError } {
  const resources: string[] = [];
  const visited = new Set<string>();
  const walk = (d: string): ScanError | undefined => {
    // Symlinked directories could loop; Go's Walk does not follow them at all.
    let real = d;
    if (fs.realPath) {
      try {
        real = fs.realPath(d);
      } catch {
        real = d;
      }
    }
    if (visited.has(real)) return undefined;
    visited.add(real);
    for (const name of sortedEntries(fs, d)) {
      const p = join(d, name);
      const st = fs.stat(p);
      if (!st) continue;
      if (st.type === 'dir') {
        if (findKustomizationFile(fs, p) !== undefined) {
          resources.push('./' + relative(dir, p));
          continue;
        }
        const e = walk(p);
        if (e) return e;
        continue;
      }
      const ext = extname(p);
      if (ext !== '.yaml' && ext !== '.yml') continue;
      let text: string;
      try {
        text = readText(fs, p);
      } catch (err) {
        return { file: p, message: (err as Error).message };
      }
      const stream = parseYamlStream(text, { file: p });
      const syntax = stream.errors[0];
      if (syntax) return { file: p, message: syntax.message, ...(syntax.range ? { range: syntax.range } : {}) };
      for (const doc of stream.documents) {
        const why = invalidObject(doc.value);
        if (why) return { file: p, message: why, range: doc.range };
      }
      resources.push('./' + relative(dir, p));
    }
    return undefined;
  };
  const error = walk(dir);
  return error ? { error } : { resources };
}

/** The kustomization the build reads, before the Flux fields edit it. */
interface RootKustomization {
  kus: YamlMap;
  file: string;
  /** True when no kustomization file existed and the controller generated one. */
  created: boolean;
  /** True when the controller rewrites the file even when the Flux fields change nothing. */
  mustWrite: boolean;
  /** The original file's document and its line index (absent when generated). */
  originalNode?: AstNode;
  originalLc?: LineIndex;
}

/** The kustomization the controller generates for a directory without one; undefined when the scan fails. */
function generateRoot(fs: FileSystem, dir: string, diags: Diagnostic[]): RootKustomization | undefined {
  let scan: ReturnType<typeof scanManifests>;
  try {
    scan = scanManifests(fs, dir);
  } catch (err) {
    if (!(err instanceof FsError)) throw err;
    diags.push(diagnostic('load/missing-file', 'error', err.message, { file: err.path, source: 'flux' }));
    return undefined;
  }
  if ('error' in scan) {
    diags.push(
      diagnostic(
        'flux/generate-failed',
        'error',
        `failed to decode Kubernetes YAML from ${scan.error.file}: ${scan.error.message} (the directory has no kustomization file, so kustomize-controller generates one from every .yaml/.yml file below it)`,
        { file: scan.error.file, range: scan.error.range, source: 'flux' },
      ),
    );
    return undefined;
  }
  const kus: YamlMap = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  if (scan.resources.length === 0) kus.namespace = '_placeholder';
  else kus.resources = scan.resources;
  return { kus, file: join(dir, 'kustomization.yaml'), created: true, mustWrite: true };
}

/**
 * The fields of a kustomization file as the controller decodes them: keys matched case-insensitively to
 * kustomize's fields (a different spelling makes it rewrite the file), unknown ones dropped with a warning,
 * null ones left out.
 */
function controllerFields(
  raw: YamlMap,
  file: string,
  doc: ParsedDocument | undefined,
  lineCounter: LineIndex,
  diags: Diagnostic[],
): { kus: YamlMap; mustWrite: boolean } {
  const kus: YamlMap = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  let mustWrite = false;
  for (const key of Object.keys(raw)) {
    const canonical = KNOWN_FIELDS.get(key.toLowerCase());
    const value = getField(raw, key) as YamlValue;
    if (canonical === undefined) {
      diags.push(
        diagnostic(
          'flux/kustomization-field-dropped',
          'warning',
          `kustomize-controller ignores the unknown field '${key}' of ${file} (kustomize build would reject it)`,
          { file, range: doc ? locateKey(doc.node, [key], lineCounter) : undefined, source: 'flux' },
        ),
      );
      mustWrite = true;
      continue;
    }
    if (canonical !== key) mustWrite = true;
    if (value === null) continue; // omitempty: a null field is as good as absent
    setField(kus, canonical, value);
  }
  return { kus, mustWrite };
}

/** The existing kustomization file as the controller reads it; undefined when it cannot be read. */
function readRoot(fs: FileSystem, file: string, diags: Diagnostic[]): RootKustomization | undefined {
  const stream = parseYamlStream(readText(fs, file), { file, mode: 'yaml11', annotationsAsText: false });
  const first = stream.errors[0];
  if (first) {
    diags.push({ ...first, message: `invalid kustomization: ${first.message}` });
    return undefined;
  }
  const doc = stream.documents[0];
  const raw = doc ? doc.value : {};
  if (!isMap(raw)) {
    diags.push(
      diagnostic('kustomization/invalid-type', 'error', `invalid kustomization: the document is not a mapping`, {
        file,
        range: doc?.range,
        source: 'flux',
      }),
    );
    return undefined;
  }
  const { kus, mustWrite } = controllerFields(raw, file, doc, stream.lineCounter, diags);
  const root: RootKustomization = { kus, file, created: false, mustWrite };
  if (doc) root.originalNode = doc.node;
  root.originalLc = stream.lineCounter;
  if (listField(kus, 'resources').length === 0) {
    // The controller's guard against "kustomization.yaml is empty": origin annotations on every object.
    kus.buildMetadata = ['originAnnotations'];
    root.mustWrite = true;
  }
  return root;
}

/**
 * Generates (or edits) the kustomization of `dir` as kustomize-controller does for `ks`, and returns a
 * file system that serves the result. `dir` must be an absolute real path in `fs`.
 */
export function generateKustomization(
  fs: FileSystem,
  dir: string,
  ks: FluxKustomization,
  where?: ObjectLocation,
): GeneratedKustomization {
  const diags: Diagnostic[] = [];
  const asIs = (ok: boolean, file?: string): GeneratedKustomization => ({
    ok,
    fs,
    action: 'unchanged',
    ...(file !== undefined ? { file } : {}),
    diagnostics: diags,
    appendedAfter: new Map<string, number>(),
    remap: (d) => d,
    remapFieldOrigin: (o) => o,
  });
  const existing = findKustomizationFile(fs, dir);
  const root = existing === undefined ? generateRoot(fs, dir, diags) : readRoot(fs, existing, diags);
  if (!root) return asIs(false);
  const before = diags.length;
  const { changed, prov } = applyFluxFields(root.kus, { ks, fs, dir, where }, diags);
  if (diags.slice(before).some((d) => d.severity === 'error')) return asIs(false);
  if (!root.mustWrite && !changed) return asIs(true, root.file);
  const { kus, file } = root;
  const text = emitDocument(kus);
  const view = overlayFs(fs);
  view.writeFile(file, text);
  const remap = makeRemap({ ...root, dir, text, kustomization: kus, prov, where });
  return {
    ok: true,
    fs: view,
    action: root.created ? 'created' : 'edited',
    file,
    kustomization: kus,
    text,
    diagnostics: diags,
    appendedAfter: prov.originalCounts,
    remap: remap.diagnostic,
    remapFieldOrigin: remap.fieldOrigin,
  };
}

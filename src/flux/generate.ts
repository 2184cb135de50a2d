/**
 * kustomize-controller's kustomization generation for `spec.path` (fluxcd/pkg kustomize generator),
 * done in memory: when the directory has no kustomization file one is generated (every `.yaml`/`.yml`
 * file below it, recursively, each of which must decode as Kubernetes objects; sub-directories with their
 * own kustomization added as one resource); otherwise the existing file is read the way the controller
 * reads it (unknown top-level fields dropped). Then the Flux fields edit that root kustomization:
 * `targetNamespace`, `namePrefix`, `nameSuffix` replace; `patches`, `components` and the v1beta fields
 * append; `images` merge by name; `buildMetadata` replaces. The result is served through a file-system
 * overlay so kustomize's own ordering (and its quirks) apply when the directory is built.
 */
import {
  parseDocument,
  isMap as isYamlMap,
  isSeq as isYamlSeq,
  isPair,
  isScalar as isYamlScalar,
  type Node as YamlNode,
} from 'yaml';
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { FsError, readText } from '../fs/types.js';
import { extname, join, relative, resolve } from '../fs/path.js';
import { kustomizationType } from '../kustomization/schema.js';
import { kustomizationFileNames } from '../kustomization/load.js';
import { emitDocument } from '../yaml/emit.js';
import { parseYamlStream } from '../yaml/parse.js';
import { locateKey } from '../yaml/locate.js';
import { getField, isMap, scalarString, setField, type YamlMap, type YamlValue } from '../yaml/values.js';
import { fieldDiagnostic, type FluxKustomization, type FluxSelector, type ObjectLocation } from './model.js';
import { overlayFs } from '../fs/overlay.js';

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
}

const KNOWN_FIELDS: ReadonlyMap<string, string> = new Map(
  Object.keys(kustomizationType.fields).map((k) => [k.toLowerCase(), k]),
);

/** kustomize-controller's IsLocalRelativePath: components must not be remote or absolute. */
export function isLocalRelativePath(path: string): boolean {
  const lower = path.toLowerCase();
  for (const p of ['git::', 'gh:', 'ssh://', 'https://', 'http://', 'git@', 'github.com:', 'github.com/']) {
    if (p.length < path.length && lower.startsWith(p)) return false;
  }
  if (path.startsWith('/') || lower.replace(/^file:\/\//, '').startsWith('/')) return false;
  return true;
}

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

function selectorValue(s: FluxSelector | undefined): YamlMap | undefined {
  if (!s) return undefined;
  const out: YamlMap = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'annotationSelector', 'labelSelector'] as const) {
    const v = s[k];
    if (v) out[k] = v;
  }
  return out;
}

function listField(k: YamlMap, key: string): YamlValue[] {
  const v = getField(k, key);
  return Array.isArray(v) ? v : [];
}

/** Where each entry appended by Flux came from, to map diagnostics back. */
interface Provenance {
  /** kustomization field → number of entries that came from the original file. */
  originalCounts: Map<string, number>;
  /** kustomization field → the Flux spec field its appended entries came from. */
  fluxField: Map<string, string>;
  /** kustomization scalar fields set by Flux → Flux spec field. */
  scalarFromFlux: Map<string, string>;
}

/** Applies the Flux Kustomization's fields to a kustomization map (the generator's merge). */
function applyFluxFields(
  kus: YamlMap,
  ks: FluxKustomization,
  fs: FileSystem,
  dir: string,
  where: ObjectLocation | undefined,
  prov: Provenance,
  diags: Diagnostic[],
): boolean {
  let changed = false;
  const setScalar = (key: string, value: string | undefined, from: string): void => {
    if (value === undefined) return;
    setField(kus, key, value);
    prov.scalarFromFlux.set(key, from);
    changed = true;
  };
  setScalar('namespace', ks.targetNamespace, 'targetNamespace');
  setScalar('namePrefix', ks.namePrefix, 'namePrefix');
  setScalar('nameSuffix', ks.nameSuffix, 'nameSuffix');

  const append = (key: string, from: string, items: YamlValue[]): void => {
    if (items.length === 0) return;
    const cur = listField(kus, key);
    prov.originalCounts.set(key, cur.length);
    prov.fluxField.set(key, from);
    setField(kus, key, [...cur, ...items]);
    changed = true;
  };
  append(
    'patches',
    'patches',
    ks.patches.map((p) => {
      const m: YamlMap = { patch: p.patch };
      const t = selectorValue(p.target);
      if (t) m.target = t;
      return m;
    }),
  );

  const components: string[] = [];
  const invalid = ks.components.filter((c, i) => {
    if (!isLocalRelativePath(c)) {
      diags.push(
        fieldDiagnostic(
          'flux/invalid-component',
          'error',
          `Kustomization ${ks.namespace}/${ks.name}: component path '${c}' must be local and relative`,
          where,
          ['spec', 'components', i],
        ),
      );
      return true;
    }
    if (!ks.ignoreMissingComponents || fs.stat(resolve(dir, c)) !== undefined) components.push(c);
    return false;
  });
  if (invalid.length > 0) return false;
  append('components', 'components', components);
  append(
    'patchesStrategicMerge',
    'patchesStrategicMerge',
    ks.patchesStrategicMerge.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))),
  );
  append(
    'patchesJson6902',
    'patchesJson6902',
    ks.patchesJson6902.map((p) => {
      const m: YamlMap = { patch: JSON.stringify(p.patch) };
      const t = selectorValue(p.target);
      if (t) m.target = t;
      return m;
    }),
  );

  if (ks.images.length > 0) {
    const images = listField(kus, 'images').map((x) => (isMap(x) ? { ...x } : x));
    prov.originalCounts.set('images', images.length);
    prov.fluxField.set('images', 'images');
    for (const img of ks.images) {
      const idx = images.findIndex((x) => isMap(x) && getField(x, 'name') === img.name);
      if (idx >= 0) {
        const cur = images[idx] as YamlMap;
        if (img.newName) cur.newName = img.newName;
        if (img.newTag || img.digest) {
          if (img.newTag) cur.newTag = img.newTag;
          else delete cur.newTag;
          if (img.digest) cur.digest = img.digest;
          else delete cur.digest;
        }
      } else {
        const m: YamlMap = { name: img.name };
        if (img.newName) m.newName = img.newName;
        if (img.newTag) m.newTag = img.newTag;
        if (img.digest) m.digest = img.digest;
        images.push(m);
      }
    }
    setField(kus, 'images', images);
    changed = true;
  }
  if (ks.buildMetadata && ks.buildMetadata.length > 0) {
    setField(kus, 'buildMetadata', [...ks.buildMetadata]);
    prov.scalarFromFlux.set('buildMetadata', 'buildMetadata');
    changed = true;
  }
  return changed;
}

/** The path of keys/indexes of the deepest node containing `offset` in a parsed document. */
function pathAtOffset(root: YamlNode | null | undefined, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (;;) {
    if (isYamlMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YamlNode | null;
        const v = pair.value as YamlNode | null;
        const start = k?.range?.[0] ?? v?.range?.[0];
        const end = v?.range?.[2] ?? k?.range?.[2];
        if (start === undefined || end === undefined || offset < start || offset > end) continue;
        path.push(isYamlScalar(k) ? String(k.value) : '');
        if (v && v.range && offset >= v.range[0]) next = v;
        break;
      }
      if (next === undefined) return path;
      node = next;
    } else if (isYamlSeq(node)) {
      let next: unknown;
      node.items.forEach((it, i) => {
        const r = (it as YamlNode | null)?.range;
        if (next === undefined && r && offset >= r[0] && offset <= r[2]) {
          path.push(i);
          next = it;
        }
      });
      if (next === undefined) return path;
      node = next;
    } else return path;
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const i = text.indexOf('\n', off);
    if (i < 0) return text.length;
    off = i + 1;
  }
  return off + Math.max(0, column - 1);
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
  const identity = (d: Diagnostic): Diagnostic => d;
  const none = new Map<string, number>();
  const fail = (): GeneratedKustomization => ({
    ok: false,
    fs,
    action: 'unchanged',
    diagnostics: diags,
    appendedAfter: none,
    remap: identity,
  });
  const existing = findKustomizationFile(fs, dir);
  let kus: YamlMap;
  let action: GenerateAction;
  let file: string;
  let originalNode: YamlNode | undefined;
  let originalLc: import('yaml').LineCounter | undefined;
  let mustWrite = false;

  if (existing === undefined) {
    let scan: ReturnType<typeof scanManifests>;
    try {
      scan = scanManifests(fs, dir);
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      diags.push(diagnostic('load/missing-file', 'error', err.message, { file: err.path, source: 'flux' }));
      return fail();
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
      return fail();
    }
    kus = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
    if (scan.resources.length === 0) kus.namespace = '_placeholder';
    else kus.resources = scan.resources;
    action = 'created';
    file = join(dir, 'kustomization.yaml');
    mustWrite = true;
  } else {
    file = existing;
    const text = readText(fs, file);
    const stream = parseYamlStream(text, { file, mode: 'yaml11', annotationsAsText: false });
    const first = stream.errors[0];
    if (first) {
      diags.push({ ...first, message: `invalid kustomization: ${first.message}` });
      return fail();
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
      return fail();
    }
    originalNode = doc?.node;
    originalLc = stream.lineCounter;
    kus = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
    for (const key of Object.keys(raw)) {
      const canonical = KNOWN_FIELDS.get(key.toLowerCase());
      const value = getField(raw, key) as YamlValue;
      if (canonical === undefined) {
        diags.push(
          diagnostic(
            'flux/kustomization-field-dropped',
            'warning',
            `kustomize-controller ignores the unknown field '${key}' of ${file} (kustomize build would reject it)`,
            { file, range: doc ? locateKey(doc.node, [key], stream.lineCounter) : undefined, source: 'flux' },
          ),
        );
        mustWrite = true;
        continue;
      }
      if (canonical !== key) mustWrite = true;
      if (value === null) continue; // omitempty: a null field is as good as absent
      setField(kus, canonical, value);
    }
    if (listField(kus, 'resources').length === 0) {
      // The controller's guard against "kustomization.yaml is empty": origin annotations on every object.
      kus.buildMetadata = ['originAnnotations'];
      mustWrite = true;
    }
    action = 'unchanged';
  }

  const prov: Provenance = { originalCounts: new Map(), fluxField: new Map(), scalarFromFlux: new Map() };
  const before = diags.length;
  const changed = applyFluxFields(kus, ks, fs, dir, where, prov, diags);
  if (diags.slice(before).some((d) => d.severity === 'error')) return fail();
  if (changed && action === 'unchanged') action = 'edited';
  if (!mustWrite && !changed)
    return { ok: true, fs, action: 'unchanged', file, diagnostics: diags, appendedAfter: none, remap: identity };
  if (action === 'unchanged') action = 'edited';

  const text = emitDocument(kus);
  const view = overlayFs(fs);
  view.writeFile(file, text);
  let generatedDoc: ReturnType<typeof parseDocument> | undefined;
  const remap = (d: Diagnostic): Diagnostic => {
    if (d.file !== file) return d;
    const out: Diagnostic = { ...d };
    delete out.range;
    delete out.line;
    delete out.column;
    if (action === 'created') out.file = dir;
    if (d.line === undefined) return out;
    generatedDoc ??= parseDocument(text, { keepSourceTokens: false });
    const path = pathAtOffset(generatedDoc.contents, offsetOf(text, d.line, d.column ?? 1));
    const top = typeof path[0] === 'string' ? path[0] : undefined;
    const idx = typeof path[1] === 'number' ? path[1] : undefined;
    const setRange = (f: string | undefined, r: Range | undefined): void => {
      if (f !== undefined) out.file = f;
      if (r) {
        out.range = r;
        out.line = r.start.line;
        out.column = r.start.column;
      }
    };
    if (top !== undefined) {
      const fluxScalar = prov.scalarFromFlux.get(top);
      const fluxList = prov.fluxField.get(top);
      const origCount = prov.originalCounts.get(top) ?? 0;
      if (fluxScalar !== undefined && where?.node && where.lineCounter) {
        setRange(where.file, locateKey(where.node, ['spec', fluxScalar], where.lineCounter));
        return out;
      }
      if (fluxList !== undefined && idx !== undefined && idx >= origCount && where?.node && where.lineCounter) {
        setRange(
          where.file,
          locateKey(
            where.node,
            ['spec', fluxList, String(idx - origCount), ...path.slice(2).map(String)],
            where.lineCounter,
          ),
        );
        return out;
      }
      if (action === 'created' && top === 'resources' && idx !== undefined) {
        const entry = listField(kus, 'resources')[idx];
        if (typeof entry === 'string') setRange(resolve(dir, entry), undefined);
        return out;
      }
    }
    if (originalNode && originalLc) setRange(file, locateKey(originalNode, path.map(String), originalLc, true));
    return out;
  };
  return {
    ok: true,
    fs: view,
    action,
    file,
    kustomization: kus,
    text,
    diagnostics: diags,
    appendedAfter: prov.originalCounts,
    remap,
  };
}

/**
 * buildMetadata (spec §12): the content of the `config.kubernetes.io/origin` and
 * `alpha.config.kubernetes.io/transformations` annotations.
 *
 * kustomize tracks origins whenever the top kustomization has any `buildMetadata` entry: every
 * kustomization then has an origin (`path` relative to the top root, joined through each referenced
 * directory as written; `repo`/`ref` inside a remote base). Resources read from files get
 * `path: <origin path>/<file>`; generated objects get `configuredIn`/`configuredBy` of their generator
 * (unless they already have an origin); after every transformer, every resource present records the
 * transformer's origin — as a transformation, or as its origin when it has none yet. The records are
 * kept on the Resource (`origin`, `transformations`) and written into the annotations at output.
 */
import { goJoin } from '../fs/path.js';
import type { Origin } from '../resources/origin.js';
import type { Resource, TransformationRecord } from '../resources/resource.js';
import type { ResourceList } from '../resources/resource-list.js';
import { emitDocument } from '../yaml/emit.js';
import { getField, hasField, isMap, type YamlMap } from '../yaml/values.js';
import { parseYamlStream } from '../yaml/parse.js';
import type { BuildTarget } from './context.js';
import { parseRepoSpec, repoOriginPath } from './repo-spec.js';

/** kustomize's resource.Origin of a kustomization or a file: where it is (kt.origin). */
export interface TargetOrigin {
  /** Relative to the top root (or to the repo root inside a remote base); '' at the top. */
  readonly path: string;
  readonly repo?: string;
  readonly ref?: string;
}

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** The origin of the top kustomization. */
export const TOP_ORIGIN: TargetOrigin = { path: '' };

/** kustomize's Origin.Append: the origin of `entry` (a path or a repo URL) referenced from `o`. */
export function appendOrigin(o: TargetOrigin, entry: string): TargetOrigin {
  const spec = parseRepoSpec(entry);
  if (spec) {
    const out: { path: string; repo?: string; ref?: string } = { path: goJoin('', repoOriginPath(spec)) };
    if (spec.cloneSpec !== '') out.repo = spec.cloneSpec;
    if (spec.ref !== '') out.ref = spec.ref;
    return out;
  }
  return { ...o, path: goJoin(o.path, entry) };
}

/** The base name of the kustomization file (`kustomization.yaml`, `kustomization.yml`, `Kustomization`). */
export function kustFileName(kt: BuildTarget): string {
  return kt.file.slice(kt.file.lastIndexOf('/') + 1);
}

/** Origin fields of a resource read from the file `entry` of `kt` (empty when origins are not tracked). */
export function fileOrigin(kt: BuildTarget, entry: string): Partial<Origin> {
  if (!kt.origin) return {};
  const o = appendOrigin(kt.origin, entry);
  const out: Partial<Origin> = { path: o.path };
  if (o.repo) out.repo = o.repo;
  if (o.ref) out.ref = o.ref;
  return out;
}

/** Origin fields of an inline plugin config of `kt` (kustomize: the kustomization file's origin). */
export function inlineConfigOrigin(kt: BuildTarget): Partial<Origin> {
  return fileOrigin(kt, kustFileName(kt));
}

/** The origin record of a builtin generator or transformer driven by `kt`'s fields. */
export function builtinOrigin(kt: BuildTarget, kind: string): TransformationRecord | undefined {
  if (!kt.origin) return undefined;
  const rec: TransformationRecord = {
    configuredIn: goJoin(kt.origin.path, kustFileName(kt)),
    configuredBy: { apiVersion: 'builtin', kind },
  };
  if (kt.origin.repo) rec.repo = kt.origin.repo;
  if (kt.origin.ref) rec.ref = kt.origin.ref;
  return rec;
}

/** Whether origin fields were recorded. */
function hasOriginFields(o: Origin): boolean {
  return o.path !== undefined || o.repo !== undefined || o.configuredIn !== undefined || o.configuredBy !== undefined;
}

/**
 * Whether the resource carries an origin (kustomize: has the origin annotation) — recorded by the
 * build, or written in its data (e.g. by a generator's `options.annotations`), which kustomize keeps.
 */
export function hasOrigin(r: Resource): boolean {
  if (hasOriginFields(r.origin)) return true;
  const a = r.metaMap('annotations');
  return a !== undefined && hasField(a, ORIGIN_ANNOTATION);
}

/**
 * kustomize's OriginFromCustomPlugin: the origin record of a `generators:`/`transformers:` plugin
 * config (configuredIn = where the config came from, configuredBy = the config's own id). Undefined
 * when the config has no origin.
 */
export function pluginOrigin(config: Resource): TransformationRecord | undefined {
  const o = config.origin;
  if (!hasOriginFields(o)) return undefined;
  const by: TransformationRecord['configuredBy'] = { apiVersion: config.apiVersion, kind: config.kind };
  if (config.name) by.name = config.name;
  if (config.namespace) by.namespace = config.namespace;
  const rec: TransformationRecord = { configuredIn: o.path ?? '', configuredBy: by };
  if (o.repo) rec.repo = o.repo;
  if (o.ref) rec.ref = o.ref;
  return rec;
}

function recordToOrigin(base: Origin, rec: TransformationRecord): Origin {
  const out: Origin = { file: base.file };
  if (base.range) out.range = base.range;
  if (base.documentIndex !== undefined) out.documentIndex = base.documentIndex;
  if (base.node) out.node = base.node;
  if (base.lineCounter) out.lineCounter = base.lineCounter;
  if (rec.repo) out.repo = rec.repo;
  if (rec.ref) out.ref = rec.ref;
  if (rec.configuredIn) out.configuredIn = rec.configuredIn;
  out.configuredBy = { ...rec.configuredBy };
  return out;
}

/**
 * kustomize's ResMap.AddOriginAnnotation for the objects a generator produced: each one without an
 * origin gets the generator's. Call it on a generator's output before absorbing it; `origin`
 * undefined (origins not tracked) does nothing. Use {@link builtinOrigin} for the builtin generators of
 * a kustomization's fields and {@link pluginOrigin} for `generators:` plugin configs.
 */
export function setGeneratedOrigin(resources: Iterable<Resource>, origin: TransformationRecord | undefined): void {
  if (!origin) return;
  for (const r of resources) {
    if (!hasOrigin(r)) r.origin = recordToOrigin(r.origin, origin);
  }
}

/**
 * kustomize's ResMap.AddTransformerAnnotation, after a transformer ran: every resource present records
 * the transformer's origin (as its own origin when it has none).
 */
export function recordTransformation(resources: ResourceList, origin: TransformationRecord | undefined): void {
  if (!origin) return;
  for (const r of resources.items) {
    if (!hasOrigin(r)) r.origin = recordToOrigin(r.origin, origin);
    else (r.transformations ??= inputTransformations(r)).push(origin);
  }
}

/**
 * The transformations an object already carried in its input (kustomize appends to that list). Best
 * effort: an annotation that is not a list of origins contributes nothing.
 */
function inputTransformations(r: Resource): TransformationRecord[] {
  const a = r.metaMap('annotations');
  const text = a ? getField(a, TRANSFORMATIONS_ANNOTATION) : undefined;
  if (typeof text !== 'string') return [];
  const doc = parseYamlStream(text, { file: r.origin.file }).documents[0]?.value;
  if (!Array.isArray(doc)) return [];
  const str = (m: YamlMap, k: string): string | undefined => {
    const v = getField(m, k);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const out: TransformationRecord[] = [];
  for (const item of doc) {
    if (!isMap(item)) continue;
    const by = getField(item, 'configuredBy');
    const rec: TransformationRecord = {
      configuredIn: str(item, 'configuredIn') ?? '',
      configuredBy: {
        apiVersion: isMap(by) ? (str(by, 'apiVersion') ?? '') : '',
        kind: isMap(by) ? (str(by, 'kind') ?? '') : '',
      },
    };
    if (isMap(by)) {
      const name = str(by, 'name');
      const namespace = str(by, 'namespace');
      if (name) rec.configuredBy.name = name;
      if (namespace) rec.configuredBy.namespace = namespace;
    }
    const path = str(item, 'path');
    const repo = str(item, 'repo');
    const ref = str(item, 'ref');
    if (path) rec.path = path;
    if (repo) rec.repo = repo;
    if (ref) rec.ref = ref;
    out.push(rec);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Annotation text (kyaml.Marshal of resource.Origin / resource.Transformations)

const lineCache = new Map<string, string>();

/** `key: value\n` as yaml marshals one string field (plain when possible, quoted otherwise). */
function field(key: string, value: string): string {
  const k = `${key}\u0000${value}`;
  let s = lineCache.get(k);
  if (s === undefined) {
    const m: YamlMap = {};
    m[key] = value;
    s = emitDocument(m);
    if (lineCache.size > 10000) lineCache.clear();
    lineCache.set(k, s);
  }
  return s;
}

function originLines(o: {
  path?: string | undefined;
  repo?: string | undefined;
  ref?: string | undefined;
  configuredIn?: string | undefined;
  configuredBy?: { apiVersion: string; kind: string; name?: string; namespace?: string } | undefined;
}): string {
  let s = '';
  if (o.path) s += field('path', o.path);
  if (o.repo) s += field('repo', o.repo);
  if (o.ref) s += field('ref', o.ref);
  if (o.configuredIn) s += field('configuredIn', o.configuredIn);
  const by = o.configuredBy;
  if (by && (by.apiVersion || by.kind || by.name || by.namespace)) {
    s += 'configuredBy:\n';
    if (by.apiVersion) s += '  ' + field('apiVersion', by.apiVersion);
    if (by.kind) s += '  ' + field('kind', by.kind);
    if (by.name) s += '  ' + field('name', by.name);
    if (by.namespace) s += '  ' + field('namespace', by.namespace);
  }
  return s;
}

/** The origin annotation's value, or undefined when the resource has no origin. */
export function originAnnotationText(o: Origin): string | undefined {
  if (!hasOriginFields(o)) return undefined;
  const s = originLines(o);
  return s === '' ? '{}\n' : s;
}

/** The transformations annotation's value, or undefined when nothing was recorded. */
export function transformationsAnnotationText(list: readonly TransformationRecord[] | undefined): string | undefined {
  if (!list || list.length === 0) return undefined;
  let s = '';
  for (const t of list) {
    const body = originLines(t);
    if (body === '') {
      s += '- {}\n';
      continue;
    }
    const lines = body.slice(0, -1).split('\n');
    s += lines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)).join('\n') + '\n';
  }
  return s;
}

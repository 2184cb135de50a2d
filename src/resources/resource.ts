import type { YamlMap, YamlScalar, YamlValue } from '../yaml/values.js';
import { cloneValue, getField, hasField, isMap, scalarString, setField, valueAtPath } from '../yaml/values.js';
import type { FieldOrigin, Origin } from './origin.js';
import type { ParsedDocument } from '../yaml/parse.js';
import { remapAliasGroups, type AliasGroup } from './aliases.js';
import { BuildError } from '../diagnostics/error.js';
import {
  splitApiVersion,
  defaultScope,
  effectiveNamespace,
  type Gvk,
  type ResId,
  type ScopeResolver,
} from './res-id.js';

/**
 * A previous id as kustomize records it (build annotations `previousNames`, `previousNamespaces`,
 * `previousKinds`): kind, name and the effective namespace at the time. Group and version are not
 * recorded: a previous id has the resource's current group and version.
 */
export interface PreviousId {
  readonly kind: string;
  readonly name: string;
  /** The effective namespace: `default` for "", `_non_namespaceable_` for cluster-scoped kinds. */
  readonly namespace: string;
}

/** Whether a value can be recorded in one of kustomize's comma-separated build annotations as it is. */
function csvSafe(v: string): boolean {
  return v !== '' && !v.includes(',');
}

/**
 * kustomize keeps name history in comma-separated annotations: empty values are not appended and values
 * containing commas split. This is what reading such an annotation back yields.
 */
function csvRoundTrip(values: readonly string[]): string[] | undefined {
  const kept = values.filter((v) => v !== '');
  if (kept.length === 0) return undefined;
  return kept.join(',').split(',');
}

/** How a generated object is absorbed into the resources already accumulated (spec §3.4). */
export type GeneratorBehavior = 'create' | 'merge' | 'replace' | 'unspecified';

/** One entry of kustomize's `alpha.config.kubernetes.io/transformations` record. */
export interface TransformationRecord {
  /** Only in records read back from an input annotation (kustomize's entries are full origins). */
  path?: string;
  /** For transformers configured inside a remote base: the repository and ref. */
  repo?: string;
  ref?: string;
  configuredIn: string;
  configuredBy: { apiVersion: string; kind: string; name?: string; namespace?: string };
}

function str(v: YamlValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return '';
  return String(v);
}

/** An output error that holds only while a null is still at `at` (the node may be dropped before output). */
export interface ConditionalOutputError {
  error: BuildError;
  at: (string | number)[];
  /** The error holds while the value at {@link at} is still this one. */
  value: YamlValue;
  /** The node's text when {@link value} is a null read from a `!!null`-tagged text kyaml still holds. */
  text?: string;
  /** When set, the error holds while the map at {@link at} has this key, and {@link value} is not used. */
  whileKey?: KeyCondition;
}

/**
 * A key whose presence keeps an output error: a key repeated in a map, a collection used as a key. For a
 * map that is a list element known by a field's value (`element`: its `name`, or the repeated key's first
 * value), the condition is that the list still has that element with the key (the element may have moved
 * or been deleted).
 */
export interface KeyCondition {
  key: string;
  element?: { key: string; value: YamlScalar };
}

/** The conditional output errors a parsed document records (YAML it read), as objects keep them. */
export function conditionalErrorsOf(doc: ParsedDocument, file: string): ConditionalOutputError[] {
  return (doc.conditionalOutputErrors ?? []).map((c) => ({
    error: new BuildError(c.error.code, c.error.message, { file, range: c.error.range }),
    at: c.path,
    value: c.value,
    ...(c.whileKey !== undefined ? { whileKey: { key: c.whileKey } } : {}),
    ...(c.text !== undefined ? { text: c.text } : {}),
  }));
}

/** Whether a conditional output error still holds for the object `data`. */
function holds(data: YamlValue, c: ConditionalOutputError): boolean {
  const cond = c.whileKey;
  if (cond === undefined) return valueAt(data, c.at) === c.value;
  const { key, element } = cond;
  if (typeof c.at[c.at.length - 1] === 'number' && element !== undefined) {
    const list = valueAt(data, c.at.slice(0, -1));
    const same = (m: YamlValue): boolean => isMap(m) && getField(m, element.key) === element.value && hasField(m, key);
    return Array.isArray(list) && list.some(same);
  }
  const m = valueAt(data, c.at);
  return isMap(m) && hasField(m, key);
}

const valueAt = valueAtPath;

/** Whether `path` leads to `container[key]` in `data` (the container found by identity). */
function leadsTo(
  data: YamlValue,
  path: readonly (string | number)[],
  container: unknown,
  key: string | number,
): boolean {
  return path[path.length - 1] === key && valueAt(data, path.slice(0, -1)) === container;
}

/** A scalar's source text and the value YAML resolved it to. */
export interface SourceText {
  value: YamlScalar;
  text: string;
}

export interface SourceTexts {
  name?: SourceText;
  namespace?: SourceText;
  kind?: SourceText;
  apiVersion?: SourceText;
}

/**
 * One Kubernetes object in a build: its data, where it came from, and the bookkeeping kustomize keeps in
 * internal annotations (previous ids, prefix/suffix history, hash and generator marks) kept as fields.
 */
export class Resource {
  /** The object as it will be written out. */
  data: YamlMap;
  origin: Origin;
  /** Ids this resource had before renames, oldest first (see {@link PreviousId}). */
  previousIds: PreviousId[] = [];
  /**
   * Prefixes and suffixes applied to `metadata.name`, in the order they were applied (as kustomize reads
   * them back from its annotations: empty ones are never recorded; use {@link addNamePrefix}).
   */
  prefixes: string[] = [];
  suffixes: string[] = [];
  /**
   * `metadata.name` is a plain (unquoted) scalar in the source: kustomize keeps a scalar's style when it
   * rewrites it, so a renamed plain name is read back by YAML rules (`1` + `e5` → the number 100000).
   */
  plainName = false;
  /**
   * The source text of `metadata.name` / `metadata.namespace` where YAML resolved it to another value
   * (`0x10` → 16, `!!timestamp 2001-1-1` → an RFC 3339 string): kyaml reads a name as its node's text,
   * for ids, order and renames, while the output keeps the resolved value.
   */
  sourceText: SourceTexts | undefined;
  /** Marked by a generator: gets `-<hash>` appended at the end of the build. */
  needsHash = false;
  /** Set on generated objects until they are absorbed. */
  behavior: GeneratorBehavior | undefined;
  /** buildMetadata: transformers that ran while this resource was present. */
  transformations: TransformationRecord[] | undefined;
  /** Names of the vars bound to this resource (kustomize's refVarNames, spec §10.2). */
  refVarNames: string[] | undefined;
  /** Fields whose value a patch or transformer wrote, keyed by JSON pointer. */
  fieldOrigins: Map<string, FieldOrigin> | undefined;
  /**
   * An error kustomize only reports when it writes the object out (a mapping key repeated in the source:
   * go-yaml accepts it on reading, and fails when decoding the object for output).
   */
  outputError: BuildError | undefined;
  /** Output errors met before {@link outputError} that hold only while their value is still at their path. */
  conditionalOutputErrors: ConditionalOutputError[] | undefined;
  /**
   * Strings whose source node kyaml does not see as a string (a timestamp, a custom tag), with their
   * path in the source: they count as such while the value there is still the one read.
   */
  nonStringScalars: readonly { path: readonly (string | number)[]; value: string; tag: string }[] | undefined;
  /** Scope of this resource's kind (from the build's schema). */
  scope: ScopeResolver;
  /** Label and annotation values kyaml would hold as one shared node (aliases.ts). */
  aliases: AliasGroup[] | undefined;

  constructor(data: YamlMap, origin: Origin, scope: ScopeResolver = defaultScope) {
    this.data = data;
    this.origin = origin;
    this.scope = scope;
  }

  get apiVersion(): string {
    return this.rootText('apiVersion');
  }
  get kind(): string {
    return this.rootText('kind');
  }

  /** A top-level field as kyaml reads it: the source text while the value is the one read from it. */
  private rootText(key: 'kind' | 'apiVersion'): string {
    const v = getField(this.data, key);
    const src = this.sourceText?.[key];
    return src !== undefined && Object.is(v, src.value) ? src.text : scalarString(v);
  }
  get metadata(): YamlMap | undefined {
    const m = getField(this.data, 'metadata');
    return isMap(m) ? m : undefined;
  }
  get name(): string {
    return this.metadataText('name');
  }
  get namespace(): string {
    return this.metadataText('namespace');
  }

  /** `metadata.<key>` as kyaml reads it: the source text while the value is the one read from it. */
  private metadataText(key: keyof SourceTexts): string {
    const m = this.metadata;
    if (!m) return '';
    const v = getField(m, key);
    const src = this.sourceText?.[key];
    return src !== undefined && Object.is(v, src.value) ? src.text : str(v);
  }

  /** `metadata`, created when missing. */
  ensureMetadata(): YamlMap {
    let m = getField(this.data, 'metadata');
    if (!isMap(m)) {
      m = {};
      setField(this.data, 'metadata', m);
    }
    return m;
  }

  setName(name: string): void {
    setField(this.ensureMetadata(), 'name', name);
  }
  setNamespace(ns: string): void {
    setField(this.ensureMetadata(), 'namespace', ns);
  }
  setKind(kind: string): void {
    setField(this.data, 'kind', kind);
  }

  /** A string map under metadata (`labels` or `annotations`), or undefined. */
  metaMap(key: 'labels' | 'annotations'): YamlMap | undefined {
    const m = this.metadata;
    if (!m) return undefined;
    const v = getField(m, key);
    return isMap(v) ? v : undefined;
  }

  gvk(): Gvk {
    const { group, version } = splitApiVersion(this.apiVersion);
    return { group, version, kind: this.kind };
  }

  /** The current id. */
  id(): ResId {
    const { group, version } = splitApiVersion(this.apiVersion);
    return { group, version, kind: this.kind, name: this.name, namespace: this.namespace };
  }

  /**
   * The previous ids, oldest first, as kustomize's Resource.PrevIds returns them: with the current group
   * and version, never cluster-scoped (their namespace is the recorded effective one). Throws when the
   * recorded history is inconsistent (an empty name or a comma in a name), where kustomize panics.
   */
  prevIds(): ResId[] {
    const prev = this.previousIds;
    if (prev.length === 0) return [];
    const apiVersion = this.apiVersion;
    const c = this.prevIdsCache;
    if (c && c.source === prev && c.length === prev.length && c.apiVersion === apiVersion) return c.ids.slice();
    const ids = this.computePrevIds(prev, apiVersion);
    this.prevIdsCache = { source: prev, length: prev.length, apiVersion, ids };
    return ids.slice();
  }

  /** Memo of {@link prevIds} (lookups by any id call it for every resource). */
  private prevIdsCache: { source: PreviousId[]; length: number; apiVersion: string; ids: ResId[] } | undefined;

  private computePrevIds(prev: readonly PreviousId[], apiVersion: string): ResId[] {
    const { group, version } = splitApiVersion(apiVersion);
    if (prev.every((p) => csvSafe(p.name) && csvSafe(p.namespace) && csvSafe(p.kind))) {
      return prev.map((p) => ({
        group,
        version,
        kind: p.kind,
        name: p.name,
        namespace: p.namespace,
        clusterScoped: false,
      }));
    }
    const names = csvRoundTrip(prev.map((p) => p.name));
    if (!names) return [];
    const namespaces = csvRoundTrip(prev.map((p) => p.namespace)) ?? [''];
    const kinds = csvRoundTrip(prev.map((p) => p.kind)) ?? [''];
    if (names.length !== namespaces.length || names.length !== kinds.length) {
      throw new BuildError(
        'internal/error',
        'number of previous names, number of previous namespaces, number of previous kinds not equal',
        { file: this.origin.file, range: this.origin.range },
      );
    }
    return names.map((name, i) => ({
      group,
      version,
      kind: kinds[i] as string,
      name,
      namespace: namespaces[i] as string,
      clusterScoped: false,
    }));
  }

  /** The id before any rename (kustomize's OrgId): the first previous id, or the current id. */
  originalId(): ResId {
    return this.prevIds()[0] ?? this.id();
  }

  /** The current id followed by every previous id, oldest first (kustomize's MakeResIds). */
  allIds(): ResId[] {
    return [this.id(), ...this.prevIds()];
  }

  isClusterScoped(): boolean {
    return this.scope(this.gvk());
  }

  /** Records the current id as a previous id (kustomize's StorePreviousId, before a rename). */
  storePreviousId(): void {
    const id = this.id();
    this.previousIds.push({ kind: id.kind, name: id.name, namespace: effectiveNamespace(id, this.scope) });
  }

  /**
   * The object as kustomize holds it during a build, with its internal build annotations (previous ids,
   * prefixes, suffixes) written into `metadata.annotations` as comma-separated values. kustomize prints
   * objects this way in some error messages. A copy; `data` is not touched.
   */
  withBuildAnnotations(): YamlMap {
    const extra: [string, string][] = [];
    const csv = (key: string, values: readonly string[]): void => {
      const kept = values.filter((v) => v !== '');
      if (kept.length > 0) extra.push([`internal.config.kubernetes.io/${key}`, kept.join(',')]);
    };
    csv('prefixes', this.prefixes);
    csv(
      'previousKinds',
      this.previousIds.map((p) => p.kind),
    );
    csv(
      'previousNames',
      this.previousIds.map((p) => p.name),
    );
    csv(
      'previousNamespaces',
      this.previousIds.map((p) => p.namespace),
    );
    csv('suffixes', this.suffixes);
    const copy = cloneValue(this.data);
    if (extra.length === 0) return copy;
    let meta = getField(copy, 'metadata');
    if (!isMap(meta)) {
      meta = {};
      setField(copy, 'metadata', meta);
    }
    let ann = getField(meta, 'annotations');
    if (!isMap(ann)) {
      ann = {};
      setField(meta, 'annotations', ann);
    }
    for (const [k, v] of extra) setField(ann, k, v);
    return copy;
  }

  /** Records a prefix applied to `metadata.name` (kustomize's AddNamePrefix). */
  addNamePrefix(prefix: string): void {
    if (prefix !== '') this.prefixes.push(...prefix.split(','));
  }

  /** Records a suffix applied to `metadata.name` (kustomize's AddNameSuffix). */
  addNameSuffix(suffix: string): void {
    if (suffix !== '') this.suffixes.push(...suffix.split(','));
  }

  /** Whether some previous id exists (the resource was renamed, re-namespaced or re-kinded). */
  get renamed(): boolean {
    return this.previousIds.length > 0;
  }

  /** A deep copy (data and bookkeeping). */
  clone(): Resource {
    const copies = this.aliases ? new Map<YamlMap, YamlMap>() : undefined;
    const r = new Resource(cloneValue(this.data, copies), this.origin, this.scope);
    if (this.aliases && copies) r.aliases = remapAliasGroups(this.aliases, copies);
    r.previousIds = this.previousIds.slice();
    r.prefixes = this.prefixes.slice();
    r.suffixes = this.suffixes.slice();
    r.needsHash = this.needsHash;
    r.plainName = this.plainName;
    r.sourceText = this.sourceText;
    r.outputError = this.outputError;
    r.conditionalOutputErrors = this.conditionalOutputErrors;
    r.nonStringScalars = this.nonStringScalars;
    r.behavior = this.behavior;
    r.transformations = this.transformations?.slice();
    r.refVarNames = this.refVarNames?.slice();
    r.fieldOrigins = this.fieldOrigins ? new Map(this.fieldOrigins) : undefined;
    return r;
  }

  /** Adds output errors a merged patch brought (after this object's own, as go-yaml meets them later). */
  addOutputErrors(conditional: readonly ConditionalOutputError[], otherwise: BuildError | undefined): void {
    if (conditional.length > 0)
      this.conditionalOutputErrors = [...(this.conditionalOutputErrors ?? []), ...conditional];
    this.outputError ??= otherwise;
  }

  /** Forgets the conditional output errors whose node a transformer replaced. */
  dropConditionalOutputErrors(replaced: (at: readonly (string | number)[]) => boolean): void {
    if (!this.conditionalOutputErrors) return;
    const kept = this.conditionalOutputErrors.filter((c) => !replaced(c.at));
    this.conditionalOutputErrors = kept.length > 0 ? kept : undefined;
  }

  /**
   * The tag kyaml holds for the string at `container[key]` (inside this object) when that node is not a
   * string for kyaml (`!!timestamp`, `!!binary`, a custom tag), else undefined.
   */
  nonStringTag(container: YamlMap | readonly YamlValue[], key: string | number): string | undefined {
    const v: YamlValue | undefined = Array.isArray(container)
      ? (container as readonly YamlValue[])[key as number]
      : getField(container as YamlMap, key as string);
    if (!this.nonStringScalars || typeof v !== 'string') return undefined;
    const held = this.nonStringScalars.find((s) => s.value === v && leadsTo(this.data, s.path, container, key));
    return held?.tag;
  }

  /**
   * The text kyaml reads at `parent[key]` where the value here is a null read from a `!!null`-tagged text
   * (`image: !!null nginx`: a strategic merge sees a null, the images transformer the text `nginx`).
   */
  heldNullText(parent: YamlMap, key: string): string | undefined {
    const held = this.conditionalOutputErrors?.find(
      (c) => c.text !== undefined && c.value === null && leadsTo(this.data, c.at, parent, key),
    );
    return held?.text;
  }

  /** The error kustomize meets when it writes this object out, if any. */
  outputFailure(): BuildError | undefined {
    const held = this.conditionalOutputErrors?.find((c) => holds(this.data, c));
    return held?.error ?? this.outputError;
  }

  /** Records that a patch or transformer wrote the field at `pointer`. */
  recordFieldOrigin(pointer: string, origin: FieldOrigin): void {
    (this.fieldOrigins ??= new Map()).set(pointer, origin);
  }
}

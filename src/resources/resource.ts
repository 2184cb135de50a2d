import type { YamlMap, YamlValue } from '../yaml/values.js';
import { cloneValue, getField, isMap, setField } from '../yaml/values.js';
import type { FieldOrigin, Origin } from './origin.js';
import { splitApiVersion, defaultScope, type Gvk, type ResId, type ScopeResolver } from './res-id.js';

/** How a generated object is absorbed into the resources already accumulated (spec §3.4). */
export type GeneratorBehavior = 'create' | 'merge' | 'replace' | 'unspecified';

/** One entry of kustomize's `alpha.config.kubernetes.io/transformations` record. */
export interface TransformationRecord {
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

/**
 * One Kubernetes object in a build: its data, where it came from, and the bookkeeping kustomize keeps in
 * internal annotations (previous ids, prefix/suffix history, hash and generator marks) kept as fields.
 */
export class Resource {
  /** The object as it will be written out. */
  data: YamlMap;
  origin: Origin;
  /** Ids this resource had before renames, oldest first (namespaces stored as effective namespaces). */
  previousIds: ResId[] = [];
  /** Prefixes and suffixes applied to `metadata.name`, in the order they were applied. */
  prefixes: string[] = [];
  suffixes: string[] = [];
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
  /** Scope of this resource's kind (from the build's schema). */
  scope: ScopeResolver;

  constructor(data: YamlMap, origin: Origin, scope: ScopeResolver = defaultScope) {
    this.data = data;
    this.origin = origin;
    this.scope = scope;
  }

  get apiVersion(): string {
    return str(getField(this.data, 'apiVersion'));
  }
  get kind(): string {
    return str(getField(this.data, 'kind'));
  }
  get metadata(): YamlMap | undefined {
    const m = getField(this.data, 'metadata');
    return isMap(m) ? m : undefined;
  }
  get name(): string {
    const m = this.metadata;
    return m ? str(getField(m, 'name')) : '';
  }
  get namespace(): string {
    const m = this.metadata;
    return m ? str(getField(m, 'namespace')) : '';
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

  /** The id before any rename: the first previous id, or the current id. */
  originalId(): ResId {
    return this.previousIds[0] ?? this.id();
  }

  /** Current id followed by every previous id (newest first). */
  allIds(): ResId[] {
    const out = [this.id()];
    for (let i = this.previousIds.length - 1; i >= 0; i--) out.push(this.previousIds[i] as ResId);
    return out;
  }

  isClusterScoped(): boolean {
    return this.scope(this.gvk());
  }

  /** Records the current id as a previous id (before a transformer may rename). */
  storePreviousId(): void {
    const id = this.id();
    const ns = this.isClusterScoped() ? id.namespace : id.namespace === '' ? 'default' : id.namespace;
    this.previousIds.push({ ...id, namespace: ns });
  }

  /** Whether some previous id exists (the resource was renamed, re-namespaced or re-kinded). */
  get renamed(): boolean {
    return this.previousIds.length > 0;
  }

  /** A deep copy (data and bookkeeping). */
  clone(): Resource {
    const r = new Resource(cloneValue(this.data), this.origin, this.scope);
    r.previousIds = this.previousIds.slice();
    r.prefixes = this.prefixes.slice();
    r.suffixes = this.suffixes.slice();
    r.needsHash = this.needsHash;
    r.behavior = this.behavior;
    r.transformations = this.transformations?.slice();
    r.refVarNames = this.refVarNames?.slice();
    r.fieldOrigins = this.fieldOrigins ? new Map(this.fieldOrigins) : undefined;
    return r;
  }

  /** Records that a patch or transformer wrote the field at `pointer`. */
  recordFieldOrigin(pointer: string, origin: FieldOrigin): void {
    (this.fieldOrigins ??= new Map()).set(pointer, origin);
  }
}

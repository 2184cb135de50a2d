/**
 * Which schema validates an apiVersion/kind: a CRD among the objects (or given in options) first, then the
 * Flux CRD schemas, then the Kubernetes 1.36 definitions. Schemas are kept as JSON text until first used.
 */
import { crdSchemaToJsonSchema, type JsonSchema } from './convert.js';
import { fluxSchemas } from './schemas/flux.generated.js';
import { kubernetesClusterScoped, kubernetesDefinitions, kubernetesKinds } from './schemas/kubernetes.generated.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../yaml/values.js';

/** Where a schema comes from. */
export type SchemaOrigin = 'kubernetes' | 'flux' | 'crd';

/** The schema chosen for one object. */
export interface SchemaRef {
  /** Key of the root schema in the validator (a definition name, `flux.*` or `crd.*`). */
  readonly key: string;
  readonly origin: SchemaOrigin;
  /** For CRD schemas: the CRD's `metadata.name`. */
  readonly crdName?: string;
}

const OBJECT_META = 'meta.v1.ObjectMeta';

function fluxKey(gvk: string): string {
  return `flux.${gvk.replace(/\//g, '.')}`;
}

const fluxByKey = new Map<string, string>();
for (const gvk of Object.keys(fluxSchemas)) fluxByKey.set(fluxKey(gvk), gvk);

const clusterScoped = new Set(kubernetesClusterScoped);

/** Scope of a built-in Kubernetes kind (1.36), or undefined when the kind is not built in. */
export function kubernetesScope(apiVersion: string, kind: string): 'Namespaced' | 'Cluster' | undefined {
  const key = `${apiVersion}/${kind}`;
  if (!Object.prototype.hasOwnProperty.call(kubernetesKinds, key)) return undefined;
  return clusterScoped.has(key) ? 'Cluster' : 'Namespaced';
}

/** The schema of a built-in kind (Kubernetes 1.36 or Flux), if any. */
export function builtinSchemaRef(apiVersion: string, kind: string): SchemaRef | undefined {
  const gvk = `${apiVersion}/${kind}`;
  if (Object.prototype.hasOwnProperty.call(fluxSchemas, gvk)) return { key: fluxKey(gvk), origin: 'flux' };
  if (Object.prototype.hasOwnProperty.call(kubernetesKinds, gvk)) {
    return { key: kubernetesKinds[gvk] as string, origin: 'kubernetes' };
  }
  return undefined;
}

/** JSON of a value that may hold bigints (written as numbers). */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}

/** Two FNV-1a (32 bit) hashes of a string with different seeds, as 16 hex digits: keys CRD schemas by content. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  let g = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    g = Math.imul(g ^ c, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + (g >>> 0).toString(16).padStart(8, '0');
}

/**
 * Key of a CRD version schema by the schema object itself: objects of an unchanged file keep their identity
 * across renders (build caches), so their schema is not serialised again. Objects are never mutated after
 * rendering.
 */
const keyByNode = new WeakMap<object, string>();

/** Converted CRD schemas by key, shared by every call (bounded: oldest dropped first). */
const crdSchemaCache = new Map<string, JsonSchema>();
const CRD_CACHE_MAX = 1000;

/**
 * The schema text of a key: a Kubernetes definition, a Flux schema or a converted CRD schema. Parsed on
 * each call: callers (the ajv adapter) add it once and keep the compiled function.
 */
export function schemaByKey(key: string): JsonSchema | undefined {
  if (key.startsWith('crd.')) return crdSchemaCache.get(key);
  const flux = fluxByKey.get(key);
  if (flux !== undefined) return JSON.parse(fluxSchemas[flux] as string) as JsonSchema;
  if (Object.prototype.hasOwnProperty.call(kubernetesDefinitions, key)) {
    return JSON.parse(kubernetesDefinitions[key] as string) as JsonSchema;
  }
  return undefined;
}

/** JSON schemas by apiVersion and kind from outside the CRDs (schema locations). */
export type JsonSchemaLookup = (apiVersion: string, kind: string) => JsonSchema | undefined;

/** Key of a JSON schema by content, its text cached for the validator. */
function cacheSchema(prefix: string, text: string, make: () => JsonSchema): string {
  const key = `${prefix}${fnv1a(text)}.${text.length.toString(36)}`;
  if (!crdSchemaCache.has(key)) {
    if (crdSchemaCache.size >= CRD_CACHE_MAX) {
      const oldest = crdSchemaCache.keys().next().value;
      if (oldest !== undefined) crdSchemaCache.delete(oldest);
    }
    crdSchemaCache.set(key, make());
  }
  return key;
}

/**
 * The CRDs known to one validation: apiVersion/kind → schema. Kinds no CRD declares are looked up in
 * `jsonSchemas` (schema locations) when given.
 */
export class CrdIndex {
  constructor(private readonly jsonSchemas?: JsonSchemaLookup) {}

  private readonly byGvk = new Map<string, SchemaRef>();
  /** apiVersion/kind → CRD name, for kinds whose CRD declares a version without a schema. */
  private readonly withoutSchema = new Map<string, string>();
  /** Group/kind pairs of the CRDs, with their scope. */
  readonly scopes = new Map<string, 'Namespaced' | 'Cluster'>();

  /** Whether `obj` is a CustomResourceDefinition this index understands. */
  static isCrd(obj: YamlMap): boolean {
    const av = getField(obj, 'apiVersion');
    return (
      getField(obj, 'kind') === 'CustomResourceDefinition' &&
      (av === 'apiextensions.k8s.io/v1' || av === 'apiextensions.k8s.io/v1beta1')
    );
  }

  /** Registers every served version of a CRD object. Later CRDs for the same kind win. */
  add(crd: YamlMap): void {
    const spec = getField(crd, 'spec');
    if (!isMap(spec)) return;
    const group = getField(spec, 'group');
    const names = getField(spec, 'names');
    const kind = isMap(names) ? getField(names, 'kind') : undefined;
    if (typeof group !== 'string' || typeof kind !== 'string') return;
    const meta = getField(crd, 'metadata');
    const crdName =
      isMap(meta) && typeof getField(meta, 'name') === 'string'
        ? (getField(meta, 'name') as string)
        : `${kind}.${group}`;
    const scope = getField(spec, 'scope');
    this.scopes.set(`${group}/${kind}`, scope === 'Cluster' ? 'Cluster' : 'Namespaced');
    // apiextensions v1beta1 may have one schema for all versions under spec.validation.
    const shared = getField(spec, 'validation');
    const sharedSchema = isMap(shared) ? getField(shared, 'openAPIV3Schema') : undefined;
    const versions = getField(spec, 'versions');
    const list: YamlValue[] = Array.isArray(versions) ? versions : [];
    if (list.length === 0 && typeof getField(spec, 'version') === 'string')
      list.push({ name: getField(spec, 'version') as string });
    for (const v of list) {
      if (!isMap(v)) continue;
      const name = getField(v, 'name');
      if (typeof name !== 'string') continue;
      if (getField(v, 'served') === false) continue;
      const vs = getField(v, 'schema');
      const schema = (isMap(vs) ? getField(vs, 'openAPIV3Schema') : undefined) ?? sharedSchema;
      const gvk = `${group}/${name}/${kind}`;
      if (!isMap(schema)) {
        this.withoutSchema.set(gvk, crdName);
        continue;
      }
      let key = keyByNode.get(schema);
      if (key === undefined || !crdSchemaCache.has(key)) {
        const text = stableJson(schema);
        key = cacheSchema('crd.', text, () => crdSchemaToJsonSchema(JSON.parse(text), { metadataRef: OBJECT_META }));
        keyByNode.set(schema, key);
      }
      this.byGvk.set(gvk, { key, origin: 'crd', crdName });
      this.withoutSchema.delete(gvk);
    }
  }

  /** The CRD schema for apiVersion/kind, if a CRD of the set declares it, or a schema location has it. */
  lookup(apiVersion: string, kind: string): SchemaRef | undefined {
    const gvk = `${apiVersion}/${kind}`;
    const hit = this.byGvk.get(gvk);
    if (hit !== undefined || this.jsonSchemas === undefined || this.withoutSchema.has(gvk)) return hit;
    const schema = this.jsonSchemas(apiVersion, kind);
    if (schema === undefined) return undefined;
    const ref: SchemaRef = { key: cacheSchema('crd.json.', stableJson(schema), () => schema), origin: 'crd' };
    this.byGvk.set(gvk, ref);
    return ref;
  }

  /** The name of a CRD that serves apiVersion/kind without a schema (anything goes). */
  schemaless(apiVersion: string, kind: string): string | undefined {
    return this.withoutSchema.get(`${apiVersion}/${kind}`);
  }
}

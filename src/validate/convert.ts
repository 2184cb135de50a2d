/**
 * Schema conversion shared by the dev-time generator (test/scripts/gen-schemas.ts) and the runtime (CRDs found
 * among the objects being validated): a CRD's structural `openAPIV3Schema` → a compact JSON Schema (draft-07)
 * that accepts what the API server accepts, and the kubeconform-style strict variant of any schema.
 */

/** A JSON value (schemas are plain JSON). */
export type Json = string | number | boolean | null | Json[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: Json;
}
/** A compact JSON Schema as this module produces it. */
export type JsonSchema = JsonObject;

/**
 * Go's base64.StdEncoding as encoding/json decodes `[]byte`: padded, with `\r` and `\n` ignored anywhere (kustomize
 * wraps generated Secret data at 70 characters, which is not a multiple of 4).
 */
const B64 = '[A-Za-z0-9+/][\\r\\n]*';
export const BASE64_PATTERN = `^[\\r\\n]*(?:${B64}${B64}${B64}${B64})*(?:${B64}${B64}=[\\r\\n]*=|${B64}${B64}${B64}=)?[\\r\\n]*$`;
/** resource.ParseQuantity's grammar (as the apiextensions OpenAPI publishes it for Quantity). */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keywords kept from a CRD schema as they are (value keywords that ajv implements as Kubernetes does). */
const KEEP_SCALAR = [
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
  'multipleOf',
] as const;

/** Whether `pattern` is usable as a JavaScript regular expression (Go RE2 syntax mostly is). */
export function isUsablePattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Adds `null` to a schema's `type` (and `enum`): the field may be null. No type means any value already. */
export function addNull(s: JsonSchema): JsonSchema {
  const t = s.type;
  if (typeof t === 'string') {
    if (t !== 'null') s.type = [t, 'null'];
  } else if (Array.isArray(t)) {
    if (!t.includes('null')) s.type = [...t, 'null'];
  }
  if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  return s;
}

function isTypeOnly(branch: Json | undefined, type: string): boolean {
  return isObject(branch) && branch.type === type && Object.keys(branch).length === 1;
}

/** The scalar keywords of a node: type, enum, pattern, numeric bounds (OpenAPI 3.0 exclusive bounds → draft-07). */
function convertScalarKeywords(node: JsonObject, intOrString: boolean, out: JsonSchema): void {
  if (intOrString) out.type = ['integer', 'string'];
  else if (typeof node.type === 'string') out.type = node.type;
  if (Array.isArray(node.enum)) out.enum = node.enum;
  if (typeof node.pattern === 'string' && isUsablePattern(node.pattern)) out.pattern = node.pattern;
  for (const k of KEEP_SCALAR) {
    const v = node[k];
    if (typeof v === 'number') out[k] = v;
  }
  // OpenAPI 3.0 boolean exclusive bounds → draft-07 numeric ones.
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  } else if (typeof node.exclusiveMinimum === 'number') out.exclusiveMinimum = node.exclusiveMinimum;
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
    out.exclusiveMaximum = node.maximum;
    delete out.maximum;
  } else if (typeof node.exclusiveMaximum === 'number') out.exclusiveMaximum = node.exclusiveMaximum;
}

/** `properties` (optional ones nullable) and `required`. */
function convertProperties(node: JsonObject, out: JsonSchema): void {
  const props = node.properties;
  if (isObject(props)) {
    const required = Array.isArray(node.required)
      ? node.required.filter((r): r is string => typeof r === 'string')
      : [];
    const p: JsonSchema = {};
    for (const key of Object.keys(props)) p[key] = convertCrdNode(props[key], !required.includes(key));
    out.properties = p;
    if (required.length > 0) out.required = required;
  } else if (Array.isArray(node.required) && node.required.length > 0) {
    out.required = node.required;
  }
}

/** `items` and `additionalProperties` (list items and map values are not nullable). */
function convertItemsAndValues(node: JsonObject, preserve: boolean, out: JsonSchema): void {
  if (node.items !== undefined) {
    // A structural schema has a single `items` schema; tolerate the tuple form by taking its first entry.
    const items = Array.isArray(node.items) ? node.items[0] : node.items;
    out.items = convertCrdNode(items, false);
  }
  if (node.additionalProperties === true || node.additionalProperties === false) {
    out.additionalProperties = node.additionalProperties;
  } else if (isObject(node.additionalProperties)) {
    out.additionalProperties = convertCrdNode(node.additionalProperties, false);
  }
  // Unknown fields are kept here: mark it so that strict mode leaves this object open.
  if (preserve && out.properties !== undefined && out.additionalProperties === undefined)
    out.additionalProperties = true;
}

/** `allOf`, `anyOf`, `oneOf` and `not`. */
function convertCombinators(node: JsonObject, intOrString: boolean, out: JsonSchema): void {
  for (const comb of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[comb];
    if (!Array.isArray(list)) continue;
    if (
      intOrString &&
      comb === 'anyOf' &&
      list.length === 2 &&
      isTypeOnly(list[0], 'integer') &&
      isTypeOnly(list[1], 'string')
    ) {
      continue; // already expressed by type: [integer, string]
    }
    out[comb] = list.map((b) => convertCrdNode(b, false));
  }
  if (isObject(node.not)) out.not = convertCrdNode(node.not, false);
}

/**
 * Converts one node of a CRD's structural schema. `nullable`: the node may be null. The API server prunes
 * `null` from object fields that are not `nullable: true` before it validates, so an optional field may
 * be null but a required one may not; list items and map values get no such leniency.
 */
function convertCrdNode(node: Json | undefined, nullable: boolean): JsonSchema {
  if (!isObject(node)) return {};
  const out: JsonSchema = {};
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  convertScalarKeywords(node, intOrString, out);
  convertProperties(node, out);
  convertItemsAndValues(node, node['x-kubernetes-preserve-unknown-fields'] === true, out);
  convertCombinators(node, intOrString, out);
  if (nullable || node.nullable === true) addNull(out);
  return out;
}

/** Options of {@link crdSchemaToJsonSchema}. */
export interface CrdConvertOptions {
  /**
   * A `$ref` for the root `metadata` field (ObjectMeta): custom resources then get metadata validation like
   * built-in kinds. Default: metadata is any object.
   */
  metadataRef?: string;
}

/**
 * Converts a CRD version's `openAPIV3Schema` to the compact JSON Schema used for validation: descriptions,
 * defaults, CEL rules and formats dropped; `x-kubernetes-int-or-string` as `type: [integer, string]`;
 * `nullable` and optional fields accepting `null`; `x-kubernetes-preserve-unknown-fields` objects marked
 * `additionalProperties: true`; root `apiVersion`, `kind` and `metadata` always allowed; the root `status`
 * left unchecked (the API server ignores it on create).
 */
export function crdSchemaToJsonSchema(openAPIV3Schema: unknown, options: CrdConvertOptions = {}): JsonSchema {
  const root = convertCrdNode(openAPIV3Schema as Json, false);
  delete root.type;
  root.type = 'object';
  const props: JsonObject = isObject(root.properties) ? root.properties : {};
  root.properties = props;
  if (props.status !== undefined) props.status = {};
  // The API server always knows apiVersion, kind and metadata, whatever the CRD declares.
  props.apiVersion = { type: 'string' };
  props.kind = { type: 'string' };
  const declared = props.metadata;
  const meta: JsonSchema = options.metadataRef !== undefined ? { $ref: options.metadataRef } : { type: 'object' };
  if (isObject(declared) && isObject(declared.properties)) {
    // Constraints the CRD puts on metadata fields (e.g. a name pattern); other ObjectMeta fields stay allowed.
    meta.properties = declared.properties;
    meta.additionalProperties = true;
  }
  props.metadata = meta;
  return root;
}

/**
 * The strict variant of a schema (kubeconform `-strict`): every object schema that lists `properties` and
 * says nothing about other keys gets `additionalProperties: false`. Returns a new schema; shares nothing
 * mutable with the input.
 */
export function strictSchema(schema: JsonSchema): JsonSchema {
  return strictNode(schema) as JsonSchema;
}

const SUBSCHEMA_MAPS = new Set(['properties', 'definitions', 'patternProperties']);
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);

function strictNode(node: Json): Json {
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const key of Object.keys(node)) {
    const v = node[key] as Json;
    if (SUBSCHEMA_MAPS.has(key) && isObject(v)) {
      const m: JsonObject = {};
      for (const k of Object.keys(v)) m[k] = strictNode(v[k] as Json);
      out[key] = m;
    } else if (SUBSCHEMA.has(key)) out[key] = strictNode(v);
    else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(v)) out[key] = v.map(strictNode);
    else out[key] = v;
  }
  if (isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** The `$ref` values a schema uses (transitively within the schema, not across refs). */
export function collectRefs(node: Json, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const v of node) collectRefs(v, into);
  } else if (isObject(node)) {
    for (const key of Object.keys(node)) {
      const v = node[key] as Json;
      if (key === '$ref' && typeof v === 'string') into.add(v);
      else if (key !== 'enum') collectRefs(v, into);
    }
  }
  return into;
}

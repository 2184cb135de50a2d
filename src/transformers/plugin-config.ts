/** Small readers for builtin plugin configs (decoded leniently, as kustomize's yaml.Unmarshal does). */
import { BuildError } from '../diagnostics/error.js';
import type { FieldSpec } from '../fieldspecs/types.js';
import { getField, isMap, scalarString, type YamlMap, type YamlValue } from '../yaml/values.js';
import { decodeGo, GoDecodeError, listOf, struct, type GoStruct } from '../kustomization/gotype.js';
import { fieldSpecType } from '../kustomization/schema.js';
import { idString } from '../resources/res-id.js';
import type { KustTarget } from '../target/types.js';

export const stringOf: (v: YamlValue | undefined) => string = scalarString;

export function boolOf(v: YamlValue | undefined): boolean {
  return v === true;
}

interface RawFieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path?: string;
  create?: boolean;
}

const fieldSpecsHolder = struct('FieldSpecs', { fieldSpecs: listOf(fieldSpecType) });

/** The `fieldSpecs` list of a plugin config, decoded into Go's FieldSpec as kustomize does. */
export function fieldSpecsOf(raw: YamlMap): FieldSpec[] {
  const v = getField(raw, 'fieldSpecs');
  if (v === undefined || v === null) return [];
  const decoded = decodePluginConfig<{ fieldSpecs?: RawFieldSpec[] }>({ fieldSpecs: v }, fieldSpecsHolder, raw);
  return (decoded.fieldSpecs ?? []).map((m) => {
    const fs: { group?: string; version?: string; kind?: string; path: string; create?: boolean } = {
      path: m.path ?? '',
    };
    if (m.group) fs.group = m.group;
    if (m.version) fs.version = m.version;
    if (m.kind) fs.kind = m.kind;
    if (m.create === true) fs.create = true;
    return fs;
  });
}

/** The JSON kind Go's decoder names in a type error. */
function jsonKindOf(v: YamlValue): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'number';
}

/**
 * The map of strings `field` (labels, annotations) of the plugin config `raw`, decoded into the Go struct
 * `structName`: scalars become their text (sigs.k8s.io/yaml converts them for a string target), a list or a
 * map where a string or the map belongs is an error.
 */
export function stringMapOf(raw: YamlMap, field: string, structName: string): Record<string, string> {
  const v = getField(raw, field);
  const out: Record<string, string> = {};
  if (v === undefined || v === null) return out;
  const refuse = (got: YamlValue, type: string): BuildError =>
    pluginConfigError(
      raw,
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindOf(got)} into Go struct field ${structName}.${field} of type ${type}`,
    );
  if (!isMap(v)) throw refuse(v, 'map[string]string');
  for (const k of Object.keys(v)) {
    const value = v[k] as YamlValue;
    if (value !== null && typeof value === 'object') throw refuse(value, 'string');
    Object.defineProperty(out, k, { value: stringOf(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `Kind.builtin.[noGrp]/name.ns`: how kustomize names a builtin plugin config in errors. */
export function pluginConfigId(raw: YamlMap): string {
  const meta = getField(raw, 'metadata');
  const name = isMap(meta) ? stringOf(getField(meta, 'name')) : '';
  const ns = isMap(meta) ? stringOf(getField(meta, 'namespace')) : '';
  const apiVersion = stringOf(getField(raw, 'apiVersion'));
  const slash = apiVersion.indexOf('/');
  return idString({
    kind: stringOf(getField(raw, 'kind')),
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    name,
    namespace: ns,
  });
}

/** The error kustomize reports when a builtin plugin's Config fails. */
export function pluginConfigError(raw: YamlMap, message: string): BuildError {
  return new BuildError('transformer/config', `plugin ${pluginConfigId(raw)} fails configuration: ${message}`);
}

/**
 * Decodes a builtin plugin config leniently (sigs.k8s.io/yaml.Unmarshal: unknown fields ignored, wrong
 * types are errors).
 */
export function decodePluginConfig<T>(raw: YamlMap, t: GoStruct<T>, config: YamlMap = raw): T {
  try {
    return decodeGo(raw, t, { allowUnknown: true });
  } catch (e) {
    if (e instanceof GoDecodeError)
      throw pluginConfigError(config, `error unmarshaling JSON: while decoding JSON: ${e.message}`);
    throw e;
  }
}

/**
 * Points an error without a location at the kustomization field that asked for the transformer (e.g.
 * `images`, or `transformers` for a builtin plugin config). Returns the error for `throw`.
 */
export function atField(err: unknown, target: KustTarget, field: string): unknown {
  if (err instanceof BuildError && err.file === undefined) {
    err.file = target.file;
    const pos = target.locate(field);
    if (pos) err.range = { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } };
  }
  return err;
}

/** Small readers for builtin plugin configs (decoded leniently, as kustomize's yaml.Unmarshal does). */
import { BuildError } from '../diagnostics/error.js';
import type { FieldSpec } from '../fieldspecs/types.js';
import { getField, isMap, scalarString, type YamlMap, type YamlValue } from '../yaml/values.js';
import { decodeGo, GoDecodeError, type GoStruct } from '../kustomization/gotype.js';
import { idString } from '../resources/res-id.js';
import type { KustTarget } from '../target/types.js';

export const stringOf: (v: YamlValue | undefined) => string = scalarString;

export function boolOf(v: YamlValue | undefined): boolean {
  return v === true;
}

/** A `fieldSpecs` list of a plugin config. */
export function fieldSpecsOf(v: YamlValue | undefined): FieldSpec[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new BuildError('transformer/config', 'fieldSpecs must be a list');
  return v.filter(isMap).map((m) => {
    const fs: { group?: string; version?: string; kind?: string; path: string; create?: boolean } = {
      path: stringOf(getField(m, 'path')),
    };
    const g = stringOf(getField(m, 'group'));
    const ver = stringOf(getField(m, 'version'));
    const k = stringOf(getField(m, 'kind'));
    if (g) fs.group = g;
    if (ver) fs.version = ver;
    if (k) fs.kind = k;
    if (getField(m, 'create') === true) fs.create = true;
    return fs;
  });
}

/** A map of strings (labels, annotations) of a plugin config. */
export function stringMapOf(v: YamlValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(v)) return out;
  for (const k of Object.keys(v))
    Object.defineProperty(out, k, { value: stringOf(v[k]), enumerable: true, writable: true, configurable: true });
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
export function decodePluginConfig<T>(raw: YamlMap, t: GoStruct<T>): T {
  try {
    return decodeGo(raw, t, { allowUnknown: true });
  } catch (e) {
    if (e instanceof GoDecodeError)
      throw pluginConfigError(raw, `error unmarshaling JSON: while decoding JSON: ${e.message}`);
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

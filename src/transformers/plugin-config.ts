/**
 * Reading builtin plugin configs: each plugin's Go struct is a table (kustomization/gotype.ts) and the config
 * is decoded into it as the plugin's Config method does (kustomization/plugin-decode.ts). The build adds
 * kustomize's `plugin <id> fails configuration: ` to the errors.
 */
import { BuildError } from '../diagnostics/error.js';
import type { Range } from '../diagnostics/diagnostic.js';
import type { FieldSpec } from '../fieldspecs/types.js';
import { scalarString, type YamlMap, type YamlValue } from '../yaml/values.js';
import { GoDecodeError, goString, listOf, mapOf, struct, type GoStruct } from '../kustomization/gotype.js';
import { fieldSpecType } from '../kustomization/schema.js';
import { decodeGoYamlV3, decodeSigsYaml, GoYamlV3TypeError } from '../kustomization/plugin-decode.js';
import type { KustTarget } from '../target/types.js';

export const stringOf: (v: YamlValue | undefined) => string = scalarString;

/** A FieldSpec as decoded from a plugin config. */
export interface RawFieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path?: string;
  create?: boolean;
}

/**
 * An error of a builtin plugin's Config. The build prefixes it with `plugin <id> fails configuration: ` (the
 * id of the config as it was loaded), as kustomize's plugin loader does.
 */
export function pluginConfigError(message: string): BuildError {
  return new BuildError('transformer/config', message);
}

/** An error of a plugin's Config as a BuildError, placed at `where` when it has no place of its own. */
export function pluginConfigFailure(err: unknown, where: { file: string; range?: Range | undefined }): BuildError {
  if (err instanceof BuildError) {
    if (err.file === undefined) {
      err.file = where.file;
      err.range = where.range;
    }
    return err;
  }
  return new BuildError('transformer/config', err instanceof Error ? err.message : String(err), where);
}

/** Options of {@link decodePluginConfig}. */
export interface DecodePluginConfigOptions {
  /** Put before the decoder's message (NamespaceTransformer: `unmarshalling NamespaceTransformer config: `). */
  prefix?: string;
}

/**
 * Decodes a builtin plugin config into its Go struct as the plugin's Config does with sigs.k8s.io/yaml
 * (kustomization/plugin-decode.ts). Throws the decoder's error as kustomize words it.
 */
export function decodePluginConfig<T>(raw: YamlMap, t: GoStruct<T>, options: DecodePluginConfigOptions = {}): T {
  try {
    return decodeSigsYaml(raw, t);
  } catch (e) {
    if (e instanceof GoDecodeError)
      throw pluginConfigError(`${options.prefix ?? ''}error unmarshaling JSON: while decoding JSON: ${e.message}`);
    throw e;
  }
}

/**
 * The config of LabelTransformer or AnnotationsTransformer: the map of strings `field` (`labels`,
 * `annotations`) and the field specs, decoded into the Go struct `structName`.
 */
export function stringMapConfigOf(
  raw: YamlMap,
  field: string,
  structName: string,
): { pairs: Record<string, string>; fieldSpecs: FieldSpec[] } {
  const t: GoStruct<{ fieldSpecs?: RawFieldSpec[] } & Record<string, unknown>> = struct(structName, {
    [field]: mapOf(goString),
    fieldSpecs: listOf(fieldSpecType),
  });
  const c = decodePluginConfig(raw, t);
  return { pairs: (c[field] ?? {}) as Record<string, string>, fieldSpecs: fieldSpecsFrom(c.fieldSpecs) };
}

/** Decodes a builtin plugin config as kyaml's yaml.Unmarshal does (go-yaml v3: PrefixTransformer, SuffixTransformer). */
export function decodePluginConfigV3<T>(raw: YamlMap, t: GoStruct<T>): T {
  try {
    return decodeGoYamlV3(raw, t);
  } catch (e) {
    if (e instanceof GoYamlV3TypeError) throw pluginConfigError(e.message);
    throw e;
  }
}

/** kustomize's FieldSpec as a decoded plugin config holds it → kustomize-ts's FieldSpec. */
export function fieldSpecsFrom(list: readonly RawFieldSpec[] | undefined): FieldSpec[] {
  return (list ?? []).map((m) => {
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

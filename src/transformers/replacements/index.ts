/**
 * replacements: kustomize's ReplacementTransformer (field `replacements`, spec §10.1). One instance for
 * all entries of a kustomization, run last among the field-driven transformers. Entries are inline
 * (`source` + `targets`) or `path:` files holding one replacement or a list; they apply in order, each
 * seeing the previous results.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { KustTarget } from '../../target/types.js';
import { GoDecodeError, listOf, struct, type GoStruct } from '../../kustomization/gotype.js';
import { decodeSigsYaml } from '../../kustomization/plugin-decode.js';
import { schemaFor } from '../../kustomization/schema.js';
import type { ReplacementField } from '../../kustomization/types.js';
import { emitDocument } from '../../yaml/emit.js';
import { parseYamlStream } from '../../yaml/parse.js';
import { isMap, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { atField, decodePluginConfig, pluginConfigError } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { hasFeature, type KustomizeVersion } from '../../kustomization/versions.js';
import { applyReplacements, type Replacement } from './filter.js';

export type { Replacement } from './filter.js';
export { applyReplacements } from './filter.js';

/** One ReplacementTransformer instance: the replacements, with `path:` entries already loaded. */
export interface ReplacementConfig {
  replacements: Replacement[];
  /** The kustomization field that asked for it (`replacements` or `transformers`), for diagnostics. */
  field: string;
}

/** Go's reflect kind name of a decoded JSON value (for the "unsupported replacement type" error). */
function goKind(v: YamlValue): string {
  if (v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'float64';
  return Array.isArray(v) ? 'slice' : 'map';
}

/** Reads a `path:` replacement file: one replacement (a map) or a list of them. */
function loadReplacementFile(kt: KustTarget, path: string): Replacement[] {
  const { path: abs, text } = kt.loader.readText(path);
  // sigs.k8s.io/yaml reads the first document, YAML 1.1.
  const stream = parseYamlStream(text, { file: abs, mode: 'yaml11', annotationsAsText: false });
  const err = stream.errors[0];
  if (err)
    throw new BuildError('yaml/syntax', `error converting YAML to JSON: ${err.message}`, {
      file: abs,
      range: err.range,
    });
  const doc = stream.documents[0];
  const value: YamlValue = doc && doc.index === 0 ? doc.value : null;
  const decode = (v: YamlValue): Replacement => {
    try {
      return decodeSigsYaml<Replacement>(v, schemaFor(kt.build.version).replacement);
    } catch (e) {
      if (e instanceof GoDecodeError)
        throw new BuildError('transformer/config', `error unmarshaling JSON: while decoding JSON: ${e.message}`, {
          file: abs,
        });
      throw e;
    }
  };
  if (Array.isArray(value)) return value.map((v) => decode(v === null ? {} : v));
  if (isMap(value)) return [decode(value)];
  throw new BuildError(
    'transformer/config',
    `unsupported replacement type encountered within replacement path: ${goKind(value)}`,
    { file: abs },
  );
}

/** Resolves the entries of a kustomization or plugin config into replacements (kustomize's Config step). */
function resolveEntries(kt: KustTarget, entries: readonly ReplacementField[]): Replacement[] {
  const out: Replacement[] = [];
  for (const r of entries) {
    if (r.path && (r.source !== undefined || (r.targets ?? []).length !== 0)) {
      throw new BuildError('transformer/config', 'cannot specify both path and inline replacement');
    }
    if (r.path) out.push(...loadReplacementFile(kt, r.path));
    else out.push({ source: r.source, targets: r.targets, sourceValue: r.sourceValue });
  }
  return out;
}

/** The config text kustomize prints in "trouble configuring" errors (its marshaled config struct). */
function configText(entries: readonly ReplacementField[]): string {
  const strip = (v: unknown): YamlValue => {
    if (Array.isArray(v)) return v.map(strip);
    if (v !== null && typeof v === 'object') {
      const out: YamlMap = {};
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined || x === '' || x === false || x === 0 || (Array.isArray(x) && x.length === 0)) continue;
        out[k] = strip(x);
      }
      return out;
    }
    return v as YamlValue;
  };
  try {
    return emitDocument({ Replacements: strip(entries) });
  } catch {
    return '';
  }
}

/**
 * kustomize's ReplacementTransformerPlugin in `version`. Before v5.7.0 it also had an exported list of
 * replacements whose JSON name was `omitempty`: a config key of that name (any case) adds replacements,
 * applied before the `replacements` entries.
 */
function pluginType(
  version: KustomizeVersion,
): GoStruct<{ replacements?: ReplacementField[]; omitempty?: Replacement[] }> {
  const s = schemaFor(version);
  return struct('ReplacementTransformerPlugin', {
    replacements: listOf(s.replacementField),
    ...(hasFeature(version, 'replacementOmitemptyIgnored') ? {} : { omitempty: listOf(s.replacement) }),
  });
}

export const replacementTransformer: TransformerPlugin<ReplacementConfig> = {
  kind: 'ReplacementTransformer',
  configure(raw, target) {
    try {
      const c = decodePluginConfig(raw, pluginType(target.build.version));
      const replacements = [...(c.omitempty ?? []), ...resolveEntries(target, c.replacements ?? [])];
      return { replacements, field: 'transformers' };
    } catch (err) {
      if (err instanceof BuildError && err.code !== 'transformer/config') {
        const wrapped = pluginConfigError(err.message);
        if (err.range !== undefined) {
          wrapped.file = err.file;
          wrapped.range = err.range;
        }
        throw atField(wrapped, target, 'transformers');
      }
      throw atField(err, target, 'transformers');
    }
  },
  transform(resources, c, target) {
    try {
      applyReplacements(resources, c.replacements, target.build.version);
    } catch (err) {
      throw atField(err, target, c.field);
    }
  },
};

export const replacementsField: FieldTransformer<ReplacementConfig> = {
  plugin: replacementTransformer,
  fields: ['replacements'],
  configs(k, _config, target) {
    const entries = k.replacements ?? [];
    if (entries.length === 0) return [];
    try {
      return [{ replacements: resolveEntries(target, entries), field: 'replacements' }];
    } catch (err) {
      if (err instanceof BuildError) {
        err.wrap(`trouble configuring builtin ReplacementTransformer with config: \`\n${configText(entries)}\`: `);
        // Without a position inside a replacement file, the kustomization's field is the place to fix.
        if (err.range === undefined) err.file = undefined;
      }
      throw atField(err, target, 'replacements');
    }
  },
};

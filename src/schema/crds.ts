/**
 * The `crds:` field (spec §4.6, kustomize's LoadConfigFromCRDs): each file maps Go type names to
 * `{Schema, Dependencies}` (the OpenAPIDefinition shape). Every type whose schema has `kind`,
 * `apiVersion` and `metadata` properties gives its kind (the last `.`-separated part of the type name)
 * transformer config from property extensions, following `$ref`s into other types of the same file:
 * `x-kubernetes-annotation` → commonAnnotations, `x-kubernetes-label-selector` → commonLabels,
 * `x-kubernetes-identity` → namePrefix, `x-kubernetes-object-ref-api-version` + `-kind` (+ `-name-key`) →
 * nameReference.
 */
import type { FieldSpec, NameBackReferences, TransformerConfig } from '../fieldspecs/types.js';
import { emptyTransformerConfig, mergeTransformerConfig } from '../fieldspecs/config.js';
import { parseYamlStream } from '../yaml/parse.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../yaml/values.js';

/** The definitions of a `crds:` file, by Go type name. */
export type ApiMap = Map<string, YamlMap>;

function lowerKeyed(m: YamlMap): Map<string, YamlValue> {
  const out = new Map<string, YamlValue>();
  for (const k of Object.keys(m)) out.set(k.toLowerCase(), m[k] as YamlValue);
  return out;
}

/** Go's json decoding of `map[string]OpenAPIDefinition`: field names match case-insensitively. */
function toApiMap(doc: YamlValue, file: string): ApiMap {
  if (doc === null) return new Map();
  if (!isMap(doc)) throw new Error('json: cannot unmarshal into Go value of type accumulator.nameToApiMap');
  const out: ApiMap = new Map();
  for (const name of Object.keys(doc)) {
    const def = doc[name];
    if (def === null) {
      out.set(name, {});
      continue;
    }
    if (!isMap(def))
      throw new Error(`json: cannot unmarshal into Go value of type accumulator.OpenAPIDefinition (${file})`);
    const schema = lowerKeyed(def).get('schema');
    if (schema !== undefined && schema !== null && !isMap(schema))
      throw new Error('json: cannot unmarshal into Go struct field OpenAPIDefinition.Schema');
    out.set(name, isMap(schema) ? schema : {});
  }
  return out;
}

/** Parses a `crds:` file (JSON or YAML) into its definitions by Go type name. */
export function parseCrdFile(text: string, file: string): ApiMap {
  let doc: YamlValue;
  if (text.length > 0 && text[0] === '{') {
    doc = JSON.parse(text) as YamlValue;
  } else {
    const s = parseYamlStream(text, { file, mode: 'yaml11' });
    const e = s.errors[0];
    if (e) throw new Error(`yaml: ${e.message}`);
    doc = s.documents[0]?.value ?? null;
  }
  return toApiMap(doc, file);
}

function properties(schema: YamlMap): YamlMap {
  const p = getField(schema, 'properties');
  return isMap(p) ? p : {};
}

/** go-openapi's Extensions.GetString: the extension is present and a string. */
function extString(prop: YamlMap, key: string): string | undefined {
  for (const k of Object.keys(prop)) {
    if (k.toLowerCase() === key) {
      const v = prop[k];
      return typeof v === 'string' ? v : undefined;
    }
  }
  return undefined;
}

interface Acc {
  commonAnnotations: FieldSpec[];
  commonLabels: FieldSpec[];
  namePrefix: FieldSpec[];
  nameReference: NameBackReferences[];
}

function load(acc: Acc, kind: string, m: ApiMap, typeName: string, path: readonly string[], depth: number): void {
  const api = m.get(typeName);
  if (api === undefined || depth > 64) return;
  const props = properties(api);
  for (const propName of Object.keys(props)) {
    const prop = props[propName];
    if (!isMap(prop)) continue;
    const here = [...path, propName];
    const fs = (p: readonly string[]): FieldSpec => ({ kind, path: p.join('/') });
    if (extString(prop, 'x-kubernetes-annotation') !== undefined) acc.commonAnnotations.push(fs(here));
    if (extString(prop, 'x-kubernetes-label-selector') !== undefined) acc.commonLabels.push(fs(here));
    if (extString(prop, 'x-kubernetes-identity') !== undefined) acc.namePrefix.push(fs(here));
    const version = extString(prop, 'x-kubernetes-object-ref-api-version');
    const refKind = extString(prop, 'x-kubernetes-object-ref-kind');
    if (version !== undefined && refKind !== undefined) {
      const nameKey = extString(prop, 'x-kubernetes-object-ref-name-key') ?? 'name';
      acc.nameReference.push({ kind: refKind, version, fieldSpecs: [fs([...here, nameKey])] });
    }
    const ref = getField(prop, '$ref');
    if (typeof ref === 'string' && ref !== '') load(acc, kind, m, ref, here, depth + 1);
  }
}

/** Transformer config from one file's definitions (kustomize's makeConfigFromApiMap). */
export function configFromCrdDefinitions(m: ApiMap): Partial<TransformerConfig> {
  let result = emptyTransformerConfig();
  for (const [name, schema] of m) {
    const props = properties(schema);
    if (!('kind' in props) || !('apiVersion' in props) || !('metadata' in props)) continue;
    const parts = name.split('.');
    const acc: Acc = { commonAnnotations: [], commonLabels: [], namePrefix: [], nameReference: [] };
    load(acc, parts[parts.length - 1] as string, m, name, [], 0);
    result = mergeTransformerConfig(result, acc);
  }
  return result;
}

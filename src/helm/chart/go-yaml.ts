/**
 * YAML read as Helm reads it: sigs.k8s.io/yaml's `Unmarshal` (go-yaml v2 → JSON → encoding/json). Values
 * come out as Go's `map[string]interface{}` decoding gives them (every number a float64), string fields of
 * a struct accept scalars (sigs.k8s.io/yaml converts them), and syntax errors read as go-yaml's
 * (`yaml: line N: <libyaml message>`) for the common cases.
 */
import { parseYamlStream } from '../../yaml/parse.js';
import { formatFloat32G } from '../../yaml/scalars.js';
import type { YamlValue } from '../../yaml/values.js';
import { setKey, type HelmMap, type HelmValue } from './values-model.js';

/** A YAML or JSON decoding failure, with Helm's message (no prefix such as `cannot load Chart.yaml`). */
export class GoYamlError extends Error {}

/**
 * sigs.k8s.io/yaml `Unmarshal(data, &map[string]interface{})`: the first document as a map, numbers as
 * float64, `null`/empty as `undefined`. Throws {@link GoYamlError}.
 */
export function unmarshalYaml(text: string): HelmValue | undefined {
  const parsed = parseYamlStream(text, { file: '', mode: 'yaml11' });
  const first = parsed.errors[0];
  if (first) throw new GoYamlError(`error converting YAML to JSON: ${goYamlMessage(first.message, first.line)}`);
  const doc = parsed.documents[0];
  if (!doc) return undefined;
  return jsonRoundTrip(doc.value);
}

/** Like {@link unmarshalYaml} into a `map[string]interface{}`: anything else is Go's JSON type error. */
export function unmarshalYamlMap(text: string): HelmMap {
  const v = unmarshalYaml(text);
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new GoYamlError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonTypeName(v)} into Go value of type map[string]interface {}`,
    );
  }
  return v;
}

/** The JSON type name encoding/json uses in its errors. */
export function jsonTypeName(v: HelmValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
    case 'bigint':
      return 'number';
    default:
      return 'object';
  }
}

/** YAML value → JSON → interface{}: numbers become float64 (JS numbers), everything else is kept. */
function jsonRoundTrip(v: HelmValue): HelmValue {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(jsonRoundTrip);
  const out: HelmMap = {};
  for (const k of Object.keys(v)) setKey(out, k, jsonRoundTrip(v[k] as HelmValue));
  return out;
}

/**
 * How sigs.k8s.io/yaml fills a Go `string` field from a YAML scalar: numbers and booleans become their
 * text (floats with `%g` at 32-bit precision, as its converter does). `undefined` for other values.
 */
export function scalarToGoString(v: YamlValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? String(v) : formatFloat32G(v);
  return undefined;
}

/**
 * go-yaml's wording of a read error: the reader words syntax errors as go-yaml v2 does (`yaml: line N: ...`);
 * the other errors of a document get the line in front.
 */
function goYamlMessage(message: string, line: number | undefined): string {
  if (message.startsWith('yaml: ')) return message;
  return `yaml: line ${line ?? 1}: ${message.split('\n')[0] ?? message}`;
}

/**
 * The name-suffix hash of generated ConfigMaps and Secrets (spec §8.6, kustomize's api/hasher): Go JSON
 * of selected fields (with the `"name":""` quirk), SHA-256, the first 10 hex characters with
 * 0→g 1→h 3→k a→m e→t.
 */
import type { Resource } from '../resources/resource.js';
import { formatNumber } from '../yaml/emit.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../yaml/values.js';
import { goJson } from './go-json.js';
import { sha256Hex } from './sha256.js';

const SUBST: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** Encodes the first 10 hex digits of a SHA-256 with kustomize's substitutions. */
export function encodeHash(hex: string): string {
  let out = '';
  for (const ch of hex.slice(0, 10)) out += SUBST[ch] ?? ch;
  return out;
}

/**
 * A value as it comes out of kustomize's YAML → JSON → `map[string]interface{}` round trip: every
 * number becomes a float64 (so integers beyond 2^53 lose precision, as in Go).
 */
function asJsonValue(v: YamlValue): YamlValue {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(asJsonValue);
  if (isMap(v)) {
    const out: YamlMap = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, {
        value: asJsonValue(v[k] as YamlValue),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
}

/** The text of a scalar node, as kyaml's `YNode().Value` gives it. */
function scalarText(v: YamlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  return '';
}

/**
 * kustomize's getNodeValues for one path: `""` when the field is missing, the scalar's text for a
 * scalar, the map for a map (a list fails to unmarshal into a map and becomes `null`).
 */
function nodeValue(obj: YamlMap, field: string): YamlValue {
  const v = getField(obj, field);
  if (v === undefined) return '';
  if (isMap(v)) return asJsonValue(v);
  if (Array.isArray(v)) return null;
  return scalarText(v);
}

/** The JSON that kustomize hashes for an object, or undefined for kinds it encodes as raw YAML nodes. */
export function hashInput(obj: YamlMap): string | undefined {
  const kind = getField(obj, 'kind');
  if (kind === 'ConfigMap') {
    // `name` is looked up under the literal key "metadata/name", which never exists.
    const m: YamlMap = { data: nodeValue(obj, 'data'), kind: 'ConfigMap', name: '' };
    const bin = getField(obj, 'binaryData');
    if (isMap(bin) || Array.isArray(bin)) m.binaryData = nodeValue(obj, 'binaryData');
    return goJson(m);
  }
  if (kind === 'Secret') {
    const m: YamlMap = { data: nodeValue(obj, 'data'), kind: 'Secret', name: '', type: nodeValue(obj, 'type') };
    const sd = getField(obj, 'stringData');
    if (isMap(sd) || Array.isArray(sd)) m.stringData = nodeValue(obj, 'stringData');
    return goJson(m);
  }
  return undefined;
}

/**
 * The hash suffix kustomize appends to a generated object's name. Other kinds than ConfigMap and Secret
 * (only reachable through the internal needs-hash annotation) are hashed by kustomize from the Go
 * struct of the raw YAML node, source line numbers included; here their Go JSON is hashed instead.
 */
export function nameHash(obj: YamlMap): string {
  const input = hashInput(obj) ?? goJson(asJsonValue(obj));
  return encodeHash(sha256Hex(new TextEncoder().encode(input)));
}

/** kustomize's internal annotation marking an object for the hash suffix (value `enabled`). */
export const NEEDS_HASH_ANNOTATION = 'internal.config.kubernetes.io/needsHashSuffix';

/**
 * Whether a resource gets the hash suffix: marked by a generator, or carrying kustomize's internal
 * annotation `internal.config.kubernetes.io/needsHashSuffix: enabled` from its input file (kustomize keeps
 * the mark in that annotation, so an input file can set it too).
 */
export function wantsHashSuffix(r: Resource): boolean {
  if (r.needsHash) return true;
  const a = r.metaMap('annotations');
  return a !== undefined && getField(a, NEEDS_HASH_ANNOTATION) === 'enabled';
}

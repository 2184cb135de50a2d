/**
 * The name-suffix hash of generated ConfigMaps and Secrets (spec §8.6): Go JSON of selected fields
 * (with the `"name":""` quirk), SHA-256, the first 10 hex characters with 0→g 1→h 3→k a→m e→t.
 */
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

/** The JSON that kustomize hashes for an object, or undefined for kinds it encodes as raw nodes. */
export function hashInput(obj: YamlMap): string | undefined {
  const kind = getField(obj, 'kind');
  const data = getField(obj, 'data');
  const m: YamlMap = { data: isMap(data) ? data : '', kind: kind as YamlValue, name: '' };
  if (kind === 'ConfigMap') {
    const bin = getField(obj, 'binaryData');
    if (isMap(bin)) m.binaryData = bin;
    return goJson(m);
  }
  if (kind === 'Secret') {
    const sd = getField(obj, 'stringData');
    if (isMap(sd)) m.stringData = sd;
    const type = getField(obj, 'type');
    m.type = typeof type === 'string' ? type : '';
    return goJson(m);
  }
  return undefined;
}

/** The hash suffix kustomize appends to a generated object's name. */
export function nameHash(obj: YamlMap): string {
  const input = hashInput(obj) ?? goJson(obj);
  return encodeHash(sha256Hex(new TextEncoder().encode(input)));
}

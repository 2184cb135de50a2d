/**
 * Reading builtin plugin configs as Go's encoding/json fills a struct (kustomize decodes them with
 * sigs.k8s.io/yaml): field names match case-insensitively, and of several matching keys the last wins.
 */
import { isMap, type YamlValue } from '../../yaml/values.js';

/** The value of struct field `name` in `raw` (case-insensitive, last match wins). */
export function goField(raw: YamlValue | undefined, name: string): YamlValue | undefined {
  if (!isMap(raw)) return undefined;
  const want = name.toLowerCase();
  let out: YamlValue | undefined;
  for (const k of Object.keys(raw)) if (k.toLowerCase() === want) out = raw[k];
  return out;
}

/** Go's `%v` of kyaml's ResourceMeta, as kustomize prints it in "missing … in object" errors. */
import { getField, isMap, scalarString, type YamlMap, type YamlValue } from '../yaml/values.js';

function goStringMap(v: YamlValue | undefined): string {
  if (!isMap(v)) return 'map[]';
  const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${keys.map((k) => `${k}:${scalarString(v[k])}`).join(' ')}]`;
}

/** `{{apiVersion kind} {{name namespace} map[labels] map[annotations]}}`. */
export function goResourceMeta(v: YamlMap): string {
  const meta = getField(v, 'metadata');
  const m = isMap(meta) ? meta : {};
  return (
    `{{${scalarString(getField(v, 'apiVersion'))} ${scalarString(getField(v, 'kind'))}} ` +
    `{{${scalarString(getField(m, 'name'))} ${scalarString(getField(m, 'namespace'))}} ${goStringMap(getField(m, 'labels'))} ${goStringMap(getField(m, 'annotations'))}}}`
  );
}

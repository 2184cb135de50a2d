/**
 * Field-level comparison of two objects: maps by key, lists of named maps by `name`, other lists by
 * index. Paths read like `spec.template.spec.containers[name=app].resources.requests.cpu`.
 */
import { compareKeys } from '../yaml/emit.js';
import { isMap, valuesEqual, type YamlValue } from '../yaml/values.js';

/** One changed field. */
export interface FieldChange {
  /** Dotted path with `[name=x]` for named list elements and `[i]` for others. */
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly old?: YamlValue;
  readonly new?: YamlValue;
}

function keyPart(k: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(k) ? k : `[${JSON.stringify(k)}]`;
}

function join(path: string, k: string): string {
  const part = keyPart(k);
  if (path === '') return part.startsWith('[') ? part : part;
  return part.startsWith('[') ? path + part : `${path}.${part}`;
}

function namedElements(list: readonly YamlValue[]): Map<string, YamlValue> | undefined {
  const m = new Map<string, YamlValue>();
  for (const el of list) {
    if (!isMap(el) || typeof el.name !== 'string' || m.has(el.name)) return undefined;
    m.set(el.name, el);
  }
  return m;
}

function record(out: FieldChange[], path: string, a: YamlValue | undefined, b: YamlValue | undefined): void {
  if (a === undefined) out.push({ path, change: 'added', new: b as YamlValue });
  else if (b === undefined) out.push({ path, change: 'removed', old: a });
  else out.push({ path, change: 'changed', old: a, new: b });
}

/** Appends the differences between `a` and `b` under `path` to `out`. */
export function compareValues(
  a: YamlValue | undefined,
  b: YamlValue | undefined,
  path: string,
  out: FieldChange[],
): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined || b === undefined) {
    record(out, path, a, b);
    return;
  }
  if (isMap(a) && isMap(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareKeys);
    for (const k of keys) {
      compareValues(
        Object.prototype.hasOwnProperty.call(a, k) ? a[k] : undefined,
        Object.prototype.hasOwnProperty.call(b, k) ? b[k] : undefined,
        join(path, k),
        out,
      );
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const na = namedElements(a);
    const nb = namedElements(b);
    if (na && nb && a.length > 0 && b.length > 0) {
      const names = [...new Set([...na.keys(), ...nb.keys()])];
      for (const n of names) compareValues(na.get(n), nb.get(n), `${path}[name=${n}]`, out);
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) compareValues(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  if (!valuesEqual(a, b)) record(out, path, a, b);
}

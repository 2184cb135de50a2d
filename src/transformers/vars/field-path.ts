/**
 * Reading a var's value (kyaml's RNode.GetFieldValue): the dotted `fieldref.fieldPath` is split like
 * kustomize's SmarterPathSplitter (`\.` escapes, `[a.b]` map keys, `[k=v]` list selectors kept whole),
 * `name[3]` becomes `name`, `3`; then each part is looked up: a number indexes a list, `-` is the last
 * element, `[k=v]` picks the first list element whose field `k` is `v` (`[=v]`: the scalar item `v`), any
 * other part is a map key.
 */
import { smarterPathSplitter } from '../../fieldspecs/path-splitter.js';
import { formatNumber } from '../../yaml/emit.js';
import { getField, hasField, isMap, type YamlValue } from '../../yaml/values.js';

/** kyaml's convertSliceIndex: `ports[0]` → `ports`, `0`. */
function convertSliceIndex(fields: string[]): string[] {
  const out: string[] = [];
  for (const s of fields) {
    if (!s.endsWith(']')) {
      out.push(s);
      continue;
    }
    const m = /^(.*)\[(\d+)\]$/s.exec(s);
    if (!m) {
      out.push(s);
      continue;
    }
    if (m[1] !== '') out.push(m[1] as string);
    out.push(m[2] as string);
  }
  return out;
}

/** A scalar's text as kyaml compares it in list selectors. */
function scalarText(v: YamlValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  return undefined;
}

/** Go's strconv.Atoi acceptance (optional sign, decimal digits). */
function atoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  return Number(s);
}

/** One lookup step; undefined when nothing is found (kyaml: nil or an error, both "not found" here). */
function step(node: YamlValue, part: string): YamlValue | undefined {
  const idx = atoi(part);
  if (idx !== undefined) {
    if (idx < 0 || !Array.isArray(node)) return undefined;
    return node[idx];
  }
  if (part === '-') {
    if (!Array.isArray(node)) return undefined;
    return node[node.length - 1];
  }
  if (part === '*') return undefined;
  if (part.startsWith('[') && part.endsWith(']')) {
    if (!Array.isArray(node)) return undefined;
    const inner = part.slice(1, -1);
    const eq = inner.indexOf('=');
    if (eq < 0) return undefined;
    const key = inner.slice(0, eq);
    const want = inner.slice(eq + 1);
    if (key === '') {
      for (const el of node) if (!isMap(el) && !Array.isArray(el) && scalarText(el) === want) return el;
      return undefined;
    }
    for (const el of node) {
      if (!isMap(el)) continue;
      const f = getField(el, key);
      if (f === undefined || f === null) continue;
      if (want === '' || scalarText(f) === want) return el;
    }
    return undefined;
  }
  if (!isMap(node) || !hasField(node, part)) return undefined;
  return getField(node, part);
}

/** The value kustomize reads for a var, or undefined when the field is not there. */
export function getFieldValue(obj: YamlValue, fieldPath: string): YamlValue | undefined {
  const parts = convertSliceIndex(smarterPathSplitter(fieldPath, '.'));
  let cur: YamlValue | undefined = obj;
  for (const part of parts) {
    if (cur === undefined) return undefined;
    cur = step(cur, part);
  }
  return cur;
}

/**
 * Values coalescing as Helm's chartutil does it: user values over chart defaults, `null` deletes a key
 * (unless merging), globals copied down to subcharts, each subchart's values scoped under its name. The
 * warnings Helm logs (a table over a scalar...) are collected instead of printed.
 */
import type { Chart } from './types.js';
import {
  copyMap,
  deepCopy,
  deleteKey,
  getKey,
  hasKey,
  isTable,
  setKey,
  type HelmMap,
  type HelmValue,
} from './values-model.js';

/** Collects the warnings Helm would log while coalescing. */
export type WarnFn = (message: string) => void;

const GLOBAL = 'global';

function concatPrefix(a: string, b: string): string {
  return a === '' ? b : `${a}.${b}`;
}

/** Helm's CoalesceValues: a copy of `vals` with the chart's (and subcharts') defaults filled in. */
export function coalesceValues(chart: Chart, vals: HelmMap | undefined, warn: WarnFn = () => {}): HelmMap {
  return coalesce(warn, chart, deepCopy(vals ?? {}), '', false);
}

/** Helm's MergeValues: like {@link coalesceValues} but `null` values are kept. */
export function mergeValues(chart: Chart, vals: HelmMap | undefined, warn: WarnFn = () => {}): HelmMap {
  return coalesce(warn, chart, deepCopy(vals ?? {}), '', true);
}

function coalesce(warn: WarnFn, ch: Chart, dest: HelmMap, prefix: string, merge: boolean): HelmMap {
  coalesceChartValues(warn, ch, dest, prefix, merge);
  return coalesceDeps(warn, ch, dest, prefix, merge);
}

/** A subchart's values are not a table (Helm's error). */
export class CoalesceError extends Error {}

function coalesceDeps(warn: WarnFn, chart: Chart, dest: HelmMap, prefix: string, merge: boolean): HelmMap {
  for (const sub of chart.dependencies) {
    const c = getKey(dest, sub.name);
    if (!hasKey(dest, sub.name)) setKey(dest, sub.name, {});
    else if (!isTable(c))
      throw new CoalesceError(`type mismatch on ${sub.name}: %!t(${goTypeName(c)}=${scalarText(c)})`);
    const dv = dest[sub.name] as HelmMap;
    const subPrefix = concatPrefix(prefix, chart.name);
    coalesceGlobals(warn, dv, dest, subPrefix);
    setKey(dest, sub.name, coalesce(warn, sub, dv, subPrefix, merge));
  }
  return dest;
}

/** A scalar's text for messages (non-tables only reach here). */
function scalarText(v: HelmValue | undefined): string {
  return Array.isArray(v)
    ? `[${v.length} items]`
    : v === undefined || v === null
      ? '<nil>'
      : typeof v === 'object'
        ? 'map'
        : String(v);
}

function goTypeName(v: HelmValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int64';
  return typeof v;
}

function coalesceGlobals(warn: WarnFn, dest: HelmMap, src: HelmMap, prefix: string): void {
  let dg: HelmMap;
  let sg: HelmMap;
  const destglob = getKey(dest, GLOBAL);
  if (!hasKey(dest, GLOBAL)) dg = {};
  else if (isTable(destglob)) dg = destglob;
  else {
    warn(`warning: skipping globals because destination ${GLOBAL} is not a table.`);
    return;
  }
  const srcglob = getKey(src, GLOBAL);
  if (!hasKey(src, GLOBAL)) sg = {};
  else if (isTable(srcglob)) sg = srcglob;
  else {
    warn(`warning: skipping globals because source ${GLOBAL} is not a table.`);
    return;
  }
  for (const key of Object.keys(sg)) {
    const val = sg[key] as HelmValue;
    if (isTable(val)) {
      const vv = copyMap(val);
      const destv = getKey(dg, key);
      if (!hasKey(dg, key)) setKey(dg, key, vv);
      else if (!isTable(destv)) warn(`Conflict: cannot merge map onto non-map for "${key}". Skipping.`);
      else {
        coalesceTablesFullKey(warn, vv, destv, concatPrefix(prefix, key), true);
        setKey(dg, key, vv);
      }
    } else if (hasKey(dg, key) && isTable(dg[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      setKey(dg, key, val);
    }
  }
  setKey(dest, GLOBAL, dg);
}

function coalesceChartValues(warn: WarnFn, c: Chart, v: HelmMap, prefix: string, merge: boolean): void {
  const subPrefix = concatPrefix(prefix, c.name);
  const vc = deepCopy(c.values);
  for (const key of Object.keys(vc)) {
    const val = vc[key] as HelmValue;
    if (hasKey(v, key)) {
      const value = v[key] as HelmValue;
      if (value === null && !merge) deleteKey(v, key);
      else if (isTable(value)) {
        if (!isTable(val)) {
          if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          const childMerge = c.dependencies.some((d) => d.name === key) || merge;
          coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
        }
      }
    } else {
      setKey(v, key, val);
    }
  }
}

/** Helm's CoalesceTables: `src` fills what `dst` lacks; `null` in `dst` deletes. Mutates `dst`. */
export function coalesceTables(dst: HelmMap, src: HelmMap, warn: WarnFn = () => {}): HelmMap {
  return coalesceTablesFullKey(warn, dst, src, '', false);
}

/** Helm's MergeTables: like {@link coalesceTables} but keeps `null`. */
export function mergeTables(dst: HelmMap, src: HelmMap, warn: WarnFn = () => {}): HelmMap {
  return coalesceTablesFullKey(warn, dst, src, '', true);
}

function coalesceTablesFullKey(warn: WarnFn, dst: HelmMap, src: HelmMap, prefix: string, merge: boolean): HelmMap {
  const srcOriginalNonNil = new Set(Object.keys(src).filter((k) => src[k] !== null));
  for (const key of Object.keys(dst)) if (dst[key] === null) setKey(src, key, null);
  for (const key of Object.keys(src)) {
    const val = src[key] as HelmValue;
    const fullkey = concatPrefix(prefix, key);
    const ok = hasKey(dst, key);
    const dv = getKey(dst, key);
    if (ok && !merge && dv === null && srcOriginalNonNil.has(key)) deleteKey(dst, key);
    else if (!ok) setKey(dst, key, val);
    else if (isTable(val)) {
      if (isTable(dv)) coalesceTablesFullKey(warn, dv, val, fullkey, merge);
      else warn(`warning: cannot overwrite table with non table for ${fullkey} (${goPrint(val)})`);
    } else if (isTable(dv) && val !== null) {
      warn(`warning: destination for ${fullkey} is a table. Ignoring non-table value (${goPrint(val)})`);
    }
  }
  return dst;
}

/** A rough `%v` of a value, for warnings only. */
function goPrint(v: HelmValue): string {
  if (v === null) return '<nil>';
  if (isTable(v)) return `map[${Object.keys(v).sort().join(' ')}]`;
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`;
  return String(v);
}

/**
 * Subchart selection and `import-values`, as Helm's chartutil.ProcessDependencies does them: aliases,
 * version ranges, `condition` (first path that resolves to a bool wins) and `tags`, then the values a
 * parent imports from its children (`exports.X` strings and `{child, parent}` maps).
 */
import { coalesceTables, coalesceValues, mergeTables, mergeValues, type WarnFn } from './coalesce.js';
import { isCompatibleRange } from './version-range.js';
import type { Chart, ChartDependency } from './types.js';
import { deepCopy, deleteKey, getKey, hasKey, isTable, type HelmMap, type HelmValue } from './values-model.js';

/** Values.Table: the map at a dotted path, or undefined. */
export function valuesTable(v: HelmMap, path: string): HelmMap | undefined {
  let table: HelmMap = v;
  for (const n of path.split('.')) {
    const next = getKey(table, n);
    if (!isTable(next)) return undefined;
    table = next;
  }
  return table;
}

/** Values.PathValue: the non-table value at a dotted path, or undefined. */
function pathValue(v: HelmMap, path: string): HelmValue | undefined {
  const parts = path.split('.');
  const key = parts.pop() as string;
  const t = parts.length === 0 ? v : valuesTable(v, parts.join('.'));
  if (!t || !hasKey(t, key) || isTable(t[key])) return undefined;
  return t[key];
}

/** Helm's ProcessDependenciesWithMerge: disables subcharts by condition/tags, then imports values. */
export function processDependencies(chart: Chart, vals: HelmMap, warn: WarnFn = () => {}): void {
  processDependencyEnabled(chart, vals, '', warn);
  processDependencyImportValues(chart, true, warn);
}

function processConditions(reqs: ChartDependency[], cvals: HelmMap, cpath: string, warn: WarnFn): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c.length === 0) continue;
      const vv = pathValue(cvals, cpath + c);
      if (vv === undefined) continue;
      if (typeof vv === 'boolean') {
        r.enabled = vv;
        break;
      }
      warn(`Warning: Condition path '${c}' for chart ${r.name} returned non-bool value`);
    }
  }
}

function processTags(reqs: ChartDependency[], cvals: HelmMap, warn: WarnFn): void {
  const vt = valuesTable(cvals, 'tags');
  if (!vt) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!hasKey(vt, k)) continue;
      const b = vt[k];
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else warn(`Warning: Tag '${k}' for chart ${r.name} returned non-bool value`);
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else r.enabled = true;
  }
}

function getAliasDependency(charts: readonly Chart[], dep: ChartDependency): Chart | undefined {
  for (const c of charts) {
    if (c.name !== dep.name || !isCompatibleRange(dep.version, c.metadata.version)) continue;
    const out = c.shallowCopy();
    if (dep.alias !== '') out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

function processDependencyEnabled(c: Chart, v: HelmMap, path: string, warn: WarnFn): void {
  const declared = c.metadata.dependencies;
  if (declared === null) return;
  const reqs = declared.filter((r): r is ChartDependency => r !== null);
  const chartDependencies: Chart[] = c.dependencies.filter(
    (existing) =>
      !reqs.some((req) => existing.name === req.name && isCompatibleRange(req.version, existing.metadata.version)),
  );
  for (const req of reqs) {
    const dep = getAliasDependency(c.dependencies, req);
    if (dep) chartDependencies.push(dep);
    if (req.alias !== '') req.name = req.alias;
  }
  c.setDependencies(chartDependencies);
  for (const r of reqs) r.enabled = true;
  const cvals = coalesceValues(c, v, warn);
  processTags(reqs, cvals, warn);
  processConditions(reqs, cvals, path, warn);
  const rm = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const cd = c.dependencies.filter((n) => !rm.has(n.metadata.name));
  const cdMetadata = declared.filter((n) => n === null || !rm.has(n.name));
  for (const t of cd) processDependencyEnabled(t, cvals, `${path}${t.metadata.name}.`, warn);
  c.metadata.dependencies = cdMetadata;
  c.setDependencies(cd);
}

function pathToMap(path: string, data: HelmMap): HelmMap {
  if (path === '.') return data;
  let cur: HelmMap = data;
  for (const p of path.split('.').reverse()) cur = { [p]: cur };
  return cur;
}

/** The `%v` text of a scalar, for the `child`/`parent` fields of import-values. */
function goSprint(v: HelmValue | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return Array.isArray(v) ? '[...]' : 'map[...]';
  return String(v);
}

function processImportValues(c: Chart, merge: boolean, warn: WarnFn): void {
  const deps = c.metadata.dependencies;
  if (deps === null) return;
  const cvals = merge ? mergeValues(c, undefined, warn) : coalesceValues(c, undefined, warn);
  let b: HelmMap = {};
  const combine = merge ? mergeTables : coalesceTables;
  for (const r of deps) {
    if (r === null) continue;
    const outiv: HelmValue[] = [];
    for (const riv of r.importValues) {
      if (isTable(riv)) {
        const child = goSprint(getKey(riv, 'child'));
        const parent = goSprint(getKey(riv, 'parent'));
        outiv.push({ child, parent });
        const vv = valuesTable(cvals, `${r.name}.${child}`);
        if (!vv) {
          warn(`Warning: ImportValues missing table from chart ${r.name}: no table named "${child}"`);
          continue;
        }
        b = combine(b, pathToMap(parent, vv), warn);
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        outiv.push({ child, parent: '.' });
        const vm = valuesTable(cvals, `${r.name}.${child}`);
        if (!vm) {
          warn(`Warning: ImportValues missing table: no table named "${child}"`);
          continue;
        }
        b = combine(b, vm, warn);
      }
    }
    r.importValues = outiv;
  }
  c.values = merge ? mergeTables(deepCopy(cvals), b, warn) : coalesceTables(trimNilValues(cvals), b, warn);
}

function trimNilValues(vals: HelmMap): HelmMap {
  const copy = deepCopy(vals);
  for (const key of Object.keys(copy)) {
    const val = copy[key] as HelmValue;
    if (val === null) deleteKey(copy, key);
    else if (isTable(val)) copy[key] = trimNilValues(val);
  }
  return copy;
}

function processDependencyImportValues(c: Chart, merge: boolean, warn: WarnFn): void {
  for (const d of c.dependencies) processDependencyImportValues(d, merge, warn);
  processImportValues(c, merge, warn);
}

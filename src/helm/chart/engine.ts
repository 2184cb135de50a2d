/**
 * Helm's template engine (pkg/engine): every template of the chart and its subcharts parsed into one
 * set (deepest paths first, as Helm sorts them), each non-partial rendered with its chart's top-level
 * object (`.Values` scoped to the subchart, `.Chart`, `.Files`, `.Release`, `.Capabilities`,
 * `.Template`, `.Subcharts`), with Helm's function map and engine-bound functions (`include`, `tpl`,
 * `required`, `fail`, `lookup` empty offline) from the function library. Errors carry Helm's text
 * (`execution error at (FILE:LINE:COL): MESSAGE`, `parse error at (...)`).
 */
import { cleanupExecError, cleanupParseError, createHelmTemplateSet, toYaml } from '../funcs/index.js';
import {
  GoError,
  GoStruct,
  TemplateExecError,
  TemplateParseError,
  type TemplateSet,
  int64,
  isGoMap,
  mapGet,
  mapType,
  typedMap,
  typedSlice,
  type GoMap,
  type GoStructType,
  type GoValue,
} from '../template/index.js';
import { filesValue } from './files.js';
import type { Chart, ChartDependency, ChartMaintainer } from './types.js';
import { isTable, type HelmMap, type HelmValue } from './values-model.js';

/** The top-level object Helm renders with (ToRenderValues), before `.Chart`/`.Files` are set per chart. */
export interface RenderTop {
  Values: HelmMap;
  Release: GoMap;
  Capabilities: GoStruct;
}

/** A template Helm cannot parse or execute; the message is Helm's. */
export class TemplateRenderError extends Error {}

interface Renderable {
  text: string;
  vals: GoMap;
  basePath: string;
}

/** Options of {@link renderTemplates}. */
export interface EngineOptions {
  /** `missingkey=error` instead of `missingkey=zero` (Helm's Strict, used by lint). Default false. */
  strict?: boolean;
}

/** Helm's Engine.Render: template path → rendered text (partials excluded). */
export function renderTemplates(chart: Chart, top: RenderTop, options: EngineOptions = {}): Map<string, string> {
  const tpls = new Map<string, Renderable>();
  collectTemplates(chart, toGoTop(top), tpls);
  const keys = sortedTemplateNames(chart, [...tpls.keys()]);
  const set = parsedSet(chart, keys, tpls, options.strict === true);
  const rendered = new Map<string, string>();
  for (const name of keys) {
    if ((name.split('/').pop() as string).startsWith('_')) continue;
    const r = tpls.get(name) as Renderable;
    r.vals.Template = { Name: name, BasePath: r.basePath };
    try {
      rendered.set(name, set.execute(name, r.vals).replaceAll('<no value>', ''));
    } catch (e) {
      if (e instanceof TemplateExecError) throw new TemplateRenderError(cleanupExecError(name, e).message);
      if (e instanceof GoError) throw new TemplateRenderError(e.message);
      throw e;
    }
  }
  return rendered;
}

function toGoTop(top: RenderTop): GoMap {
  return { Values: toGoValue(top.Values), Release: top.Release, Capabilities: top.Capabilities };
}

/**
 * Values to the template value model, in place: int64 (`--set` integers) become GoNumber; every other
 * value already is a Go value (maps are plain objects, float64 numbers).
 */
export function toGoValue(v: HelmValue): GoValue {
  if (typeof v === 'bigint') return int64(v);
  const go: unknown = v;
  if (Array.isArray(v)) {
    const list = go as GoValue[];
    for (let i = 0; i < v.length; i++) list[i] = toGoValue(v[i] as HelmValue);
    return list;
  }
  if (isTable(v)) {
    const map = go as GoMap;
    for (const k of Object.keys(v)) map[k] = toGoValue(v[k] as HelmValue);
    return map;
  }
  return v;
}

/**
 * The template set of these templates, parsed once per loaded chart and template selection (parsing does
 * not depend on values; a set's functions keep no state between executions).
 */
const parsedSets = new WeakMap<readonly unknown[], Map<string, TemplateSet>>();

function parsedSet(chart: Chart, keys: readonly string[], tpls: Map<string, Renderable>, strict: boolean): TemplateSet {
  let byKeys = parsedSets.get(chart.templates);
  if (!byKeys) {
    byKeys = new Map();
    parsedSets.set(chart.templates, byKeys);
  }
  const signature = `${String(strict)}\n${keys.join('\n')}`;
  const cached = byKeys.get(signature);
  if (cached) return cached;
  const set = createHelmTemplateSet({ strict });
  for (const name of keys) {
    try {
      set.parse(name, (tpls.get(name) as Renderable).text);
    } catch (e) {
      if (e instanceof TemplateParseError) throw new TemplateRenderError(cleanupParseError(name, e).message);
      throw e;
    }
  }
  byKeys.set(signature, set);
  return set;
}

/** Helm's sortTemplates: by number of `/` descending, then by path descending. */
export function sortTemplates(names: string[]): string[] {
  const depths = new Map<string, number>();
  for (const n of names) {
    let d = 0;
    for (let i = n.indexOf('/'); i >= 0; i = n.indexOf('/', i + 1)) d++;
    depths.set(n, d);
  }
  return names.sort((a, b) => {
    const d = (depths.get(b) ?? 0) - (depths.get(a) ?? 0);
    if (d !== 0) return d;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** The sorted template names of a selection, by the selection's names in collection order (per loaded chart). */
const sortedSelections = new WeakMap<readonly unknown[], Map<string, string[]>>();

function sortedTemplateNames(chart: Chart, names: string[]): string[] {
  let bySelection = sortedSelections.get(chart.templates);
  if (!bySelection) {
    bySelection = new Map();
    sortedSelections.set(chart.templates, bySelection);
  }
  const selection = names.join('\n');
  let sorted = bySelection.get(selection);
  if (!sorted) {
    sorted = sortTemplates(names);
    bySelection.set(selection, sorted);
  }
  return sorted;
}

/** Template texts, decoded once per loaded template. */
const decodedTexts = new WeakMap<Uint8Array, string>();

function templateText(data: Uint8Array): string {
  let text = decodedTexts.get(data);
  if (text === undefined) {
    text = decoder.decode(data);
    decodedTexts.set(data, text);
  }
  return text;
}

function collectTemplates(c: Chart, vals: GoMap, out: Map<string, Renderable>): GoMap {
  const subCharts: GoMap = {};
  const next: GoMap = {
    Chart: chartValue(c),
    Files: filesValue(c.files, toYaml),
    Release: vals.Release ?? null,
    Capabilities: vals.Capabilities ?? null,
    Values: {},
    Subcharts: subCharts,
  };
  if (c.isRoot()) next.Values = vals.Values ?? null;
  else {
    const parentValues = vals.Values;
    const vs = isGoMap(parentValues) ? tableAt(parentValues, c.name) : undefined;
    if (vs) next.Values = vs;
  }
  for (const child of c.dependencies) subCharts[child.name] = collectTemplates(child, next, out);
  const parentId = c.fullPath();
  const library = c.metadata.type.toLowerCase() === 'library';
  for (const t of c.templates) {
    if (library && !(t.name.split('/').pop() as string).startsWith('_')) continue;
    out.set(`${parentId}/${t.name}`, { text: templateText(t.data), vals: next, basePath: `${parentId}/templates` });
  }
  return next;
}

/** Values.Table with a dotted name (Helm splits the chart name on dots). */
function tableAt(v: GoMap, path: string): GoMap | undefined {
  let t: GoMap = v;
  for (const n of path.split('.')) {
    const x = mapGet(t, n);
    if (!isGoMap(x)) return undefined;
    t = x;
  }
  return t;
}

const decoder = new TextDecoder('utf-8');

const MAINTAINER_TYPE: GoStructType = {
  name: '*chart.Maintainer',
  pointer: true,
  fields: [
    { name: 'Name', type: 'string', json: 'name', omitEmpty: true },
    { name: 'Email', type: 'string', json: 'email', omitEmpty: true },
    { name: 'URL', type: 'string', json: 'url', omitEmpty: true },
  ],
};

const DEPENDENCY_TYPE: GoStructType = {
  name: '*chart.Dependency',
  pointer: true,
  fields: [
    { name: 'Name', type: 'string', json: 'name' },
    { name: 'Version', type: 'string', json: 'version', omitEmpty: true },
    { name: 'Repository', type: 'string', json: 'repository' },
    { name: 'Condition', type: 'string', json: 'condition', omitEmpty: true },
    { name: 'Tags', type: '[]string', json: 'tags', omitEmpty: true },
    { name: 'Enabled', type: 'bool', json: 'enabled', omitEmpty: true },
    { name: 'ImportValues', type: '[]interface {}', json: 'import-values', omitEmpty: true },
    { name: 'Alias', type: 'string', json: 'alias', omitEmpty: true },
  ],
};

const METADATA_TYPE: GoStructType = {
  name: 'chart.Metadata',
  fields: [
    { name: 'Name', type: 'string', json: 'name', omitEmpty: true },
    { name: 'Home', type: 'string', json: 'home', omitEmpty: true },
    { name: 'Sources', type: '[]string', json: 'sources', omitEmpty: true },
    { name: 'Version', type: 'string', json: 'version', omitEmpty: true },
    { name: 'Description', type: 'string', json: 'description', omitEmpty: true },
    { name: 'Keywords', type: '[]string', json: 'keywords', omitEmpty: true },
    { name: 'Maintainers', type: '[]*chart.Maintainer', json: 'maintainers', omitEmpty: true },
    { name: 'Icon', type: 'string', json: 'icon', omitEmpty: true },
    { name: 'APIVersion', type: 'string', json: 'apiVersion', omitEmpty: true },
    { name: 'Condition', type: 'string', json: 'condition', omitEmpty: true },
    { name: 'Tags', type: 'string', json: 'tags', omitEmpty: true },
    { name: 'AppVersion', type: 'string', json: 'appVersion', omitEmpty: true },
    { name: 'Deprecated', type: 'bool', json: 'deprecated', omitEmpty: true },
    { name: 'Annotations', type: 'map[string]string', json: 'annotations', omitEmpty: true },
    { name: 'KubeVersion', type: 'string', json: 'kubeVersion', omitEmpty: true },
    { name: 'Dependencies', type: '[]*chart.Dependency', json: 'dependencies', omitEmpty: true },
    { name: 'Type', type: 'string', json: 'type', omitEmpty: true },
  ],
};

const CHART_TYPE: GoStructType = {
  name: 'struct { chart.Metadata; IsRoot bool }',
  fields: [
    { name: 'Metadata', type: 'chart.Metadata', embedded: true },
    { name: 'IsRoot', type: 'bool' },
  ],
};

function strings(list: readonly string[]): GoValue {
  return typedSlice('string', [...list]);
}

function maintainerValue(m: ChartMaintainer | null): GoValue {
  return m === null ? null : new GoStruct(MAINTAINER_TYPE, { Name: m.name, Email: m.email, URL: m.url });
}

function dependencyValue(d: ChartDependency | null): GoValue {
  if (d === null) return null;
  return new GoStruct(DEPENDENCY_TYPE, {
    Name: d.name,
    Version: d.version,
    Repository: d.repository,
    Condition: d.condition,
    Tags: strings(d.tags),
    Enabled: d.enabled,
    ImportValues: d.importValues.map((x) => toGoValue(x)),
    Alias: d.alias,
  });
}

/** `.Chart`: the chart's metadata with Helm's field names, plus IsRoot. */
function chartValue(c: Chart): GoStruct {
  const md = c.metadata;
  const annotations: GoMap = {};
  for (const [k, v] of Object.entries(md.annotations)) annotations[k] = v;
  const metadata = new GoStruct(METADATA_TYPE, {
    Name: md.name,
    Home: md.home,
    Sources: strings(md.sources),
    Version: md.version,
    Description: md.description,
    Keywords: strings(md.keywords),
    Maintainers: typedSlice('*chart.Maintainer', md.maintainers.map(maintainerValue)),
    Icon: md.icon,
    APIVersion: md.apiVersion,
    Condition: md.condition,
    Tags: md.tags,
    AppVersion: md.appVersion,
    Deprecated: md.deprecated,
    Annotations: typedMap(mapType('string'), annotations),
    KubeVersion: md.kubeVersion,
    Dependencies: typedSlice('*chart.Dependency', (md.dependencies ?? []).map(dependencyValue)),
    Type: md.type,
  });
  return new GoStruct(CHART_TYPE, { Metadata: metadata, IsRoot: c.isRoot() });
}

/**
 * Comparing two renderings (two overlays, two clusters, or one path in two checkouts): which objects were
 * added, removed or changed, with field-level changes and a unified YAML diff. Secrets' values are masked.
 */
import { createTwoFilesPatch } from 'diff';
import { escapeRegExp } from 'lodash-es';
import type { RenderedResource } from '../build/build.js';
import type { ResId } from '../resources/res-id.js';
import { emitDocument } from '../yaml/emit.js';
import {
  cloneValue,
  deleteField,
  getField,
  isMap,
  scalarString,
  setField,
  type YamlMap,
  type YamlValue,
} from '../yaml/values.js';
import { sha256Hex } from '../generators/sha256.js';
import { compareValues, type FieldChange } from './compare.js';

/** Options of {@link diffResources}. */
export interface DiffOptions {
  /**
   * Match objects by their original (pre-prefix/suffix/namespace) names and treat each side's single
   * namespace as the same one, so that two environments of one base compare field by field. Default false.
   */
  normalizeNames?: boolean;
  /** Label keys to leave out of the comparison (in `metadata.labels` at any depth). Default none. */
  ignoreLabels?: readonly string[];
  /** Replace Secret `data`/`stringData` values by a digest. Default true. */
  maskSecrets?: boolean;
  /** Lines of context in the unified diff. Default 3. */
  context?: number;
  /**
   * Environment names of the two sides (e.g. `['staging', 'production']`): with `normalizeNames`, each side's
   * name is replaced by `<env>` wherever it stands as a word in names, namespaces and string values
   * (`./apps/staging` → `./apps/<env>`). Default: none.
   */
  environments?: readonly [string, string];
}

/** The comparison of one object. */
export interface ResourceDiff {
  readonly status: 'added' | 'removed' | 'changed';
  /** kind/namespace/name as matched (normalised names when asked). */
  readonly key: string;
  readonly a?: ResId;
  readonly b?: ResId;
  readonly changes: readonly FieldChange[];
  /** Unified diff of the two objects' YAML (empty for added/removed). */
  readonly unified: string;
}

export interface DiffResult {
  /** Added, removed and changed objects, in key order. */
  readonly resources: readonly ResourceDiff[];
  /** How many objects are identical. */
  readonly unchanged: number;
}

const NS_PLACEHOLDER = '<namespace>';
const ENV_PLACEHOLDER = '<env>';

/** Replaces `token` where it stands as a word (not inside a longer name). */
function envReplacer(token: string): (s: string) => string {
  const re = new RegExp(`(^|[^A-Za-z0-9])${escapeRegExp(token)}(?![A-Za-z0-9])`, 'g');
  return (s) => s.replace(re, `$1${ENV_PLACEHOLDER}`);
}

function mapStrings(v: YamlValue, f: (s: string) => string): YamlValue {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (isMap(v)) {
    const out: YamlMap = {};
    for (const k of Object.keys(v)) setField(out, f(k), mapStrings(v[k] as YamlValue, f));
    return out;
  }
  return v;
}

function singleNamespace(rs: readonly RenderedResource[]): string | undefined {
  const s = new Set(rs.map((r) => r.id.namespace).filter((n) => n !== ''));
  for (const r of rs) if (r.id.kind === 'Namespace') s.add(r.id.name);
  return s.size === 1 ? [...s][0] : undefined;
}

function replaceExact(v: YamlValue, from: string, to: string): YamlValue {
  if (typeof v === 'string') return v === from ? to : v;
  if (Array.isArray(v)) return v.map((x) => replaceExact(x, from, to));
  if (isMap(v)) {
    const out: YamlMap = {};
    for (const k of Object.keys(v)) setField(out, k, replaceExact(v[k] as YamlValue, from, to));
    return out;
  }
  return v;
}

function dropLabels(v: YamlValue, keys: ReadonlySet<string>, parentKey: string): void {
  if (Array.isArray(v)) {
    for (const x of v) dropLabels(x, keys, '');
    return;
  }
  if (!isMap(v)) return;
  for (const k of Object.keys(v)) {
    const child = v[k] as YamlValue;
    if (k === 'labels' && parentKey === 'metadata' && isMap(child)) {
      for (const key of keys) deleteField(child, key);
    } else dropLabels(child, keys, k);
  }
}

function mask(v: YamlMap): void {
  if (getField(v, 'kind') !== 'Secret') return;
  for (const field of ['data', 'stringData']) {
    const m = getField(v, field);
    if (!isMap(m)) continue;
    for (const k of Object.keys(m)) {
      const text = scalarString(m[k]);
      setField(m, k, `<redacted sha256:${sha256Hex(new TextEncoder().encode(text)).slice(0, 12)}>`);
    }
  }
}

interface Prepared {
  key: string;
  id: ResId;
  object: YamlMap;
}

function prepare(
  rs: readonly RenderedResource[],
  options: DiffOptions,
  ns: string | undefined,
  env: string | undefined,
): Map<string, Prepared> {
  const envify = env ? envReplacer(env) : undefined;
  const ignore = new Set(options.ignoreLabels ?? []);
  const out = new Map<string, Prepared>();
  for (const r of rs) {
    let obj = cloneValue(r.object);
    let name = r.id.name;
    let namespace = r.id.namespace;
    if (options.normalizeNames) {
      name = r.originalId.name;
      if (ns !== undefined) {
        obj = replaceExact(obj, ns, NS_PLACEHOLDER) as YamlMap;
        if (name === ns) name = NS_PLACEHOLDER;
        if (namespace === ns) namespace = NS_PLACEHOLDER;
      }
      if (envify) {
        obj = mapStrings(obj, envify) as YamlMap;
        name = envify(name);
        namespace = envify(namespace);
      }
      const meta = getField(obj, 'metadata');
      if (isMap(meta)) setField(meta, 'name', name);
    }
    if (ignore.size > 0) dropLabels(obj, ignore, '');
    if (options.maskSecrets !== false) mask(obj);
    const group = r.id.group ? `${r.id.group}/` : '';
    const key = `${group}${r.id.kind}/${namespace ? namespace + '/' : ''}${name}`;
    out.set(key, { key, id: r.id, object: obj });
  }
  return out;
}

/** Compares two renderings. */
export function diffResources(
  a: readonly RenderedResource[],
  b: readonly RenderedResource[],
  options: DiffOptions = {},
): DiffResult {
  const envs =
    options.normalizeNames && options.environments && options.environments[0] !== options.environments[1]
      ? options.environments
      : undefined;
  const pa = prepare(a, options, options.normalizeNames ? singleNamespace(a) : undefined, envs?.[0]);
  const pb = prepare(b, options, options.normalizeNames ? singleNamespace(b) : undefined, envs?.[1]);
  const keys = [...new Set([...pa.keys(), ...pb.keys()])].sort();
  const resources: ResourceDiff[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const x = pa.get(key);
    const y = pb.get(key);
    if (x && !y) {
      resources.push({ status: 'removed', key, a: x.id, changes: [], unified: '' });
      continue;
    }
    if (!x && y) {
      resources.push({ status: 'added', key, b: y.id, changes: [], unified: '' });
      continue;
    }
    if (!x || !y) continue;
    const changes: FieldChange[] = [];
    compareValues(x.object, y.object, '', changes);
    if (changes.length === 0) {
      unchanged++;
      continue;
    }
    const unified = createTwoFilesPatch(
      `a/${key}`,
      `b/${key}`,
      emitDocument(x.object),
      emitDocument(y.object),
      '',
      '',
      {
        context: options.context ?? 3,
      },
    )
      .split('\n')
      .filter((l) => !l.startsWith('===='))
      .join('\n');
    resources.push({ status: 'changed', key, a: x.id, b: y.id, changes, unified });
  }
  return { resources, unchanged };
}

function show(v: YamlValue | undefined): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

/** A readable report: one block per object, field changes, then the unified diff. */
export function formatDiffText(d: DiffResult): string {
  const lines: string[] = [];
  for (const r of d.resources) {
    const mark = r.status === 'added' ? '+' : r.status === 'removed' ? '-' : '~';
    lines.push(`${mark} ${r.key} (${r.status})`);
    for (const c of r.changes) {
      if (c.change === 'added') lines.push(`    ${c.path}: added ${show(c.new)}`);
      else if (c.change === 'removed') lines.push(`    ${c.path}: removed (was ${show(c.old)})`);
      else lines.push(`    ${c.path}: ${show(c.old)} -> ${show(c.new)}`);
    }
    if (r.unified)
      lines.push(
        ...r.unified
          .trimEnd()
          .split('\n')
          .map((l) => '    ' + l),
      );
  }
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const r of d.resources) counts[r.status]++;
  lines.push(`${counts.added} added, ${counts.removed} removed, ${counts.changed} changed, ${d.unchanged} unchanged`);
  return lines.join('\n') + '\n';
}

/**
 * The last steps of a build (spec §2.1, §11.1, §11.3, §12): local-config objects dropped, sorting,
 * the managed-by label, kustomize's internal annotations removed, annotation values as strings, the
 * origin and transformation annotations when buildMetadata asks for them.
 */
import { BuildError } from '../diagnostics/error.js';
import type { Resource } from '../resources/resource.js';
import { compareIdsLegacy, defaultOrderFirst, defaultOrderLast, kindRanks } from '../resources/order.js';
import type { SortOptions } from '../kustomization/types.js';
import { emitDocument, formatNumber } from '../yaml/emit.js';
import { getField, isMap, setField, type YamlMap, type YamlValue } from '../yaml/values.js';
import type { Reorder } from './options.js';

/** Annotations kustomize always removes before output. */
export const BUILD_ANNOTATIONS: ReadonlySet<string> = new Set([
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
  'internal.config.kubernetes.io/path',
  'internal.config.kubernetes.io/index',
  'internal.config.kubernetes.io/id',
  'internal.config.kubernetes.io/seqindent',
  'internal.config.kubernetes.io/annotations-migration-resource-id',
  'internal.config.kubernetes.io/previousKinds',
  'internal.config.kubernetes.io/previousNames',
  'internal.config.kubernetes.io/previousNamespaces',
  'internal.config.kubernetes.io/prefixes',
  'internal.config.kubernetes.io/suffixes',
  'internal.config.kubernetes.io/refBy',
  'internal.config.kubernetes.io/generatorBehavior',
  'internal.config.kubernetes.io/needsHashSuffix',
  'internal.config.kubernetes.io/allowNameChange',
  'internal.config.kubernetes.io/allowKindChange',
]);

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';
export const LOCAL_CONFIG_ANNOTATION = 'config.kubernetes.io/local-config';

/** Drops resources annotated `config.kubernetes.io/local-config` (any value but "false"). */
export function dropLocalConfig(resources: Resource[]): Resource[] {
  return resources.filter((r) => {
    const a = r.metaMap('annotations');
    if (!a || !Object.prototype.hasOwnProperty.call(a, LOCAL_CONFIG_ANNOTATION)) return true;
    return String(a[LOCAL_CONFIG_ANNOTATION]) === 'false';
  });
}

/** Orders resources as kustomize does (sortOptions of the top kustomization, else the --reorder mode). */
export function sortResources(resources: Resource[], sortOptions: SortOptions | undefined, reorder: Reorder): Resource[] {
  let order: string = reorder === 'none' ? 'fifo' : 'legacy';
  let first = defaultOrderFirst;
  let last = defaultOrderLast;
  if (sortOptions) {
    order = sortOptions.order ?? '';
    if (order !== 'fifo' && order !== 'legacy') {
      throw new BuildError('kustomization/invalid-value', "the field 'sortOptions.order' must be one of [fifo, legacy]");
    }
    if (sortOptions.legacySortOptions) {
      if (order !== 'legacy') {
        throw new BuildError(
          'kustomization/invalid-value',
          "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
        );
      }
      first = sortOptions.legacySortOptions.orderFirst ?? [];
      last = sortOptions.legacySortOptions.orderLast ?? [];
    }
  }
  if (order === 'fifo') return resources;
  const ranks = kindRanks(first, last);
  return resources
    .map((r, i) => ({ r, i, id: r.id() }))
    .sort((a, b) => compareIdsLegacy(a.id, b.id, ranks) || a.i - b.i)
    .map((x) => x.r);
}

function annotationString(v: YamlValue): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  // kustomize reads annotations as node texts: a map or list value has none and becomes "".
  return '';
}

function originText(r: Resource): string | undefined {
  const o = r.origin;
  const lines: string[] = [];
  if (o.path) lines.push(`path: ${o.path}`);
  if (o.repo) lines.push(`repo: ${o.repo}`);
  if (o.ref) lines.push(`ref: ${o.ref}`);
  if (o.configuredIn) lines.push(`configuredIn: ${o.configuredIn}`);
  if (o.configuredBy) {
    lines.push('configuredBy:');
    lines.push(`  apiVersion: ${o.configuredBy.apiVersion}`);
    lines.push(`  kind: ${o.configuredBy.kind}`);
    if (o.configuredBy.name) lines.push(`  name: ${o.configuredBy.name}`);
    if (o.configuredBy.namespace) lines.push(`  namespace: ${o.configuredBy.namespace}`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : undefined;
}

function transformationsText(r: Resource): string | undefined {
  if (!r.transformations || r.transformations.length === 0) return undefined;
  let s = '';
  for (const t of r.transformations) {
    s += `- configuredIn: ${t.configuredIn}\n  configuredBy:\n    apiVersion: ${t.configuredBy.apiVersion}\n    kind: ${t.configuredBy.kind}\n`;
    if (t.configuredBy.name) s += `    name: ${t.configuredBy.name}\n`;
    if (t.configuredBy.namespace) s += `    namespace: ${t.configuredBy.namespace}\n`;
  }
  return s;
}

/** Applies the output-time annotation rules to a resource's data, in place. */
export function finalizeAnnotations(r: Resource, buildMetadata: readonly string[]): void {
  const meta = r.metadata;
  if (!meta) return;
  let ann = getField(meta, 'annotations');
  const keepOrigin = buildMetadata.includes('originAnnotations');
  const keepTransformations = buildMetadata.includes('transformerAnnotations');
  if (keepOrigin) {
    const t = originText(r);
    if (t !== undefined) {
      if (!isMap(ann)) ann = {};
      setField(ann, ORIGIN_ANNOTATION, t);
      setField(meta, 'annotations', ann);
    }
  }
  if (keepTransformations) {
    const t = transformationsText(r);
    if (t !== undefined) {
      if (!isMap(ann)) ann = {};
      setField(ann, TRANSFORMATIONS_ANNOTATION, t);
      setField(meta, 'annotations', ann);
    }
  }
  if (!isMap(ann)) return;
  const out: YamlMap = {};
  for (const k of Object.keys(ann)) {
    if (BUILD_ANNOTATIONS.has(k)) continue;
    if (k === ORIGIN_ANNOTATION && !keepOrigin) continue;
    if (k === TRANSFORMATIONS_ANNOTATION && !keepTransformations) continue;
    setField(out, k, annotationString(ann[k] as YamlValue));
  }
  if (Object.keys(out).length === 0) delete meta.annotations;
  else setField(meta, 'annotations', out);
}

/** Serialises resources as kustomize prints them. */
export function resourcesToYaml(resources: readonly Resource[]): string {
  return resources.map((r) => emitDocument(r.data)).join('---\n');
}

/**
 * Merging transformer configurations (kustomize's TransformerConfig.Merge): field specs are de-duplicated
 * (same path, GVK selected by the existing entry), a `create` mismatch is a conflict, name references
 * merge by target GVK, and each table is sorted by GVK as kustomize sorts it.
 */
import { BuildError } from '../diagnostics/error.js';
import { gvkSelects } from '../resources/res-id.js';
import { compareGvkForSort } from '../resources/order.js';
import type { FieldSpec, NameBackReferences, TransformerConfig } from './types.js';

function gvkOf(fs: { group?: string | undefined; version?: string | undefined; kind?: string | undefined }) {
  return { group: fs.group ?? '', version: fs.version ?? '', kind: fs.kind ?? '' };
}

/** kustomize's FsSlice.MergeAll: appends specs not already present (no sorting). Throws on a `create` conflict. */
export function mergeFieldSpecList(into: readonly FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  return mergeFieldSpecs(into.slice(), incoming);
}

function mergeFieldSpecs(into: FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  const out = into.slice();
  for (const x of incoming) {
    const existing = out.find((s) => s.path === x.path && gvkSelects(gvkOf(x), gvkOf(s)));
    if (existing) {
      if ((existing.create ?? false) !== (x.create ?? false)) {
        throw new BuildError('transformer/config', 'conflicting fieldspecs');
      }
      continue;
    }
    out.push(x);
  }
  return out;
}

function sameGvk(a: NameBackReferences, b: NameBackReferences): boolean {
  return (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && a.kind === b.kind;
}

function mergeNameRefs(into: NameBackReferences[], incoming: readonly NameBackReferences[]): NameBackReferences[] {
  const out = into.map((n) => ({ ...n, fieldSpecs: n.fieldSpecs.slice() }));
  for (const x of incoming) {
    const i = out.findIndex((n) => sameGvk(n, x));
    if (i >= 0) {
      const cur = out[i] as NameBackReferences;
      out[i] = { ...cur, fieldSpecs: mergeFieldSpecs(cur.fieldSpecs.slice(), x.fieldSpecs) };
    } else out.push({ ...x, fieldSpecs: mergeFieldSpecs([], x.fieldSpecs) });
  }
  return out;
}

const byGvk = <T extends { group?: string; version?: string; kind?: string }>(a: T, b: T): number =>
  compareGvkForSort(gvkOf(a), gvkOf(b));

/** Merges `b` into `a`, returning a new config. Throws `conflicting fieldspecs`. */
export function mergeTransformerConfig(a: TransformerConfig, b: Partial<TransformerConfig>): TransformerConfig {
  const wrap = <T>(name: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof BuildError) throw err.wrap(`failed to merge ${name} fieldSpec: `);
      throw err;
    }
  };
  const m = (name: string, x: FieldSpec[], y: FieldSpec[] | undefined): FieldSpec[] =>
    wrap(name, () => mergeFieldSpecs(x, y ?? []).sort(byGvk));
  return {
    namePrefix: m('NamePrefix', a.namePrefix, b.namePrefix),
    nameSuffix: m('NameSuffix', a.nameSuffix, b.nameSuffix),
    nameSpace: m('NameSpace', a.nameSpace, b.nameSpace),
    commonAnnotations: m('CommonAnnotations', a.commonAnnotations, b.commonAnnotations),
    commonLabels: m('CommonLabels', a.commonLabels, b.commonLabels),
    labels: m('Labels', a.labels, b.labels),
    templateLabels: m('TemplateLabels', a.templateLabels, b.templateLabels),
    varReference: m('VarReference', a.varReference, b.varReference),
    nameReference: wrap('NameReference', () => mergeNameRefs(a.nameReference, b.nameReference ?? []).sort(byGvk)),
    images: m('Images', a.images, b.images),
    replicas: m('Replicas', a.replicas, b.replicas),
  };
}

/** An empty configuration (no field specs at all). */
export function emptyTransformerConfig(): TransformerConfig {
  return {
    namePrefix: [],
    nameSuffix: [],
    nameSpace: [],
    commonLabels: [],
    templateLabels: [],
    labels: [],
    commonAnnotations: [],
    nameReference: [],
    varReference: [],
    images: [],
    replicas: [],
  };
}

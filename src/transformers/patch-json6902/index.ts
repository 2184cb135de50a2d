/**
 * patch-json6902: kustomize's PatchJson6902Transformer (legacy field `patchesJson6902`, spec §5.5). Each
 * entry needs a `target` with a name and a JSON 6902 patch (`path` to a file, or inline `patch`); the
 * operations run on every selected resource after labels and annotations of the same kustomization, and
 * (unlike `patches`) without recording previous ids.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { Range } from '../../diagnostics/diagnostic.js';
import type { KustTarget, UnmatchedPatchTarget } from '../../target/types.js';
import type { YamlMap } from '../../yaml/values.js';
import { atField, decodePluginConfig, pluginConfigFailure } from '../plugin-config.js';
import { goString, ptr, struct, type GoStruct } from '../../kustomization/gotype.js';
import { selectorType } from '../../kustomization/schema.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { selectResources, type Selector } from '../../selector/index.js';
import { configError, lineColumn } from '../patch-strategic-merge/index.js';
import { parseJsonPatch } from '../patch/parse.js';
import { applyJsonPatchToResource, hasInternalAnnotations } from './apply.js';
import type { JsonPatchOp } from './json-patch.js';

export { applyJsonPatch, JsonPatchError, type JsonPatchOp } from './json-patch.js';
export { applyJsonPatchToResource } from './apply.js';

/** A configured PatchJson6902Transformer. */
export interface PatchJson6902Config {
  target: Selector;
  ops: JsonPatchOp[];
  where: { file: string; range?: Range | undefined };
  record: UnmatchedPatchTarget;
}

interface RawEntry {
  target: Selector | undefined;
  path: string;
  jsonOp: string;
}

/** The entry as kustomize marshals it into the plugin config (for `trouble configuring` errors). */
function fieldConfig(e: RawEntry): YamlMap {
  const cfg: YamlMap = {};
  if (e.target !== undefined) cfg.target = { ...e.target };
  if (e.path !== '') cfg.path = e.path;
  if (e.jsonOp !== '') cfg.jsonOp = e.jsonOp;
  return cfg;
}

/** PatchJson6902Transformer.Config; `fail` words its errors (field entries and plugin configs differ). */
function configure(
  kt: KustTarget,
  e: RawEntry,
  where: PatchJson6902Config['where'],
  record: UnmatchedPatchTarget,
  fail: (err: unknown) => BuildError,
): PatchJson6902Config {
  try {
    if (e.target === undefined) {
      throw new BuildError(
        'patch/invalid',
        'kustomize v5.6.0 crashes here (nil pointer dereference): a patchesJson6902 entry without target',
        where,
      );
    }
    if ((e.target.name ?? '') === '') throw new Error('must specify the target name');
    if (e.path === '' && e.jsonOp === '') throw new Error('empty file path and empty jsonOp');
    let jsonOp = e.jsonOp;
    let file = kt.file;
    if (e.path !== '') {
      if (e.jsonOp !== '') throw new Error('must specify a file path or jsonOp, not both');
      const loaded = kt.loader.readText(e.path);
      jsonOp = loaded.text;
      file = loaded.path;
      if (jsonOp === '') throw new Error(`patch file '${e.path}' empty seems to be empty`);
    }
    let ops: JsonPatchOp[] | undefined;
    try {
      ops = parseJsonPatch(jsonOp, file);
    } catch (err) {
      throw new BuildError(
        'patch/invalid',
        `decoding ${jsonOp}: ${(err as Error).message}`,
        e.path !== '' ? { file } : where,
      );
    }
    if (ops === undefined || ops.length === 0)
      throw new Error(`patch appears to be empty; file=${e.path}, JsonOp=${jsonOp}`);
    return { target: e.target, ops, where: e.path !== '' ? { file } : where, record };
  } catch (err) {
    throw fail(err);
  }
}

/** kustomize's PatchJson6902TransformerPlugin. */
const pluginType: GoStruct<{ target?: Selector; path?: string; jsonOp?: string }> = struct(
  'PatchJson6902TransformerPlugin',
  { target: ptr(selectorType), path: goString, jsonOp: goString },
);

export const patchJson6902Transformer: TransformerPlugin<PatchJson6902Config> = {
  kind: 'PatchJson6902Transformer',
  configure(raw: YamlMap, kt: KustTarget): PatchJson6902Config {
    const range = kt.range('transformers');
    const where = { file: kt.file, range };
    let c;
    try {
      c = decodePluginConfig(raw, pluginType);
    } catch (err) {
      throw atField(err, kt, 'transformers');
    }
    return configure(
      kt,
      { target: c.target, path: c.path ?? '', jsonOp: c.jsonOp ?? '' },
      where,
      { file: kt.file, index: 0, field: 'transformers', ...lineColumn(range) },
      (err) => pluginConfigFailure(err, where),
    );
  },
  transform(resources, c, kt) {
    let selected;
    try {
      selected = selectResources(resources, c.target);
    } catch (err) {
      throw new BuildError('patch/invalid', (err as Error).message, c.where);
    }
    if (selected.length === 0) {
      kt.build.unmatchedPatchTargets.push({ ...c.record });
      return;
    }
    const origins = kt.build.buildMetadata.includes('originAnnotations');
    for (const r of selected) applyJsonPatchToResource(r, c.ops, hasInternalAnnotations(r, origins), c.where);
  },
};

export const patchesJson6902Field: FieldTransformer<PatchJson6902Config> = {
  plugin: patchJson6902Transformer,
  fields: ['patchesJson6902'],
  configs(k, _config, kt) {
    return (k.patchesJson6902 ?? []).map((p, i) => {
      const range = kt.range('patchesJson6902', i);
      const where = { file: kt.file, range };
      const e = { target: p.target ? { ...p.target } : undefined, path: p.path ?? '', jsonOp: p.patch ?? '' };
      return configure(
        kt,
        e,
        where,
        { file: kt.file, index: i, field: 'patchesJson6902', ...lineColumn(range) },
        (err) => configError('PatchJson6902Transformer', fieldConfig(e), err, where),
      );
    });
  },
};

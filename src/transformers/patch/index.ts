/**
 * patch: kustomize's PatchTransformer (field `patches`, spec §4.7 and §5). One instance per entry: the
 * patch text (inline `patch`, trimmed, or the file at `path`) is read both as strategic-merge documents and
 * as a JSON 6902 operation list, and must be exactly one of them. Strategic-merge documents without a
 * `target` each patch the one resource with their id (current or previous); with a `target` the single
 * document patches every selected resource. JSON patches need a `target`; every selected resource records
 * its id as a previous id first. A target that selects nothing is skipped (and recorded for the linter).
 */
import { goQuote } from '../../generators/go-format.js';
import { BuildError } from '../../diagnostics/error.js';
import type { Range } from '../../diagnostics/diagnostic.js';
import type { UnmatchedPatchTarget, KustTarget } from '../../target/types.js';
import type { Resource } from '../../resources/resource.js';
import { idString } from '../../resources/res-id.js';
import type { ResourceList } from '../../resources/resource-list.js';
import { cloneValue, type YamlMap } from '../../yaml/values.js';
import { emitDocument } from '../../yaml/emit.js';
import type { Patch } from '../../kustomization/types.js';
import { atField, decodePluginConfig, pluginConfigFailure } from '../plugin-config.js';
import { goString, ptr, struct, type GoStruct } from '../../kustomization/gotype.js';
import { patchOptionsType, selectorType } from '../../kustomization/schema.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { selectResources, type Selector } from '../../selector/index.js';
import { applySmPatch, applySmPatchToSelected, patchId, type SmPatch } from '../patch-strategic-merge/apply.js';
import { configError, lineColumn } from '../patch-strategic-merge/index.js';
import { applyJsonPatchToResource } from '../patch-json6902/apply.js';
import type { JsonPatchOp } from '../patch-json6902/json-patch.js';
import { parseJsonPatch, parseSmPatches, type PatchDoc } from './parse.js';
import { hasFeature, type KustomizeVersion } from '../../kustomization/versions.js';

export { parseJsonPatch, parseSmPatches, PatchParseError, type PatchDoc } from './parse.js';

/** A configured PatchTransformer. */
export interface PatchConfig {
  /** `[patch: "..."]` or `[path: "..."]`, as kustomize quotes the source in messages. */
  source: string;
  /** Strategic-merge documents (non-empty), or undefined for a JSON patch. */
  sm: SmPatch[] | undefined;
  /** JSON operations (undefined: none, e.g. an empty patch file). */
  json: JsonPatchOp[] | undefined;
  /**
   * Before v5.8: the text held no object and is no JSON patch either (`{}`); kustomize then takes it for a
   * JSON patch and fails with this error on the first object the target selects.
   */
  jsonError?: string;
  target: Selector | undefined;
  /** Where the entry is written. */
  where: { file: string; range?: Range | undefined };
  /** For the unmatched-target record. */
  record: Omit<UnmatchedPatchTarget, 'line' | 'column'> & { line?: number; column?: number };
}

/** kustomize's Selector.String(): `Kind.Version.Group/Name.Namespace:a=<annotationSelector>:l=<labelSelector>`. */
export function selectorString(t: Selector): string {
  const id = idString({
    group: t.group ?? '',
    version: t.version ?? '',
    kind: t.kind ?? '',
    name: t.name ?? '',
    namespace: t.namespace ?? '',
  });
  return `${id}:a=${t.annotationSelector ?? ''}:l=${t.labelSelector ?? ''}`;
}

/** The entry as kustomize marshals it into the plugin config (typed options omit false fields, v5.8.0+). */
function configYaml(
  path: string,
  patch: string,
  target: Selector | undefined,
  options: Record<string, boolean> | undefined,
  version: KustomizeVersion,
): YamlMap {
  const c: YamlMap = {};
  if (path !== '') c.path = path;
  if (patch !== '') c.patch = patch;
  if (target !== undefined) c.target = { ...target };
  if (options !== undefined && hasFeature(version, 'typedPatchOptions'))
    c.options = Object.fromEntries(Object.entries(options).filter(([, v]) => v));
  else if (options !== undefined && Object.keys(options).length > 0) c.options = { ...options };
  return c;
}

interface RawPatchEntry {
  path: string;
  patch: string;
  target: Selector | undefined;
  options: Record<string, boolean> | undefined;
}

interface ParsedPatchText {
  docs?: PatchDoc[];
  ops?: JsonPatchOp[] | undefined;
  smOk: boolean;
  jsonOk: boolean;
  jsonError?: string;
}

/** A patch text read both ways (kustomize tries strategic merge and JSON 6902). */
function parsePatch(text: string, file: string): ParsedPatchText {
  const out: ParsedPatchText = { smOk: true, jsonOk: true };
  try {
    out.docs = parseSmPatches(text, file);
  } catch {
    out.smOk = false;
  }
  try {
    out.ops = parseJsonPatch(text, file);
  } catch (err) {
    out.jsonOk = false;
    if (err instanceof Error) out.jsonError = err.message;
  }
  return out;
}

/** The text of a patch entry: inline (trimmed) or read from its file. */
interface PatchText {
  text: string;
  /** `[patch: "..."]` or `[path: "..."]`. */
  source: string;
  /** The file the text is in (the kustomization file for an inline patch). */
  file: string;
  inline: boolean;
}

function patchText(kt: KustTarget, e: RawPatchEntry, patch: string, where: PatchConfig['where']): PatchText {
  if (patch !== '') return { text: patch, source: `[patch: ${goQuote(patch)}]`, file: kt.file, inline: true };
  let loaded: { path: string; text: string };
  try {
    loaded = kt.loader.readText(e.path);
  } catch (err) {
    throw new BuildError(
      'load/missing-file',
      `failed to get the patch file from path(${e.path}): ${(err as Error).message}`,
      where,
    );
  }
  return { text: loaded.text, source: `[path: ${goQuote(e.path)}]`, file: loaded.path, inline: false };
}

/** The strategic-merge patches of the documents (none when there are none). */
function smPatchesOf(
  docs: readonly PatchDoc[],
  options: Record<string, boolean> | undefined,
  inline: boolean,
  where: PatchConfig['where'],
): SmPatch[] | undefined {
  if (docs.length === 0) return undefined;
  const allowNameChange = options?.allowNameChange === true;
  const allowKindChange = options?.allowKindChange === true;
  return docs.map((d) => ({
    data: d.data,
    allowNameChange,
    allowKindChange,
    where: inline ? where : { file: d.file, range: d.range },
    outputErrors: d.outputErrors,
    metadataLastWins: d.metadataLastWins,
    repeatedKeyMaps: d.repeatedKeyMaps,
    ...(!inline && d.node && d.lineCounter ? { source: { node: d.node, lineCounter: d.lineCounter } } : {}),
  }));
}

/** How a PatchTransformer's Config words its errors: field entries and plugin configs differ. */
interface ConfigWording {
  /** The config text `must specify one of patch and path in` and the like print. */
  text: string;
  fail: (err: unknown) => BuildError;
}

/** PatchTransformer.Config. */
function configure(
  kt: KustTarget,
  e: RawPatchEntry,
  where: PatchConfig['where'],
  record: PatchConfig['record'],
  wording: ConfigWording,
): PatchConfig {
  const patch = e.patch.trim();
  try {
    if (patch === '' && e.path === '') throw new Error(`must specify one of patch and path in\n${wording.text}`);
    if (patch !== '' && e.path !== '') throw new Error(`patch and path can't be set at the same time\n${wording.text}`);
    const { text, source, file, inline } = patchText(kt, e, patch, where);
    // The same patch text in the same file parses the same: kept for later builds (parsed patches are cloned
    // before they are applied).
    const parsed = kt.build.remember(`patch\0${file}\0${text}`, () => parsePatch(text, file));
    const { docs, ops, smOk, jsonOk } = parsed;
    // v5.8.1 refuses only text that is both non-empty SM and non-empty JSON, so empty or comment-only
    // patches pass (and do nothing); older versions refuse any text that parses both ways.
    const both =
      smOk &&
      jsonOk &&
      (!hasFeature(kt.build.version, 'emptyPatchFiles') || (docs ?? []).length * (ops ?? []).length > 0);
    if (both)
      throw new BuildError('patch/invalid', `illegally qualifies as both an SM and JSON patch: ${source}`, where);
    if (!smOk && !jsonOk)
      throw new BuildError('patch/invalid', `unable to parse SM or JSON patch from ${source}`, where);
    // (An empty text decodes there as a JSON `null`: no operations, no error.)
    if (
      smOk &&
      (docs ?? []).length === 0 &&
      !hasFeature(kt.build.version, 'emptyPatchFiles') &&
      !jsonOk &&
      text !== ''
    ) {
      const jsonError = parsed.jsonError ?? 'invalid JSON patch';
      return { source, sm: undefined, json: undefined, jsonError, target: e.target, where, record };
    }
    const sm = smOk && docs !== undefined ? smPatchesOf(docs, e.options, inline, where) : undefined;
    return { source, sm, json: smOk ? undefined : ops, target: e.target, where, record };
  } catch (err) {
    throw wording.fail(err);
  }
}

function recordUnmatched(kt: KustTarget, c: PatchConfig): void {
  kt.build.unmatchedPatchTargets.push({ ...c.record });
}

function select(resources: ResourceList, target: Selector, where: PatchConfig['where']): Resource[] {
  try {
    return selectResources(resources, target);
  } catch (err) {
    throw new BuildError('patch/invalid', (err as Error).message, where);
  }
}

function transformStrategicMerge(resources: ResourceList, c: PatchConfig, sm: SmPatch[], kt: KustTarget): void {
  const schema = kt.build.schema;
  if (c.target !== undefined) {
    if (sm.length > 1) {
      throw new BuildError(
        'patch/invalid',
        `Multiple Strategic-Merge Patches in one \`patches\` entry is not allowed to set \`patches.target\` field: ${c.source}`,
        c.where,
      );
    }
    let selected: Resource[];
    try {
      selected = selectResources(resources, c.target);
    } catch (err) {
      throw new BuildError(
        'patch/invalid',
        `unable to find patch target ${goQuote(selectorString(c.target))} in \`resources\`: ${(err as Error).message}`,
        c.where,
      );
    }
    if (selected.length === 0) {
      recordUnmatched(kt, c);
      return;
    }
    applySmPatchToSelected(resources, new Set(selected), sm[0] as SmPatch, schema);
    return;
  }
  // v5.7.0+ skips resources a previous document deleted; older versions crash on the next document.
  const skipsDeleted = hasFeature(kt.build.version, 'multiplePatchDeletes');
  let deleted = false;
  for (const p of sm) {
    if (deleted && !skipsDeleted) {
      throw new BuildError(
        'patch/failed',
        'kustomize v5.6.0 crashes here (nil pointer dereference): a `patches` entry has a document after one that deleted a resource with `$patch: delete`',
        p.where,
      );
    }
    const id = patchId(p.data);
    const matches = resources.byAnyId(id).filter((r) => Object.keys(r.data).length > 0);
    if (matches.length !== 1) {
      const what = matches.length === 0 ? 'no matches' : 'multiple matches';
      throw new BuildError(
        'patch/no-match',
        `no resource matches strategic merge patch ${goQuote(idString(id))}: ${what} for Id ${idString(id)}; failed to find unique target for patch ${idString(id)}`,
        p.where,
      );
    }
    const r = matches[0] as Resource;
    applySmPatch(r, cloneValue(p.data), p, schema);
    if (Object.keys(r.data).length === 0) deleted = true;
  }
}

function transformJson(resources: ResourceList, c: PatchConfig, kt: KustTarget): void {
  if (c.target === undefined)
    throw new BuildError('patch/invalid', `must specify a target for JSON patch ${c.source}`, c.where);
  const selected = select(resources, c.target, c.where);
  if (selected.length === 0) {
    recordUnmatched(kt, c);
    return;
  }
  if (c.jsonError !== undefined) throw new BuildError('patch/failed', c.jsonError, c.where);
  for (const r of selected) {
    r.storePreviousId();
    applyJsonPatchToResource(r, c.json, true, c.where);
  }
}

/** kustomize's PatchTransformerPlugin (`options`: a map of bools until v5.8.0, then PatchArgs). */
function pluginType(
  version: KustomizeVersion,
): GoStruct<{ path?: string; patch?: string; target?: Selector; options?: Record<string, boolean> }> {
  return struct('PatchTransformerPlugin', {
    path: goString,
    patch: goString,
    target: ptr(selectorType),
    options: patchOptionsType(version),
  });
}

export const patchTransformer: TransformerPlugin<PatchConfig> = {
  kind: 'PatchTransformer',
  configure(raw: YamlMap, kt: KustTarget): PatchConfig {
    let c;
    try {
      c = decodePluginConfig(raw, pluginType(kt.build.version));
    } catch (err) {
      throw atField(err, kt, 'transformers');
    }
    const range = kt.range('transformers');
    const where = { file: kt.file, range };
    return configure(
      kt,
      { path: c.path ?? '', patch: c.patch ?? '', target: c.target, options: c.options },
      where,
      { file: kt.file, index: 0, field: 'transformers', ...lineColumn(range) },
      { text: emitDocument(raw), fail: (err) => pluginConfigFailure(err, where) },
    );
  },
  transform(resources, c, kt) {
    if (c.sm !== undefined) transformStrategicMerge(resources, c, c.sm, kt);
    // v5.8.1 runs a JSON patch only when there are operations; older versions always do (and then
    // require a target).
    else if (c.json !== undefined || !hasFeature(kt.build.version, 'emptyPatchFiles')) transformJson(resources, c, kt);
  },
};

function entryOf(p: Patch): RawPatchEntry {
  return {
    path: p.path ?? '',
    patch: p.patch ?? '',
    target: p.target ? { ...p.target } : undefined,
    options: p.options,
  };
}

export const patchesField: FieldTransformer<PatchConfig> = {
  plugin: patchTransformer,
  fields: ['patches'],
  configs(k, _config, kt) {
    return (k.patches ?? []).map((p, i) => {
      const range = kt.range('patches', i);
      const where = { file: kt.file, range };
      const e = entryOf(p);
      const cfg = configYaml(e.path, e.patch, e.target, e.options, kt.build.version);
      return configure(
        kt,
        e,
        where,
        { file: kt.file, index: i, field: 'patches', ...lineColumn(range) },
        {
          text: emitDocument(cfg),
          fail: (err) => configError('PatchTransformer', cfg, err, where),
        },
      );
    });
  },
};

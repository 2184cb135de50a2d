/**
 * patch-strategic-merge: kustomize's PatchStrategicMergeTransformer (legacy field
 * `patchesStrategicMerge`, spec §4.7) and the strategic merge engine shared with the `patches` field.
 * Each entry is inline YAML or, failing that, a file of patch documents; every document must match
 * exactly one resource by its current or a previous id and is merged into it (merge.ts, apply.ts).
 */
import { BuildError } from '../../diagnostics/error.js';
import type { Range } from '../../diagnostics/diagnostic.js';
import { emitDocument } from '../../yaml/emit.js';
import type { YamlMap, YamlValue } from '../../yaml/values.js';
import { idKey, idString } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import type { ResourceList } from '../../resources/resource-list.js';
import type { KustTarget } from '../../target/types.js';
import { atField, decodePluginConfig, pluginConfigFailure } from '../plugin-config.js';
import { goString, listOf, struct, type GoStruct } from '../../kustomization/gotype.js';
import { patchStrategicMergeType } from '../../kustomization/schema.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';
import { parseSmPatches, PatchParseError, type PatchDoc } from '../patch/parse.js';
import { applySmPatchToSelected, patchId, type SmPatch } from './apply.js';

export { strategicMerge, MergeError } from './merge.js';
export { applySmPatch, applySmPatchToSelected, patchId, type SmPatch } from './apply.js';

/** A configured PatchStrategicMergeTransformer: its patches, loaded. */
export interface PatchStrategicMergeConfig {
  patches: SmPatch[];
}

/** The start of a range as `{line, column}` (for records), or nothing. */
export function lineColumn(range: Range | undefined): { line?: number; column?: number } {
  return range ? { line: range.start.line, column: range.start.column } : {};
}

/** kustomize's configureBuiltinPlugin error: `trouble configuring builtin <kind> with config: ...`. */
export function configError(
  kind: string,
  config: YamlValue,
  err: unknown,
  where: { file: string; range?: Range | undefined },
): BuildError {
  const body = `trouble configuring builtin ${kind} with config: \`\n${emitDocument(config)}\``;
  if (err instanceof BuildError) {
    err.wrap(`${body}: `);
    if (err.file === undefined) {
      err.file = where.file;
      err.range = where.range;
    }
    return err;
  }
  return new BuildError('patch/invalid', `${body}: ${(err as Error).message}`, where);
}

function toSmPatches(docs: readonly PatchDoc[], where: (d: PatchDoc) => SmPatch['where']): SmPatch[] {
  return docs.map((d) => ({
    data: d.data,
    allowNameChange: false,
    allowKindChange: false,
    where: where(d),
    outputErrors: d.outputErrors,
    metadataLastWins: d.metadataLastWins,
    repeatedKeyMaps: d.repeatedKeyMaps,
  }));
}

/**
 * kustomize's loadFromPaths: each entry is tried as inline patch text, then as a file. `entryWhere` gives
 * the position of entry i (for inline patches and errors).
 */
function loadEntries(
  kt: KustTarget,
  entries: readonly string[],
  entryWhere: (i: number) => SmPatch['where'],
): SmPatch[] {
  const out: SmPatch[] = [];
  entries.forEach((entry, i) => {
    let docs: PatchDoc[] | undefined;
    try {
      docs = parseSmPatches(entry, kt.file);
    } catch {
      docs = undefined;
    }
    if (docs !== undefined) {
      out.push(...toSmPatches(docs, () => entryWhere(i)));
      return;
    }
    let loaded: { path: string; text: string };
    try {
      loaded = kt.loader.readText(entry);
    } catch (err) {
      if (err instanceof BuildError) {
        err.file = entryWhere(i).file;
        err.range = entryWhere(i).range;
      }
      throw err;
    }
    try {
      docs = parseSmPatches(loaded.text, loaded.path);
    } catch (err) {
      if (err instanceof PatchParseError) {
        throw new BuildError('patch/invalid', `${err.message} in File: ${entry}`, {
          file: loaded.path,
          range: err.range,
        });
      }
      throw err;
    }
    out.push(
      ...toSmPatches(docs, (d) => ({ file: d.file, range: d.range })).map((p, j) => {
        const d = docs[j];
        return d?.node && d.lineCounter ? { ...p, source: { node: d.node, lineCounter: d.lineCounter } } : p;
      }),
    );
  });
  return out;
}

function applyAll(resources: ResourceList, c: PatchStrategicMergeConfig, kt: KustTarget): void {
  // Patches here cannot rename: index the resources by every id they have had, once.
  const byId = new Map<string, Resource[]>();
  for (const r of resources.items) {
    const keys = new Set(r.allIds().map((id) => idKey(id, r.scope)));
    for (const k of keys) {
      const l = byId.get(k);
      if (l) l.push(r);
      else byId.set(k, [r]);
    }
  }
  c.patches.forEach((p, i) => {
    const id = patchId(p.data);
    const matches = (byId.get(idKey(id, kt.build.schema.isClusterScoped)) ?? []).filter(
      (r) => Object.keys(r.data).length > 0,
    );
    if (matches.length !== 1) {
      const what = matches.length === 0 ? 'no matches' : 'multiple matches';
      throw new BuildError(
        'patch/no-match',
        `${what} for Id ${idString(id)}; failed to find unique target for patch ${idString(id)}`,
        p.where,
      );
    }
    applySmPatchToSelected(resources, new Set(matches), p, kt.build.schema, i === 0);
  });
}

/** kustomize's PatchStrategicMergeTransformerPlugin. */
const pluginType: GoStruct<{ paths?: string[]; patches?: string }> = struct('PatchStrategicMergeTransformerPlugin', {
  paths: listOf(patchStrategicMergeType),
  patches: goString,
});

export const patchStrategicMergeTransformer: TransformerPlugin<PatchStrategicMergeConfig> = {
  kind: 'PatchStrategicMergeTransformer',
  configure(raw: YamlMap, kt: KustTarget): PatchStrategicMergeConfig {
    let c;
    try {
      c = decodePluginConfig(raw, pluginType);
    } catch (err) {
      throw atField(err, kt, 'transformers');
    }
    const paths = c.paths ?? [];
    const inline = c.patches ?? '';
    const where = { file: kt.file, range: kt.range('transformers') };
    try {
      if (paths.length === 0 && inline === '') throw new Error('empty file path and empty patch content');
      const patches = loadEntries(kt, paths, () => where);
      if (inline !== '') {
        try {
          patches.push(...toSmPatches(parseSmPatches(inline, kt.file), () => where));
        } catch (err) {
          if (err instanceof PatchParseError) throw new Error(err.message);
          throw err;
        }
      }
      if (patches.length === 0)
        throw new Error(`patch appears to be empty; files=[${paths.join(' ')}], Patch=${inline}`);
      return { patches };
    } catch (err) {
      throw pluginConfigFailure(err, where);
    }
  },
  transform: applyAll,
};

export const patchesStrategicMergeField: FieldTransformer<PatchStrategicMergeConfig> = {
  plugin: patchStrategicMergeTransformer,
  fields: ['patchesStrategicMerge'],
  configs(k, _config, kt) {
    const entries = k.patchesStrategicMerge ?? [];
    if (entries.length === 0) return [];
    const entryWhere = (i: number): SmPatch['where'] => ({
      file: kt.file,
      range: kt.range('patchesStrategicMerge', i),
    });
    try {
      const patches = loadEntries(kt, entries, entryWhere);
      if (patches.length === 0) throw new Error(`patch appears to be empty; files=[${entries.join(' ')}], Patch=`);
      return [{ patches }];
    } catch (err) {
      throw configError('PatchStrategicMergeTransformer', { paths: entries.slice() }, err, entryWhere(0));
    }
  },
};

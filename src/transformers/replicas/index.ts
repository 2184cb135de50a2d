/**
 * replicas: kustomize's ReplicaCountTransformer (field `replicas`, spec §7.7). One instance per entry:
 * every resource whose current or previous id has the entry's name and a kind selected by a `replicas`
 * field spec gets the integer count at that path (created when missing). When no field spec matches any
 * resource the build fails with kustomize's "does not match a config" error.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecSelects, visitFieldSpec, type FieldRef } from '../../fieldspecs/traverse.js';
import { fieldSpecType, replicaType } from '../../kustomization/schema.js';
import { listOf, struct, type GoStruct } from '../../kustomization/gotype.js';
import type { Replica } from '../../kustomization/types.js';
import { gvkString, idString, splitApiVersion } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import { atField, decodePluginConfig } from '../plugin-config.js';
import type { FieldTransformer, TransformerPlugin } from '../types.js';

/** One ReplicaCountTransformer instance. */
export interface ReplicaCountConfig {
  /** Name of the resources to scale (matched against current and previous names). */
  name: string;
  /** The replica count to set. */
  count: number | bigint;
  /** Where the count lives, per kind. */
  fieldSpecs: readonly FieldSpec[];
  /** The kustomization field that asked for it (`replicas` or `transformers`), for diagnostics. */
  field: string;
}

/** Whether any id of `r` (current or previous) has the name and a GVK the field spec selects. */
function matchesAnyId(r: Resource, name: string, fs: FieldSpec): boolean {
  // kustomize rebuilds previous ids with the current apiVersion and the recorded kind.
  const { group, version } = splitApiVersion(r.apiVersion);
  for (const id of r.allIds()) {
    if (id.name === name && fieldSpecSelects(fs, { group, version, kind: id.kind })) return true;
  }
  return false;
}

function setCount(r: Resource, fs: FieldSpec, count: number | bigint): void {
  if (!fieldSpecSelects(fs, r.gvk())) return;
  // kustomize writes an int node but keeps the old node's style: a quoted string stays a string; a tagged
  // or timestamp node (held here as text) was not quoted.
  const quoted = (ref: FieldRef): boolean =>
    typeof ref.value === 'string' && r.nonStringTag(ref.parent, ref.key) === undefined;
  visitFieldSpec(
    r.data,
    fs,
    'scalar',
    (ref) => ref.set(quoted(ref) ? String(count) : count),
    () => idString(r.id()),
  );
}

const pluginType: GoStruct<{ replica?: Replica; fieldSpecs?: FieldSpec[] }> = struct('ReplicaCountTransformerPlugin', {
  replica: replicaType,
  fieldSpecs: listOf(fieldSpecType),
});

export const replicaCountTransformer: TransformerPlugin<ReplicaCountConfig> = {
  kind: 'ReplicaCountTransformer',
  configure(raw, target) {
    let c;
    try {
      c = decodePluginConfig(raw, pluginType);
    } catch (err) {
      throw atField(err, target, 'transformers');
    }
    return {
      name: c.replica?.name ?? '',
      count: c.replica?.count ?? 0,
      fieldSpecs: c.fieldSpecs ?? [],
      field: 'transformers',
    };
  },
  transform(resources, c, target) {
    let found = false;
    for (const fs of c.fieldSpecs) {
      const matched = resources.items.filter((r) => matchesAnyId(r, c.name, fs));
      if (matched.length === 0) continue;
      found = true;
      try {
        for (const r of matched) setCount(r, fs, c.count);
      } catch (err) {
        throw atField(err, target, c.field);
      }
    }
    if (!found) {
      const gvks = c.fieldSpecs.map((fs) => gvkString(fs)).join(' ');
      const err = new BuildError(
        'transformer/failed',
        `resource with name ${c.name} does not match a config with the following GVK [${gvks}]`,
      );
      throw atField(err, target, c.field);
    }
  },
};

export const replicasField: FieldTransformer<ReplicaCountConfig> = {
  plugin: replicaCountTransformer,
  fields: ['replicas'],
  configs: (k, config) =>
    (k.replicas ?? []).map((r) => ({
      name: r.name ?? '',
      count: r.count ?? 0,
      fieldSpecs: config.replicas,
      field: 'replicas',
    })),
};

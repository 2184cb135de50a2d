/**
 * `kustomize build -o DIR`: one file per resource, named as kustomize names them
 * (kustomize/commands/build/writer.go): `<group>_<version>_<kind>_<name>.yaml` in lower case, empty parts
 * left out, prefixed by `<namespace>_` when the output spans more than one namespace (cluster-scoped
 * resources never get the prefix). Two resources with one name: the later file wins, as in kustomize.
 */
import { defaultScope, effectiveNamespace, NOT_A_NAMESPACE, type ResId } from '../resources/res-id.js';
import { emitResource } from '../yaml/emit.js';
import type { YamlMap } from '../yaml/values.js';

/** A resource to write: its id and object. */
export interface OutputResource {
  readonly id: ResId;
  readonly object: YamlMap;
}

/** A file of the per-resource output. */
export interface ResourceFile {
  /** The file name (no directory). */
  readonly name: string;
  /** The resource as YAML, as in `kustomize build`'s output. */
  readonly text: string;
}

function baseName(id: ResId): string {
  const gvk = [id.group, id.version, id.kind].filter((p) => p !== '').join('_');
  return `${gvk}_${id.name}.yaml`.toLowerCase();
}

/** The files `kustomize build -o DIR` writes for `resources`, in the order it writes them. */
export function resourceFiles(resources: readonly OutputResource[]): ResourceFile[] {
  const namespaces = new Set<string>();
  for (const r of resources) namespaces.add(effectiveNamespace(r.id, defaultScope));
  namespaces.delete(NOT_A_NAMESPACE);
  const prefixed = namespaces.size > 1;
  const namespaced: ResourceFile[] = [];
  const clusterScoped: ResourceFile[] = [];
  for (const r of resources) {
    const ns = effectiveNamespace(r.id, defaultScope);
    const text = emitResource(r.object);
    if (ns === NOT_A_NAMESPACE) clusterScoped.push({ name: baseName(r.id), text });
    else namespaced.push({ name: (prefixed ? `${ns.toLowerCase()}_` : '') + baseName(r.id), text });
  }
  return [...namespaced, ...clusterScoped];
}

import { BuildError } from '../diagnostics/error.js';
import { idKey, idsEqual, idString, type ResId } from './res-id.js';
import type { Resource } from './resource.js';

/**
 * The ordered resources of a kustomization (kustomize's ResMap): append with id-conflict checks,
 * replace in place, remove, and the lookups by current and previous ids.
 */
export class ResourceList {
  items: Resource[] = [];

  get size(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<Resource> {
    return this.items[Symbol.iterator]();
  }

  /** Appends, failing like kustomize when a resource with the same current id is already present. */
  append(r: Resource): void {
    const id = r.id();
    // Computing the id's key asks the schema for the kind's scope, as kustomize's Append does through
    // CurId(); that first question can decide how a later custom `openapi:` schema combines (schema/state.ts).
    const key = idKey(id, r.scope);
    for (const other of this.items) {
      if (idKey(other.id(), r.scope) === key) {
        throw new BuildError(
          'resource/id-conflict',
          `may not add resource with an already registered id: ${idString(id)}`,
          {
            file: r.origin.file,
            range: r.origin.range,
          },
        );
      }
    }
    this.items.push(r);
  }

  /**
   * Appends several resources, each checked against the list as it grows (kustomize's AppendAll). The
   * check uses a set of id keys built once, instead of a scan per resource.
   */
  appendAll(rs: Iterable<Resource>): void {
    const incoming = Array.isArray(rs) ? (rs as Resource[]) : rs instanceof ResourceList ? rs.items : [...rs];
    const scope = incoming[0]?.scope;
    // Keys are only comparable when every resource decides cluster scope the same way.
    if (incoming.length < 4 || this.items.some((r) => r.scope !== scope) || incoming.some((r) => r.scope !== scope)) {
      for (const r of incoming) this.append(r);
      return;
    }
    const keys = new Set<string>();
    for (const r of this.items) keys.add(idKey(r.id(), scope));
    for (const r of incoming) {
      const id = r.id();
      const k = idKey(id, scope);
      if (keys.has(k)) {
        throw new BuildError(
          'resource/id-conflict',
          `may not add resource with an already registered id: ${idString(id)}`,
          {
            file: r.origin.file,
            range: r.origin.range,
          },
        );
      }
      keys.add(k);
      this.items.push(r);
    }
  }

  /** Replaces `old` by `next` at the same position. */
  replace(old: Resource, next: Resource): void {
    const i = this.items.indexOf(old);
    if (i < 0) throw new Error('replace: resource not in list');
    this.items[i] = next;
  }

  remove(r: Resource): void {
    const i = this.items.indexOf(r);
    if (i >= 0) this.items.splice(i, 1);
  }

  /** Resources whose current id equals `id`. */
  byCurrentId(id: ResId): Resource[] {
    return this.items.filter((r) => idsEqual(r.id(), id, r.scope));
  }

  /** Resources whose current or any previous id equals `id`. */
  byAnyId(id: ResId): Resource[] {
    return this.items.filter((r) => r.allIds().some((x) => idsEqual(x, id, r.scope)));
  }

  /** Drops resources whose data became empty (deleted by `$patch: delete`). */
  dropEmpty(): void {
    this.items = this.items.filter((r) => Object.keys(r.data).length > 0);
  }

  clone(): ResourceList {
    const l = new ResourceList();
    l.items = this.items.map((r) => r.clone());
    return l;
  }
}

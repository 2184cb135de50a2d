/**
 * A set of normalized definitions with its resource-type index (kyaml's global schema after
 * AddDefinitions), and the schema nodes the strategic merge walks over it.
 */
import type { NRef, NSchema } from './normalize.js';
import { typeKey } from './normalize.js';
import type { SchemaNode } from './types.js';

/** The read side of a map (a Map, or layers of maps). */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

/** Maps stacked in order; a later layer wins (kyaml adds definitions into one global map, later ones overwrite). */
export class Layered<V> implements Lookup<V> {
  constructor(readonly layers: readonly Lookup<V>[]) {}
  get(key: string): V | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const v = (this.layers[i] as Lookup<V>).get(key);
      if (v !== undefined) return v;
    }
    return undefined;
  }
}

export class SchemaRegistry {
  constructor(
    /** Definitions by name. */
    readonly definitions: Lookup<NRef>,
    /** Definition (as a reference) by resource type key (see typeKey). */
    readonly byType: Lookup<NRef>,
  ) {}

  /** Resolves references (kyaml loops while the schema has a `$ref`); undefined when one does not resolve. */
  resolve(ref: NRef | undefined): NSchema | 0 | undefined {
    let cur: NRef | undefined = ref;
    for (let depth = 0; typeof cur === 'string'; depth++) {
      if (depth > 64 || cur.startsWith('#')) return undefined;
      cur = this.definitions.get(cur);
    }
    return cur;
  }

  node(ref: NRef | undefined): SchemaNode | undefined {
    const s = this.resolve(ref);
    return s === undefined ? undefined : new Node(this, s);
  }

  lookup(apiVersion: string, kind: string): SchemaNode | undefined {
    const ref = this.byType.get(typeKey(apiVersion, kind));
    return ref === undefined ? undefined : this.node(ref);
  }
}

const NO_KEYS: readonly string[] = [];

class Node implements SchemaNode {
  constructor(
    private readonly reg: SchemaRegistry,
    private readonly s: NSchema | 0,
  ) {}

  field(name: string): SchemaNode | undefined {
    if (this.s === 0) return undefined;
    const p = this.s.p;
    if (p !== undefined && Object.prototype.hasOwnProperty.call(p, name)) return this.reg.node(p[name]);
    if (this.s.ap !== undefined) return this.reg.node(this.s.ap);
    return undefined;
  }

  elements(): SchemaNode | undefined {
    if (this.s === 0 || this.s.a !== 1 || this.s.i === undefined) return undefined;
    return this.reg.node(this.s.i);
  }

  get patchStrategy(): string {
    return this.s === 0 ? '' : (this.s.s ?? '');
  }

  get mergeKeys(): readonly string[] {
    return this.s === 0 ? NO_KEYS : (this.s.k ?? NO_KEYS);
  }
}

/**
 * The transformer contract. Every builtin transformer is a module in its own folder exporting a
 * {@link TransformerPlugin} (its builtin kind, how it reads a builtin plugin config, what it does) and,
 * when kustomization fields drive it, a {@link FieldTransformer} that turns those fields into configs.
 * The order they run in is the single list in registry.ts.
 */
import type { YamlMap } from '../yaml/values.js';
import type { ResourceList } from '../resources/resource-list.js';
import type { Kustomization } from '../kustomization/types.js';
import type { TransformerConfig } from '../fieldspecs/types.js';
import type { KustTarget } from '../target/types.js';

/** A builtin transformer (kustomize's builtin plugin of the same kind). */
export interface TransformerPlugin<C> {
  /** The builtin kind, e.g. `NamespaceTransformer`; `transformers:` entries name it with `apiVersion: builtin`. */
  readonly kind: string;
  /** Reads a builtin plugin config document (`apiVersion: builtin`, `kind: <kind>`). Throws BuildError. */
  configure(raw: YamlMap, target: KustTarget): C;
  /** Transforms the accumulated resources in place. Throws BuildError. */
  transform(resources: ResourceList, config: C, target: KustTarget): void;
}

/** The kustomization fields that drive a transformer, and the configs they produce. */
export interface FieldTransformer<C> {
  readonly plugin: TransformerPlugin<C>;
  /** The kustomization fields read (for docs and tests). */
  readonly fields: readonly (keyof Kustomization)[];
  /** The transformer instances this kustomization asks for, in order (none when the fields are unset). */
  configs(k: Kustomization, config: TransformerConfig, target: KustTarget): C[];
}

/** Helper to keep the type parameter when listing heterogeneous entries. */
export function fieldTransformer<C>(entry: FieldTransformer<C>): FieldTransformer<unknown> {
  return entry;
}

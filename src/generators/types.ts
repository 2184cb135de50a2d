/**
 * The generator contract, parallel to transformers/types.ts: a builtin generator plugin (its kind, its
 * plugin-config reader, what it generates) and the kustomization fields that configure it.
 */
import type { YamlMap } from '../yaml/values.js';
import type { Resource } from '../resources/resource.js';
import type { Kustomization } from '../kustomization/types.js';
import type { KustTarget } from '../target/types.js';

export interface GeneratorPlugin<C> {
  /** The builtin kind, e.g. `ConfigMapGenerator`. */
  readonly kind: string;
  /** Reads a builtin plugin config document. Throws BuildError. */
  configure(raw: YamlMap, target: KustTarget): C;
  /** Generates objects; each carries its `behavior` and hash mark. Throws BuildError. */
  generate(config: C, target: KustTarget): Resource[];
}

export interface FieldGenerator<C> {
  readonly plugin: GeneratorPlugin<C>;
  readonly fields: readonly (keyof Kustomization)[];
  configs(k: Kustomization, target: KustTarget): C[];
}

export function fieldGenerator<C>(entry: FieldGenerator<C>): FieldGenerator<unknown> {
  return entry;
}

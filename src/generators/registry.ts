/**
 * The builtin generators driven by kustomization fields, in kustomize's order (configMapGenerator,
 * secretGenerator, then `generators:` entries), and every builtin generator plugin by kind.
 */
import type { FieldGenerator, GeneratorPlugin } from './types.js';

export const fieldGenerators: readonly FieldGenerator<unknown>[] = [];

export const generatorPlugins: ReadonlyMap<string, GeneratorPlugin<unknown>> = new Map();

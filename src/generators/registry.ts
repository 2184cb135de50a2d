/**
 * The builtin generators driven by kustomization fields, in kustomize's order (configMapGenerator
 * entries, then secretGenerator entries; helmCharts are refused before; `generators:` entries run after
 * these), and every builtin generator plugin by kind (for `generators:` entries with `apiVersion: builtin`).
 */
import { configMapGenerator, configMapGeneratorField } from './configmap/index.js';
import { iamPolicyGenerator } from './iam-policy/index.js';
import { secretGenerator, secretGeneratorField } from './secret/index.js';
import { fieldGenerator, type FieldGenerator, type GeneratorPlugin } from './types.js';

export const fieldGenerators: readonly FieldGenerator<unknown>[] = [
  fieldGenerator(configMapGeneratorField),
  fieldGenerator(secretGeneratorField),
];

export const generatorPlugins: ReadonlyMap<string, GeneratorPlugin<unknown>> = new Map(
  ([configMapGenerator, secretGenerator, iamPolicyGenerator] as GeneratorPlugin<unknown>[]).map((p) => [p.kind, p]),
);

/**
 * configmap: kustomize's ConfigMapGenerator (field `configMapGenerator`, builtin plugin
 * `ConfigMapGenerator`; spec §8.1–8.4). Each entry makes one ConfigMap: UTF-8 values go to `data`,
 * other values (binary files) base64-encoded to `binaryData`; options set labels, annotations,
 * `immutable` and whether the name gets the hash suffix.
 */
import type { GeneratorArgs, Kustomization } from '../../kustomization/types.js';
import { configMapArgsType, objectMetaType } from '../../kustomization/schema.js';
import { embedding, type GoStruct } from '../../kustomization/gotype.js';
import { setField, type YamlMap } from '../../yaml/values.js';
import {
  applyOptions,
  baseObject,
  decodePluginConfig,
  fileReader,
  generatedResource,
  mergeGeneratorOptions,
  yamlRoundTrip,
} from '../common.js';
import { encodeBase64Wrapped, validatedDataMap, valueBytes, valueText, type KvFileReader } from '../kv/index.js';
import type { FieldGenerator, GeneratorPlugin } from '../types.js';

/** Builds the ConfigMap of one generator entry (kustomize's MakeConfigMap). Throws BuildError. */
export function makeConfigMap(args: GeneratorArgs, read: KvFileReader): YamlMap {
  const obj = baseObject('ConfigMap', args.name, args.namespace);
  const pairs = validatedDataMap(args.name ?? '', args, read);
  const data: YamlMap = {};
  const binaryData: YamlMap = {};
  for (const p of pairs) {
    const text = valueText(p.value);
    if (text !== undefined) setField(data, p.key, text);
    else setField(binaryData, p.key, encodeBase64Wrapped(valueBytes(p.value)));
  }
  if (Object.keys(data).length > 0) setField(obj, 'data', data);
  if (Object.keys(binaryData).length > 0) setField(obj, 'binaryData', binaryData);
  applyOptions(obj, args.options);
  return obj;
}

/** The builtin plugin struct: `metadata` plus the inlined ConfigMapArgs. */
export const configMapPluginType: GoStruct<PluginConfig<GeneratorArgs>> = embedding(
  'ConfigMapGeneratorPlugin',
  { metadata: objectMetaType },
  { ConfigMapArgs: configMapArgsType },
);

/** A decoded generator plugin config: the args plus the plugin's `metadata`. */
export type PluginConfig<A extends GeneratorArgs> = A & { metadata?: { name?: string; namespace?: string } };

/**
 * Reads a plugin config like the plugin's Config: `metadata.name`/`namespace` stand in for empty
 * `name`/`namespace`; `env` is ignored (only the kustomization field folds it into `envs`).
 */
export function generatorArgsFromPlugin<A extends GeneratorArgs>(c: PluginConfig<A>): A {
  const { metadata, ...rest } = c;
  const args = { ...rest } as unknown as A;
  delete args.env;
  if (!args.name && metadata?.name) args.name = metadata.name;
  if (!args.namespace && metadata?.namespace) args.namespace = metadata.namespace;
  return args;
}

/** The generator entries of a kustomization field with the file's `generatorOptions` merged in. */
export function withGlobalOptions<A extends GeneratorArgs>(
  kind: string,
  entries: readonly A[] | undefined,
  k: Kustomization,
): A[] {
  return (entries ?? []).map((a) => {
    const options = mergeGeneratorOptions(a.options, k.generatorOptions);
    const out = { ...a };
    if (options) out.options = options;
    return yamlRoundTrip(kind, out);
  });
}

export const configMapGenerator: GeneratorPlugin<GeneratorArgs> = {
  kind: 'ConfigMapGenerator',
  configure: (raw) => generatorArgsFromPlugin(decodePluginConfig(raw, configMapPluginType)),
  generate: (args, kt) => [generatedResource(makeConfigMap(args, fileReader(kt)), args, kt)],
};

export const configMapGeneratorField: FieldGenerator<GeneratorArgs> = {
  plugin: configMapGenerator,
  fields: ['configMapGenerator', 'generatorOptions'],
  configs: (k) => withGlobalOptions('ConfigMapGenerator', k.configMapGenerator, k),
};

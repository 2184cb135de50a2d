/**
 * secret: kustomize's SecretGenerator (field `secretGenerator`, builtin plugin `SecretGenerator`; spec
 * §8.1–8.4). Each entry makes one Secret of `type` (default `Opaque`) with every value base64-encoded
 * into `data` (lines of 70 characters once the encoding reaches 70); options as for ConfigMaps.
 */
import type { SecretArgs } from '../../kustomization/types.js';
import { objectMetaType, secretArgsType } from '../../kustomization/schema.js';
import { embedding, type GoStruct } from '../../kustomization/gotype.js';
import { setField, type YamlMap } from '../../yaml/values.js';
import { applyOptions, baseObject, decodePluginConfig, fileReader, generatedResource } from '../common.js';
import { generatorArgsFromPlugin, withGlobalOptions, type PluginConfig } from '../configmap/index.js';
import { encodeBase64Wrapped, validatedDataMap, valueBytes, type KvFileReader } from '../kv/index.js';
import type { FieldGenerator, GeneratorPlugin } from '../types.js';

/** Builds the Secret of one generator entry (kustomize's MakeSecret). Throws BuildError. */
export function makeSecret(args: SecretArgs, read: KvFileReader): YamlMap {
  const obj = baseObject('Secret', args.name, args.namespace);
  setField(obj, 'type', args.type ? args.type : 'Opaque');
  const pairs = validatedDataMap(args.name ?? '', args, read);
  const data: YamlMap = {};
  for (const p of pairs) setField(data, p.key, encodeBase64Wrapped(valueBytes(p.value)));
  setField(obj, 'data', data);
  applyOptions(obj, args.options);
  return obj;
}

/** The builtin plugin struct: `metadata` plus the inlined SecretArgs. */
export const secretPluginType: GoStruct<PluginConfig<SecretArgs>> = embedding(
  'SecretGeneratorPlugin',
  { metadata: objectMetaType },
  { SecretArgs: secretArgsType },
);

export const secretGenerator: GeneratorPlugin<SecretArgs> = {
  kind: 'SecretGenerator',
  configure: (raw) => generatorArgsFromPlugin(decodePluginConfig(raw, secretPluginType)),
  generate: (args, kt) => [generatedResource(makeSecret(args, fileReader(kt)), args, kt)],
};

export const secretGeneratorField: FieldGenerator<SecretArgs> = {
  plugin: secretGenerator,
  fields: ['secretGenerator', 'generatorOptions'],
  configs: (k) => withGlobalOptions('SecretGenerator', k.secretGenerator, k),
};

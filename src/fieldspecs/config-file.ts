/**
 * Reading a `configurations:` file (spec §2.2 step 2): YAML with the keys namePrefix, nameSuffix,
 * namespace, commonLabels, labels, templateLabels, commonAnnotations, nameReference, varReference,
 * images, replicas, each a list of field specs (nameReference: a list of target GVKs with their
 * referrer field specs). Unknown keys are errors.
 */
import { BuildError } from '../diagnostics/error.js';
import { decodeGo, GoDecodeError, goString, listOf, struct, type GoStruct } from '../kustomization/gotype.js';
import { fieldSpecType } from '../kustomization/schema.js';
import { convertForStrings } from '../kustomization/plugin-decode.js';
import { parseYamlStream } from '../yaml/parse.js';
import { goQuote } from '../yaml/go-text.js';
import type { FieldSpec, NameBackReferences, TransformerConfig } from './types.js';
import { configFileKeys } from './types.js';

const nameBackRefType = struct('NameBackReferences', {
  group: goString,
  version: goString,
  kind: goString,
  fieldSpecs: listOf(fieldSpecType),
});

const configFileType: GoStruct<Record<string, unknown>> = struct('TransformerConfig', {
  namePrefix: listOf(fieldSpecType),
  nameSuffix: listOf(fieldSpecType),
  namespace: listOf(fieldSpecType),
  commonLabels: listOf(fieldSpecType),
  templateLabels: listOf(fieldSpecType),
  labels: listOf(fieldSpecType),
  commonAnnotations: listOf(fieldSpecType),
  nameReference: listOf(nameBackRefType),
  varReference: listOf(fieldSpecType),
  images: listOf(fieldSpecType),
  replicas: listOf(fieldSpecType),
});

/** Parses a configurations file into a partial transformer config. */
export function parseConfigurationFile(text: string, file: string): Partial<TransformerConfig> {
  const stream = parseYamlStream(text, { file, mode: 'yaml11', annotationsAsText: false, duplicateKeys: 'error' });
  const err = stream.errors[0];
  if (err?.code === 'yaml/duplicate-key') {
    // sigs.k8s.io/yaml.UnmarshalStrict: go-yaml v2 refuses a repeated key while converting to JSON.
    const key = /^mapping key (".*") already defined/.exec(err.message)?.[1] ?? '""';
    const line = err.range?.start.line ?? 0;
    const message = `error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${goQuote(JSON.parse(key) as string)} already set in map`;
    throw new BuildError('yaml/duplicate-key', message, { file, range: err.range });
  }
  if (err) throw new BuildError('yaml/syntax', err.message, { file, range: err.range });
  const doc = stream.documents[0];
  if (!doc) return {};
  let decoded: Record<string, unknown>;
  try {
    // sigs.k8s.io/yaml.UnmarshalStrict: numbers and booleans bound for a string field become text, the
    // JSON it fills the struct from has sorted keys.
    decoded = decodeGo(convertForStrings(doc.value, configFileType), configFileType, { sorted: true });
  } catch (e) {
    if (e instanceof GoDecodeError)
      throw new BuildError(
        'transformer/config',
        e.message.replace('json: ', 'error unmarshaling JSON: while decoding JSON: json: '),
        {
          file,
        },
      );
    throw e;
  }
  const out: Partial<TransformerConfig> = {};
  for (const [key, target] of Object.entries(configFileKeys)) {
    const v = decoded[key];
    if (v === undefined) continue;
    if (target === 'nameReference') out.nameReference = v as NameBackReferences[];
    else out[target] = v as FieldSpec[];
  }
  return out;
}

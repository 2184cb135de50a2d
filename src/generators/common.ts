/**
 * What the ConfigMap and Secret generators share (kustomize's api/internal/generators/utils.go and
 * resource factory): generator options merged with the kustomization's `generatorOptions`, the base
 * object, labels/annotations/immutable from the options, the resulting Resource with its hash mark and
 * behavior, and reading builtin plugin configs.
 */
import { BuildError } from '../diagnostics/error.js';
import type { GeneratorArgs, GeneratorOptions } from '../kustomization/types.js';
import { GoDecodeError, type GoStruct } from '../kustomization/gotype.js';
import { decodeSigsYaml } from '../kustomization/plugin-decode.js';
import { Resource, type GeneratorBehavior } from '../resources/resource.js';
import { getField, isMap, setField, type YamlMap } from '../yaml/values.js';
import { plainKeyIsNonString } from '../yaml/scalars.js';
import { NEEDS_HASH_ANNOTATION } from './hash.js';
import type { KustTarget } from '../target/types.js';
import type { KvFileReader } from './kv/index.js';

/**
 * kustomize's MergeGlobalOptionsIntoLocal (spec §8.4): labels and annotations of the kustomization's
 * `generatorOptions` are added where the generator's own options lack the key; `disableNameSuffixHash`
 * and `immutable` are OR-ed.
 */
export function mergeGeneratorOptions(
  local: GeneratorOptions | undefined,
  global: GeneratorOptions | undefined,
): GeneratorOptions | undefined {
  if (!global) return local;
  const out: GeneratorOptions = { ...(local ?? {}) };
  const mergeMap = (
    l: Record<string, string> | undefined,
    g: Record<string, string> | undefined,
  ): Record<string, string> | undefined => {
    if (!l) return g ? { ...g } : undefined;
    const m = { ...l };
    for (const k of Object.keys(g ?? {}))
      if (!Object.prototype.hasOwnProperty.call(m, k)) m[k] = (g as Record<string, string>)[k] as string;
    return m;
  };
  const labels = mergeMap(local?.labels, global.labels);
  const annotations = mergeMap(local?.annotations, global.annotations);
  if (labels) out.labels = labels;
  if (annotations) out.annotations = annotations;
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}

/**
 * kustomize hands the kustomization's generator args to the plugin as YAML made by sigs.k8s.io/yaml
 * (Go JSON read back by go-yaml v2, YAML 1.1). Strings survive that round trip except for characters Go's
 * JSON leaves raw that YAML 1.1 treats specially: DEL, C1 controls but NEL, U+FFFE and U+FFFF fail
 * (`builtin <kind> marshal: yaml: control characters are not allowed`), and a NEL is a line break inside
 * the double-quoted scalar, so it is folded (one NEL and the blanks around it → a space, n NELs → n-1
 * newlines).
 */
export function yamlRoundTrip<T>(kind: string, value: T): T {
  const fix = (s: string): string => {
    if (/[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/.test(s)) {
      throw new BuildError('generator/failed', `builtin ${kind} marshal: yaml: control characters are not allowed`);
    }
    if (!s.includes('\u0085')) return s;
    return s.replace(/[ \t]*(?:\u0085[ \t]*)+/g, (run) => {
      const n = run.split('\u0085').length - 1;
      return n === 1 ? ' ' : '\n'.repeat(n - 1);
    });
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v))
        Object.defineProperty(out, fix(k), { value: walk(x), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** kustomize's makeBaseNode: `apiVersion: v1`, the kind, `metadata.name` (required), the namespace. */
export function baseObject(
  kind: 'ConfigMap' | 'Secret',
  name: string | undefined,
  namespace: string | undefined,
): YamlMap {
  if (!name) throw new BuildError('generator/failed', 'a configmap must have a name');
  const metadata: YamlMap = {};
  setField(metadata, 'name', name);
  if (namespace) setField(metadata, 'namespace', namespace);
  return { apiVersion: 'v1', kind, metadata };
}

function stringMap(m: Record<string, string>): YamlMap {
  const out: YamlMap = {};
  for (const k of Object.keys(m).sort()) setField(out, k, m[k] as string);
  return out;
}

/** Labels, annotations (as strings) and `immutable: true` from the generator options. */
export function applyOptions(obj: YamlMap, options: GeneratorOptions | undefined): void {
  if (!options) return;
  const meta = obj.metadata as YamlMap;
  if (options.labels && Object.keys(options.labels).length > 0) setField(meta, 'labels', stringMap(options.labels));
  if (options.annotations && Object.keys(options.annotations).length > 0)
    setField(meta, 'annotations', stringMap(options.annotations));
  if (options.immutable) setField(obj, 'immutable', true);
}

/** kustomize's NewGenerationBehavior: unknown strings are "unspecified" (treated like create). */
export function generationBehavior(s: string | undefined): GeneratorBehavior {
  return s === 'create' || s === 'merge' || s === 'replace' ? s : 'unspecified';
}

/** kustomize's internal annotation holding a generated object's behavior until it is absorbed. */
export const BEHAVIOR_ANNOTATION = 'internal.config.kubernetes.io/generatorBehavior';

/**
 * Wraps a generated object (kustomize's resource factory makeOne). Like kustomize, the hash mark
 * (unless `disableNameSuffixHash`) and the behavior are internal annotations on the object, so they
 * travel with it through transformers and patches (a patch that replaces the annotations drops the hash,
 * as in kustomize) and are removed at output. The origin is the kustomization file; the build adds
 * `configuredIn`/`configuredBy` when origins are tracked.
 */
export function generatedResource(obj: YamlMap, args: GeneratorArgs, kt: KustTarget): Resource {
  const meta = obj.metadata as YamlMap;
  const ann: YamlMap = isMap(meta.annotations) ? meta.annotations : {};
  const behavior = generationBehavior(args.behavior);
  if (!args.options?.disableNameSuffixHash) setField(ann, NEEDS_HASH_ANNOTATION, 'enabled');
  setField(ann, BEHAVIOR_ANNOTATION, behavior);
  setField(meta, 'annotations', ann);
  const r = new Resource(obj, { file: kt.file }, kt.build.schema.isClusterScoped);
  r.behavior = behavior;
  noteNonStringDataKeys(r);
  return r;
}

/**
 * kyaml writes `data` and `binaryData` keys as untagged plain scalars (SetDataMap): a key that reads back
 * as a number, boolean, null or timestamp (`1`, `true`) makes kustomize fail when it writes the object.
 */
export function noteNonStringDataKeys(r: Resource): void {
  for (const field of ['data', 'binaryData']) {
    const m = getField(r.data, field);
    const key = isMap(m) ? Object.keys(m).find(plainKeyIsNonString) : undefined;
    if (key === undefined) continue;
    r.outputError ??= new BuildError(
      'yaml/unsupported-value',
      `json: unsupported type: map[interface {}]interface {} (the ${field} key ${JSON.stringify(key)} is read back as a non-string)`,
      { file: r.origin.file },
    );
    return;
  }
}

/** Reads generator files through the kustomization's loader (load restrictor applies; http(s) URLs are downloaded). */
export function fileReader(kt: KustTarget): KvFileReader {
  return (path: string) => kt.loader.read(path).bytes;
}

/**
 * Decodes a builtin plugin config document the way its Config method does (sigs.k8s.io/yaml into the
 * plugin struct: kustomization/plugin-decode.ts).
 */
export function decodePluginConfig<T>(raw: YamlMap, t: GoStruct<T>): T {
  try {
    return decodeSigsYaml(raw, t);
  } catch (err) {
    if (err instanceof GoDecodeError)
      throw new BuildError('transformer/config', `error unmarshaling JSON: while decoding JSON: ${err.message}`);
    throw err;
  }
}

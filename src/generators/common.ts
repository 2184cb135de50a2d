/**
 * What the ConfigMap and Secret generators share (kustomize's api/internal/generators/utils.go and
 * resource factory): generator options merged with the kustomization's `generatorOptions`, the base
 * object, labels/annotations/immutable from the options, the resulting Resource with its hash mark and
 * behavior, and reading builtin plugin configs.
 */
import { BuildError } from '../diagnostics/error.js';
import type { GeneratorArgs, GeneratorOptions } from '../kustomization/types.js';
import { decodeGo, GoDecodeError, type GoType } from '../kustomization/gotype.js';
import { Resource, type GeneratorBehavior } from '../resources/resource.js';
import { setField, type YamlMap } from '../yaml/values.js';
import type { KustTarget } from '../build/context.js';
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
  const mergeMap = (l: Record<string, string> | undefined, g: Record<string, string> | undefined): Record<string, string> | undefined => {
    if (!l) return g ? { ...g } : undefined;
    const m = { ...l };
    for (const k of Object.keys(g ?? {})) if (!Object.prototype.hasOwnProperty.call(m, k)) m[k] = (g as Record<string, string>)[k] as string;
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

/** kustomize's makeBaseNode: `apiVersion: v1`, the kind, `metadata.name` (required), the namespace. */
export function baseObject(kind: 'ConfigMap' | 'Secret', name: string | undefined, namespace: string | undefined): YamlMap {
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
  if (options.annotations && Object.keys(options.annotations).length > 0) setField(meta, 'annotations', stringMap(options.annotations));
  if (options.immutable) setField(obj, 'immutable', true);
}

/** kustomize's NewGenerationBehavior: unknown strings are "unspecified" (treated like create). */
export function generationBehavior(s: string | undefined): GeneratorBehavior {
  return s === 'create' || s === 'merge' || s === 'replace' ? s : 'unspecified';
}

/**
 * Wraps a generated object (kustomize's resource factory makeOne): marked for the hash suffix unless
 * `disableNameSuffixHash`, carrying its behavior. The origin is the kustomization file; the build adds
 * `configuredIn`/`configuredBy` when origins are tracked.
 */
export function generatedResource(obj: YamlMap, args: GeneratorArgs, kt: KustTarget): Resource {
  const r = new Resource(obj, { file: kt.file }, kt.build.schema.isClusterScoped);
  r.needsHash = !args.options?.disableNameSuffixHash;
  r.behavior = generationBehavior(args.behavior);
  return r;
}

/** Reads generator files through the kustomization's loader (load restrictor applies). */
export function fileReader(kt: KustTarget): KvFileReader {
  return (path: string) => {
    if (/^https?:\/\//.test(path)) {
      throw new BuildError('load/remote', `'${path}' is a remote file; kustomize-ts does not download`, { file: kt.file });
    }
    return kt.loader.read(path).bytes;
  };
}

/**
 * Decodes a builtin plugin config document the way its Config method does (sigs.k8s.io/yaml into the
 * plugin struct: unknown fields ignored, wrong types fail).
 */
export function decodePluginConfig<T>(raw: YamlMap, type: GoType): T {
  try {
    return decodeGo<T>(raw, type as Extract<GoType, { t: 'struct' }>, { allowUnknown: true });
  } catch (err) {
    if (err instanceof GoDecodeError) {
      throw new BuildError('transformer/config', `error unmarshaling JSON: while decoding JSON: ${err.message}`);
    }
    throw err;
  }
}

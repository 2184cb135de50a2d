/**
 * The last steps of a build (spec §2.1, §11.3, §12): local-config objects dropped, kustomize's internal
 * annotations removed, annotation values as strings, the origin and transformation annotations when
 * buildMetadata asks for them. (Sorting: transformers/sort-order.)
 */
import { HELM_GENERATED_ANNOTATION } from '../resources/annotations.js';
import { hasFeature, type KustomizeVersion } from '../kustomization/versions.js';
import type { Resource } from '../resources/resource.js';
import { EmitError, emitResource, formatNumber } from '../yaml/emit.js';
import { BuildError } from '../diagnostics/error.js';
import { idString } from '../resources/res-id.js';
import { getField, hasField, isMap, scalarString, setField, type YamlMap, type YamlValue } from '../yaml/values.js';
import {
  ORIGIN_ANNOTATION,
  originAnnotationText,
  TRANSFORMATIONS_ANNOTATION,
  transformationsAnnotationText,
} from './build-metadata.js';

/** Annotations kustomize always removes before output (in every version; see {@link buildAnnotations}). */
export const BUILD_ANNOTATIONS: ReadonlySet<string> = new Set([
  'config.kubernetes.io/path',
  'config.kubernetes.io/index',
  'config.k8s.io/id',
  'internal.config.kubernetes.io/path',
  'internal.config.kubernetes.io/index',
  'internal.config.kubernetes.io/id',
  'internal.config.kubernetes.io/seqindent',
  'internal.config.kubernetes.io/annotations-migration-resource-id',
  'internal.config.kubernetes.io/previousKinds',
  'internal.config.kubernetes.io/previousNames',
  'internal.config.kubernetes.io/previousNamespaces',
  'internal.config.kubernetes.io/prefixes',
  'internal.config.kubernetes.io/suffixes',
  'internal.config.kubernetes.io/refBy',
  'internal.config.kubernetes.io/generatorBehavior',
  'internal.config.kubernetes.io/needsHashSuffix',
  'internal.config.kubernetes.io/allowNameChange',
  'internal.config.kubernetes.io/allowKindChange',
]);

export { HELM_GENERATED_ANNOTATION };

const withHelmGenerated: ReadonlySet<string> = new Set([...BUILD_ANNOTATIONS, HELM_GENERATED_ANNOTATION]);

/** The build annotations of `version` (v5.8.0 added the helm-generated marker). */
export function buildAnnotations(version: KustomizeVersion): ReadonlySet<string> {
  return hasFeature(version, 'helmGeneratedAnnotation') ? withHelmGenerated : BUILD_ANNOTATIONS;
}

export { ORIGIN_ANNOTATION, TRANSFORMATIONS_ANNOTATION } from './build-metadata.js';
export const LOCAL_CONFIG_ANNOTATION = 'config.kubernetes.io/local-config';

/** Drops resources annotated `config.kubernetes.io/local-config` (any value but "false"). */
export function dropLocalConfig(resources: Resource[]): Resource[] {
  return resources.filter((r) => {
    const a = r.metaMap('annotations');
    if (!a || !hasField(a, LOCAL_CONFIG_ANNOTATION)) return true;
    return scalarString(getField(a, LOCAL_CONFIG_ANNOTATION)) === 'false';
  });
}

function annotationString(v: YamlValue): YamlValue {
  if (typeof v === 'string') return v;
  // A value JSON cannot encode (from an item of a List) stays, and the object fails when it is written.
  if (typeof v === 'number' && !Number.isFinite(v)) return v;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v);
  // kustomize reads annotations as node texts: a map or list value has none and becomes "".
  return '';
}

/** Applies the output-time annotation rules to a resource's data, in place. */
export function finalizeAnnotations(r: Resource, buildMetadata: readonly string[], version: KustomizeVersion): void {
  const build = buildAnnotations(version);
  const keepOrigin = buildMetadata.includes('originAnnotations');
  const keepTransformations = buildMetadata.includes('transformerAnnotations');
  // kustomize's resources always have a metadata map by output time (`metadata: {}` on a List kind
  // without items that was written without one).
  const meta = r.ensureMetadata();
  let ann = getField(meta, 'annotations');
  const put = (key: string, text: string | undefined): void => {
    if (text === undefined) return;
    if (!isMap(ann)) ann = {};
    setField(ann, key, text);
    setField(meta, 'annotations', ann);
  };
  if (keepOrigin) put(ORIGIN_ANNOTATION, originAnnotationText(r.origin));
  if (keepTransformations) put(TRANSFORMATIONS_ANNOTATION, transformationsAnnotationText(r.transformations));
  if (ann === null) {
    // kustomize reads a null annotations map as empty and removes it.
    delete meta.annotations;
    return;
  }
  if (!isMap(ann)) return;
  const out: YamlMap = {};
  for (const k of Object.keys(ann)) {
    if (build.has(k)) continue;
    if (k === ORIGIN_ANNOTATION && !keepOrigin) continue;
    if (k === TRANSFORMATIONS_ANNOTATION && !keepTransformations) continue;
    setField(out, k, annotationString(ann[k] as YamlValue));
  }
  if (Object.keys(out).length === 0) delete meta.annotations;
  else setField(meta, 'annotations', out);
}

/**
 * Serialises resources as kustomize prints them. Throws a BuildError (`yaml/unsupported-value`, at the
 * resource's origin) for a resource kustomize cannot write.
 */
export function resourcesToYaml(resources: readonly Resource[]): string {
  let out = '';
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i] as Resource;
    let text: string;
    try {
      text = emitResource(r.data);
    } catch (err) {
      if (!(err instanceof EmitError)) throw err;
      throw new BuildError('yaml/unsupported-value', `${idString(r.id())}: ${err.message}`, {
        file: r.origin.file,
        range: r.origin.range,
      });
    }
    out += i === 0 ? text : '---\n' + text;
  }
  return out;
}

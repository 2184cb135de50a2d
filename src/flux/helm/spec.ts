/**
 * The parts of a HelmRelease (`helm.toolkit.fluxcd.io` v2, v2beta2, v2beta1) that decide what it installs:
 * release name and namespace, values and `valuesFrom`, post-renderers, common metadata, the CRD policy
 * and schema validation, read as helm-controller reads them.
 */
import { getField, isMap, optionalScalarString, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { field, objectMeta, strField } from '../model.js';
import { helmReleaseName } from './release-name.js';

/** One `spec.valuesFrom` entry, with helm-controller's defaults. */
export interface ValuesReference {
  kind: string;
  name: string;
  /** Default `values.yaml`. */
  valuesKey: string;
  /** Where the whole value goes (`a.b[0].c`), instead of merging it as a YAML map. */
  targetPath?: string;
  optional: boolean;
  /** With `targetPath`: the value is set as a literal string (no strvals parsing). */
  literal: boolean;
}

/** `install.crds`: which CRDs of the chart's crds/ folder are applied. */
export type CrdPolicy = 'Skip' | 'Create' | 'CreateReplace';

/** What a HelmRelease installs, apart from its chart. */
export interface HelmReleaseSpec {
  name: string;
  namespace: string;
  /** The release name Helm gets: `spec.releaseName` or `[targetNamespace-]name`, shortened above 53 characters. */
  releaseName: string;
  /** `spec.targetNamespace` or the HelmRelease's namespace. */
  releaseNamespace: string;
  values: YamlMap;
  valuesFrom: ValuesReference[];
  /** `spec.postRenderers[].kustomize`, as written (patches, images, and the v2beta1 legacy patch fields). */
  postRenderers: YamlMap[];
  commonMetadata?: { labels: Record<string, string>; annotations: Record<string, string> };
  crds: CrdPolicy;
  skipSchemaValidation: boolean;
  suspended: boolean;
}

function stringMap(v: YamlValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(v)) return out;
  for (const k of Object.keys(v)) {
    const s = optionalScalarString(getField(v, k));
    if (s !== undefined) Object.defineProperty(out, k, { value: s, enumerable: true, writable: true });
  }
  return out;
}

function readValuesFrom(spec: YamlValue | undefined): ValuesReference[] {
  const out: ValuesReference[] = [];
  const refs = field(spec, 'valuesFrom');
  if (!Array.isArray(refs)) return out;
  for (const r of refs) {
    const ref: ValuesReference = {
      kind: strField(r, 'kind') ?? '',
      name: strField(r, 'name') ?? '',
      valuesKey: strField(r, 'valuesKey') || 'values.yaml',
      optional: field(r, 'optional') === true,
      literal: field(r, 'literal') === true,
    };
    const target = strField(r, 'targetPath');
    if (target) ref.targetPath = target;
    out.push(ref);
  }
  return out;
}

/** `install.crds`, or `Skip` for the deprecated `install.skipCRDs: true`; default `Create`. */
function crdPolicy(spec: YamlValue | undefined): CrdPolicy {
  const p = strField(spec, 'install', 'crds');
  if (p === 'Skip' || p === 'Create' || p === 'CreateReplace') return p;
  return field(spec, 'install', 'skipCRDs') === true ? 'Skip' : 'Create';
}

/** Reads the release settings of a HelmRelease object. */
export function readHelmReleaseSpec(obj: YamlMap): HelmReleaseSpec {
  const m = objectMeta(obj);
  const spec = field(obj, 'spec');
  const target = strField(spec, 'targetNamespace') ?? '';
  const values = field(spec, 'values');
  const post = field(spec, 'postRenderers');
  const out: HelmReleaseSpec = {
    name: m.name,
    namespace: m.namespace,
    releaseName: helmReleaseName(m.name, target, strField(spec, 'releaseName') ?? ''),
    releaseNamespace: target || m.namespace,
    values: isMap(values) ? values : {},
    valuesFrom: readValuesFrom(spec),
    postRenderers: (Array.isArray(post) ? post : []).map((p) => field(p, 'kustomize')).filter(isMap),
    crds: crdPolicy(spec),
    skipSchemaValidation: field(spec, 'install', 'disableSchemaValidation') === true,
    suspended: field(spec, 'suspend') === true,
  };
  const cm = field(spec, 'commonMetadata');
  if (isMap(cm))
    out.commonMetadata = {
      labels: stringMap(getField(cm, 'labels')),
      annotations: stringMap(getField(cm, 'annotations')),
    };
  return out;
}

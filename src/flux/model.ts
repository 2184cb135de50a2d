/**
 * The Flux object model a renderer needs: recognising Flux objects among rendered resources, and reading
 * a Flux `Kustomization` (v1, plus the removed v1beta2/v1beta1 with a deprecation diagnostic) into a typed
 * spec with kustomize-controller's defaults (timeout, retryInterval, deletionPolicy, namespace defaulting
 * of `sourceRef` and `dependsOn`). Sources (`GitRepository`, `OCIRepository`, `Bucket`,
 * `ExternalArtifact`), `HelmRepository`, `HelmRelease` and the Flux Operator's `FluxInstance` are read too.
 */
import type { Selector } from '../kustomization/types.js';
import type { LineCounter, Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { locateKey } from '../yaml/locate.js';
import { getField, isMap, optionalScalarString, type YamlMap, type YamlValue } from '../yaml/values.js';

export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const FLUX_HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const FLUX_OPERATOR_GROUP = 'fluxcd.controlplane.io';

/** Where an object was read from, to put positions on diagnostics. */
export interface ObjectLocation {
  /** Absolute path of the file the object came from. */
  file?: string;
  /** The document node, when the object was parsed from that file. */
  node?: YamlNode;
  lineCounter?: LineCounter;
}

/** Range of a field of an object, when its location is known. */
export function locateField(where: ObjectLocation | undefined, path: readonly (string | number)[]): Range | undefined {
  if (!where?.node || !where.lineCounter) return undefined;
  return locateKey(where.node, path.map(String), where.lineCounter);
}

/** Builds a diagnostic on a field of an object. */
export function fieldDiagnostic(
  code: string,
  severity: Diagnostic['severity'],
  message: string,
  where: ObjectLocation | undefined,
  path: readonly (string | number)[] = [],
): Diagnostic {
  return diagnostic(code, severity, message, {
    file: where?.file,
    range: locateField(where, path),
    path: path.length ? '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/') : undefined,
    source: 'flux',
  });
}

// ---------------------------------------------------------------------------------------------
// Small readers

function field(m: YamlValue | undefined, ...path: string[]): YamlValue | undefined {
  let cur: YamlValue | undefined = m;
  for (const p of path) {
    if (!isMap(cur)) return undefined;
    cur = getField(cur, p);
  }
  return cur;
}

function strField(m: YamlValue | undefined, ...path: string[]): string | undefined {
  return optionalScalarString(field(m, ...path));
}

function boolField(m: YamlValue | undefined, ...path: string[]): boolean | undefined {
  const v = field(m, ...path);
  return typeof v === 'boolean' ? v : undefined;
}

function stringMap(v: YamlValue | undefined): Record<string, string> | undefined {
  if (!isMap(v)) return undefined;
  const out: Record<string, string> = {};
  for (const k of Object.keys(v)) {
    const s = optionalScalarString(getField(v, k));
    if (s !== undefined)
      Object.defineProperty(out, k, { value: s, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function list(v: YamlValue | undefined): YamlValue[] {
  return Array.isArray(v) ? v : [];
}

/** Group of an apiVersion (`kustomize.toolkit.fluxcd.io/v1` → `kustomize.toolkit.fluxcd.io`). */
export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** Name, namespace, apiVersion and kind of an object (empty strings when absent). */
export function objectMeta(obj: YamlMap): { apiVersion: string; kind: string; name: string; namespace: string } {
  return {
    apiVersion: strField(obj, 'apiVersion') ?? '',
    kind: strField(obj, 'kind') ?? '',
    name: strField(obj, 'metadata', 'name') ?? '',
    namespace: strField(obj, 'metadata', 'namespace') ?? '',
  };
}

/** True for a Flux `Kustomization` (any version of `kustomize.toolkit.fluxcd.io`), not kustomize's own. */
export function isFluxKustomization(obj: YamlMap): boolean {
  const m = objectMeta(obj);
  return m.kind === 'Kustomization' && groupOf(m.apiVersion) === FLUX_KUSTOMIZE_GROUP;
}

/** The kinds of Flux sources a Kustomization can build from. */
export type FluxSourceKind = 'GitRepository' | 'OCIRepository' | 'Bucket' | 'ExternalArtifact';

/** What kind of Flux object this is, or undefined. */
export function fluxKindOf(
  obj: YamlMap,
):
  | 'Kustomization'
  | FluxSourceKind
  | 'HelmRepository'
  | 'HelmChart'
  | 'HelmRelease'
  | 'FluxInstance'
  | 'ArtifactGenerator'
  | undefined {
  const m = objectMeta(obj);
  const g = groupOf(m.apiVersion);
  if (g === FLUX_KUSTOMIZE_GROUP && m.kind === 'Kustomization') return 'Kustomization';
  if (g === FLUX_SOURCE_GROUP) {
    if (
      m.kind === 'GitRepository' ||
      m.kind === 'OCIRepository' ||
      m.kind === 'Bucket' ||
      m.kind === 'ExternalArtifact' ||
      m.kind === 'HelmRepository' ||
      m.kind === 'HelmChart'
    ) {
      return m.kind;
    }
    if (m.kind === 'ArtifactGenerator') return 'ArtifactGenerator';
  }
  if (g === 'source.extensions.fluxcd.io' && m.kind === 'ArtifactGenerator') return 'ArtifactGenerator';
  if (g === FLUX_HELM_GROUP && m.kind === 'HelmRelease') return 'HelmRelease';
  if (g === FLUX_OPERATOR_GROUP && m.kind === 'FluxInstance') return 'FluxInstance';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Durations

const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go duration string as the Flux CRDs accept it (`1h30m`, `90s`, `500ms`); undefined if invalid. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g))
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  return total;
}

/** Formats milliseconds as Go's time.Duration.String() does (`1h0m0s`, `9m30s`, `500ms`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let out = '';
  const h = Math.floor(ms / 3_600_000);
  let rest = ms - h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  if (h > 0) out += `${h}h`;
  if (h > 0 || m > 0) out += `${m}m`;
  out += `${Number.isInteger(s) ? s : String(s)}s`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Flux Kustomization

/** A reference to the source a Kustomization builds from. `namespace` is defaulted. */
export interface FluxSourceRef {
  apiVersion?: string;
  kind: string;
  name: string;
  /** The namespace, defaulted to the Kustomization's own. */
  namespace: string;
}

/** A `dependsOn` entry, namespace-defaulted. */
export interface FluxDependency {
  name: string;
  /** Defaulted to the dependent's namespace. */
  namespace: string;
  readyExpr?: string;
}

/** A patch selector: kustomize's Selector, which Flux passes through. */
export type FluxSelector = Selector;

export interface FluxPatch {
  patch: string;
  target?: FluxSelector;
}

export interface FluxImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface FluxSubstituteReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  optional: boolean;
}

export interface FluxPostBuild {
  substitute: Record<string, string>;
  substituteFrom: FluxSubstituteReference[];
  /** `WithVariables` (default) or `Always`. */
  substituteStrategy: 'WithVariables' | 'Always';
}

/** A Flux Kustomization with the controller's defaults applied. */
export interface FluxKustomization {
  apiVersion: string;
  name: string;
  namespace: string;
  sourceRef: FluxSourceRef;
  /** `spec.path` as written ("" = the artifact root). */
  path: string;
  /** Durations are normalised as the API server stores them (Go's format: `10m0s`, `1h0m0s`). */
  interval?: string;
  /** Default: `interval`. */
  retryInterval?: string;
  /** Default: `interval` − 30s, at least 30s. */
  timeout: string;
  /** Required by the CRD; undefined when absent. */
  prune?: boolean;
  wait: boolean;
  suspend: boolean;
  force: boolean;
  /** Default `MirrorPrune`. */
  deletionPolicy: string;
  targetNamespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  patches: FluxPatch[];
  /** v1beta*: raw strategic-merge patches. */
  patchesStrategicMerge: YamlValue[];
  /** v1beta*: JSON 6902 patches (`patch` is the list of operations). */
  patchesJson6902: { target: FluxSelector; patch: YamlValue }[];
  images: FluxImage[];
  components: string[];
  ignoreMissingComponents: boolean;
  commonMetadata?: { labels: Record<string, string>; annotations: Record<string, string> };
  postBuild?: FluxPostBuild;
  decryption?: { provider: string; secretRef?: string };
  serviceAccountName?: string;
  kubeConfig?: YamlMap;
  dependsOn: FluxDependency[];
  healthChecks: { apiVersion?: string; kind: string; name: string; namespace?: string }[];
  buildMetadata?: string[];
  /** The object as rendered. */
  object: YamlMap;
}

function selector(v: YamlValue | undefined): FluxSelector | undefined {
  if (!isMap(v)) return undefined;
  const out: FluxSelector = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const s = strField(v, k);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/**
 * Reads a Flux Kustomization object. Diagnostics: `flux/deprecated-api` for v1beta1/v1beta2,
 * `flux/invalid-kustomization` for missing or malformed required fields (`sourceRef`, `interval`,
 * durations, `components`), `flux/missing-namespace` when the object has no namespace (then `default`
 * is assumed, as kubectl would; the controller's apply would fail).
 */
export function readFluxKustomization(
  obj: YamlMap,
  where?: ObjectLocation,
): { kustomization: FluxKustomization; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const meta = objectMeta(obj);
  const spec = field(obj, 'spec');
  const version = meta.apiVersion.slice(meta.apiVersion.indexOf('/') + 1);
  const id = `${meta.namespace || '(no namespace)'}/${meta.name}`;
  if (version === 'v1beta1' || version === 'v1beta2') {
    diags.push(
      fieldDiagnostic(
        'flux/deprecated-api',
        'warning',
        `Kustomization ${id} uses ${meta.apiVersion}, removed from the CRD in Flux ${version === 'v1beta1' ? '2.7' : '2.8'}; use ${FLUX_KUSTOMIZE_GROUP}/v1`,
        where,
        ['apiVersion'],
      ),
    );
  }
  let namespace = meta.namespace;
  if (namespace === '') {
    diags.push(
      fieldDiagnostic(
        'flux/missing-namespace',
        'error',
        `Kustomization ${meta.name} has no metadata.namespace after rendering (the controller does not default it; assuming "default")`,
        where,
        ['metadata'],
      ),
    );
    namespace = 'default';
  }
  const invalid = (message: string, path: (string | number)[]): void => {
    diags.push(
      fieldDiagnostic(
        'flux/invalid-kustomization',
        'error',
        `Kustomization ${namespace}/${meta.name}: ${message}`,
        where,
        path,
      ),
    );
  };

  const src = field(spec, 'sourceRef');
  const sourceRef: FluxSourceRef = {
    kind: strField(src, 'kind') ?? '',
    name: strField(src, 'name') ?? '',
    namespace: strField(src, 'namespace') || namespace,
  };
  const srcApi = strField(src, 'apiVersion');
  if (srcApi) sourceRef.apiVersion = srcApi;
  if (!isMap(src)) invalid('spec.sourceRef is required', ['spec']);
  else {
    if (!sourceRef.kind) invalid('spec.sourceRef.kind is required', ['spec', 'sourceRef']);
    else if (!['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'].includes(sourceRef.kind)) {
      invalid(
        `spec.sourceRef.kind "${sourceRef.kind}" is not one of GitRepository, OCIRepository, Bucket, ExternalArtifact`,
        ['spec', 'sourceRef', 'kind'],
      );
    }
    if (!sourceRef.name) invalid('spec.sourceRef.name is required', ['spec', 'sourceRef']);
  }

  const duration = (key: string): string | undefined => {
    const v = strField(spec, key);
    if (v === undefined) return undefined;
    if (parseDuration(v) === undefined) {
      invalid(`spec.${key} "${v}" is not a valid duration (Go duration: e.g. 10m, 1h30m)`, ['spec', key]);
      return undefined;
    }
    return v;
  };
  const interval = duration('interval');
  if (strField(spec, 'interval') === undefined) invalid('spec.interval is required', ['spec']);
  const retry = duration('retryInterval');
  const timeoutRaw = duration('timeout');
  const intervalMs = interval !== undefined ? (parseDuration(interval) as number) : 0;
  let timeoutMs = timeoutRaw !== undefined ? (parseDuration(timeoutRaw) as number) : intervalMs - 30_000;
  if (timeoutMs < 30_000) timeoutMs = 30_000;

  const ks: FluxKustomization = {
    apiVersion: meta.apiVersion,
    name: meta.name,
    namespace,
    sourceRef,
    path: strField(spec, 'path') ?? '',
    timeout: formatDuration(timeoutMs),
    wait: boolField(spec, 'wait') ?? false,
    suspend: boolField(spec, 'suspend') ?? false,
    force: boolField(spec, 'force') ?? false,
    deletionPolicy: strField(spec, 'deletionPolicy') || 'MirrorPrune',
    patches: [],
    patchesStrategicMerge: [],
    patchesJson6902: [],
    images: [],
    components: [],
    ignoreMissingComponents: boolField(spec, 'ignoreMissingComponents') ?? false,
    dependsOn: [],
    healthChecks: [],
    object: obj,
  };
  if (interval !== undefined) ks.interval = formatDuration(intervalMs);
  const retryInterval = retry ?? interval;
  if (retryInterval !== undefined) ks.retryInterval = formatDuration(parseDuration(retryInterval) as number);
  const prune = boolField(spec, 'prune');
  if (prune !== undefined) ks.prune = prune;
  for (const k of ['targetNamespace', 'namePrefix', 'nameSuffix', 'serviceAccountName'] as const) {
    const v = strField(spec, k);
    if (v !== undefined && v !== '') ks[k] = v;
  }

  list(field(spec, 'patches')).forEach((p, i) => {
    const patch = strField(p, 'patch');
    if (patch === undefined) {
      invalid(`spec.patches[${i}].patch is required`, ['spec', 'patches', i]);
      return;
    }
    const fp: FluxPatch = { patch };
    const t = selector(field(p, 'target'));
    if (t) fp.target = t;
    ks.patches.push(fp);
  });
  for (const p of list(field(spec, 'patchesStrategicMerge'))) ks.patchesStrategicMerge.push(p);
  list(field(spec, 'patchesJson6902')).forEach((p) => {
    ks.patchesJson6902.push({ target: selector(field(p, 'target')) ?? {}, patch: field(p, 'patch') ?? [] });
  });
  list(field(spec, 'images')).forEach((im, i) => {
    const name = strField(im, 'name');
    if (!name) {
      invalid(`spec.images[${i}].name is required`, ['spec', 'images', i]);
      return;
    }
    const img: FluxImage = { name };
    for (const k of ['newName', 'newTag', 'digest'] as const) {
      const v = strField(im, k);
      if (v) img[k] = v;
    }
    ks.images.push(img);
  });
  list(field(spec, 'components')).forEach((c, i) => {
    const s = optionalScalarString(c);
    if (s === undefined) invalid(`spec.components[${i}] must be a string`, ['spec', 'components', i]);
    else ks.components.push(s);
  });
  const cm = field(spec, 'commonMetadata');
  if (isMap(cm))
    ks.commonMetadata = {
      labels: stringMap(field(cm, 'labels')) ?? {},
      annotations: stringMap(field(cm, 'annotations')) ?? {},
    };

  const pb = field(spec, 'postBuild');
  if (isMap(pb)) {
    const post: FluxPostBuild = { substitute: {}, substituteFrom: [], substituteStrategy: 'WithVariables' };
    const sub = field(pb, 'substitute');
    if (isMap(sub)) {
      for (const k of Object.keys(sub)) {
        const v = getField(sub, k);
        const s = optionalScalarString(v === null ? '' : v);
        if (s === undefined)
          invalid(`spec.postBuild.substitute.${k} must be a string`, ['spec', 'postBuild', 'substitute', k]);
        else
          Object.defineProperty(post.substitute, k, { value: s, enumerable: true, writable: true, configurable: true });
      }
    }
    list(field(pb, 'substituteFrom')).forEach((r, i) => {
      const kind = strField(r, 'kind');
      const name = strField(r, 'name');
      if ((kind !== 'ConfigMap' && kind !== 'Secret') || !name) {
        invalid(`spec.postBuild.substituteFrom[${i}] needs kind ConfigMap or Secret and a name`, [
          'spec',
          'postBuild',
          'substituteFrom',
          i,
        ]);
        return;
      }
      post.substituteFrom.push({ kind, name, optional: boolField(r, 'optional') ?? false });
    });
    const strategy = strField(pb, 'substituteStrategy');
    if (strategy === 'Always') post.substituteStrategy = 'Always';
    else if (strategy !== undefined && strategy !== '' && strategy !== 'WithVariables') {
      invalid(`spec.postBuild.substituteStrategy "${strategy}" is not one of WithVariables, Always`, [
        'spec',
        'postBuild',
        'substituteStrategy',
      ]);
    }
    ks.postBuild = post;
  }
  const dec = field(spec, 'decryption');
  if (isMap(dec)) {
    ks.decryption = { provider: strField(dec, 'provider') ?? '' };
    const sr = strField(dec, 'secretRef', 'name');
    if (sr) ks.decryption.secretRef = sr;
  }
  const kc = field(spec, 'kubeConfig');
  if (isMap(kc)) ks.kubeConfig = kc;
  list(field(spec, 'dependsOn')).forEach((d, i) => {
    const name = strField(d, 'name');
    if (!name) {
      invalid(`spec.dependsOn[${i}].name is required`, ['spec', 'dependsOn', i]);
      return;
    }
    const dep: FluxDependency = { name, namespace: strField(d, 'namespace') || namespace };
    const re = strField(d, 'readyExpr');
    if (re) dep.readyExpr = re;
    ks.dependsOn.push(dep);
  });
  list(field(spec, 'healthChecks')).forEach((h) => {
    const kind = strField(h, 'kind');
    const name = strField(h, 'name');
    if (!kind || !name) return;
    const hc: FluxKustomization['healthChecks'][number] = { kind, name };
    const av = strField(h, 'apiVersion');
    if (av) hc.apiVersion = av;
    const ns = strField(h, 'namespace');
    if (ns) hc.namespace = ns;
    ks.healthChecks.push(hc);
  });
  const bm = field(spec, 'buildMetadata');
  if (Array.isArray(bm)) ks.buildMetadata = bm.map((x) => optionalScalarString(x) ?? '').filter((x) => x !== '');
  return { kustomization: ks, diagnostics: diags };
}

// ---------------------------------------------------------------------------------------------
// Sources, Helm, FluxInstance

/** A Flux source object (GitRepository, OCIRepository, Bucket, ExternalArtifact). */
export interface FluxSource {
  kind: FluxSourceKind;
  name: string;
  namespace: string;
  url?: string;
  /**
   * The effective ref, as the controller resolves it: GitRepository `commit` > `name` > `semver` > `tag`
   * > `branch` (no ref: branch `master`); OCIRepository `digest` > `semver` > `tag` (no ref: tag `latest`).
   */
  ref?: { type: string; value: string };
  object: YamlMap;
}

/** Reads a source object; undefined when it is not one. */
export function readFluxSource(obj: YamlMap): FluxSource | undefined {
  const kind = fluxKindOf(obj);
  if (kind !== 'GitRepository' && kind !== 'OCIRepository' && kind !== 'Bucket' && kind !== 'ExternalArtifact')
    return undefined;
  const m = objectMeta(obj);
  const src: FluxSource = { kind, name: m.name, namespace: m.namespace, object: obj };
  const url = strField(obj, 'spec', 'url') ?? strField(obj, 'spec', 'endpoint');
  if (url) src.url = url;
  const ref = field(obj, 'spec', 'ref');
  if (kind === 'GitRepository') {
    const order = ['commit', 'name', 'semver', 'tag', 'branch'];
    const hit = order.find((k) => strField(ref, k));
    src.ref = hit ? { type: hit, value: strField(ref, hit) as string } : { type: 'branch', value: 'master' };
  } else if (kind === 'OCIRepository') {
    const order = ['digest', 'semver', 'tag'];
    const hit = order.find((k) => strField(ref, k));
    src.ref = hit ? { type: hit, value: strField(ref, hit) as string } : { type: 'tag', value: 'latest' };
  }
  return src;
}

/** A HelmRelease, as far as a renderer needs it (charts are never rendered). */
export interface FluxHelmRelease {
  name: string;
  namespace: string;
  /** `spec.chart.spec`: chart name, version range (default `*`) and source. */
  chart?: { chart: string; version: string; sourceRef: { kind: string; name: string; namespace: string } };
  /** `spec.chartRef`. */
  chartRef?: { kind: string; name: string; namespace: string };
  /** Default: the HelmRelease namespace. */
  targetNamespace: string;
  /** Default: `[<targetNamespace>-]<name>`. */
  releaseName: string;
  dependsOn: FluxDependency[];
  object: YamlMap;
}

/** Reads a HelmRelease (any version of helm.toolkit.fluxcd.io); undefined when it is not one. */
export function readHelmRelease(obj: YamlMap): FluxHelmRelease | undefined {
  if (fluxKindOf(obj) !== 'HelmRelease') return undefined;
  const m = objectMeta(obj);
  const ns = m.namespace;
  const target = strField(obj, 'spec', 'targetNamespace');
  const hr: FluxHelmRelease = {
    name: m.name,
    namespace: ns,
    targetNamespace: target || ns,
    releaseName: strField(obj, 'spec', 'releaseName') || (target ? `${target}-${m.name}` : m.name),
    dependsOn: list(field(obj, 'spec', 'dependsOn'))
      .map((d) => ({ name: strField(d, 'name') ?? '', namespace: strField(d, 'namespace') || ns }))
      .filter((d) => d.name !== ''),
    object: obj,
  };
  const c = field(obj, 'spec', 'chart', 'spec');
  if (isMap(c)) {
    hr.chart = {
      chart: strField(c, 'chart') ?? '',
      version: strField(c, 'version') || '*',
      sourceRef: {
        kind: strField(c, 'sourceRef', 'kind') ?? '',
        name: strField(c, 'sourceRef', 'name') ?? '',
        namespace: strField(c, 'sourceRef', 'namespace') || ns,
      },
    };
  }
  const cr = field(obj, 'spec', 'chartRef');
  if (isMap(cr))
    hr.chartRef = {
      kind: strField(cr, 'kind') ?? '',
      name: strField(cr, 'name') ?? '',
      namespace: strField(cr, 'namespace') || ns,
    };
  return hr;
}

/** A HelmRepository. */
export interface FluxHelmRepository {
  name: string;
  namespace: string;
  url: string;
  /** `default` (HTTP index) or `oci`. */
  type: string;
}

export function readHelmRepository(obj: YamlMap): FluxHelmRepository | undefined {
  if (fluxKindOf(obj) !== 'HelmRepository') return undefined;
  const m = objectMeta(obj);
  return {
    name: m.name,
    namespace: m.namespace,
    url: strField(obj, 'spec', 'url') ?? '',
    type: strField(obj, 'spec', 'type') || 'default',
  };
}

/** The sync settings of a Flux Operator `FluxInstance`: the entry point of a cluster. */
export interface FluxInstanceSync {
  /** The FluxInstance's namespace (where it creates the source and the Kustomization). */
  namespace: string;
  /** Name of the source and Kustomization it creates (default: the namespace, `flux-system`). */
  name: string;
  kind: string;
  url?: string;
  ref?: string;
  /** `sync.path` (relative to the artifact root). */
  path: string;
  /** `kustomize.patches` of the instance: they also patch the sync Kustomization it generates. */
  patches: YamlValue[];
}

/**
 * Reads the sync settings of a FluxInstance (`spec.sync`), of a HelmRelease installing the
 * `flux-instance` chart (`spec.values.instance.sync`), or of that chart's values file (`instance.sync`).
 * Undefined when none applies.
 */
export function readFluxInstanceSync(obj: YamlMap): FluxInstanceSync | undefined {
  const kind = fluxKindOf(obj);
  let spec: YamlValue | undefined;
  if (kind === 'FluxInstance') spec = field(obj, 'spec');
  else if (kind === 'HelmRelease') {
    const chart = strField(obj, 'spec', 'chart', 'spec', 'chart') ?? strField(obj, 'spec', 'chartRef', 'name') ?? '';
    if (!chart.includes('flux-instance')) return undefined;
    spec = field(obj, 'spec', 'values', 'instance');
  } else if (kind === undefined && isMap(field(obj, 'instance')) && strField(obj, 'kind') === undefined) {
    spec = field(obj, 'instance');
  }
  const sync = field(spec, 'sync');
  if (!isMap(sync)) return undefined;
  const path = strField(sync, 'path');
  if (path === undefined) return undefined;
  const m = objectMeta(obj);
  const namespace =
    (kind === 'HelmRelease' ? strField(obj, 'spec', 'targetNamespace') : undefined) || m.namespace || 'flux-system';
  const out: FluxInstanceSync = {
    namespace,
    name: strField(sync, 'name') || namespace,
    kind: strField(sync, 'kind') || 'GitRepository',
    path,
    patches: list(field(spec, 'kustomize', 'patches')),
  };
  const url = strField(sync, 'url');
  if (url) out.url = url;
  const ref = strField(sync, 'ref');
  if (ref) out.ref = ref;
  return out;
}

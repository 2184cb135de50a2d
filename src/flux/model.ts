/**
 * The Flux object model a renderer needs: recognising Flux objects among rendered resources, and reading
 * a Flux `Kustomization` (v1, plus the removed v1beta2/v1beta1 with a deprecation diagnostic) into a typed
 * spec with kustomize-controller's defaults (timeout, retryInterval, deletionPolicy, namespace defaulting
 * of `sourceRef` and `dependsOn`). Sources (`GitRepository`, `OCIRepository`, `Bucket`,
 * `ExternalArtifact`), `HelmRepository`, `HelmRelease` and the Flux Operator's `FluxInstance` are read too.
 */
import type { Selector } from '../kustomization/types.js';
import type { AstNode, LineIndex } from '../yaml/ast.js';
import type { FieldOrigin } from '../resources/origin.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { diagnostic, type Diagnostic, type Range } from '../diagnostics/diagnostic.js';
import { locateKey } from '../yaml/locate.js';
import { getField, isMap, optionalScalarString, type YamlMap, type YamlValue } from '../yaml/values.js';
import { toPointer } from '../yaml/pointer.js';
import { helmReleaseName } from './helm/release-name.js';

export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const FLUX_HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const FLUX_OPERATOR_GROUP = 'fluxcd.controlplane.io';

/** Where an object was read from, to put positions on diagnostics. */
export interface ObjectLocation {
  /** Absolute path of the file the object came from. */
  file?: string;
  /** The document node, when the object was parsed from that file. */
  node?: AstNode;
  lineCounter?: LineIndex;
  /**
   * Fields of the object a patch of its parent wrote, by JSON pointer (a rendered Flux Kustomization's
   * `spec.patches` added by the Kustomization that applies it): where they were set, as the source
   * document does not have them.
   */
  fieldOrigins?: ReadonlyMap<string, FieldOrigin>;
}

/** Range of a field of an object, when its location is known. */
export function locateField(where: ObjectLocation | undefined, path: readonly (string | number)[]): Range | undefined {
  if (!where?.node || !where.lineCounter) return undefined;
  return locateKey(where.node, path.map(String), where.lineCounter);
}

/** Builds a diagnostic on a field of an object. */
export function fieldDiagnostic(
  code: DiagnosticCode,
  severity: Diagnostic['severity'],
  message: string,
  where: ObjectLocation | undefined,
  path: readonly (string | number)[] = [],
): Diagnostic {
  return diagnostic(code, severity, message, {
    file: where?.file,
    range: locateField(where, path),
    path: path.length ? toPointer(path) : undefined,
    source: 'flux',
  });
}

// ---------------------------------------------------------------------------------------------
// Small readers

/** The value at `path` of nested maps, or undefined. */
export function field(m: YamlValue | undefined, ...path: string[]): YamlValue | undefined {
  let cur: YamlValue | undefined = m;
  for (const p of path) {
    if (!isMap(cur)) return undefined;
    cur = getField(cur, p);
  }
  return cur;
}

/** The scalar at `path` of nested maps as a string, or undefined. */
export function strField(m: YamlValue | undefined, ...path: string[]): string | undefined {
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

/** One entry of a Flux Kustomization's `spec.patches`: a patch text and the objects it targets. */
export interface FluxPatch {
  patch: string;
  target?: FluxSelector;
}

/** One entry of a Flux Kustomization's `spec.images` (kustomize's `images` field). */
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

/** A Flux Kustomization's `spec.postBuild`: the variables substituted into its output and where they come from. */
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

/** The `spec` of a Flux Kustomization being read, and where its problems go. */
interface SpecReader {
  spec: YamlValue | undefined;
  /** The Kustomization's namespace (`default` when absent): the default of `sourceRef` and `dependsOn`. */
  namespace: string;
  /** Reports a missing or malformed field (`flux/invalid-kustomization`). */
  invalid(message: string, path: (string | number)[]): void;
}

/** The entries of a list that `read` accepts, in order (`read` reports and drops the malformed ones). */
function readEntries<T>(v: YamlValue | undefined, read: (entry: YamlValue, index: number) => T | undefined): T[] {
  const out: T[] = [];
  list(v).forEach((entry, i) => {
    const value = read(entry, i);
    if (value !== undefined) out.push(value);
  });
  return out;
}

const SOURCE_KINDS: readonly string[] = ['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'];

/** `spec.sourceRef`, its namespace defaulted; reports a missing ref, kind or name and a kind that is not a source. */
function readSourceRef(r: SpecReader): FluxSourceRef {
  const src = field(r.spec, 'sourceRef');
  const sourceRef: FluxSourceRef = {
    kind: strField(src, 'kind') ?? '',
    name: strField(src, 'name') ?? '',
    namespace: strField(src, 'namespace') || r.namespace,
  };
  const apiVersion = strField(src, 'apiVersion');
  if (apiVersion) sourceRef.apiVersion = apiVersion;
  if (!isMap(src)) {
    r.invalid('spec.sourceRef is required', ['spec']);
    return sourceRef;
  }
  if (!sourceRef.kind) r.invalid('spec.sourceRef.kind is required', ['spec', 'sourceRef']);
  else if (!SOURCE_KINDS.includes(sourceRef.kind)) {
    r.invalid(`spec.sourceRef.kind "${sourceRef.kind}" is not one of ${SOURCE_KINDS.join(', ')}`, [
      'spec',
      'sourceRef',
      'kind',
    ]);
  }
  if (!sourceRef.name) r.invalid('spec.sourceRef.name is required', ['spec', 'sourceRef']);
  return sourceRef;
}

/** The duration at `spec.<key>` in milliseconds; undefined when absent or invalid (reported). */
function readDuration(r: SpecReader, key: string): number | undefined {
  const v = strField(r.spec, key);
  if (v === undefined) return undefined;
  const ms = parseDuration(v);
  if (ms === undefined) {
    r.invalid(`spec.${key} "${v}" is not a valid duration (Go duration: e.g. 10m, 1h30m)`, ['spec', key]);
  }
  return ms;
}

/** `interval`, `retryInterval` (default: interval) and `timeout` (default: interval − 30s, at least 30s). */
function readTiming(r: SpecReader): Pick<FluxKustomization, 'interval' | 'retryInterval' | 'timeout'> {
  const interval = readDuration(r, 'interval');
  if (strField(r.spec, 'interval') === undefined) r.invalid('spec.interval is required', ['spec']);
  const retry = readDuration(r, 'retryInterval') ?? interval;
  const timeout = readDuration(r, 'timeout') ?? (interval ?? 0) - 30_000;
  const out: Pick<FluxKustomization, 'interval' | 'retryInterval' | 'timeout'> = {
    timeout: formatDuration(Math.max(timeout, 30_000)),
  };
  if (interval !== undefined) out.interval = formatDuration(interval);
  if (retry !== undefined) out.retryInterval = formatDuration(retry);
  return out;
}

function readPatch(r: SpecReader, p: YamlValue, i: number): FluxPatch | undefined {
  const patch = strField(p, 'patch');
  if (patch === undefined) {
    r.invalid(`spec.patches[${i}].patch is required`, ['spec', 'patches', i]);
    return undefined;
  }
  const out: FluxPatch = { patch };
  const target = selector(field(p, 'target'));
  if (target) out.target = target;
  return out;
}

function readImage(r: SpecReader, im: YamlValue, i: number): FluxImage | undefined {
  const name = strField(im, 'name');
  if (!name) {
    r.invalid(`spec.images[${i}].name is required`, ['spec', 'images', i]);
    return undefined;
  }
  const img: FluxImage = { name };
  for (const k of ['newName', 'newTag', 'digest'] as const) {
    const v = strField(im, k);
    if (v) img[k] = v;
  }
  return img;
}

function readComponent(r: SpecReader, c: YamlValue, i: number): string | undefined {
  const s = optionalScalarString(c);
  if (s === undefined) r.invalid(`spec.components[${i}] must be a string`, ['spec', 'components', i]);
  return s;
}

function readDependency(r: SpecReader, d: YamlValue, i: number): FluxDependency | undefined {
  const name = strField(d, 'name');
  if (!name) {
    r.invalid(`spec.dependsOn[${i}].name is required`, ['spec', 'dependsOn', i]);
    return undefined;
  }
  const dep: FluxDependency = { name, namespace: strField(d, 'namespace') || r.namespace };
  const readyExpr = strField(d, 'readyExpr');
  if (readyExpr) dep.readyExpr = readyExpr;
  return dep;
}

/** A `healthChecks` entry; entries without kind or name are dropped. */
function readHealthCheck(h: YamlValue): FluxKustomization['healthChecks'][number] | undefined {
  const kind = strField(h, 'kind');
  const name = strField(h, 'name');
  if (!kind || !name) return undefined;
  const hc: FluxKustomization['healthChecks'][number] = { kind, name };
  const apiVersion = strField(h, 'apiVersion');
  if (apiVersion) hc.apiVersion = apiVersion;
  const namespace = strField(h, 'namespace');
  if (namespace) hc.namespace = namespace;
  return hc;
}

type SpecLists = Pick<
  FluxKustomization,
  'patches' | 'patchesStrategicMerge' | 'patchesJson6902' | 'images' | 'components'
>;

/** The list fields of the spec that feed the generated kustomization, each entry read by its reader. */
function readSpecLists(r: SpecReader): SpecLists {
  const entries = <T>(key: string, read: (entry: YamlValue, index: number) => T | undefined): T[] =>
    readEntries(field(r.spec, key), read);
  return {
    patches: entries('patches', (p, i) => readPatch(r, p, i)),
    patchesStrategicMerge: entries('patchesStrategicMerge', (p) => p),
    patchesJson6902: entries('patchesJson6902', (p) => ({
      target: selector(field(p, 'target')) ?? {},
      patch: field(p, 'patch') ?? [],
    })),
    images: entries('images', (im, i) => readImage(r, im, i)),
    components: entries('components', (c, i) => readComponent(r, c, i)),
  };
}

/** `postBuild.substitute`: every value a string (null reads as ""). */
function readSubstitute(r: SpecReader, sub: YamlValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(sub)) return out;
  for (const k of Object.keys(sub)) {
    const v = getField(sub, k);
    const s = optionalScalarString(v === null ? '' : v);
    if (s === undefined)
      r.invalid(`spec.postBuild.substitute.${k} must be a string`, ['spec', 'postBuild', 'substitute', k]);
    else Object.defineProperty(out, k, { value: s, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function readSubstituteReference(r: SpecReader, ref: YamlValue, i: number): FluxSubstituteReference | undefined {
  const kind = strField(ref, 'kind');
  const name = strField(ref, 'name');
  if ((kind !== 'ConfigMap' && kind !== 'Secret') || !name) {
    r.invalid(`spec.postBuild.substituteFrom[${i}] needs kind ConfigMap or Secret and a name`, [
      'spec',
      'postBuild',
      'substituteFrom',
      i,
    ]);
    return undefined;
  }
  return { kind, name, optional: boolField(ref, 'optional') ?? false };
}

function readSubstituteStrategy(r: SpecReader, strategy: string | undefined): FluxPostBuild['substituteStrategy'] {
  if (strategy === 'Always') return 'Always';
  if (strategy !== undefined && strategy !== '' && strategy !== 'WithVariables') {
    r.invalid(`spec.postBuild.substituteStrategy "${strategy}" is not one of WithVariables, Always`, [
      'spec',
      'postBuild',
      'substituteStrategy',
    ]);
  }
  return 'WithVariables';
}

function readPostBuild(r: SpecReader): FluxPostBuild | undefined {
  const pb = field(r.spec, 'postBuild');
  if (!isMap(pb)) return undefined;
  return {
    substitute: readSubstitute(r, field(pb, 'substitute')),
    substituteFrom: readEntries(field(pb, 'substituteFrom'), (ref, i) => readSubstituteReference(r, ref, i)),
    substituteStrategy: readSubstituteStrategy(r, strField(pb, 'substituteStrategy')),
  };
}

/** The spec's optional string fields, copied when set and not empty. */
const OPTIONAL_SPEC_STRINGS = ['targetNamespace', 'namePrefix', 'nameSuffix', 'serviceAccountName'] as const;

/** Sets the optional fields that are not lists and need no check: strings, `prune`, maps and `buildMetadata`. */
function setOptionalFields(ks: FluxKustomization, spec: YamlValue | undefined): void {
  const prune = boolField(spec, 'prune');
  if (prune !== undefined) ks.prune = prune;
  for (const k of OPTIONAL_SPEC_STRINGS) {
    const v = strField(spec, k);
    if (v !== undefined && v !== '') ks[k] = v;
  }
  const cm = field(spec, 'commonMetadata');
  if (isMap(cm)) {
    ks.commonMetadata = {
      labels: stringMap(field(cm, 'labels')) ?? {},
      annotations: stringMap(field(cm, 'annotations')) ?? {},
    };
  }
  const dec = field(spec, 'decryption');
  if (isMap(dec)) {
    ks.decryption = { provider: strField(dec, 'provider') ?? '' };
    const secretRef = strField(dec, 'secretRef', 'name');
    if (secretRef) ks.decryption.secretRef = secretRef;
  }
  const kc = field(spec, 'kubeConfig');
  if (isMap(kc)) ks.kubeConfig = kc;
  const bm = field(spec, 'buildMetadata');
  if (Array.isArray(bm)) ks.buildMetadata = bm.map((x) => optionalScalarString(x) ?? '').filter((x) => x !== '');
}

/**
 * Reads a Flux Kustomization object (any version: lint's flux/deprecated-api judges removed ones).
 * Diagnostics: `flux/invalid-kustomization` for missing or malformed required fields (`sourceRef`,
 * `interval`, durations, `components`). Without a namespace, `default` is assumed, as kubectl would (the
 * controller's apply would fail: lint's flux/missing-namespace reports it).
 */
export function readFluxKustomization(
  obj: YamlMap,
  where?: ObjectLocation,
): { kustomization: FluxKustomization; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const meta = objectMeta(obj);
  const spec = field(obj, 'spec');
  // No namespace: `default` is assumed, as kubectl would (lint's flux/missing-namespace judges it).
  const namespace = meta.namespace || 'default';
  const r: SpecReader = {
    spec,
    namespace,
    invalid: (message, path) => {
      const text = `Kustomization ${namespace}/${meta.name}: ${message}`;
      diags.push(fieldDiagnostic('flux/invalid-kustomization', 'error', text, where, path));
    },
  };
  // Read in this order: the diagnostics come out in the order of the fields.
  const sourceRef = readSourceRef(r);
  const { timeout, ...intervals } = readTiming(r);
  const lists = readSpecLists(r);
  const postBuild = readPostBuild(r);
  const dependsOn = readEntries(field(spec, 'dependsOn'), (d, i) => readDependency(r, d, i));
  const ks: FluxKustomization = {
    apiVersion: meta.apiVersion,
    name: meta.name,
    namespace,
    sourceRef,
    path: strField(spec, 'path') ?? '',
    timeout,
    wait: boolField(spec, 'wait') ?? false,
    suspend: boolField(spec, 'suspend') ?? false,
    force: boolField(spec, 'force') ?? false,
    deletionPolicy: strField(spec, 'deletionPolicy') || 'MirrorPrune',
    ...lists,
    ignoreMissingComponents: boolField(spec, 'ignoreMissingComponents') ?? false,
    dependsOn,
    healthChecks: readEntries(field(spec, 'healthChecks'), readHealthCheck),
    object: obj,
    ...intervals,
  };
  if (postBuild) ks.postBuild = postBuild;
  setOptionalFields(ks, spec);
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

/** A HelmRelease: what it installs from and as (its values and post-renderers: helm/spec.ts). */
export interface FluxHelmRelease {
  name: string;
  namespace: string;
  /** `spec.chart.spec`: chart name, version range (default `*`) and source. */
  chart?: { chart: string; version: string; sourceRef: { kind: string; name: string; namespace: string } };
  /** `spec.chartRef`. */
  chartRef?: { kind: string; name: string; namespace: string };
  /** Default: the HelmRelease namespace. */
  targetNamespace: string;
  /** Default: `[<targetNamespace>-]<name>`; shortened with a hash above 53 characters, as helm-controller does. */
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
    releaseName: helmReleaseName(m.name, target ?? '', strField(obj, 'spec', 'releaseName') ?? ''),
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

/** Reads a HelmRepository object (`undefined` when the object is not one). */
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

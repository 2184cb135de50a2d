/**
 * What lint rules see: the scanned repository, every rendered cluster (its Flux Kustomizations, each
 * with the objects it applies, the dependsOn graph, the sources and HelmReleases) with indexes built
 * once, the standalone builds of kustomization directories no cluster reaches, and helpers that turn a
 * field of a rendered object or of a Flux Kustomization's definition into a source location.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildResult } from '../build/build.js';
import type { FileSystem } from '../fs/types.js';
import type { FleetHelmRelease, FleetKustomization, FleetResult } from '../flux/fleet/index.js';
import {
  FLUX_HELM_GROUP,
  FLUX_KUSTOMIZE_GROUP,
  FLUX_OPERATOR_GROUP,
  FLUX_SOURCE_GROUP,
  groupOf,
} from '../flux/model.js';
import type { FieldOrigin, Origin } from '../resources/origin.js';
import { locateField, type Location } from '../validate/position.js';
import type { ProblemAnchor } from '../validate/problems.js';
import { CrdIndex, kubernetesScope } from '../validate/registry.js';
import { getField, isMap, scalarString, type YamlMap } from '../yaml/values.js';
import type { RuleModule } from './types.js';
import type { RepoIndex } from './repo.js';

/** One rendered object. */
export interface LintObject {
  readonly object: YamlMap;
  readonly origin: Origin;
  readonly fieldOrigins?: ReadonlyMap<string, FieldOrigin> | undefined;
}

/**
 * What one build applies: a Flux Kustomization of a cluster, the chart of a HelmRelease it renders, or a
 * kustomization directory no cluster reaches, built on its own.
 */
export interface LintUnit {
  /** `namespace/name` of the Flux Kustomization, `HelmRelease/namespace/name`, or the directory relative to the root. */
  readonly id: string;
  /** The Flux Kustomization (absent for a HelmRelease's chart and a standalone build). */
  readonly kustomization?: FleetKustomization;
  /** The HelmRelease whose chart's objects these are (its `renderedBy` Kustomization applies the HelmRelease). */
  readonly helmRelease?: FleetHelmRelease;
  /** Absolute directory built. */
  readonly dir?: string | undefined;
  readonly objects: readonly LintObject[];
  /** What the render or build reported. */
  readonly diagnostics: readonly Diagnostic[];
  /** The standalone build (absent for Flux Kustomizations). */
  readonly build?: BuildResult;
}

/** Group, kind, namespace and name of an object, with helpers. */
export interface ObjectKey {
  readonly apiVersion: string;
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Identity fields of objects seen so far (rendered objects are never mutated and keep their identity). */
const keysByObject = new WeakMap<YamlMap, ObjectKey>();

/** Identity fields of an object (empty strings when absent). */
export function objectKey(obj: YamlMap): ObjectKey {
  let key = keysByObject.get(obj);
  if (!key) keysByObject.set(obj, (key = readObjectKey(obj)));
  return key;
}

function readObjectKey(obj: YamlMap): ObjectKey {
  const meta = getField(obj, 'metadata');
  const apiVersion = scalarString(getField(obj, 'apiVersion'));
  return {
    apiVersion,
    group: groupOf(apiVersion),
    kind: scalarString(getField(obj, 'kind')),
    namespace: isMap(meta) ? scalarString(getField(meta, 'namespace')) : '',
    name: isMap(meta) ? scalarString(getField(meta, 'name')) : '',
  };
}

/** `Kind namespace/name` or `Kind name`, for messages. */
export function objectLabel(obj: YamlMap): string {
  const k = objectKey(obj);
  return `${k.kind || 'object'} ${k.namespace ? `${k.namespace}/` : ''}${k.name || '(no name)'}`;
}

const FLUX_GROUPS = new Set([
  FLUX_KUSTOMIZE_GROUP,
  FLUX_SOURCE_GROUP,
  FLUX_HELM_GROUP,
  FLUX_OPERATOR_GROUP,
  'notification.toolkit.fluxcd.io',
  'image.toolkit.fluxcd.io',
  'source.extensions.fluxcd.io',
]);

/** One rendered cluster, with indexes. */
export interface LintCluster {
  /** The cluster folder relative to the root (`.` for the root). */
  readonly name: string;
  readonly fleet: FleetResult;
  /** One unit per Flux Kustomization, in discovery order, then one per HelmRelease whose chart rendered. */
  readonly units: readonly LintUnit[];
  readonly unitById: ReadonlyMap<string, LintUnit>;
  /** Scope of a kind: built-in Kubernetes kinds, Flux kinds, CRDs rendered in the cluster; undefined when unknown. */
  scopeOf(apiVersion: string, kind: string): 'Namespaced' | 'Cluster' | undefined;
  /** `group/kind` → ids of the Kustomizations rendering its CRD (a chart's CRDs: the one rendering its HelmRelease). */
  readonly crdOwners: ReadonlyMap<string, readonly string[]>;
  /**
   * First label of an API group (`cert-manager` for `cert-manager.io`) → the HelmReleases whose chart or
   * name is that label (`namespace/name`) and the Kustomizations rendering them: their chart most likely
   * installs the group's CRDs. Only HelmReleases whose chart did not render (the others' CRDs are known).
   */
  readonly chartGroups: ReadonlyMap<string, readonly { release: string; renderedBy: string }[]>;
  /** Namespace name → ids of the Kustomizations rendering that `Namespace`. */
  readonly namespaceOwners: ReadonlyMap<string, readonly string[]>;
  /**
   * Kustomizations that are applied and ready before `id` is applied: its parent chain and everything
   * they and it depend on, transitively (parents' dependencies included, `id` itself included).
   */
  before(id: string): ReadonlySet<string>;
  /** The rendered object a Flux Kustomization was read from (its definition), when known. */
  definitionOf(k: FleetKustomization): LintObject | undefined;
  /** The rendered object (with its origin) for an object of the fleet result (`FleetSource.object`, ...). */
  objectOf(obj: YamlMap): LintObject | undefined;
  /** The FluxInstance the cluster was rendered from, when it was found in the repository. */
  readonly instance?: LintObject | undefined;
}

/** One plain kustomize build of a directory. */
export interface KustomizeBuild {
  /** Absolute directory built. */
  readonly dir: string;
  readonly result: BuildResult;
  /** Kustomization directories the build includes (itself, bases, components), from the files. */
  readonly closure: ReadonlySet<string>;
}

/**
 * The cluster a Flux Kustomization applies to: `''` for its own, or `namespace/secret` of its
 * `spec.kubeConfig.secretRef` (hub-and-spoke: a remote cluster).
 */
export function applyTarget(k: FleetKustomization | undefined): string {
  const kc = k?.spec.kubeConfig;
  if (!kc) return '';
  const ref = getField(kc, 'secretRef');
  const name = isMap(ref) ? scalarString(getField(ref, 'name')) : '';
  const cm = getField(kc, 'configMapRef');
  const cmName = isMap(cm) ? scalarString(getField(cm, 'name')) : '';
  return `${k.namespace}/${name || cmName || '?'}`;
}

/** Everything the lint rules look at. */
export interface LintContext {
  /** Absolute lint root. */
  readonly root: string;
  readonly fs: FileSystem;
  readonly repo: RepoIndex;
  readonly clusters: readonly LintCluster[];
  /** Builds of kustomization directories no cluster reaches. */
  readonly standalone: readonly LintUnit[];
  /**
   * Plain kustomize builds with what they record beyond the output (unmatched patch targets): the
   * standalone builds, plus builds of the directories Flux Kustomizations reach whose kustomizations
   * have targeted patches. `closure`: the kustomization directories each build includes.
   */
  readonly builds: readonly KustomizeBuild[];
  /**
   * Engine codes a rule of the registry judges (`RuleMeta.judges`): the renderer's other errors and warnings
   * are reported by `flux/render-failed` and `flux/render-warning`.
   */
  readonly judgedCodes: ReadonlySet<string>;
  /** Location of a field of a rendered object (`anchor`: the value, its key, or its parent's key). */
  locateObject(o: LintObject, pointer: string, anchor?: ProblemAnchor): Location | undefined;
  /**
   * Location of a field of a Flux Kustomization's definition (`/spec/prune`); the nearest existing ancestor
   * when the field is absent; the definition's range when the object's AST is unknown.
   */
  locateKustomization(
    cluster: LintCluster,
    k: FleetKustomization,
    pointer: string,
    anchor?: ProblemAnchor,
  ): Location | undefined;
}

/** A lint rule. */
export type LintRule<MessageId extends string = string, Id extends string = string> = RuleModule<
  LintContext,
  MessageId,
  Id
>;

/** One unit per Flux Kustomization, in discovery order, then one per HelmRelease whose chart rendered. */
function lintUnits(fleet: FleetResult): LintUnit[] {
  const units: LintUnit[] = fleet.kustomizations.map((k) => ({
    id: k.id,
    kustomization: k,
    dir: k.dir,
    objects: k.objects,
    diagnostics: k.diagnostics,
  }));
  for (const h of fleet.helmReleases) {
    if (h.status === 'rendered')
      units.push({ id: `HelmRelease/${h.id}`, helmRelease: h, objects: h.objects, diagnostics: h.diagnostics });
  }
  return units;
}

/** Adds `id` to the list of `key` (once). */
function addOwner(m: Map<string, string[]>, key: string, id: string): void {
  const l = m.get(key);
  if (!l) m.set(key, [id]);
  else if (!l.includes(id)) l.push(id);
}

/** `group/kind` of a CRD, or undefined when either is missing. */
function crdGroupKind(crd: YamlMap): string | undefined {
  const spec = getField(crd, 'spec');
  const names = isMap(spec) ? getField(spec, 'names') : undefined;
  const group = isMap(spec) ? scalarString(getField(spec, 'group')) : '';
  const kind = isMap(names) ? scalarString(getField(names, 'kind')) : '';
  return group !== '' && kind !== '' ? `${group}/${kind}` : undefined;
}

/** The objects of a cluster's units indexed: by object, the CRDs (and who renders them), the Namespaces' owners. */
function objectIndexes(fleet: FleetResult, units: readonly LintUnit[]) {
  const crds = new CrdIndex();
  const crdOwners = new Map<string, string[]>();
  const namespaceOwners = new Map<string, string[]>();
  const byObject = new Map<YamlMap, LintObject>();
  for (const k of fleet.kustomizations) for (const o of k.kustomizeObjects) byObject.set(o.object, o);
  for (const u of units) {
    const owner = u.helmRelease?.renderedBy ?? u.id;
    for (const o of u.objects) {
      byObject.set(o.object, o);
      const key = objectKey(o.object);
      if (CrdIndex.isCrd(o.object)) {
        crds.add(o.object);
        const groupKind = crdGroupKind(o.object);
        if (groupKind !== undefined) addOwner(crdOwners, groupKind, owner);
      } else if (key.kind === 'Namespace' && key.apiVersion === 'v1' && key.name !== '') {
        addOwner(namespaceOwners, key.name, owner);
      }
    }
  }
  return { crds, crdOwners, namespaceOwners, byObject };
}

/** See {@link LintCluster.chartGroups}. */
function chartGroupsOf(fleet: FleetResult): Map<string, { release: string; renderedBy: string }[]> {
  const chartGroups = new Map<string, { release: string; renderedBy: string }[]>();
  for (const h of fleet.helmReleases) {
    if (h.status === 'rendered') continue;
    for (const label of new Set(
      [h.chart?.chart, h.chartRef?.name, h.name].filter((x): x is string => x !== undefined && x !== ''),
    )) {
      const l = chartGroups.get(label) ?? [];
      l.push({ release: `${h.namespace}/${h.name}`, renderedBy: h.renderedBy });
      chartGroups.set(label, l);
    }
  }
  return chartGroups;
}

/** See {@link LintCluster.before}: parents and dependencies, transitively (memoised). */
function appliedBefore(fleet: FleetResult): (id: string) => Set<string> {
  const byId = new Map(fleet.kustomizations.map((k) => [k.id, k]));
  const memo = new Map<string, Set<string>>();
  return (id) => {
    const hit = memo.get(id);
    if (hit) return hit;
    const out = new Set<string>();
    const stack = [id];
    for (let cur = stack.pop(); cur !== undefined; cur = stack.pop()) {
      if (out.has(cur)) continue;
      out.add(cur);
      const k = byId.get(cur);
      if (!k) continue;
      if (k.parent !== undefined) stack.push(k.parent);
      stack.push(...k.dependsOn);
    }
    memo.set(id, out);
    return out;
  };
}

/** Builds the indexes of one rendered cluster. */
export function makeCluster(name: string, fleet: FleetResult, instance?: LintObject): LintCluster {
  const units = lintUnits(fleet);
  const { crds, crdOwners, namespaceOwners, byObject } = objectIndexes(fleet, units);
  return {
    name,
    fleet,
    units,
    unitById: new Map(units.map((u) => [u.id, u])),
    crdOwners,
    chartGroups: chartGroupsOf(fleet),
    namespaceOwners,
    before: appliedBefore(fleet),
    scopeOf(apiVersion, kind) {
      const group = groupOf(apiVersion);
      const crd = crds.scopes.get(`${group}/${kind}`);
      if (crd !== undefined) return crd;
      if (FLUX_GROUPS.has(group)) return 'Namespaced';
      return kubernetesScope(apiVersion, kind);
    },
    definitionOf(k) {
      return byObject.get(k.spec.object);
    },
    objectOf(obj) {
      return byObject.get(obj);
    },
    instance,
  };
}

/** The default `locateObject`. */
export function locateObject(o: LintObject, pointer: string, anchor: ProblemAnchor = 'value'): Location | undefined {
  return locateField(o.origin, pointer, anchor, o.fieldOrigins);
}

/** The default `locateKustomization`. */
export function locateKustomization(
  cluster: LintCluster,
  k: FleetKustomization,
  pointer: string,
  anchor: ProblemAnchor = 'key',
): Location | undefined {
  const def = cluster.definitionOf(k);
  if (def) return locateObject(def, pointer, anchor);
  if (k.definedIn)
    return k.definedIn.range ? { file: k.definedIn.file, range: k.definedIn.range } : { file: k.definedIn.file };
  return undefined;
}

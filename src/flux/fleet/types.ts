/**
 * The public shapes of a fleet render: its options, and the rendered cluster (every Flux Kustomization with
 * what it renders, the dependsOn graph, the sources and HelmReleases found, the facts the renderer reports).
 */
import type { KustomizeVersionInput } from '../../kustomization/versions.js';
import type { UnmatchedPatchTarget } from '../../build/context.js';
import type { BuildCache } from '../../build/cache.js';
import type { RemoteLoader } from '../../build/options.js';
import type { Diagnostic, Range } from '../../diagnostics/diagnostic.js';
import type { FileSystem } from '../../fs/types.js';
import type { YamlMap } from '../../yaml/values.js';
import type { FluxObject } from '../build.js';
import type { GenerateAction } from '../generate.js';
import type { DependencyGraph } from '../graph.js';
import type { ChartLoader } from '../../helm/chart/render.js';
import type { SchemaLoader } from '../../helm/chart/schema.js';
import type { FluxHelmRelease, FluxInstanceSync, FluxKustomization, FluxSource } from '../model.js';

/** Options of {@link renderFleet}. */
export interface RenderFleetOptions {
  /** The file system holding the repository (and any mapped source folders). */
  fs: FileSystem;
  /**
   * The cluster folder (relative to the root, or absolute): e.g. `clusters/staging`. Its objects are
   * built as Flux builds a path; a `FluxInstance` among them makes its `sync.path` the entry point instead.
   * Required unless `fluxInstance` is given.
   */
  cluster?: string;
  /**
   * Start from this FluxInstance instead of a cluster folder: a `FluxInstance` object, a HelmRelease of
   * the `flux-instance` chart, or that chart's values (`instance.sync`). Its `kustomize.patches` are applied
   * to the sync Kustomization it generates (e.g. to add `decryption` or `postBuild`).
   */
  fluxInstance?: YamlMap;
  /**
   * Local folders for Flux sources, keyed by `name`, `namespace/name` or `Kind/namespace/name` (relative
   * to the root, or absolute). Default: every source named `flux-system` is the repository root.
   */
  sources?: Readonly<Record<string, string>>;
  /** Strict postBuild substitution (Flux ≥ 2.9). Default true; false blanks undefined variables. */
  strictSubstitute?: boolean;
  /** Resolves remote kustomize resources; default none (they fail with a diagnostic). */
  remoteLoader?: RemoteLoader;
  /** The kustomize version the builds reproduce. Default: Flux 2.9's, `5.8` (kustomize v5.8.1). */
  kustomizeVersion?: KustomizeVersionInput;
  /** Objects that exist in the cluster without being rendered here (e.g. a cluster-vars ConfigMap). */
  clusterObjects?: readonly YamlMap[];
  /** Called after each Kustomization is rendered. */
  onProgress?: (progress: FleetProgress) => void;
  /**
   * Reuse parsed files and built sub-kustomizations across the builds (and across renders, e.g. in an
   * editor). With a cache, a render is kept whole and handed back while no file it read changed (unless
   * loaders or `onProgress` are given): the result is then shared, do not mutate it. Default: a cache private
   * to this render; `false` disables caching.
   */
  cache?: BuildCache | false;
  /**
   * Loads the charts of HelmReleases whose chart comes from a HelmRepository or an OCIRepository (the Node
   * adapter reads a local chart folder: `chartFolderLoader`). Charts in a mapped GitRepository, Bucket or
   * ExternalArtifact are read from its folder. Without a loader (and for charts it does not have), those
   * HelmReleases are reported `helm/chart-unavailable` and not rendered.
   */
  chartLoader?: ChartLoader;
  /** `.Capabilities.KubeVersion` the charts are rendered for (e.g. `1.33.1`). Default: Helm's (v1.36.0). */
  kubeVersion?: string;
  /** Reads remote schemas that charts' values.schema.json files reference (an offline cache). */
  schemaLoader?: SchemaLoader;
  /** Render HelmReleases' charts. Default true; false only lists the HelmReleases (no chart is loaded). */
  renderHelmReleases?: boolean;
}

/** Progress of a fleet render. */
export interface FleetProgress {
  /** Kustomizations finished. */
  done: number;
  /** Kustomizations known and not finished yet. */
  pending: number;
  /** The one just finished (`namespace/name`). */
  current: string;
}

/** A Flux Kustomization's source, resolved. */
export interface FleetSourceRef {
  kind: string;
  name: string;
  namespace: string;
  /** The local folder it maps to (absolute), when mapped. */
  root?: string;
  /** Why there is no folder: not mapped (nor produced by an ArtifactGenerator), or mapped to a non-directory. */
  unavailable?: 'unmapped' | 'not-a-directory';
}

/** One Flux Kustomization of the cluster and what it renders. */
export interface FleetKustomization {
  /** `namespace/name`. */
  id: string;
  name: string;
  namespace: string;
  /** `spec.path` as written. */
  path: string;
  /** The directory built (absolute), when the source is mapped. */
  dir?: string;
  source: FleetSourceRef;
  /** `dependsOn` as `namespace/name` (namespace defaulted to this Kustomization's). */
  dependsOn: string[];
  /** The spec with the controller's defaults. */
  spec: FluxKustomization;
  /** Where it is defined (the object in its parent's source), absent for a synthetic entry. */
  definedIn?: { file: string; range?: Range };
  /** The Kustomization whose output contains it (`namespace/name`); absent for the entry. */
  parent?: string;
  /** True for the entry point kustomize-ts made up for the cluster folder or a FluxInstance. */
  synthetic: boolean;
  /** `rendered`, `failed` (build, substitution or apply check failed) or `skipped` (source not mapped). */
  status: 'rendered' | 'failed' | 'skipped';
  /** What the controller's generator did with the kustomization at `spec.path`. */
  generated?: GenerateAction;
  /** The kustomization the controller builds when it differs from the file on disk (generated or edited). */
  kustomization?: { file: string; text: string };
  /** The objects it applies, in kustomize's order (after substitution, owner labels, commonMetadata). */
  objects: FluxObject[];
  /** kustomize's output before Flux's post-processing. */
  kustomizeObjects: FluxObject[];
  /** Patch targets (kustomize's and the Flux spec's) that selected nothing in this Kustomization's build. */
  unmatchedPatchTargets: UnmatchedPatchTarget[];
  diagnostics: Diagnostic[];
}

/** A Flux source found among the rendered objects. */
export interface FleetSource extends FluxSource {
  /** The Kustomization that renders it. */
  renderedBy: string;
  /** The local folder it maps to, when mapped. */
  mappedTo?: string;
}

/** A HelmRelease found among the rendered objects, with what its chart renders. */
export interface FleetHelmRelease extends FluxHelmRelease {
  /** `namespace/name`. */
  id: string;
  /** The Kustomization that renders it. */
  renderedBy: string;
  /** Where it is defined (the rendered object's file and range). */
  definedIn?: { file: string; range?: Range };
  /**
   * `rendered`; `chart-unavailable` (no local chart: not rendered, reported as info); `failed` (the chart,
   * its values or the post-renderers failed); `listed` (HelmRelease rendering turned off).
   */
  status: 'rendered' | 'chart-unavailable' | 'failed' | 'listed';
  /** The chart rendered: name and version from its Chart.yaml, and where it was read from. */
  renderedChart?: { name: string; version: string; from: string };
  /** The objects the release applies (CRDs first unless `install.crds: Skip`; hooks excluded), with the HelmRelease as origin. */
  objects: FluxObject[];
  diagnostics: Diagnostic[];
}

/** The rendered cluster. */
export interface FleetResult {
  /** Absolute repository root. */
  root: string;
  /** Absolute cluster folder. */
  cluster: string;
  /** How the entry point was found. */
  entry: { kind: 'cluster-folder' | 'FluxInstance'; id: string; path: string; instance?: FluxInstanceSync };
  /** Every Kustomization, in discovery order. */
  kustomizations: FleetKustomization[];
  graph: DependencyGraph;
  sources: FleetSource[];
  /** Every HelmRelease the Kustomizations render, in discovery order, with its chart's objects. */
  helmReleases: FleetHelmRelease[];
  /** Fleet-level facts: duplicate definitions, entry problems (lint rules judge the graph). */
  diagnostics: Diagnostic[];
  /**
   * The file system of each source root as the controller sees it (`.sourceignore` applied; emulated
   * ExternalArtifacts in memory), keyed by `FleetSourceRef.root`.
   */
  sourceFileSystems: Map<string, FileSystem>;
  /** True when every Kustomization and HelmRelease rendered (or lacked only its chart) without an error. */
  ok: boolean;
}

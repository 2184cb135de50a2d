/** What every stage of a fleet render shares: the options, the source views, the cluster's objects, the result. */
import { BuildCache } from '../../build/cache.js';
import type { FileSystem } from '../../fs/types.js';
import { realPathOrSelf } from '../../fs/types.js';
import { normalize, resolve } from '../../fs/path.js';
import { ClusterObjects } from './cluster-objects.js';
import { SourceViews } from './sources.js';
import type { FleetResult, RenderFleetOptions } from './types.js';

/** The id of the entry point kustomize-ts makes up for a cluster folder (what `flux bootstrap` names it). */
export const SYNTHETIC_NAME = 'flux-system';

/** The shared state of one render. */
export interface FleetContext {
  readonly options: RenderFleetOptions;
  readonly fs: FileSystem;
  /** Absolute, real repository root. */
  readonly rootDir: string;
  /** Absolute cluster folder. */
  readonly clusterDir: string;
  readonly cache: BuildCache | undefined;
  readonly sources: SourceViews;
  readonly objects: ClusterObjects;
  readonly result: FleetResult;
}

function emptyResult(rootDir: string, clusterDir: string): FleetResult {
  return {
    root: rootDir,
    cluster: clusterDir,
    entry: { kind: 'cluster-folder', id: `${SYNTHETIC_NAME}/${SYNTHETIC_NAME}`, path: '' },
    kustomizations: [],
    graph: { nodes: [], edges: [], cycles: [], order: [] },
    sources: [],
    helmReleases: [],
    diagnostics: [],
    sourceFileSystems: new Map(),
    ok: false,
  };
}

/** The context of a render of `root` (absolute, in `options.fs`). */
export function fleetContext(root: string, options: RenderFleetOptions): FleetContext {
  const rootDir = realPathOrSelf(options.fs, normalize(root));
  const clusterDir = resolve(rootDir, options.cluster ?? '.');
  return {
    options,
    fs: options.fs,
    rootDir,
    clusterDir,
    cache: options.cache === false ? undefined : (options.cache ?? new BuildCache()),
    sources: new SourceViews(options.fs, rootDir, options.sources ?? {}),
    objects: new ClusterObjects(options.clusterObjects ?? []),
    result: emptyResult(rootDir, clusterDir),
  };
}

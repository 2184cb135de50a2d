/**
 * What a lint run reuses from the runs before it (editor sessions lint after every keystroke): the indexes
 * of a cluster whose render was handed back unchanged by the build cache, and the lint rules' findings when
 * nothing they look at changed.
 */
import { BuildCache } from '../build/cache.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FleetResult } from '../flux/fleet/index.js';
import { makeCluster, type LintCluster, type LintContext, type LintObject } from './context.js';
import type { RuleSetting } from './types.js';
import type { DiscoveredCluster } from './discover.js';
import type { RepoFile, RepoIndex } from './repo.js';
import { kustomizationFileNames } from '../kustomization/load.js';
import { basename } from '../fs/path.js';
import { isFluxKustomization } from '../flux/model.js';
import { fluxInstanceSyncOnce } from '../flux/model-once.js';
import { isMap } from '../yaml/values.js';

/** The last cluster made from each render, with the name and FluxInstance it was made with. */
const clustersByFleet = new WeakMap<FleetResult, LintCluster>();

/** {@link makeCluster}, once per render (a render reused whole by the cache keeps its cluster). */
export function clusterOf(name: string, fleet: FleetResult, instance?: LintObject): LintCluster {
  const kept = clustersByFleet.get(fleet);
  if (kept?.name === name && kept.instance?.object === instance?.object) return kept;
  const cluster = makeCluster(name, fleet, instance);
  clustersByFleet.set(fleet, cluster);
  return cluster;
}

const sameItems = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The repository's files and kustomization references, as identities (the scan keeps unchanged ones). */
function repoInputs(repo: RepoIndex): unknown[] {
  return [
    repo.root,
    ...repo.files,
    '',
    ...[...repo.kustomizations.values()].flatMap((k) => [k.dir, k.repoFile, k.refs]),
  ];
}

/** Per build cache, the repository inputs of the last run and the token standing for them. */
const lastRepo = new WeakMap<BuildCache, { inputs: unknown[]; token: object }>();

/**
 * A token for the repository's files and kustomization references: the same object as the last run's of
 * the cache while they are the same objects (values derived from them can be kept under it).
 */
export function repoToken(cache: BuildCache, repo: RepoIndex): object {
  const inputs = repoInputs(repo);
  const kept = lastRepo.get(cache);
  if (kept && sameItems(kept.inputs, inputs)) return kept.token;
  const token = {};
  lastRepo.set(cache, { inputs, token });
  return token;
}

/** Values derived from a render and the repository, by render. */
const byFleet = new WeakMap<FleetResult, { token: object; value: unknown }>();

/** `compute()`, kept for `fleet` while the repository `token` is the same (see {@link repoToken}). */
export function perFleet<T>(fleet: FleetResult, token: object, compute: () => T): T {
  const kept = byFleet.get(fleet);
  if (kept?.token === token) return kept.value as T;
  const value = compute();
  byFleet.set(fleet, { token, value });
  return value;
}

/** Per build cache, the last clusters found and a cache of its own that checks the paths they looked up. */
const lastDiscovery = new WeakMap<BuildCache, { inputs: unknown[]; check: BuildCache }>();

/** Whether discovery reads anything from a file, by file. */
const discoveryReads = new WeakMap<RepoFile, boolean>();

/**
 * Whether cluster discovery reads anything from a file: a kustomization file, or a file holding a Flux
 * Kustomization or the sync settings of a FluxInstance. Of the others it looks at nothing but their folder.
 */
function readByDiscovery(f: RepoFile): boolean {
  let reads = discoveryReads.get(f);
  if (reads === undefined) {
    reads =
      (kustomizationFileNames as readonly string[]).includes(basename(f.path)) ||
      f.documents.some(
        (d) => isMap(d.value) && (isFluxKustomization(d.value) || fluxInstanceSyncOnce(d.value) !== undefined),
      );
    discoveryReads.set(f, reads);
  }
  return reads;
}

/**
 * `discover(repo)` (the clusters of a repository), the last result again while the files it reads are the
 * same objects and every path it looked up gives the same answer.
 */
export function discoveredClusters(
  cache: BuildCache,
  repo: RepoIndex,
  discover: (repo: RepoIndex) => DiscoveredCluster[],
): DiscoveredCluster[] {
  const inputs = [
    repo.root,
    ...repo.files.filter(readByDiscovery),
    '',
    ...[...repo.kustomizations.values()].flatMap((k) => [k.dir, k.repoFile, k.refs]),
  ];
  let kept = lastDiscovery.get(cache);
  if (!kept || !sameItems(kept.inputs, inputs)) lastDiscovery.set(cache, (kept = { inputs, check: new BuildCache() }));
  const check = kept.check;
  return check.memo('discover', repo.fs, () => discover({ ...repo, fs: check.track(repo.fs) })).value;
}

/** What the lint rules look at, as identities: equal lists mean equal findings. */
function ruleInputs(context: LintContext, settings: Readonly<Record<string, RuleSetting>>): unknown[] {
  return [
    context.root,
    JSON.stringify(settings),
    ...context.clusters,
    '',
    ...context.standalone.map((u) => u.build ?? u),
    '',
    ...context.builds.flatMap((b) => [b.dir, b.result]),
    '',
    ...repoInputs(context.repo),
  ];
}

/** Per build cache (an editor session's), the last findings of the lint rules and what they looked at. */
const lastFindings = new WeakMap<BuildCache, { inputs: unknown[]; findings: readonly Diagnostic[] }>();

/**
 * The findings of the lint rules over `context`: the last run's again when the clusters, builds and
 * repository files are the same objects as then (an editor session's cache hands back what no edit reached).
 */
export function lintRuleFindings(
  cache: BuildCache,
  context: LintContext,
  settings: Readonly<Record<string, RuleSetting>>,
  run: () => Diagnostic[],
): Diagnostic[] {
  const inputs = ruleInputs(context, settings);
  const kept = lastFindings.get(cache);
  if (kept && sameItems(kept.inputs, inputs)) return [...kept.findings];
  const findings = run();
  lastFindings.set(cache, { inputs, findings: [...findings] });
  return findings;
}

/**
 * Reusing a whole cluster's render (editor sessions, repeated lint runs): the render is kept in the build
 * cache under its options and every file it read is recorded as its dependency (the Kustomizations it
 * reused bring theirs), so a cluster no edit reached is handed back as it was, its objects the same.
 */
import { objectKey, stableKey } from '../memo.js';
import type { FleetResult, RenderFleetOptions } from './types.js';

/** The key of a render: everything it depends on besides the files. */
function fleetKey(root: string, o: RenderFleetOptions): string {
  return stableKey([
    'flux-fleet',
    root,
    o.cluster ?? null,
    o.fluxInstance ? objectKey(o.fluxInstance) : null,
    o.sources ?? null,
    o.strictSubstitute ?? null,
    o.clusterObjects ? o.clusterObjects.map(objectKey) : null,
    o.kustomizeVersion ?? null,
    o.kubeVersion ?? null,
    o.renderHelmReleases ?? null,
  ]);
}

/**
 * The render of `root` with `options`, reused from the cache while no file it read changed. Renders that
 * call back into the host (loaders of remote bases, charts or schemas, progress) are not kept.
 */
export function memoFleet(
  root: string,
  options: RenderFleetOptions,
  render: (options: RenderFleetOptions) => FleetResult,
): FleetResult {
  const cache = options.cache;
  if (!cache || options.remoteLoader || options.chartLoader || options.schemaLoader || options.onProgress)
    return render(options);
  return cache.memo(fleetKey(root, options), options.fs, () => render({ ...options, fs: cache.track(options.fs) }))
    .value;
}

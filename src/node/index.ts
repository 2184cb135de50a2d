/**
 * node: the Node.js edge of the library, published as `kustomize-ts/node`: the host file system and the remote
 * loader (git repos, http(s) files and Flux sources, cached). The only place that imports `node:*`; everything
 * else in `src/` runs in a browser.
 */
export { nodeFs, hostPath } from './node-fs.js';
export { nodeChartLoader } from './charts.js';
export {
  RemoteResolver,
  resolveRemotes,
  repoKey,
  RemoteFailure,
  redactUrl,
  defaultCacheDir,
  userCacheDir,
} from './remote/index.js';
export type { RemoteOptions, RemoteStats, RemoteScheme } from './remote/index.js';

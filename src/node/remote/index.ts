/**
 * node/remote: the remote loader — git repositories (with the `git` program), http(s) files and Flux sources
 * (GitRepository, OCIRepository), fetched into a content-addressed cache, pinned by a lock file, usable offline.
 * Loaded lazily by the CLI, only when a build has a remote entry.
 */
export { RemoteResolver, resolveRemotes, repoKey } from './resolver.js';
export type { RemoteOptions, RemoteStats } from './resolver.js';
export { RemoteFailure, redactUrl } from './errors.js';
export { defaultCacheDir, userCacheDir } from './cache.js';
export type { RemoteScheme } from './limits.js';

/**
 * fs: the read-only virtual file system the core reads through (contract, in-memory driver, POSIX
 * path helpers). Nothing here imports `node:*`; the Node driver lives in `src/node`.
 */
export * from './types.js';
export * from './memory.js';
/** POSIX path helpers the core uses on virtual paths (`join`, `dirname`, `relative`, `isWithin`, ...). */
export * as posixPath from './path.js';
export * from './overlay.js';
export * from './snapshot.js';

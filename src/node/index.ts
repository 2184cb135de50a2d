/**
 * node: the Node.js edge of the library, published as `kustomize-ts/node`. The only place that imports
 * `node:fs`; everything else in `src/` runs in a browser.
 */
export { nodeFs, hostPath } from './node-fs.js';

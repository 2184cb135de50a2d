/** `build(path, options)`: the public entry point of the engine (src/build/build.ts). */
export { build } from '../build/build.js';
export type { BuildApiOptions, BuildResult, RenderedResource } from '../build/build.js';

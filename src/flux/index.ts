/**
 * flux: rendering Flux repositories the way kustomize-controller does. `model.ts` reads Flux objects with
 * the controller's defaults; `generate.ts` is the controller's kustomization generator (in memory);
 * `envsubst.ts` + `substitute.ts` are postBuild substitution; `build.ts` builds one Flux Kustomization;
 * `fleet.ts` renders every Kustomization of a cluster breadth-first; `graph.ts` is the dependsOn graph.
 * Browser-safe: everything reads through the `FileSystem` it is given.
 */
export * from './model.js';
export * from './envsubst.js';
export * from './substitute.js';
export * from './generate.js';
export * from './build.js';
export * from './fleet/index.js';
export * from './graph.js';
export * from './sourceignore.js';
export { artifactFs } from './fs-views.js';
export * from './artifacts.js';

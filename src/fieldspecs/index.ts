/**
 * fieldspecs: where each transformer writes, as data. The default tables of kustomize v5.6.0
 * (defaults.ts), merging with `configurations:` and `crds:` (config.ts), and the path walker every
 * field transformer uses (traverse.ts).
 */
export * from './types.js';
export * from './defaults.js';
export * from './config.js';
export * from './traverse.js';
export * from './config-file.js';

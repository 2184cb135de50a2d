/**
 * fieldspecs: where each transformer writes, as data. The default tables of kustomize v5.6.0
 * (defaults.ts), merging with `configurations:` and `crds:` (config.ts), the path walker every
 * field transformer uses (traverse.ts), and kyaml's path splitting, which replacements, vars and
 * ValueAdd share (path-splitter.ts).
 */
export * from './types.js';
export * from './defaults.js';
export * from './config.js';
export * from './traverse.js';
export * from './path-splitter.js';
export * from './config-file.js';

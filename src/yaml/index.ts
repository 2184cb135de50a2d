/**
 * yaml: YAML in (parse.ts: streams → plain values with source positions, scalar resolution as go-yaml
 * does it) and YAML out (emit.ts: kustomize's exact output format).
 */
export * from './values.js';
export * from './scalars.js';
export * from './parse.js';
export * from './emit.js';
export { goFormatFloatG } from './scalars.js';
export * from './locate.js';

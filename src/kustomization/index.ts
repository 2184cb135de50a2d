/**
 * kustomization: the kustomization file. Its type (types.ts), its Go field table (schema.ts) and the
 * Go-compatible strict decoder (gotype.ts), and reading it from a directory (load.ts).
 */
export * from './types.js';
export * from './load.js';
export { decodeGo, GoDecodeError, type GoType } from './gotype.js';
export * as kustomizationSchema from './schema.js';

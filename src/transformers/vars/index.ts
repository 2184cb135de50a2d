/**
 * Legacy `vars` (spec §10.2): declared per kustomization and bound to a resource at the end of it
 * (bind.ts), resolved and substituted once at the top of the build after name references
 * (resolve.ts) in the varReference fields only (filter.ts, expand.ts).
 */
export { bindVars, mergeVarSets } from './bind.js';
export { resolveVars } from './resolve.js';
export { doReplacements, formatVarValue, type VarMapping, type VarValue } from './expand.js';
export { getFieldValue } from './field-path.js';
export { substituteVars } from './filter.js';
export type { VarDef } from './types.js';

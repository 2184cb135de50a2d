/** `lint(root, options)`: the lint engine over a repository (src/lint/engine.ts). */
export { lint } from '../lint/engine.js';
export type { LintedCluster, LintOptions, LintResult } from '../lint/engine.js';

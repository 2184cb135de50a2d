/**
 * diagnostics: the single `Diagnostic` type used by the engine, the validator and the linter, the
 * `BuildError` thrown inside a build, the table of codes (`codes.ts`, documented in `docs/diagnostics.md`),
 * and the one-line text form (`format.ts`).
 */
export * from './diagnostic.js';
export * from './error.js';
export * from './codes.js';
export * from './lsp.js';
export * from './format.js';

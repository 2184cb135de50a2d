/**
 * cli: the `kustomize-ts` command. Each command lives in commands/ and is loaded only when it runs (so
 * `build` never loads the schemas, ajv, lint or diff); dispatch.ts maps errors to one line on stderr and
 * the exit statuses of exit-codes.ts. The published executable is launcher.ts (bundles and their code
 * cache).
 */
import { dispatch, type CommandTable } from './dispatch.js';
import type { Io } from './io.js';

export { BUGS_URL } from './dispatch.js';

/** Every command, each loaded on demand. */
export const commands: CommandTable = {
  build: async () => (await import('./commands/build.js')).runBuildCommand,
  fleet: async () => (await import('./commands/fleet.js')).runFleetCommand,
  graph: async () => (await import('./commands/graph.js')).runGraphCommand,
  diff: async () => (await import('./commands/diff.js')).runDiffCommand,
  precompile: async () => (await import('./commands/precompile.js')).runPrecompileCommand,
  lint: async () => (await import('./commands/lint.js')).runLintCommand,
  validate: async () => (await import('./commands/validate.js')).runValidateCommand,
  helm: async () => (await import('./commands/helm-entry.js')).runHelmEntry,
  // Loaded only when it runs: no other command loads the LSP libraries.
  lsp: async () => (await import('./commands/lsp.js')).runLspCommand,
};

/** Runs the CLI with `argv` (the arguments after the program name); returns the exit status. */
export function main(argv: readonly string[], io: Io): Promise<number> {
  return dispatch(argv, io, commands);
}

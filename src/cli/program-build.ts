/// <reference types="node" />
/**
 * `kustomize-ts build` as a program of its own (bundled as dist/cli/build.cjs): the command CI scripts
 * run once per folder loads only the engine, not lint, diff, ajv or the schemas.
 */
import { runBuildCommand } from './commands/build.js';
import { dispatch } from './dispatch.js';
import { runWithProcess } from './process-io.js';

/** Runs `kustomize-ts build …` (`argv` starts with `build`). */
export function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runWithProcess((a, io) => dispatch(a, io, { build: () => Promise.resolve(runBuildCommand) }), argv);
}

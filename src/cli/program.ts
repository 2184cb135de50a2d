/// <reference types="node" />
/** The whole CLI as one program (bundled as dist/cli/all.cjs; the launcher loads it). */
import { main } from './main.js';
import { runWithProcess } from './process-io.js';

/** Runs the CLI with `argv` (default: the process's arguments). */
export function runCli(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  return runWithProcess(main, argv);
}

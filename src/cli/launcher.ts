/// <reference types="node" />
/**
 * The `kustomize-ts` executable (dist/cli.cjs): a small CommonJS file that loads the program the command
 * needs — dist/cli/build.cjs for `build` (the engine alone), dist/cli/all.cjs for everything else — with a
 * V8 code cache (code-cache.ts), runs it, and then writes the cache if it had none.
 */
import { join } from 'node:path';
import { loadBundle } from './code-cache.js';

/** Unique to each build of the bundles (set by tsup.config.ts); names the code cache. */
declare const KTS_BUILD_ID: string;

/** The commands with a code cache of their own (a command missing here shares the `other` cache). */
const CACHED_COMMANDS = new Set(['build', 'fleet', 'graph', 'diff', 'lint', 'precompile', 'validate']);

async function launch(): Promise<void> {
  const argv = process.argv.slice(2);
  const command = argv[0] ?? '';
  const name = command === 'build' ? 'build' : 'all';
  // One cache per command: each holds what its command compiled (help, version and typos share one).
  const tag = CACHED_COMMANDS.has(command) ? command : 'other';
  const bundle = loadBundle(join(__dirname, 'cli', `${name}.cjs`), `${name}-${tag}`, KTS_BUILD_ID);
  const runCli = bundle.exports.runCli as (argv: readonly string[]) => Promise<void>;
  await runCli(argv);
  bundle.save();
}

void launch();

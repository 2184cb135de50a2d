/**
 * The command dispatcher: help, version, the command table and the mapping of usage errors to exit
 * status 2. The full CLI (main.ts) and the build-only program (program-build.ts) share it.
 */
import { UsageError, type Io } from './io.js';

export const VERSION = '0.1.0';

/** A command: parses its arguments, runs, and returns the exit status. */
export type Command = (argv: string[], io: Io) => number;

/** The commands by name, each loaded on demand. */
export type CommandTable = Readonly<Record<string, () => Promise<Command>>>;

const help = `Usage: kustomize-ts <command> [options]

Commands:
  build DIR      render a kustomization exactly as kustomize build does
  fleet ROOT     render every Flux Kustomization of a cluster (--cluster DIR)
  graph ROOT     the dependsOn graph of a cluster's Flux Kustomizations (--cluster DIR)
  diff A B       what changes between two renderings (environments, checkouts)
  lint [ROOT]    lint a Flux repository: dependency graph, overlays, images, sources, schemas
  precompile     schema validators compiled ahead of time (for pages that forbid new Function)

Run \`kustomize-ts <command> --help\` for a command's options; \`kustomize-ts --version\` prints the version.`;

/** Runs the command named by `argv[0]` from `commands` and returns the exit status. */
export async function dispatch(argv: readonly string[], io: Io, commands: CommandTable): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    const load = cmd !== undefined && Object.hasOwn(commands, cmd) ? commands[cmd] : undefined;
    if (load) return (await load())(rest, io);
    switch (cmd) {
      case '--version':
      case 'version':
        io.out(`kustomize-ts ${VERSION}\n`);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(help + '\n');
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

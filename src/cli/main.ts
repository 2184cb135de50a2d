/**
 * cli: the `kustomize-ts` command. Each command lives in commands/ and is loaded only when it runs (so
 * `build` never loads the schemas, ajv, lint or diff); this file dispatches and maps errors to exit codes
 * (0 ok, 1 failure, 2 bad usage).
 */
import { UsageError, type Io } from './io.js';

const VERSION = '0.1.0';

type Command = (argv: string[], io: Io) => number;

/** The commands, each loaded on demand. */
const commands: Readonly<Record<string, () => Promise<Command>>> = {
  build: async () => (await import('./commands/build.js')).runBuildCommand,
  fleet: async () => (await import('./commands/fleet.js')).runFleetCommand,
  graph: async () => (await import('./commands/graph.js')).runGraphCommand,
  diff: async () => (await import('./commands/diff.js')).runDiffCommand,
  lint: async () => (await import('./commands/lint.js')).runLintCommand,
  precompile: async () => (await import('./commands/precompile.js')).runPrecompileCommand,
};

const help = `Usage: kustomize-ts <command> [options]

Commands:
  build DIR      render a kustomization exactly as kustomize build does
  fleet ROOT     render every Flux Kustomization of a cluster (--cluster DIR)
  graph ROOT     the dependsOn graph of a cluster's Flux Kustomizations (--cluster DIR)
  diff A B       what changes between two renderings (environments, checkouts)
  lint [ROOT]    lint a Flux repository: dependency graph, overlays, images, sources, schemas
  precompile     schema validators compiled ahead of time (for pages that forbid new Function)

Run \`kustomize-ts <command> --help\` for a command's options; \`kustomize-ts --version\` prints the version.`;

/** Runs the CLI with `argv` (without the node and script paths) and returns the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
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

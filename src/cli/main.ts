/**
 * cli: the `kustomize-ts` command. Each command lives in commands/; this file dispatches and maps errors
 * to exit codes (0 ok, 1 failure, 2 bad usage).
 */
import { runBuildCommand } from './commands/build.js';
import { runFleetCommand } from './commands/fleet.js';
import { runGraphCommand } from './commands/graph.js';
import { runDiffCommand } from './commands/diff.js';
import { runPrecompileCommand } from './commands/precompile.js';
import { runLintCommand } from './commands/lint.js';
import { UsageError, type Io } from './io.js';

const VERSION = '0.1.0';

const help = `Usage: kustomize-ts <command> [options]

Commands:
  build DIR      render a kustomization exactly as kustomize build does
  fleet ROOT     render every Flux Kustomization of a cluster (--cluster DIR)
  graph ROOT     the dependsOn graph of a cluster's Flux Kustomizations (--cluster DIR)
  diff A B       what changes between two renderings (environments, checkouts)
  lint [ROOT]    lint a Flux repository: dependency graph, overlays, images, sources, schemas
  precompile     schema validators compiled ahead of time (for pages that forbid new Function)
  lsp            the language server for editors (--stdio, --socket=PORT, --node-ipc)

Run \`kustomize-ts <command> --help\` for a command's options; \`kustomize-ts --version\` prints the version.`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'build':
        return await runBuildCommand(rest, io);
      case 'fleet':
        return await runFleetCommand(rest, io);
      case 'graph':
        return await runGraphCommand(rest, io);
      case 'diff':
        return await runDiffCommand(rest, io);
      case 'precompile':
        return runPrecompileCommand(rest, io);
      case 'lint':
        return await runLintCommand(rest, io);
      case 'lsp':
        // Loaded only when it runs: no other command loads the LSP libraries.
        return await (await import('./commands/lsp.js')).runLspCommand(rest, io);
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

/**
 * cli: the `kustomize-ts` command. Each command lives in commands/; this file dispatches and maps errors
 * to one line on stderr and the exit statuses of exit-codes.ts.
 */
import { runBuildCommand } from './commands/build.js';
import { runFleetCommand } from './commands/fleet.js';
import { runGraphCommand } from './commands/graph.js';
import { runDiffCommand } from './commands/diff.js';
import { runPrecompileCommand } from './commands/precompile.js';
import { runLintCommand } from './commands/lint.js';
import { helmHelp } from './commands/helm-help.js';
import { runValidateCommand } from './commands/validate.js';
import { UsageError, type Io } from './io.js';
import { CliError, fsErrorMessage, isFsError, parseArgsMessage } from './errors.js';
import { ExitCode, exitCodeTable } from './exit-codes.js';
import { ISSUES_URL, PACKAGE_VERSION } from '../diagnostics/project.js';

/** Where users report bugs (package.json `bugs`). */
export const BUGS_URL = ISSUES_URL;

const help = `Usage: kustomize-ts <command> [options]

Commands:
  build DIR      render a kustomization exactly as kustomize build does
  fleet ROOT     render every Flux Kustomization of a cluster (--cluster DIR)
  graph ROOT     the dependsOn graph of a cluster's Flux Kustomizations (--cluster DIR)
  diff A B       what changes between two renderings (environments, checkouts)
  lint [ROOT]    lint a Flux repository: dependency graph, overlays, images, sources, schemas
  validate PATH  validate plain manifests (files, folders, -) against Kubernetes, Flux and CRD schemas
  helm template  render a Helm chart exactly as helm template does
  precompile     schema validators compiled ahead of time (for pages that forbid new Function)

Run \`kustomize-ts help <command>\` (or \`kustomize-ts <command> --help\`) for a command's options;
\`kustomize-ts --version\` prints the version.

${exitCodeTable}`;

type Command = (argv: string[], io: Io) => number | Promise<number>;

const commands: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['build', runBuildCommand],
  ['fleet', runFleetCommand],
  ['graph', runGraphCommand],
  ['diff', runDiffCommand],
  ['precompile', runPrecompileCommand],
  ['lint', runLintCommand],
  ['validate', runValidateCommand],
  ['helm', runHelm],
]);

/** `kustomize-ts help [COMMAND]`: the general help, or a command's. */
function runHelp(topic: string | undefined, io: Io): number | Promise<number> {
  if (topic === undefined) {
    io.out(help + '\n');
    return ExitCode.ok;
  }
  if (topic === 'exit-codes') {
    io.out(exitCodeTable + '\n');
    return ExitCode.ok;
  }
  const command = commands.get(topic);
  if (!command) throw new UsageError(`no help for "${topic}": not a command`);
  return command(['--help'], io);
}

function dispatch(cmd: string | undefined, rest: string[], io: Io): number | Promise<number> {
  const command = cmd !== undefined ? commands.get(cmd) : undefined;
  if (command) return command(rest, io);
  switch (cmd) {
    case '--version':
    case '-v':
    case 'version':
      io.out(`kustomize-ts ${PACKAGE_VERSION}\n`);
      return ExitCode.ok;
    case 'help':
      return runHelp(rest[0], io);
    case '-h':
    case '--help':
      io.out(help + '\n');
      return ExitCode.ok;
    case undefined:
      io.err(help + '\n');
      return ExitCode.usage;
    default:
      throw new UsageError(`unknown command "${cmd}"`);
  }
}

/**
 * Runs the CLI with `argv` (the arguments after the program name); resolves to the exit status. The Helm
 * engine is imported only when `helm template` renders a chart, so that `build` never loads it.
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    return await dispatch(cmd, rest, io);
  } catch (err) {
    return reportError(err, cmd !== undefined && commands.has(cmd) ? cmd : undefined, io);
  }
}

/** One line on stderr for an error that ends a command, and its exit status (never a stack trace). */
function reportError(err: unknown, command: string | undefined, io: Io): number {
  if (err instanceof UsageError || (err instanceof Error && isParseArgsError(err))) {
    const message = err instanceof UsageError ? err.message : parseArgsMessage(err);
    const helpCommand = command !== undefined ? `kustomize-ts ${command} --help` : 'kustomize-ts --help';
    io.err(`error: ${message}\nRun '${helpCommand}' for usage.\n`);
    return ExitCode.usage;
  }
  if (err instanceof CliError) {
    io.err(`error: ${err.message}\n`);
    return err.exitCode;
  }
  if (isFsError(err)) {
    io.err(`error: ${fsErrorMessage(err)}\n`);
    return ExitCode.failed;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`error: internal error: ${message}\n`);
  if (io.debug && err instanceof Error && err.stack) io.err(err.stack + '\n');
  else
    io.err(`This is a bug in kustomize-ts: please report it at ${BUGS_URL} (KUSTOMIZE_TS_DEBUG=1 prints the stack).\n`);
  return ExitCode.failed;
}

function isParseArgsError(err: Error): err is Error & { code: string } {
  return (err as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS') === true;
}

/** `kustomize-ts helm ...`: its help without loading the engine, else `helm template` through the engine. */
async function runHelm(rest: string[], io: Io): Promise<number> {
  if (rest.length === 0 || rest.includes('--help') || rest.includes('-h')) {
    io.out(helmHelp + '\n');
    return rest.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  const { runHelmCommand } = await import('./commands/helm.js');
  return runHelmCommand(rest, io);
}

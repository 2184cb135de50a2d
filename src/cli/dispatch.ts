/**
 * The command dispatcher: help, version, the command table, and errors mapped to one line on stderr and
 * the exit statuses of exit-codes.ts. The full CLI (main.ts) and the build-only program
 * (program-build.ts) share it; each passes the commands it can load.
 */
import { UsageError, type Io } from './io.js';
import { CliError, fsErrorMessage, isFsError, parseArgsMessage } from './errors.js';
import { ExitCode, exitCodeTable } from './exit-codes.js';

import { ISSUES_URL, PACKAGE_VERSION } from '../diagnostics/project.js';

/** Where users report bugs (package.json `bugs`). */
export const BUGS_URL = ISSUES_URL;

/** A command: parses its arguments, runs, and returns the exit status. */
export type Command = (argv: string[], io: Io) => number | Promise<number>;

/** The commands by name, each loaded on demand. */
export type CommandTable = Readonly<Record<string, () => Promise<Command>>>;

const help = `Usage: kustomize-ts <command> [options]

Commands:
  build DIR      render a kustomization exactly as kustomize build does
  fleet ROOT     render every Flux Kustomization of a cluster (--cluster DIR)
  graph ROOT     the dependsOn graph of a cluster's Flux Kustomizations (--cluster DIR)
  diff A B       what changes between two renderings (environments, checkouts)
  lint [ROOT]    lint a Flux repository: dependency graph, overlays, images, sources, schemas
  validate PATH  validate plain manifests (files, folders, -) against Kubernetes, Flux and CRD schemas
  helm template  render a Helm chart exactly as helm template does
  lsp            the language server for editors (--stdio, --socket=PORT, --node-ipc)
  precompile     schema validators compiled ahead of time (for pages that forbid new Function)

Run \`kustomize-ts help <command>\` (or \`kustomize-ts <command> --help\`) for a command's options;
\`kustomize-ts --version\` prints the version.

${exitCodeTable}`;

function commandLoader(commands: CommandTable, name: string | undefined): (() => Promise<Command>) | undefined {
  return name !== undefined && Object.hasOwn(commands, name) ? commands[name] : undefined;
}

/** `kustomize-ts help [COMMAND]`: the general help, or a command's. */
async function runHelp(topic: string | undefined, io: Io, commands: CommandTable): Promise<number> {
  if (topic === undefined) {
    io.out(help + '\n');
    return ExitCode.ok;
  }
  if (topic === 'exit-codes') {
    io.out(exitCodeTable + '\n');
    return ExitCode.ok;
  }
  const load = commandLoader(commands, topic);
  if (!load) throw new UsageError(`no help for "${topic}": not a command`);
  return (await load())(['--help'], io);
}

async function run(cmd: string | undefined, rest: string[], io: Io, commands: CommandTable): Promise<number> {
  const load = commandLoader(commands, cmd);
  if (load) return (await load())(rest, io);
  switch (cmd) {
    case '--version':
    case '-v':
    case 'version':
      io.out(`kustomize-ts ${PACKAGE_VERSION}\n`);
      return ExitCode.ok;
    case 'help':
      return runHelp(rest[0], io, commands);
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

/** Runs the command named by `argv[0]` from `commands` and returns the exit status. */
export async function dispatch(argv: readonly string[], io: Io, commands: CommandTable): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    return await run(cmd, rest, io, commands);
  } catch (err) {
    return reportError(err, commandLoader(commands, cmd) ? cmd : undefined, io);
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

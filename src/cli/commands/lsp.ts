/// <reference types="node" />
/** `kustomize-ts lsp`: the language server (LSP over stdio, a socket or Node IPC). */
import { parseArgs } from 'node:util';
import { UsageError, type Io } from '../io.js';

export const lspHelp = `Usage: kustomize-ts lsp [--stdio | --socket=PORT | --node-ipc]

Runs the kustomize-ts language server: diagnostics as you type (build errors, lint findings, schema
problems), hover with the rendered value of a field in every cluster and the line that set it, go to
definition, completion, quick fixes and a rendered preview (request kustomize-ts/render, command
kustomize-ts.render) for kustomization files and Flux repositories. The workspace's configuration file
(kustomize-ts.config.yaml or .kustomize-ts.yaml) sets the rules. Editor setups: docs/editors.md.

Options:
  --stdio              talk LSP on standard input and output (default)
  --socket=PORT        connect to a client listening on 127.0.0.1:PORT
  --node-ipc           talk over Node's IPC channel (a client that forks the server)
  --clientProcessId=N  end when that process ends
  -h, --help           show this help

Exit status: 0 after the client's shutdown and exit, 1 when the client exits without shutdown.`;

/** The transport the server talks over. */
export type LspTransport = { kind: 'stdio' } | { kind: 'node-ipc' } | { kind: 'socket'; port: number };

export async function runLspCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      stdio: { type: 'boolean' },
      socket: { type: 'string' },
      'node-ipc': { type: 'boolean' },
      clientProcessId: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(lspHelp + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] ?? ''}"`);
  const chosen = [values.stdio === true, values.socket !== undefined, values['node-ipc'] === true].filter(Boolean);
  if (chosen.length > 1) throw new UsageError('choose one of --stdio, --socket=PORT, --node-ipc');
  let transport: LspTransport = { kind: 'stdio' };
  if (values.socket !== undefined) {
    const port = Number(values.socket);
    if (!Number.isInteger(port) || port <= 0 || port > 65535)
      throw new UsageError(`invalid --socket port "${values.socket}"`);
    transport = { kind: 'socket', port };
  } else if (values['node-ipc']) transport = { kind: 'node-ipc' };
  const { runLanguageServer } = await import('../lsp-host.js');
  return runLanguageServer(transport);
}

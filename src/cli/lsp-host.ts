/// <reference types="node" />
/**
 * The Node host of the language server (src/lsp/): the connection over stdio, a socket or Node IPC, the
 * disk as file system, rendered previews written as read-only files in a temporary folder, and the
 * workspace settings read from the lint configuration file.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  SocketMessageReader,
  SocketMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { nodeFs } from '../node/node-fs.js';
import { startServer, type ServerHost } from '../lsp/server.js';
import { fileUri } from '../lsp/uri.js';
import { loadWorkspaceSettings, SETTINGS_FILES } from '../lsp/settings.js';
import type { LspTransport } from './commands/lsp.js';

async function connectionFor(transport: LspTransport): Promise<Connection> {
  switch (transport.kind) {
    case 'stdio':
      return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
    case 'node-ipc':
      return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
    case 'socket': {
      const socket = connect(transport.port, '127.0.0.1');
      await new Promise<void>((ok, fail) => {
        socket.once('connect', ok);
        socket.once('error', fail);
      });
      return createConnection(ProposedFeatures.all, new SocketMessageReader(socket), new SocketMessageWriter(socket));
    }
  }
}

/** Writes a rendered preview as a read-only file and returns its URI. */
function materialize(name: string, text: string): string {
  const dir = join(tmpdir(), `kustomize-ts-render-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/ · /g, '__').replace(/[^\w.-]/g, '_')}.yaml`);
  try {
    chmodSync(file, 0o644);
  } catch {
    // first time
  }
  writeFileSync(file, text);
  chmodSync(file, 0o444);
  return fileUri(file);
}

/** Serves until the client says exit; resolves with the exit status. */
export async function runLanguageServer(transport: LspTransport): Promise<number> {
  const connection = await connectionFor(transport);
  return new Promise<number>((done) => {
    const host: ServerHost = {
      fs: nodeFs(),
      loadSettings: loadWorkspaceSettings,
      settingsFiles: SETTINGS_FILES,
      materialize,
      exit: (code) => {
        done(code);
        setImmediate(() => process.exit(code));
      },
    };
    startServer(connection, host);
  });
}

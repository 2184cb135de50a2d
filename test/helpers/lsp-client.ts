/// <reference types="node" />
/**
 * A real LSP client for tests: spawns the built CLI's `kustomize-ts lsp --stdio` and talks to it with
 * vscode-jsonrpc and the protocol's request types, as an editor does; it answers `window/showDocument`
 * and collects published diagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type Location,
  type LocationLink,
  type Position,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './shared.js';

/** The built CLI (npm test builds it first). */
export const CLI = join(repoRoot, 'dist', 'cli.cjs');

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

type Waiter = { uri: string; test: (d: Diagnostic[]) => boolean; done: (d: Diagnostic[]) => void };

export class LspTestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** Documents the server asked the client to show. */
  readonly shown: string[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  stderr = '';

  private constructor(
    readonly root: string,
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    readonly initialized: InitializeResult,
  ) {}

  /** Starts the server on `root` (the workspace folder) and initializes it. */
  static async start(root: string, args: readonly string[] = ['--stdio']): Promise<LspTestClient> {
    const child = spawn(process.execPath, [CLI, 'lsp', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const pending: { client?: LspTestClient } = {};
    connection.onNotification(PublishDiagnosticsNotification.type, (p) =>
      pending.client?.received(p.uri, p.diagnostics),
    );
    connection.onRequest(ShowDocumentRequest.type, (p) => {
      pending.client?.shown.push(p.uri);
      return { success: true };
    });
    connection.listen();
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- required by the type; workspaceFolders says it
      rootUri: null,
      workspaceFolders: [{ uri: uriOf(root), name: 'root' }],
      capabilities: { window: { showDocument: { support: true } } },
      initializationOptions: { debounceMs: 20 },
    });
    const client = new LspTestClient(root, connection, child, result);
    child.stderr.on('data', (b: Buffer) => (client.stderr += b.toString()));
    pending.client = client;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private received(uri: string, diagnostics: Diagnostic[]): void {
    this.diagnostics.set(uri, diagnostics);
    for (const w of [...this.waiters]) {
      if (w.uri === uri && w.test(diagnostics)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.done(diagnostics);
      }
    }
  }

  /** Resolves with the diagnostics of `path` once they satisfy `test` (now or when next published). */
  waitForDiagnostics(path: string, test: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const uri = uriOf(join(this.root, path));
    const now = this.diagnostics.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((done) => this.waiters.push({ uri, test, done }));
  }

  /** The text the client holds for `path` (its last edit, or the file). */
  text(path: string): string {
    return this.texts.get(path) ?? readFileSync(join(this.root, path), 'utf8');
  }

  async open(path: string, text = this.text(path)): Promise<void> {
    this.versions.set(path, 1);
    this.texts.set(path, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(join(this.root, path)), languageId: 'yaml', version: 1, text },
    });
  }

  /** Replaces the whole text of an open document (a full-text change). */
  async change(path: string, text: string): Promise<void> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    this.texts.set(path, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(join(this.root, path)), version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental change: `newText` replaces the range. */
  async edit(path: string, range: { start: Position; end: Position }, newText: string): Promise<void> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    const old = this.text(path);
    const at = (p: Position): number => {
      const lines = old.split('\n');
      return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    };
    this.texts.set(path, old.slice(0, at(range.start)) + newText + old.slice(at(range.end)));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(join(this.root, path)), version },
      contentChanges: [{ range, text: newText }],
    });
  }

  /** The position of the `nth` occurrence of `needle` in the document's text (plus `shift` characters). */
  positionOf(path: string, needle: string, shift = 0, nth = 0): Position {
    const text = this.text(path);
    let i = -1;
    for (let n = 0; n <= nth; n++) i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} not in ${path}`);
    const before = text.slice(0, i + shift);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
  }

  hover(path: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(join(this.root, path)) },
      position,
    });
  }

  definition(path: string, position: Position): Promise<Location | Location[] | LocationLink[] | null> {
    return this.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uriOf(join(this.root, path)) },
      position,
    });
  }

  completion(path: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    return this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uriOf(join(this.root, path)) },
      position,
    });
  }

  codeActions(path: string, diagnostics: Diagnostic[]): Promise<(CodeAction | { command: string })[] | null> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(join(this.root, path)) },
      range,
      context: { diagnostics },
    });
  }

  render(path: string, position: Position): Promise<unknown> {
    return this.connection.sendRequest('kustomize-ts/render', {
      textDocument: { uri: uriOf(join(this.root, path)) },
      position,
    });
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** Shuts the server down; resolves with its exit status. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((done) => this.child.once('exit', (code) => done(code)));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

/// <reference types="node" />
/**
 * A real LSP client for tests: spawns the package's bin as `kustomize-ts lsp --stdio` and talks to it with
 * vscode-jsonrpc and the protocol's request types, as an editor does; it answers `window/showDocument`
 * and collects published diagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
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
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './shared.js';

/**
 * How the tests start the server, and how docs/editors.md tells every editor to: the package's `kustomize-ts`
 * bin with these arguments.
 */
export const SERVER = { command: 'kustomize-ts', args: ['lsp', '--stdio'] } as const;

/** The file the package's `kustomize-ts` bin runs (npm test builds it first). */
export const CLI = join(
  repoRoot,
  (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
    SERVER.command
  ] ?? '',
);

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** The labels of a completion answer. */
export function completionLabels(r: CompletionItem[] | CompletionList | null): string[] {
  const list = Array.isArray(r) ? r : (r?.items ?? []);
  return list.map((i) => i.label);
}

/** A definition answer as a list of locations. */
export function locations(r: Location | Location[] | LocationLink[] | null): Location[] {
  return (Array.isArray(r) ? r : r ? [r] : []) as Location[];
}

/** The markdown of a hover (empty without one). */
export function hoverText(h: Hover | null): string {
  const c = h?.contents;
  return c !== undefined && typeof c === 'object' && 'value' in c ? c.value : '';
}

/** `text` with LSP text edits applied (positions in UTF-16 code units, as the server sends them). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  return sorted.reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
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
  static async start(root: string): Promise<LspTestClient> {
    const child = spawn(process.execPath, [CLI, ...SERVER.args], { stdio: ['pipe', 'pipe', 'pipe'] });
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

  /** The URI of `path` (relative to the workspace). */
  uri(path: string): string {
    return uriOf(join(this.root, path));
  }

  /** Resolves with the diagnostics of `path` once they satisfy `test` (now or when next published). */
  waitForDiagnostics(path: string, test: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const uri = this.uri(path);
    const now = this.diagnostics.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((done) => this.waiters.push({ uri, test, done }));
  }

  /** The text the client holds for `path` (its last edit, or the file). */
  text(path: string): string {
    return this.texts.get(path) ?? readFileSync(join(this.root, path), 'utf8');
  }

  /** Opens `path` (as an editor does before any request on it); an open document gets `text` as a change. */
  async open(path: string, text = this.text(path)): Promise<void> {
    if (this.versions.has(path)) {
      if (text !== this.text(path)) await this.change(path, text);
      return;
    }
    this.versions.set(path, 1);
    this.texts.set(path, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path), languageId: 'yaml', version: 1, text },
    });
  }

  /** Replaces the whole text of an open document (a full-text change). */
  async change(path: string, text: string): Promise<void> {
    if (!this.versions.has(path)) return this.open(path, text);
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    this.texts.set(path, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path), version },
      contentChanges: [{ text }],
    });
  }

  /** An incremental change: `newText` replaces the range. */
  async edit(path: string, range: { start: Position; end: Position }, newText: string): Promise<void> {
    await this.open(path);
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    this.texts.set(path, applyEdits(this.text(path), [{ range, newText }]));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: this.uri(path), version },
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

  async hover(path: string, position: Position): Promise<Hover | null> {
    await this.open(path);
    return this.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: this.uri(path) },
      position,
    });
  }

  async definition(path: string, position: Position): Promise<Location | Location[] | LocationLink[] | null> {
    await this.open(path);
    return this.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: this.uri(path) },
      position,
    });
  }

  async completion(path: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    await this.open(path);
    return this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: this.uri(path) },
      position,
    });
  }

  async codeActions(path: string, diagnostics: Diagnostic[]): Promise<(CodeAction | { command: string })[] | null> {
    await this.open(path);
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: this.uri(path) },
      range,
      context: { diagnostics },
    });
  }

  async render(path: string, position: Position): Promise<unknown> {
    await this.open(path);
    return this.connection.sendRequest('kustomize-ts/render', {
      textDocument: { uri: this.uri(path) },
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

/** The server of a describe block, on a temporary copy of a repository (never the original). */
export interface LspOnCopy {
  /** The client (throws when the server did not start). */
  readonly c: () => LspTestClient;
  /** The copy's folder (the workspace). */
  readonly root: () => string;
}

/**
 * Registers hooks that copy `source` to a temporary folder, start the server on it and initialize it, and
 * at the end shut it down (expecting exit status 0) and remove the copy.
 */
export function lspOnCopy(source: string, prefix: string, timeout: number): LspOnCopy {
  let root = '';
  let started: LspTestClient | undefined;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), prefix));
    cpSync(source, root, { recursive: true });
    started = await LspTestClient.start(root);
  }, timeout);
  afterAll(async () => {
    if (started) expect(await started.stop()).toBe(0);
    if (root !== '') rmSync(root, { recursive: true, force: true });
  }, timeout);
  return {
    c: () => {
      if (!started) throw new Error('the server did not start');
      return started;
    },
    root: () => root,
  };
}

/**
 * Types `typo` over the first `entry` of `file`, expects a single `kustomize/build-error` (Error, linked to its
 * rule page) on exactly the typed text, then restores the text and expects the empty list. Returns the
 * diagnostic for more checks.
 */
export async function expectBuildErrorWhileTyped(
  c: LspTestClient,
  file: string,
  entry: string,
  typo: string,
): Promise<Diagnostic> {
  const original = c.text(file);
  await c.change(file, original.replace(entry, typo));
  const d = await c.waitForDiagnostics(file, (l) => l.length > 0);
  const at = c.positionOf(file, typo);
  expect(d.map((x) => [x.code, x.severity, x.range])).toEqual([
    ['kustomize/build-error', 1, { start: at, end: { line: at.line, character: at.character + typo.length } }],
  ]);
  expect(d[0]?.codeDescription?.href).toBe(
    'https://github.com/kustomize-ts/kustomize-ts/blob/main/docs/rules/kustomize/build-error.md',
  );
  expect(d[0]?.source).toBe('kustomize-ts');
  await c.change(file, original);
  expect(await c.waitForDiagnostics(file, (l) => l.length === 0)).toEqual([]);
  return d[0] as Diagnostic;
}

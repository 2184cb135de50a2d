/**
 * The language server on a connection: document sync (open buffers go to the workspace session), debounced
 * analysis and diagnostics, and the requests of each feature. Free of Node: the host (src/cli/lsp-host.ts
 * for stdio, sockets and Node IPC) gives it the connection, the file system and the configuration loader.
 */
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FileSystem } from '../fs/types.js';
import { basename } from '../fs/path.js';
import { codeActions } from './features/code-actions.js';
import { completion } from './features/completion.js';
import { definition } from './features/definition.js';
import { syntaxDiagnostics, toLsp } from './features/diagnostics.js';
import { hover } from './features/hover.js';
import { render, type RenderParams, type RenderResult } from './features/render.js';
import { offsetAt } from './positions.js';
import { fileUri, uriPath } from './uri.js';
import { Workspace } from './workspace.js';
import type { LoadedSettings } from './settings.js';
import { parseText, type ParsedText } from './yaml-cursor.js';

/** The custom request returning the rendered YAML under the cursor. */
export const RENDER_REQUEST = 'kustomize-ts/render';
/** The command opening the rendered YAML as a document (arguments: the document URI and a position). */
export const RENDER_COMMAND = 'kustomize-ts.render';
/** Sent after each analysis (for clients and tests that wait for one). */
export const ANALYZED_NOTIFICATION = 'kustomize-ts/analyzed';

/** What the host provides. */
export interface ServerHost {
  /** The machine's file system. */
  readonly fs: FileSystem;
  /** Reads the workspace settings (the lint configuration file) of a workspace folder. */
  loadSettings(fs: FileSystem, root: string): LoadedSettings;
  /** File names that hold settings: a change to one reloads them. */
  readonly settingsFiles: readonly string[];
  /** Makes a readable document of a rendered preview (e.g. a read-only temporary file); returns its URI. */
  materialize?(name: string, text: string): string;
  /** Called when the server should end (after `exit`): status 0 after a shutdown request, else 1. */
  exit?(code: number): void;
}

/** Options a client may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Milliseconds to wait after the last edit before analysing. Default 150. */
  debounceMs?: number;
}

function debounceOf(params: InitializeParams): number {
  const o = params.initializationOptions as InitializationOptions | null | undefined;
  const d = o?.debounceMs;
  return typeof d === 'number' && d >= 0 ? d : 150;
}

function rootOf(params: InitializeParams): string | undefined {
  // rootUri and rootPath are deprecated in favour of workspaceFolders, but older clients send only them.
  /* eslint-disable @typescript-eslint/no-deprecated */
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  return folder ? uriPath(folder) : (params.rootPath ?? undefined);
  /* eslint-enable @typescript-eslint/no-deprecated */
}

/** An open document and, once asked for, its parse. */
interface OpenDocument {
  doc: TextDocument;
  parsed?: ParsedText;
}

/** The server's state between requests: open documents, the workspace, its settings and the analysis timer. */
class ServerState {
  readonly docs = new Map<string, OpenDocument>();
  ws: Workspace | undefined;
  settingsFile: string | undefined;
  private settingsProblems: readonly Diagnostic[] = [];
  debounceMs = 150;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private published = new Set<string>();
  watchRegistration = false;
  shutdownReceived = false;

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
  ) {}

  parsedOf(uri: string): { path: string; parsed: ParsedText } | undefined {
    const entry = this.docs.get(uri);
    const path = uriPath(uri);
    if (!entry || path === undefined) return undefined;
    entry.parsed ??= parseText(entry.doc.getText());
    return { path, parsed: entry.parsed };
  }

  loadSettings(): void {
    if (!this.ws) return;
    const loaded = this.host.loadSettings(this.ws.fs, this.ws.root);
    this.settingsFile = loaded.file;
    this.settingsProblems = loaded.diagnostics;
    this.ws.configure(loaded.settings);
  }

  /** Whether a change to `path` changes the settings. */
  isSettingsFile(path: string): boolean {
    return path === this.settingsFile || this.host.settingsFiles.includes(basename(path));
  }

  /** Analyses the workspace and sends the diagnostics of every file (clearing those that have none left). */
  publish(): void {
    if (!this.ws) return;
    const w = this.ws;
    const a = w.analysis();
    const next = new Map<string, LspDiagnostic[]>();
    const convert = (d: Diagnostic): LspDiagnostic => toLsp(d, (f) => w.abs(f));
    for (const [file, list] of a.diagnostics) next.set(fileUri(file), list.map(convert));
    if (this.settingsFile !== undefined && this.settingsProblems.length > 0) {
      const uri = fileUri(this.settingsFile);
      next.set(uri, [...(next.get(uri) ?? []), ...this.settingsProblems.map(convert)]);
    }
    this.addSyntaxDiagnostics(next);
    const connection = this.connection;
    for (const uri of this.published) if (!next.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of next) void connection.sendDiagnostics({ uri, diagnostics });
    this.published = new Set(next.keys());
    for (const d of a.unplaced) connection.console.info(`kustomize-ts: ${d.severity}: ${d.message} [${d.code}]`);
    void connection.sendNotification(ANALYZED_NOTIFICATION, { millis: a.millis, files: next.size });
  }

  /** Adds the YAML syntax diagnostics of each open document not already reported at the same place. */
  private addSyntaxDiagnostics(next: Map<string, LspDiagnostic[]>): void {
    for (const uri of this.docs.keys()) {
      const p = this.parsedOf(uri);
      if (!p) continue;
      const syntax = syntaxDiagnostics(p.parsed);
      if (syntax.length === 0) continue;
      const list = next.get(uri) ?? [];
      const seen = new Set(list.map((d) => `${d.code ?? ''}:${d.range.start.line}:${d.range.start.character}`));
      list.push(...syntax.filter((d) => !seen.has(`${d.code ?? ''}:${d.range.start.line}:${d.range.start.character}`)));
      next.set(uri, list);
    }
  }

  /** Publishes after `debounceMs` without a further call. */
  schedule(): void {
    this.cancelSchedule();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.publish();
      } catch (err) {
        this.connection.console.error(
          `kustomize-ts: analysis failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      }
    }, this.debounceMs);
  }

  cancelSchedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The rendered YAML under the cursor, or null outside a workspace. */
  renderAt(params: RenderParams): RenderResult | null {
    const p = this.parsedOf(params.textDocument.uri);
    const path = uriPath(params.textDocument.uri);
    if (!this.ws || path === undefined) return null;
    return render(this.ws, path, p?.parsed.text ?? '', params.position) ?? null;
  }
}

/** `initialize`, `initialized`, `shutdown` and `exit`. */
function registerLifecycle(state: ServerState): void {
  const { connection, host } = state;
  connection.onInitialize((params): InitializeResult => {
    state.debounceMs = debounceOf(params);
    const root = rootOf(params);
    if (root !== undefined) state.ws = new Workspace({ root, fs: host.fs });
    state.loadSettings();
    state.watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: [':', '/', '{', ' ', '.'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [RENDER_COMMAND] },
      },
      serverInfo: { name: 'kustomize-ts', version: '0.1.0' },
    };
  });
  connection.onInitialized(() => {
    if (state.watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yaml,yml}' },
          { globPattern: '**/Kustomization' },
          { globPattern: '**/.sourceignore' },
        ],
      });
    }
    state.schedule();
  });
}

/** Open, change, close and save of documents: open buffers go to the workspace session. */
function registerDocumentSync(state: ServerState): void {
  const { connection } = state;
  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    state.docs.set(t.uri, { doc: TextDocument.create(t.uri, t.languageId, t.version, t.text) });
    const path = uriPath(t.uri);
    if (state.ws && path !== undefined) state.ws.setBuffer(path, t.text);
    state.schedule();
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const entry = state.docs.get(textDocument.uri);
    if (!entry) return;
    const doc = TextDocument.update(entry.doc, contentChanges, textDocument.version);
    state.docs.set(textDocument.uri, { doc });
    const path = uriPath(textDocument.uri);
    if (state.ws && path !== undefined) state.ws.setBuffer(path, doc.getText());
    state.schedule();
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    state.docs.delete(textDocument.uri);
    const path = uriPath(textDocument.uri);
    if (state.ws && path !== undefined) state.ws.closeBuffer(path);
    state.schedule();
  });
  connection.onDidSaveTextDocument(({ textDocument }) => {
    const path = uriPath(textDocument.uri);
    if (state.ws && path !== undefined) {
      state.ws.fileChanged(path);
      if (state.isSettingsFile(path)) state.loadSettings();
    }
    state.schedule();
  });
}

/** Files changed outside the editor (reported by the client's watchers). */
function registerWatchedFiles(state: ServerState): void {
  state.connection.onDidChangeWatchedFiles(({ changes }) => {
    const ws = state.ws;
    if (!ws) return;
    let settingsChanged = false;
    for (const c of changes) {
      const path = uriPath(c.uri);
      if (path === undefined) continue;
      ws.fileChanged(path);
      if (state.isSettingsFile(path)) settingsChanged = true;
    }
    if (settingsChanged) state.loadSettings();
    state.schedule();
  });
}

/** Hover, definition, completion and code actions on an open document. */
function registerLanguageFeatures(state: ServerState): void {
  const { connection } = state;
  connection.onHover(({ textDocument, position }) => {
    const p = state.parsedOf(textDocument.uri);
    if (!state.ws || !p) return null;
    return hover(state.ws, p.path, p.parsed, offsetAt(p.parsed.text, position));
  });
  connection.onDefinition(({ textDocument, position }) => {
    const p = state.parsedOf(textDocument.uri);
    if (!state.ws || !p) return null;
    return definition(state.ws, p.path, p.parsed, offsetAt(p.parsed.text, position));
  });
  connection.onCompletion(({ textDocument, position }) => {
    const p = state.parsedOf(textDocument.uri);
    if (!state.ws || !p) return null;
    return completion(state.ws, p.path, p.parsed, position);
  });
  connection.onCodeAction(({ textDocument, context }) => {
    const p = state.parsedOf(textDocument.uri);
    if (!state.ws || !p) return null;
    return codeActions(textDocument.uri, p.parsed, context.diagnostics);
  });
}

/** The render request and the render command (which opens the preview as a document when the host can). */
function registerRender(state: ServerState): void {
  const { connection, host } = state;
  connection.onRequest(RENDER_REQUEST, (params: RenderParams) => state.renderAt(params));
  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== RENDER_COMMAND) return null;
    const [uri, position] = (args ?? []) as [string | undefined, RenderParams['position']];
    if (typeof uri !== 'string') return null;
    const result = state.renderAt({ textDocument: { uri }, ...(position ? { position } : {}) });
    if (!result || !host.materialize) return result;
    const shown = host.materialize(result.title, result.yaml);
    await connection.window.showDocument({ uri: shown, takeFocus: true });
    return { ...result, shown };
  });
}

/** Starts serving on `connection`; returns when the handlers are registered. */
export function startServer(connection: Connection, host: ServerHost): void {
  const state = new ServerState(connection, host);
  registerLifecycle(state);
  registerDocumentSync(state);
  registerWatchedFiles(state);
  registerLanguageFeatures(state);
  registerRender(state);
  connection.onShutdown(() => {
    state.shutdownReceived = true;
    state.cancelSchedule();
  });
  connection.onExit(() => {
    host.exit?.(state.shutdownReceived ? 0 : 1);
  });
  connection.listen();
}

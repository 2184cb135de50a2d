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

/** Starts serving on `connection`; returns when the handlers are registered. */
export function startServer(connection: Connection, host: ServerHost): void {
  const docs = new Map<string, { doc: TextDocument; parsed?: ParsedText }>();
  let ws: Workspace | undefined;
  let settingsFile: string | undefined;
  let settingsProblems: readonly Diagnostic[] = [];
  let debounceMs = 150;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let published = new Set<string>();
  let watchRegistration = false;

  const parsedOf = (uri: string): { path: string; parsed: ParsedText } | undefined => {
    const entry = docs.get(uri);
    const path = uriPath(uri);
    if (!entry || path === undefined) return undefined;
    entry.parsed ??= parseText(entry.doc.getText());
    return { path, parsed: entry.parsed };
  };

  const loadSettings = (): void => {
    if (!ws) return;
    const loaded = host.loadSettings(ws.fs, ws.root);
    settingsFile = loaded.file;
    settingsProblems = loaded.diagnostics;
    ws.configure(loaded.settings);
  };

  const publish = (): void => {
    if (!ws) return;
    const w = ws;
    const a = w.analysis();
    const next = new Map<string, LspDiagnostic[]>();
    const convert = (d: Diagnostic): LspDiagnostic => toLsp(d, (f) => w.abs(f));
    for (const [file, list] of a.diagnostics) next.set(fileUri(file), list.map(convert));
    if (settingsFile !== undefined && settingsProblems.length > 0) {
      const uri = fileUri(settingsFile);
      next.set(uri, [...(next.get(uri) ?? []), ...settingsProblems.map(convert)]);
    }
    for (const uri of docs.keys()) {
      const p = parsedOf(uri);
      if (!p) continue;
      const syntax = syntaxDiagnostics(p.parsed);
      if (syntax.length === 0) continue;
      const list = next.get(uri) ?? [];
      const seen = new Set(list.map((d) => `${d.code ?? ''}:${d.range.start.line}:${d.range.start.character}`));
      list.push(...syntax.filter((d) => !seen.has(`${d.code ?? ''}:${d.range.start.line}:${d.range.start.character}`)));
      next.set(uri, list);
    }
    for (const uri of published) if (!next.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of next) void connection.sendDiagnostics({ uri, diagnostics });
    published = new Set(next.keys());
    for (const d of a.unplaced) connection.console.info(`kustomize-ts: ${d.severity}: ${d.message} [${d.code}]`);
    void connection.sendNotification(ANALYZED_NOTIFICATION, { millis: a.millis, files: next.size });
  };

  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      try {
        publish();
      } catch (err) {
        connection.console.error(
          `kustomize-ts: analysis failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      }
    }, debounceMs);
  };

  connection.onInitialize((params): InitializeResult => {
    debounceMs = debounceOf(params);
    const root = rootOf(params);
    if (root !== undefined) ws = new Workspace({ root, fs: host.fs });
    loadSettings();
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
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
    if (watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yaml,yml}' },
          { globPattern: '**/Kustomization' },
          { globPattern: '**/.sourceignore' },
        ],
      });
    }
    schedule();
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    docs.set(t.uri, { doc: TextDocument.create(t.uri, t.languageId, t.version, t.text) });
    const path = uriPath(t.uri);
    if (ws && path !== undefined) ws.setBuffer(path, t.text);
    schedule();
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const entry = docs.get(textDocument.uri);
    if (!entry) return;
    const doc = TextDocument.update(entry.doc, contentChanges, textDocument.version);
    docs.set(textDocument.uri, { doc });
    const path = uriPath(textDocument.uri);
    if (ws && path !== undefined) ws.setBuffer(path, doc.getText());
    schedule();
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    docs.delete(textDocument.uri);
    const path = uriPath(textDocument.uri);
    if (ws && path !== undefined) ws.closeBuffer(path);
    schedule();
  });

  connection.onDidSaveTextDocument(({ textDocument }) => {
    const path = uriPath(textDocument.uri);
    if (ws && path !== undefined) {
      ws.fileChanged(path);
      if (path === settingsFile || host.settingsFiles.includes(basename(path))) loadSettings();
    }
    schedule();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!ws) return;
    let settingsChanged = false;
    for (const c of changes) {
      const path = uriPath(c.uri);
      if (path === undefined) continue;
      ws.fileChanged(path);
      if (path === settingsFile || host.settingsFiles.includes(basename(path))) settingsChanged = true;
    }
    if (settingsChanged) loadSettings();
    schedule();
  });

  connection.onHover(({ textDocument, position }) => {
    const p = parsedOf(textDocument.uri);
    if (!ws || !p) return null;
    return hover(ws, p.path, p.parsed, offsetAt(p.parsed.text, position));
  });

  connection.onDefinition(({ textDocument, position }) => {
    const p = parsedOf(textDocument.uri);
    if (!ws || !p) return null;
    return definition(ws, p.path, p.parsed, offsetAt(p.parsed.text, position));
  });

  connection.onCompletion(({ textDocument, position }) => {
    const p = parsedOf(textDocument.uri);
    if (!ws || !p) return null;
    return completion(ws, p.path, p.parsed, position);
  });

  connection.onCodeAction(({ textDocument, context }) => {
    const p = parsedOf(textDocument.uri);
    if (!ws || !p) return null;
    return codeActions(textDocument.uri, p.parsed, context.diagnostics);
  });

  const renderAt = (params: RenderParams): RenderResult | null => {
    const p = parsedOf(params.textDocument.uri);
    const path = uriPath(params.textDocument.uri);
    if (!ws || path === undefined) return null;
    return render(ws, path, p?.parsed.text ?? '', params.position) ?? null;
  };

  connection.onRequest(RENDER_REQUEST, (params: RenderParams) => renderAt(params));

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== RENDER_COMMAND) return null;
    const [uri, position] = (args ?? []) as [string | undefined, RenderParams['position']];
    if (typeof uri !== 'string') return null;
    const result = renderAt({ textDocument: { uri }, ...(position ? { position } : {}) });
    if (!result || !host.materialize) return result;
    const shown = host.materialize(result.title, result.yaml);
    await connection.window.showDocument({ uri: shown, takeFocus: true });
    return { ...result, shown };
  });

  let shutdownReceived = false;
  connection.onShutdown(() => {
    shutdownReceived = true;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  });

  connection.onExit(() => {
    host.exit?.(shutdownReceived ? 0 : 1);
  });

  connection.listen();
}

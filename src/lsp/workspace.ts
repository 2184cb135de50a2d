/**
 * One workspace folder as the server sees it: an editing session (open buffers over the host's files,
 * builds cached across edits) and the last analysis of it — every cluster rendered as Flux would, the
 * kustomization folders no cluster reaches built on their own, lint and schema findings — which the
 * features (diagnostics, hover, definition, render, completion, code actions) read.
 */
import { createSession, type Session } from '../api/session.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isAbsolute, normalize, resolve } from '../fs/path.js';
import type { FileSystem } from '../fs/types.js';
import type { LintContext, LintObject, LintUnit } from '../lint/context.js';
import { lintWithContext, type LintOptions } from '../lint/engine.js';

/** Lint settings of a workspace (from its configuration file). */
export type WorkspaceSettings = Omit<LintOptions, 'fs' | 'cache' | 'onProgress'>;

/** Options of a {@link Workspace}. */
export interface WorkspaceOptions {
  /** Absolute path of the workspace folder. */
  root: string;
  /** The host's file system (the workspace on disk). */
  fs: FileSystem;
  /** Lint settings; default the recommended rules. */
  settings?: WorkspaceSettings;
}

/** A rendered object and the build it belongs to. */
export interface RenderedObject extends LintObject {
  /** Where it was rendered: the cluster folder (relative to the root) or the kustomization folder built on its own. */
  readonly place: string;
  /** The Flux Kustomization (`namespace/name`) or the folder (relative) that rendered it. */
  readonly unit: LintUnit;
}

/** The result of analysing a workspace once. */
export interface Analysis {
  readonly context: LintContext;
  /** Findings by absolute file path. */
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Findings that name no file (the server logs them). */
  readonly unplaced: readonly Diagnostic[];
  /** Every rendered object, with where it was rendered. */
  readonly objects: readonly RenderedObject[];
  /** How long the analysis took, in milliseconds. */
  readonly millis: number;
}

export class Workspace {
  readonly root: string;
  readonly session: Session;
  private settings: WorkspaceSettings;
  private current: Analysis | undefined;
  private dirty = true;

  constructor(options: WorkspaceOptions) {
    this.root = normalize(options.root);
    // Every change reaches the session (buffers, and the watcher through fileChanged): the host's answers
    // and kept results are reused unread.
    this.session = createSession({ base: options.fs, changes: 'report' });
    this.settings = options.settings ?? {};
  }

  /** The file system with the open buffers over the workspace. */
  get fs(): FileSystem {
    return this.session.fs;
  }

  /** Absolute path of a path relative to the root. */
  abs(file: string): string {
    return isAbsolute(file) ? normalize(file) : resolve(this.root, file);
  }

  /** An open buffer's text (unsaved edits included). */
  setBuffer(file: string, text: string): void {
    this.session.update(file, text);
    this.dirty = true;
  }

  /** A buffer closed: the file on disk counts again. */
  closeBuffer(file: string): void {
    this.session.revert(file);
    this.dirty = true;
  }

  /** A file changed on disk (created, changed or deleted). */
  fileChanged(file: string): void {
    this.session.changed(normalize(file));
    this.dirty = true;
  }

  /** New lint settings (the configuration file changed). */
  configure(settings: WorkspaceSettings): void {
    this.settings = settings;
    this.dirty = true;
  }

  /** The last analysis, made again when anything changed since. */
  analysis(): Analysis {
    if (this.current && !this.dirty) return this.current;
    const started = Date.now();
    this.dirty = false;
    const { result, context } = lintWithContext(this.root, {
      ...this.settings,
      fs: this.session.fs,
      cache: this.session.cache,
    });
    const byFile = new Map<string, Diagnostic[]>();
    const unplaced: Diagnostic[] = [];
    for (const d of result.diagnostics) {
      if (d.file === undefined) {
        unplaced.push(d);
        continue;
      }
      const file = this.abs(d.file);
      const list = byFile.get(file);
      if (list) list.push(d);
      else byFile.set(file, [d]);
    }
    let objects: RenderedObject[] | undefined;
    this.current = {
      context,
      diagnostics: byFile,
      unplaced,
      // Listed when a feature first asks (publishing diagnostics after a keystroke does not).
      get objects() {
        return (objects ??= renderedObjects(context));
      },
      millis: Date.now() - started,
    };
    return this.current;
  }
}

function renderedObjects(context: LintContext): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const c of context.clusters) {
    for (const unit of c.units) for (const o of unit.objects) out.push({ ...o, place: c.name, unit });
  }
  for (const unit of context.standalone) for (const o of unit.objects) out.push({ ...o, place: unit.id, unit });
  return out;
}

/**
 * An editing session for hosts that re-render on every change (editor extensions, watch modes): edits go to
 * an in-memory layer over the host's files; builds, fleet renders and lint runs reuse what edits left alone.
 */
import { BuildCache, type BuildCacheStats } from '../build/cache.js';
import { LastResults } from '../build/last-results.js';
import type { BuildOptions } from '../build/options.js';
import { memoryFs, type MemoryFiles } from '../fs/memory.js';
import { normalize } from '../fs/path.js';
import { overlayFs } from '../fs/overlay.js';
import type { FileSystem } from '../fs/types.js';
import { watchedFs } from '../fs/watched.js';
import { renderFleet, type FleetResult, type RenderFleetOptions } from '../flux/fleet/index.js';
import { build, type BuildResult } from '../build/build.js';
import { lint, type LintOptions, type LintResult } from './engine.js';

/** Options of {@link createSession}. */
export interface SessionOptions {
  /** Files the session starts with (absolute paths). Default none. */
  files?: MemoryFiles;
  /** A file system under the session's edits (e.g. the workspace on disk). Default: an empty one. */
  base?: FileSystem;
  /** Build options used by every build of the session (the file system and cache are the session's). */
  buildOptions?: Omit<BuildOptions, 'fs' | 'cache'>;
  /** `report`: every base change comes through `update`/`remove`/`changed` (a watcher), so kept results are
   * reused unread and the base's answers are kept until a change to their path is reported. Default: `report`
   * without a base, else `detect` (kept results are checked by re-reading). */
  changes?: 'detect' | 'report';
}

/**
 * An editor session (see {@link createSession}): files edited in memory over a base file system, and builds,
 * fleet renders and lints that reuse everything an edit did not touch.
 */
export interface Session {
  /** The session's view of the files: the base with the edits on top. */
  readonly fs: FileSystem;
  /** Sets a file's content (an unsaved buffer). */
  update(file: string, text: string): void;
  /** Removes a file (it disappears even if the base has it). */
  remove(file: string): void;
  /** Drops the session's edit of a file (an update or a removal): the base's version shows again. */
  revert(file: string): void;
  /** Reports that a file of the base changed, appeared or disappeared (with `changes: 'report'`). */
  changed(file: string): void;
  /** Builds a kustomization directory, reusing everything unchanged since the last builds. */
  build(dir: string, options?: Omit<BuildOptions, 'fs' | 'cache'>): BuildResult;
  /** Renders a cluster (see {@link renderFleet}); the same result again while nothing changed. */
  renderFleet(root: string, options?: Omit<RenderFleetOptions, 'fs' | 'cache'>): FleetResult;
  /** Lints the repository at `root` (see {@link lint}); the same result again while nothing changed. */
  lint(root: string, options?: Omit<LintOptions, 'fs' | 'cache'>): LintResult;
  /** Cache counters, and the cache, for other operations that build through the session. */
  readonly stats: Readonly<BuildCacheStats>;
  readonly cache: BuildCache;
}

/**
 * Creates a {@link Session}: unsaved buffers (`update`, `remove`) on top of `options.base`, and one build cache
 * shared by every `build`, `renderFleet` and `lint` of the session, so that a rebuild after an edit re-reads only
 * what changed.
 */
export function createSession(options: SessionOptions = {}): Session {
  const reported = (options.changes ?? (options.base ? 'detect' : 'report')) === 'report';
  // With reported changes the base is asked once per path until a change to it is reported.
  const base = options.base && reported ? watchedFs(options.base) : undefined;
  const fs = overlayFs(base ?? options.base ?? memoryFs());
  for (const [path, content] of Object.entries(options.files ?? {})) fs.writeFile(path, content);
  const cache = new BuildCache({ changes: reported ? 'report' : 'detect' });
  const last = new LastResults();
  const touched = (file: string, structural = true): void => {
    last.changed();
    cache.invalidate(file, structural);
  };
  // Without reported changes an edit of the base may go unseen: never hand out a kept result then.
  const reuse = <T>(call: string, args: unknown, run: () => T): T => (reported ? last.reuse(call, args, run) : run());
  return {
    fs,
    cache,
    stats: cache.stats,
    update(file, text) {
      const existed = fs.stat(file)?.type === 'file';
      fs.writeFile(file, text);
      touched(file, !existed);
    },
    remove(file) {
      fs.removeFile(file);
      touched(file);
    },
    revert(file) {
      fs.revertFile(file);
      touched(file);
    },
    changed(file) {
      base?.invalidate(normalize(file));
      touched(file);
    },
    build: (dir, buildOptions) => build(dir, { ...options.buildOptions, ...buildOptions, fs, cache }),
    renderFleet: (root, o = {}) => reuse('fleet', [root, o], () => renderFleet(root, { ...o, fs, cache })),
    lint: (root, o = {}) => reuse('lint', [root, o], () => lint(root, { ...o, fs, cache })),
  };
}

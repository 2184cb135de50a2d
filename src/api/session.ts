/**
 * An editing session for hosts that re-render on every change (editor extensions, watch modes): file
 * edits go to an in-memory layer over the host's file system, and builds reuse every parsed file and
 * built sub-kustomization the edit did not touch.
 */
import { BuildCache, type BuildCacheStats } from '../build/cache.js';
import type { BuildOptions } from '../build/options.js';
import { memoryFs, type MemoryFiles } from '../fs/memory.js';
import { overlayFs } from '../fs/overlay.js';
import type { FileSystem } from '../fs/types.js';
import { build, type BuildResult } from './build.js';
import { lint, type LintOptions, type LintResult } from './lint.js';

/** Options of {@link createSession}. */
export interface SessionOptions {
  /** Files the session starts with (absolute paths). Default none. */
  files?: MemoryFiles;
  /** A file system under the session's edits (e.g. the workspace on disk). Default: an empty one. */
  base?: FileSystem;
  /** Build options used by every build of the session (the file system and cache are the session's). */
  buildOptions?: Omit<BuildOptions, 'fs' | 'cache'>;
}

export interface Session {
  /** The session's view of the files: the base with the edits on top. */
  readonly fs: FileSystem;
  /** Sets a file's content (an unsaved buffer). */
  update(file: string, text: string): void;
  /** Removes a file (it disappears even if the base has it). */
  remove(file: string): void;
  /** Drops the session's edit of a file (an update or a removal): the base's version shows again. */
  revert(file: string): void;
  /** Builds a kustomization directory, reusing everything unchanged since the last builds. */
  build(dir: string, options?: Omit<BuildOptions, 'fs' | 'cache'>): BuildResult;
  /** Lints the repository at `root` (see {@link lint}), reusing the session's cache. */
  lint(root: string, options?: Omit<LintOptions, 'fs' | 'cache'>): LintResult;
  /** Cache counters: parses, parse hits, directory builds, directory hits. */
  readonly stats: Readonly<BuildCacheStats>;
  /** The cache, for other operations that build through the session (fleet rendering, lint). */
  readonly cache: BuildCache;
}

export function createSession(options: SessionOptions = {}): Session {
  const fs = overlayFs(options.base ?? memoryFs());
  for (const [path, content] of Object.entries(options.files ?? {})) fs.writeFile(path, content);
  const cache = new BuildCache();
  return {
    fs,
    cache,
    stats: cache.stats,
    update(file, text) {
      fs.writeFile(file, text);
    },
    remove(file) {
      fs.removeFile(file);
    },
    revert(file) {
      fs.revertFile(file);
    },
    build(dir, buildOptions) {
      return build(dir, { ...options.buildOptions, ...buildOptions, fs, cache });
    },
    lint(root, lintOptions) {
      return lint(root, { ...lintOptions, fs, cache });
    },
  };
}

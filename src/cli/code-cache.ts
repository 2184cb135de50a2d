/// <reference types="node" />
/**
 * Loading a CommonJS bundle with a V8 code cache, so a CLI process skips parsing and compiling what the
 * previous run of the same command compiled. The cache is made lazily, after a command has run (so it holds
 * every function that run compiled, not only the top level), in the user's cache folder, one file per
 * bundle build, command, Node version and architecture. It is only an accelerator: a missing, stale or
 * rejected cache (V8 checks its version, flags and the source length) is ignored and rewritten, and every
 * file-system error is ignored.
 *
 * Settings: `KUSTOMIZE_TS_CACHE_DIR` (default: `$XDG_CACHE_HOME/kustomize-ts`, `~/.cache/kustomize-ts`,
 * `~/Library/Caches/kustomize-ts` on macOS, `%LOCALAPPDATA%\kustomize-ts` on Windows);
 * `KUSTOMIZE_TS_NO_CODE_CACHE=1` or Node's `NODE_DISABLE_COMPILE_CACHE=1` turn it off.
 */
import { isAscii } from 'node:buffer';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** A loaded bundle: its exports, and `save()` to write the code cache once the work is done. */
export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** Writes the code cache when there was none or V8 rejected it (never throws). */
  save(): void;
}

/** The folder of the code caches, or undefined when turned off. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.KUSTOMIZE_TS_NO_CODE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.KUSTOMIZE_TS_CACHE_DIR) return env.KUSTOMIZE_TS_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'kustomize-ts');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'kustomize-ts');
  const home = homedir();
  if (!home) return undefined;
  return process.platform === 'darwin'
    ? join(home, 'Library', 'Caches', 'kustomize-ts')
    : join(home, '.cache', 'kustomize-ts');
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` through a temporary file, so a reader never sees half a cache. */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

/** Removes the caches of other builds of the same bundle and command (left by older versions). */
function removeStale(dir: string, prefix: string, keep: string): void {
  for (const f of readdirSync(dir)) if (f.startsWith(prefix) && f !== keep) unlinkSync(join(dir, f));
}

/**
 * Loads the CommonJS bundle `file` as Node's loader would (its own `require`, `module`, `__filename`), with
 * the code cache of `name` (the bundle and command) and `buildId` (unique to this build of the bundle).
 */
export function loadBundle(file: string, name: string, buildId: string): LoadedBundle {
  const bytes = readFileSync(file);
  // Decoding as Latin-1 is much cheaper than UTF-8, and exact when the bundle is ASCII (it is built so).
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const dir = codeCacheDir();
  const prefix = `${name}-`;
  const cacheName = `${prefix}${buildId}-${process.version}-${process.arch}.v8cache`;
  const cacheFile = dir === undefined ? undefined : join(dir, cacheName);
  const cached = cacheFile === undefined ? undefined : readOptional(cacheFile);
  const script = new Script(wrapped, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as Record<string, unknown> };
  fn.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    save() {
      if (dir === undefined || cacheFile === undefined || (cached && !script.cachedDataRejected)) return;
      try {
        writeAtomically(cacheFile, script.createCachedData());
        removeStale(dir, prefix, cacheName);
      } catch {
        // a read-only or full disk: run without a cache
      }
    },
  };
}

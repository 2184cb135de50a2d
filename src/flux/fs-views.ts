/**
 * File-system views used to build Flux Kustomizations without touching the user's files: an overlay that
 * replaces or adds a few files (the kustomization the controller generates or edits, in memory), and an
 * artifact view that hides what source-controller leaves out of an artifact (`.sourceignore` and the
 * default exclusions).
 */
import { FsError, type FileStat, type FileSystem } from '../fs/types.js';
import { basename, dirname, isWithin, join, normalize, relative } from '../fs/path.js';
import { isIgnored, type IgnorePattern } from './sourceignore.js';

/** `base` with some files replaced or added (absolute paths → contents). */
export function overlayFs(base: FileSystem, files: ReadonlyMap<string, Uint8Array>): FileSystem {
  const added = new Map<string, Set<string>>();
  for (const p of files.keys()) {
    const dir = dirname(p);
    let s = added.get(dir);
    if (!s) added.set(dir, (s = new Set()));
    s.add(basename(p));
  }
  const fs: FileSystem = {
    readFile(path) {
      const f = files.get(normalize(path));
      return f ?? base.readFile(path);
    },
    readDir(path) {
      const extra = added.get(normalize(path));
      const names = base.readDir(path);
      if (!extra) return names;
      const set = new Set(names);
      for (const e of extra) set.add(e);
      return [...set];
    },
    stat(path): FileStat | undefined {
      if (files.has(normalize(path))) return { type: 'file' };
      return base.stat(path);
    },
  };
  if (base.realPath) {
    const real = base.realPath.bind(base);
    fs.realPath = (path) => (files.has(normalize(path)) ? normalize(path) : real(path));
  }
  return fs;
}

/**
 * `base` as the artifact of a source rooted at `root` (an absolute real path) contains it: files matching
 * `patterns` (see sourceignore.ts) are absent, and so are directories left without any file.
 */
export function artifactFs(base: FileSystem, root: string, patterns: readonly IgnorePattern[]): FileSystem {
  if (patterns.length === 0) return base;
  const fileCache = new Map<string, boolean>();
  const dirCache = new Map<string, boolean>();
  const elements = (p: string): string[] => relative(root, p).split('/');
  const fileHidden = (p: string): boolean => {
    let v = fileCache.get(p);
    if (v === undefined) {
      v = isWithin(root, p) && p !== root && isIgnored(patterns, elements(p), false);
      fileCache.set(p, v);
    }
    return v;
  };
  const dirHidden = (p: string): boolean => {
    if (!isWithin(root, p) || p === root) return false;
    let v = dirCache.get(p);
    if (v !== undefined) return v;
    dirCache.set(p, false); // guards symlink loops while computing
    v = true;
    let names: string[] = [];
    try {
      names = base.readDir(p);
    } catch {
      names = [];
    }
    for (const n of names) {
      const c = join(p, n);
      const st = base.stat(c);
      if (st?.type === 'file' ? !fileHidden(c) : st?.type === 'dir' ? !dirHidden(c) : false) {
        v = false;
        break;
      }
    }
    dirCache.set(p, v);
    return v;
  };
  const hidden = (path: string): boolean => {
    const p = normalize(path);
    if (!isWithin(root, p) || p === root) return false;
    // A path below a hidden directory is hidden too.
    const st = base.stat(p);
    if (!st) return false;
    return st.type === 'file' ? fileHidden(p) : dirHidden(p);
  };
  const fs: FileSystem = {
    readFile(path) {
      if (hidden(path)) throw new FsError('ENOENT', path, `open ${path}: no such file or directory`);
      return base.readFile(path);
    },
    readDir(path) {
      if (hidden(path)) throw new FsError('ENOENT', path, `open ${path}: no such file or directory`);
      const p = normalize(path);
      return base.readDir(path).filter((n) => !hidden(join(p, n)));
    },
    stat(path) {
      if (hidden(path)) return undefined;
      return base.stat(path);
    },
  };
  if (base.realPath) {
    const real = base.realPath.bind(base);
    fs.realPath = (path) => {
      if (hidden(path)) throw new FsError('ENOENT', path, `lstat ${path}: no such file or directory`);
      return real(path);
    };
  }
  return fs;
}

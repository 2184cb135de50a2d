/**
 * The file-system view of a source artifact: what source-controller leaves out of an artifact
 * (`.sourceignore` and the default exclusions) is absent. (Generated kustomizations are served through the
 * core's `overlayFs`.)
 */
import { FsError, type FileSystem } from '../fs/types.js';
import { isWithin, join, normalize, relative } from '../fs/path.js';
import { isIgnored, type IgnorePattern } from './sourceignore.js';

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
  const dirHidden = (p: string, depth = 0): boolean => {
    if (!isWithin(root, p) || p === root) return false;
    let v = dirCache.get(p);
    if (v !== undefined) return v;
    // Symlink loops make paths grow without end: stop looking deeper than any real tree goes.
    if (depth > 64) return false;
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
      if (st?.type === 'file' ? !fileHidden(c) : st?.type === 'dir' ? !dirHidden(c, depth + 1) : false) {
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

/**
 * The file-system view of a source artifact: what source-controller leaves out of an artifact
 * (`.sourceignore` and the default exclusions) is absent. (Generated kustomizations are served through the
 * core's `overlayFs`.)
 */
import { FsError, type FileSystem } from '../fs/types.js';
import { isWithin, join, normalize, relative } from '../fs/path.js';
import { isIgnored, type IgnorePattern } from './sourceignore.js';

/** Which paths below an artifact root are left out of the artifact (memoised per path). */
class HiddenPaths {
  private readonly fileCache = new Map<string, boolean>();
  private readonly dirCache = new Map<string, boolean>();

  constructor(
    private readonly base: FileSystem,
    private readonly root: string,
    private readonly patterns: readonly IgnorePattern[],
  ) {}

  /** True when `path` (a file or folder) is absent from the artifact. */
  hidden(path: string): boolean {
    const p = normalize(path);
    if (!isWithin(this.root, p) || p === this.root) return false;
    // A path below a hidden directory is hidden too.
    const st = this.base.stat(p);
    if (!st) return false;
    return st.type === 'file' ? this.fileHidden(p) : this.dirHidden(p);
  }

  private fileHidden(p: string): boolean {
    let v = this.fileCache.get(p);
    if (v === undefined) {
      v =
        isWithin(this.root, p) && p !== this.root && isIgnored(this.patterns, relative(this.root, p).split('/'), false);
      this.fileCache.set(p, v);
    }
    return v;
  }

  /** A folder is hidden when it holds no file that is not. */
  private dirHidden(p: string, depth = 0): boolean {
    if (!isWithin(this.root, p) || p === this.root) return false;
    const cached = this.dirCache.get(p);
    if (cached !== undefined) return cached;
    // Symlink loops make paths grow without end: stop looking deeper than any real tree goes.
    if (depth > 64) return false;
    this.dirCache.set(p, false); // guards symlink loops while computing
    const v = !this.namesIn(p).some((n) => this.keeps(join(p, n), depth));
    this.dirCache.set(p, v);
    return v;
  }

  /** True when `c` is a file or folder the artifact keeps. */
  private keeps(c: string, depth: number): boolean {
    const st = this.base.stat(c);
    if (st?.type === 'file') return !this.fileHidden(c);
    if (st?.type === 'dir') return !this.dirHidden(c, depth + 1);
    return false;
  }

  private namesIn(p: string): string[] {
    try {
      return this.base.readDir(p);
    } catch {
      return [];
    }
  }
}

/**
 * `base` as the artifact of a source rooted at `root` (an absolute real path) contains it: files matching
 * `patterns` (see sourceignore.ts) are absent, and so are directories left without any file.
 */
export function artifactFs(base: FileSystem, root: string, patterns: readonly IgnorePattern[]): FileSystem {
  if (patterns.length === 0) return base;
  const paths = new HiddenPaths(base, root, patterns);
  const hidden = (path: string): boolean => paths.hidden(path);
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

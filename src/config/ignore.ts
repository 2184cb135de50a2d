/**
 * The `ignore` setting: globs (picomatch syntax, `**` for any depth) relative to the configuration file's
 * folder. As in `.gitignore`, a pattern without a slash matches a name at any depth, and a folder that
 * matches takes everything under it along.
 */
import picomatch from 'picomatch/posix.js';
import { isWithin, relative } from '../fs/path.js';

/** Whether an absolute path is ignored. */
export type IgnoreMatcher = (path: string) => boolean;

/** Nothing is ignored. */
export const ignoreNothing: IgnoreMatcher = () => false;

/** The matcher of `globs` relative to `baseDir`; paths outside `baseDir` are never ignored. */
export function ignoreMatcher(globs: readonly string[], baseDir: string): IgnoreMatcher {
  if (globs.length === 0) return ignoreNothing;
  const patterns = globs.map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''));
  const anyDepth = picomatch(
    patterns.filter((p) => !p.includes('/')),
    { dot: true, basename: true },
  );
  const rooted = picomatch(
    patterns.filter((p) => p.includes('/')),
    { dot: true },
  );
  const cache = new Map<string, boolean>();
  const matches = (rel: string): boolean => {
    let hit = cache.get(rel);
    if (hit === undefined) {
      const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      hit = (parent !== '' && matches(parent)) || anyDepth(rel) || rooted(rel);
      cache.set(rel, hit);
    }
    return hit;
  };
  return (path) => path !== baseDir && isWithin(baseDir, path) && matches(relative(baseDir, path));
}

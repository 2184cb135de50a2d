/**
 * POSIX path helpers for the virtual file system. The core never imports `node:path`: every path it
 * handles is an absolute POSIX path (`/repo/apps/base`), whatever the host.
 */

/**
 * Normalises a POSIX path (Go's path.Clean): collapses `//`, resolves `.` and `..`, drops a trailing
 * slash; an empty path is `.`.
 */
export function normalize(path: string): string {
  if (isClean(path)) return path;
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  if (absolute) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** An empty segment, a trailing slash, or a `.` or `..` segment. */
const UNCLEAN = /\/\/|\/$|(?:^|\/)\.\.?(?:\/|$)/;

/** True when {@link normalize} returns `path` unchanged (the common case, checked without splitting). */
function isClean(path: string): boolean {
  if (path === '/' || path === '.' || path === '..') return true;
  if (path === '') return false;
  if (!path.startsWith('../')) return !UNCLEAN.test(path);
  if (path.endsWith('/') || path.endsWith('/.') || path.endsWith('/..')) return false;
  if (path.includes('//') || path.includes('/./') || path.includes('/../')) return false;
  // `..` at the start of a relative path stays; anywhere else it was caught above.
  return !/[^./]/.test(path.slice(0, path.lastIndexOf('../') + 3));
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}

/** Joins segments and normalises the result (`.` when all are empty). */
export function join(...parts: string[]): string {
  return normalize(parts.filter((p) => p !== '').join('/'));
}

/** Go's path.Join: like {@link join}, but `""` when all segments are empty. */
export function goJoin(...parts: string[]): string {
  return parts.some((p) => p !== '') ? join(...parts) : '';
}

/** Resolves `path` against the directory `base` (an absolute path); absolute paths are returned normalised. */
export function resolve(base: string, path: string): string {
  return isAbsolute(path) ? normalize(path) : normalize(base + '/' + path);
}

export function dirname(path: string): string {
  const n = normalize(path);
  if (n === '/') return '/';
  const i = n.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return n.slice(0, i);
}

export function basename(path: string): string {
  const n = path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path;
  const i = n.lastIndexOf('/');
  return i < 0 ? n : n.slice(i + 1);
}

export function extname(path: string): string {
  const b = basename(path);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i);
}

/** The relative path from directory `from` to `to` (both absolute). */
export function relative(from: string, to: string): string {
  const a = normalize(from).split('/').filter(Boolean);
  const b = normalize(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rest = b.slice(i);
  const rel = [...up, ...rest].join('/');
  return rel === '' ? '.' : rel;
}

/** True when `child` is `parent` or lies below it. */
export function isWithin(parent: string, child: string): boolean {
  const p = normalize(parent);
  const c = normalize(child);
  if (p === '/') return c.startsWith('/');
  return c === p || c.startsWith(p + '/');
}

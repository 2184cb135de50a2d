/** Keeping a file system's answers, failures included, so that a path is asked of the host once. */
import { FsError } from './types.js';

/** A kept answer: the value, or the FsError the host threw. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * The answer for `path` from `cache`, else `read()`'s (kept, and an FsError kept and thrown again each time).
 * Other errors are not kept.
 */
export function rememberOutcome<T>(cache: Map<string, Outcome<T>>, path: string, read: () => T): T {
  let o = cache.get(path);
  if (o === undefined) {
    try {
      o = { ok: true, value: read() };
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      o = { ok: false, error };
    }
    cache.set(path, o);
  }
  if (o.ok) return o.value;
  throw o.error;
}

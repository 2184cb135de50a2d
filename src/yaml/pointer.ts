/** JSON pointers (RFC 6901): the one place that escapes (`~` → `~0`, `/` → `~1`) and unescapes segments. */

/** Escapes one segment of a JSON pointer. */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unescapes one segment of a JSON pointer. */
export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The pointer of a path of keys and indexes (`''` for the root). */
export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => `/${escapePointerSegment(s)}`).join('');
}

/** The unescaped segments of a pointer (`[]` for the root `''`). */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointerSegment);
}

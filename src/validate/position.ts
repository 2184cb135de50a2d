/**
 * JSON pointer → source location: the file an object came from and the range of a field in it, through
 * the object's origin (document AST + line counter). A field a patch or transformer wrote is shown where
 * that patch wrote it, when the build recorded it.
 */
import type { Range, SourceLocation } from '../diagnostics/diagnostic.js';
import type { FieldOrigin, Origin } from '../resources/origin.js';
import { locateKey, locatePointer } from '../yaml/locate.js';
import type { ProblemAnchor } from './problems.js';
import { pointerSegments } from '../yaml/pointer.js';

/** A place in a source file. */
export interface Location {
  file: string;
  range?: Range;
  /** Where the object itself is, when the location is a patch that wrote the field. */
  related?: SourceLocation;
}

function join(base: string, pointer: string): string {
  return base === '' ? pointer : `${base}${pointer}`;
}

/** The nearest recorded writer of `pointer` or one of its ancestors. */
function fieldOriginOf(
  fieldOrigins: ReadonlyMap<string, FieldOrigin> | undefined,
  pointer: string,
): FieldOrigin | undefined {
  if (fieldOrigins === undefined || fieldOrigins.size === 0) return undefined;
  let p = pointer;
  for (;;) {
    const hit = fieldOrigins.get(p);
    if (hit !== undefined) return hit;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/**
 * The location of a field of an object. `anchor` says whether to point at the value, at its key, or at the
 * key of its parent (for a field that is missing).
 */
export function locateField(
  origin: Origin | undefined,
  pointer: string,
  anchor: ProblemAnchor,
  fieldOrigins?: ReadonlyMap<string, FieldOrigin>,
): Location | undefined {
  if (origin === undefined) return undefined;
  const own = locateInOrigin(origin, pointer, anchor);
  const written = fieldOriginOf(fieldOrigins, anchor === 'parent' ? parentOf(pointer) : pointer);
  if (written !== undefined) {
    const loc: Location = { file: written.file };
    if (written.range !== undefined) loc.range = written.range;
    loc.related = { file: own.file, message: 'the object', ...(own.range !== undefined ? { range: own.range } : {}) };
    return loc;
  }
  return own;
}

function parentOf(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

function locateInOrigin(origin: Origin, pointer: string, anchor: ProblemAnchor): Location {
  const loc: Location = { file: origin.file };
  const node = origin.node;
  const lc = origin.lineCounter;
  if (node === undefined || lc === undefined) {
    if (origin.range !== undefined) loc.range = origin.range;
    return loc;
  }
  const base = origin.pointer ?? '';
  let range: Range | undefined;
  if (anchor === 'value') {
    range = locatePointer(node, join(base, pointer), lc);
  } else {
    const target = anchor === 'key' ? pointer : parentOf(pointer);
    const path = pointerSegments(join(base, target));
    // The root object has no key: show its first line.
    range = path.length === 0 ? locatePointer(node, base, lc) : locateKey(node, path, lc);
  }
  if (range !== undefined) loc.range = range;
  else if (origin.range !== undefined) loc.range = origin.range;
  return loc;
}

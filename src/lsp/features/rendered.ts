/**
 * Questions about rendered objects that hover and definition share: which rendered objects a place in a
 * source file stands for (the document of a resource file, or a field a patch wrote), a field's final value
 * in each of them, and where that value was set.
 */
import type { Range } from '../../diagnostics/diagnostic.js';
import { relative } from '../../fs/path.js';
import { locateField, type Location } from '../../validate/position.js';
import { pointerSegments, toPointer } from '../../yaml/pointer.js';
import { getField, isMap, type YamlValue } from '../../yaml/values.js';
import { objectLabel } from '../../lint/context.js';
import type { RenderedObject } from '../workspace.js';
import type { YamlPath } from '../yaml-cursor.js';

/** A rendered object a source position stands for, and the JSON pointer of the field in it. */
export interface FieldHit {
  readonly object: RenderedObject;
  readonly pointer: string;
}

/** The JSON pointer of a YAML path. */
export function pointerOf(path: YamlPath): string {
  return toPointer(path);
}

/** The value at a JSON pointer. */
export function valueAt(v: YamlValue | undefined, pointer: string): YamlValue | undefined {
  if (pointer === '') return v;
  let cur = v;
  for (const seg of pointerSegments(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isMap(cur)) cur = getField(cur, seg);
    else return undefined;
  }
  return cur;
}

/** True when a recorded range lies at the cursor: it contains the cursor, or starts inside the field's value. */
function atCursor(range: Range | undefined, offset: number, value: readonly [number, number] | undefined): boolean {
  if (range === undefined) return false;
  if (range.start.offset <= offset && offset <= range.end.offset) return true;
  return value !== undefined && value[0] <= range.start.offset && range.start.offset < value[1];
}

/**
 * The rendered fields a position of `file` stands for: the field at `path` of every object rendered from
 * document `docIndex` of the file, and every field a patch in the file wrote at that position (`offset`,
 * or inside `value`, the offsets of the field's value when the cursor is on its key).
 */
export function fieldsAt(
  objects: readonly RenderedObject[],
  file: string,
  docIndex: number,
  path: YamlPath,
  offset: number,
  value?: readonly [number, number],
): FieldHit[] {
  const out: FieldHit[] = [];
  const pointer = pointerOf(path);
  for (const o of objects) {
    if (o.origin.file === file && (o.origin.documentIndex ?? 0) === docIndex && o.origin.pointer === undefined) {
      out.push({ object: o, pointer });
      continue;
    }
    for (const [p, w] of o.fieldOrigins ?? []) {
      if (w.file === file && atCursor(w.range, offset, value)) {
        out.push({ object: o, pointer: p });
        break;
      }
    }
  }
  return out;
}

/** Where the final value of a field was set: the patch or transformer that wrote it, else its own line. */
export function setterOf(hit: FieldHit): Location | undefined {
  return locateField(hit.object.origin, hit.pointer, 'value', hit.object.fieldOrigins);
}

/** `file:line` relative to the root. */
export function where(root: string, loc: { file: string; range?: Range | undefined } | undefined): string {
  if (!loc) return '?';
  const rel = relative(root, loc.file) || loc.file;
  return loc.range ? `${rel}:${loc.range.start.line}` : rel;
}

/** `clusters/production · flux-system/apps` or the folder built on its own. */
export function placeLabel(o: RenderedObject): string {
  return o.unit.kustomization ? `${o.place} · ${o.unit.id}` : o.place;
}

/** `Deployment production/my-app`. */
export function objectName(o: RenderedObject): string {
  return objectLabel(o.object);
}

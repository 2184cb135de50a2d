/**
 * Hover: on a field of a resource, patch or overlay, its final rendered value in every place it is
 * rendered (cluster and Flux Kustomization, or folder built on its own) and the file and line that set it;
 * on a `resources`/`components`/`bases` entry, the objects it contributes; on a patch entry, the objects
 * and fields it writes; on any other kustomization field, what the field is for.
 */
import type { Hover } from 'vscode-languageserver';
import { basename, dirname, isWithin, resolve } from '../../fs/path.js';
import { kustomizationFileNames } from '../../kustomization/load.js';
import { emitDocument } from '../../yaml/emit.js';
import type { YamlValue } from '../../yaml/values.js';
import { kustomizationFields, type KustomizationField } from '../kustomization-fields.generated.js';
import type { Analysis, Workspace } from '../workspace.js';
import { cursorAt, valueRange, nodeAt, type CursorInfo, type ParsedText } from '../yaml-cursor.js';
import { rangeOf } from '../positions.js';
import { fieldsAt, objectName, placeLabel, setterOf, valueAt, where, type FieldHit } from './rendered.js';
import { buildsKustomization } from './units.js';

/** Longest list shown in a hover. */
const MAX_LINES = 30;

const ENTRY_FIELDS = new Set(['resources', 'bases', 'components']);
const PATCH_FIELDS = new Set(['patches', 'patchesStrategicMerge', 'patchesJson6902']);

export function isKustomizationFile(file: string): boolean {
  return (kustomizationFileNames as readonly string[]).includes(basename(file));
}

function showValue(v: YamlValue | undefined): string {
  if (v === undefined) return '_(absent)_';
  if (v === null || typeof v !== 'object') return `\`${String(v)}\``;
  const text = emitDocument(v).trimEnd();
  const lines = text.split('\n');
  const shown = lines.length > 8 ? [...lines.slice(0, 8), '…'] : lines;
  return `\n\n  \`\`\`yaml\n${shown.map((l) => `  ${l}`).join('\n')}\n  \`\`\``;
}

function limited(lines: string[]): string[] {
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `- … ${lines.length - MAX_LINES} more`] : lines;
}

/** The rendered value of a field in every place, with where it was set. */
function renderedValues(ws: Workspace, hits: readonly FieldHit[]): string[] {
  return hits.map((h) => {
    const v = valueAt(h.object.object, h.pointer);
    return `- ${placeLabel(h.object)} — ${objectName(h.object)}: ${showValue(v)} (set by ${where(ws.root, setterOf(h))})`;
  });
}

/** The objects a resources/components entry contributes to the builds of this kustomization. */
function contributions(a: Analysis, file: string, entry: string): string[] {
  const dir = dirname(file);
  const target = resolve(dir, entry);
  const seen = new Map<string, string[]>();
  for (const o of a.objects) {
    const from = o.origin.file;
    if (from !== target && !isWithin(target, from)) continue;
    if (!buildsKustomization(a, o.unit, dir)) continue;
    const name = objectName(o);
    const places = seen.get(name) ?? [];
    if (!places.includes(o.place)) places.push(o.place);
    seen.set(name, places);
  }
  return [...seen].map(([name, places]) => `- ${name} (${places.join(', ')})`);
}

/** The objects and fields a patch entry (item `index` of `field`) writes. */
function patchWrites(a: Analysis, file: string, cursor: CursorInfo): string[] {
  const item = nodeAt(cursor.doc.contents, cursor.path.slice(0, 2));
  const itemRange = (item as { range?: [number, number, number] } | null)?.range;
  const entry = typeof cursor.scalar?.value === 'string' ? cursor.scalar.value : undefined;
  const pathValue = valueAt(
    cursor.doc.toJS() as YamlValue,
    `/${String(cursor.path[0])}/${String(cursor.path[1])}/path`,
  );
  const patchFile =
    typeof pathValue === 'string'
      ? resolve(dirname(file), pathValue)
      : entry !== undefined && cursor.path.length === 2
        ? resolve(dirname(file), entry)
        : undefined;
  const lines = new Map<string, string[]>();
  for (const o of a.objects) {
    for (const [pointer, w] of o.fieldOrigins ?? []) {
      const mine =
        w.file === patchFile ||
        (w.file === file &&
          itemRange !== undefined &&
          w.range !== undefined &&
          w.range.start.offset >= itemRange[0] &&
          w.range.end.offset <= itemRange[1] + 1);
      if (!mine) continue;
      const key = `${objectName(o)} in ${placeLabel(o)}`;
      const l = lines.get(key) ?? [];
      l.push(`\`${pointer}\` = ${showValue(valueAt(o.object, pointer))}`);
      lines.set(key, l);
    }
  }
  return [...lines].map(([k, l]) => `- ${k}: ${l.join(', ')}`);
}

function fieldDoc(path: readonly (string | number)[]): KustomizationField | undefined {
  let fields: Readonly<Record<string, KustomizationField>> | undefined = kustomizationFields;
  let f: KustomizationField | undefined;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    f = fields?.[seg];
    if (!f) return undefined;
    fields = f.fields;
  }
  return f;
}

function kustomizationHover(a: Analysis, file: string, cursor: CursorInfo): string | undefined {
  const top = String(cursor.path[0] ?? '');
  if (ENTRY_FIELDS.has(top) && cursor.path.length === 2 && typeof cursor.scalar?.value === 'string') {
    const lines = contributions(a, file, cursor.scalar.value);
    return [
      `**${cursor.scalar.value}** contributes ${lines.length} object${lines.length === 1 ? '' : 's'}:`,
      '',
      ...limited(lines),
    ].join('\n');
  }
  if (PATCH_FIELDS.has(top) && cursor.path.length >= 2) {
    const lines = patchWrites(a, file, cursor);
    return [
      lines.length === 0 ? 'This patch writes no rendered field.' : 'This patch writes:',
      '',
      ...limited(lines),
    ].join('\n');
  }
  if (cursor.on === 'key') {
    const doc = fieldDoc(cursor.path);
    if (doc) return `**${String(cursor.path[cursor.path.length - 1])}** (${doc.type})\n\n${doc.description ?? ''}`;
  }
  return undefined;
}

function fieldHover(ws: Workspace, a: Analysis, file: string, cursor: CursorInfo, offset: number): string | undefined {
  const hits = fieldsAt(a.objects, file, cursor.docIndex, cursor.path, offset, valueRange(cursor));
  if (hits.length === 0) return undefined;
  const name = cursor.path.length > 0 ? String(cursor.path[cursor.path.length - 1]) : 'object';
  return [`**${name}** — rendered value:`, '', ...limited(renderedValues(ws, hits))].join('\n');
}

/** The hover at `offset` of `file` (its current text parsed as `parsed`). */
export function hover(ws: Workspace, file: string, parsed: ParsedText, offset: number): Hover | null {
  const cursor = cursorAt(parsed, offset);
  if (!cursor) return null;
  const a = ws.analysis();
  const text = isKustomizationFile(file)
    ? kustomizationHover(a, file, cursor)
    : fieldHover(ws, a, file, cursor, offset);
  if (text === undefined) return null;
  const out: Hover = { contents: { kind: 'markdown', value: text } };
  if (cursor.scalar) out.range = rangeOf(parsed.text, cursor.scalar.start, cursor.scalar.end);
  return out;
}

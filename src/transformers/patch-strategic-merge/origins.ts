/**
 * Recording which fields a patch wrote (Resource.fieldOrigins), so that findings on those fields point at
 * the patch rather than at the base the object came from (validate/position.ts reads them). A strategic-
 * merge patch records each leaf it sets, at that leaf in the patch file when the patch's AST is known;
 * list items merged by key are followed to the item they merged into, lists replaced whole are recorded
 * as one field. A JSON 6902 patch records the paths its operations write, at the patch entry.
 */
import type { AstNode, LineIndex } from '../../yaml/ast.js';
import type { Range } from '../../diagnostics/diagnostic.js';
import type { Resource } from '../../resources/resource.js';
import { locatePointer } from '../../yaml/locate.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { escapePointerSegment, pointerSegments } from '../../yaml/pointer.js';

/** The AST of a patch document, to position each field it writes. */
export interface PatchSource {
  readonly node: AstNode;
  readonly lineCounter: LineIndex;
}

/** Keys that identify list items in strategic merges (merge keys of the Kubernetes schema), in order of preference. */
const ITEM_KEYS = ['name', 'containerPort', 'mountPath', 'devicePath', 'port', 'ip', 'topologyKey', 'key', 'type'];

/** Where `item` (or the element merged from it) is in `list`, found by its merge key. */
export function itemIndex(item: YamlMap, list: readonly YamlValue[]): number {
  for (const k of ITEM_KEYS) {
    const v = getField(item, k);
    if (v === undefined || v === null || typeof v === 'object') continue;
    const i = list.findIndex((x) => isMap(x) && getField(x, k) === v);
    if (i >= 0) return i;
  }
  return -1;
}

function isDeleteDirective(item: YamlValue): boolean {
  return isMap(item) && getField(item, '$patch') === 'delete';
}

/**
 * Records the fields `patch` (the patch document as written) set in `r.data` (the merged result). Identity
 * fields (apiVersion, kind, metadata.name/namespace) and `$` directives are not recorded. Returns the
 * JSON pointers (in the result) of the values the patch wrote.
 */
export function recordSmPatchFields(
  r: Resource,
  patch: YamlMap,
  where: { file: string; range?: Range | undefined },
  source: PatchSource | undefined,
  by = 'PatchStrategicMergeTransformer',
): Set<string> {
  const written = new Set<string>();
  const record = (resultPointer: string, patchPointer: string): void => {
    written.add(resultPointer);
    const range = source ? (locatePointer(source.node, patchPointer, source.lineCounter) ?? where.range) : where.range;
    r.recordFieldOrigin(
      resultPointer,
      range !== undefined ? { file: where.file, range, by } : { file: where.file, by },
    );
  };
  const visit = (p: YamlValue, result: YamlValue | undefined, rp: string, pp: string): void => {
    if (isMap(p)) {
      if (!isMap(result)) {
        record(rp, pp);
        return;
      }
      for (const k of Object.keys(p)) {
        if (k.startsWith('$')) continue;
        if (rp === '' && (k === 'apiVersion' || k === 'kind')) continue;
        if (rp === '/metadata' && (k === 'name' || k === 'namespace')) continue;
        const child = getField(result, k);
        if (child === undefined) continue; // deleted by the patch
        visit(p[k] as YamlValue, child, `${rp}/${escapePointerSegment(k)}`, `${pp}/${escapePointerSegment(k)}`);
      }
      return;
    }
    if (Array.isArray(p) && Array.isArray(result)) {
      // Items a `$patch: delete` removed write nothing.
      const kept = p.map((item, i) => [item, i] as const).filter(([item]) => !isDeleteDirective(item));
      const merged = kept.every(([item]) => isMap(item) && itemIndex(item, result) >= 0);
      if (!merged || p.length === 0) {
        record(rp, pp);
        return;
      }
      for (const [item, i] of kept) {
        const j = itemIndex(item as YamlMap, result);
        visit(item, result[j], `${rp}/${j}`, `${pp}/${i}`);
      }
      return;
    }
    record(rp, pp);
  };
  if (Object.keys(r.data).length > 0) visit(patch, r.data, '', '');
  return written;
}

/** Records the paths JSON 6902 operations wrote (`add`, `replace`, `copy`, `move`), at `where`. */
export function recordJsonPatchFields(
  r: Resource,
  ops: readonly (Readonly<Record<string, YamlValue>> | null)[],
  where: { file: string; range?: Range | undefined },
  by = 'PatchJson6902Transformer',
): void {
  for (const o of ops) {
    const op = o ? o['op'] : undefined;
    const target = o ? o['path'] : undefined;
    if (typeof target !== 'string' || (op !== 'add' && op !== 'replace' && op !== 'copy' && op !== 'move')) continue;
    let path = target;
    if (path.endsWith('/-')) {
      // Appended: the last item of the list now.
      const parent = path.slice(0, -2);
      let v: YamlValue | undefined = r.data;
      for (const key of pointerSegments(parent)) {
        v = Array.isArray(v) ? v[Number(key)] : isMap(v) ? getField(v, key) : undefined;
      }
      if (!Array.isArray(v) || v.length === 0) continue;
      path = `${parent}/${v.length - 1}`;
    }
    r.recordFieldOrigin(
      path,
      where.range !== undefined ? { file: where.file, range: where.range, by } : { file: where.file, by },
    );
  }
}

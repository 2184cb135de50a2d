/**
 * Mapping diagnostics positioned in a generated or edited kustomization back to the user's files: the
 * Flux Kustomization field that added an entry, the manifest a generated `resources` entry names, or the
 * original kustomization file.
 */
import type { AstNode, LineIndex } from '../yaml/ast.js';
import type { Diagnostic, Range } from '../diagnostics/diagnostic.js';
import { resolve } from '../fs/path.js';
import { parseYamlStream } from '../yaml/parse.js';
import { hasKeyPath, locateKey } from '../yaml/locate.js';
import { toPointer } from '../yaml/pointer.js';
import type { YamlMap } from '../yaml/values.js';
import type { FieldOrigin } from '../resources/origin.js';
import type { ObjectLocation } from './model.js';
import { listField, type Provenance } from './generate-edit.js';

/** What the mapping needs to know about the kustomization the build read. */
export interface RemapInput {
  /** Absolute path of the kustomization file the build read. */
  file: string;
  /** The directory built. */
  dir: string;
  /** The generated text, as served to the build. */
  text: string;
  /** The kustomization the text was emitted from. */
  kustomization: YamlMap;
  /** True when the kustomization was generated (no file existed): diagnostics go to the directory. */
  created: boolean;
  prov: Provenance;
  /** Where the Flux Kustomization was defined. */
  where: ObjectLocation | undefined;
  /** The original file's document and its line index, when a file existed. */
  originalNode?: AstNode;
  originalLc?: LineIndex;
}

/** A file and a range to put on a diagnostic (each only when known). */
interface Position {
  file?: string | undefined;
  range?: Range | undefined;
}

/** The path of keys/indexes of the deepest node containing `offset` in a parsed document. */
function pathAtOffset(root: AstNode | null | undefined, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: AstNode | null | undefined = root;
  for (;;) {
    if (node?.kind === 'map') {
      let next: AstNode | undefined;
      for (const { key: k, value: v } of node.items) {
        if (offset < k.range[0] || offset > v.range[1]) continue;
        path.push(k.kind === 'scalar' ? k.value : '');
        if (offset >= v.range[0]) next = v;
        break;
      }
      if (next === undefined) return path;
      node = next;
    } else if (node?.kind === 'seq') {
      const i = node.items.findIndex((it) => offset >= it.range[0] && offset <= it.range[1]);
      if (i < 0) return path;
      path.push(i);
      node = node.items[i];
    } else return path;
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const i = text.indexOf('\n', off);
    if (i < 0) return text.length;
    off = i + 1;
  }
  return off + Math.max(0, column - 1);
}

/** The pointer of `path` or of its deepest ancestor below `spec` that a parent's patch wrote. */
function setByParent(where: ObjectLocation, path: readonly string[]): Position | undefined {
  for (let n = path.length; n > 1 && where.fieldOrigins; n--) {
    const set = where.fieldOrigins.get(toPointer(path.slice(0, n)));
    if (set) return { file: set.file, range: set.range };
  }
  return undefined;
}

/**
 * A field of the Flux Kustomization: in its source document, or, when only the rendered object has it,
 * where the parent's patch that wrote it is (else the deepest part of the path found).
 */
function fluxField(where: ObjectLocation, path: readonly string[]): Position | undefined {
  if (!where.node || !where.lineCounter) return undefined;
  const byParent = hasKeyPath(where.node, path) ? undefined : setByParent(where, path);
  return byParent ?? { file: where.file, range: locateKey(where.node, path, where.lineCounter) };
}

/** The Flux Kustomization field that set or added the value at `path` of the generated kustomization. */
function fluxPosition(input: RemapInput, path: readonly (string | number)[]): Position | undefined {
  const { prov, where } = input;
  const top = typeof path[0] === 'string' ? path[0] : undefined;
  const idx = typeof path[1] === 'number' ? path[1] : undefined;
  if (top === undefined || !where) return undefined;
  const fluxScalar = prov.scalarFromFlux.get(top);
  if (fluxScalar !== undefined) return fluxField(where, ['spec', fluxScalar]);
  const fluxList = prov.fluxField.get(top);
  const origCount = prov.originalCounts.get(top) ?? 0;
  if (fluxList === undefined || idx === undefined || idx < origCount) return undefined;
  return fluxField(where, ['spec', fluxList, String(idx - origCount), ...path.slice(2).map(String)]);
}

/** Where the value at `path` of the generated kustomization comes from. */
function sourcePosition(input: RemapInput, path: readonly (string | number)[]): Position {
  const flux = fluxPosition(input, path);
  if (flux) return flux;
  if (input.created && path[0] === 'resources' && typeof path[1] === 'number') {
    // A generated resources entry: the manifest it names.
    const entry = listField(input.kustomization, 'resources')[path[1]];
    return typeof entry === 'string' ? { file: resolve(input.dir, entry) } : {};
  }
  if (input.originalNode && input.originalLc) {
    return { file: input.file, range: locateKey(input.originalNode, path.map(String), input.originalLc, true) };
  }
  return {};
}

/** Maps positions in the generated text back to the user's files (positions elsewhere are returned as is). */
export interface Remap {
  /** A diagnostic: the original kustomization, or the Flux Kustomization field that added the entry. */
  readonly diagnostic: (d: Diagnostic) => Diagnostic;
  /** Where a written field was set (an inline patch that Flux's `spec.patches` added, for example). */
  readonly fieldOrigin: (o: FieldOrigin) => FieldOrigin;
}

/** The mappings of one generated kustomization (its text parsed once, when first needed). */
export function makeRemap(input: RemapInput): Remap {
  let generatedDoc: AstNode | undefined;
  const at = (offset: number): Position => {
    generatedDoc ??= parseYamlStream(input.text, { file: input.file, mode: 'yaml11' }).documents[0]?.node;
    return sourcePosition(input, pathAtOffset(generatedDoc, offset));
  };
  const diagnostic = (d: Diagnostic): Diagnostic => {
    if (d.file !== input.file) return d;
    const out: Diagnostic = { ...d };
    delete out.range;
    delete out.line;
    delete out.column;
    if (input.created) out.file = input.dir;
    if (d.line === undefined) return out;
    const { file, range } = at(offsetOf(input.text, d.line, d.column ?? 1));
    if (file !== undefined) out.file = file;
    if (range) {
      out.range = range;
      out.line = range.start.line;
      out.column = range.start.column;
    }
    return out;
  };
  const fieldOrigin = (o: FieldOrigin): FieldOrigin => {
    if (o.file !== input.file) return o;
    const { file, range } = o.range ? at(o.range.start.offset) : {};
    const out: FieldOrigin = { file: file ?? (input.created ? input.dir : o.file), by: o.by };
    if (range) out.range = range;
    return out;
  };
  return { diagnostic, fieldOrigin };
}

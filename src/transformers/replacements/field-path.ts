/**
 * Replacement field paths (spec §10.1), as kyaml reads them (split by fieldspecs/path-splitter.ts): the
 * source lookup (kyaml's PathGetter: exact `[k=v]`, indexes, `-`) and the target matcher
 * (kyaml's PathMatcher: `[k=v]` as an unanchored Go regex, `*`, indexes, optional creation).
 */
import { emitDocument } from '../../yaml/emit.js';
import { resolvePlainScalar } from '../../yaml/scalars.js';
import { getField, hasField, isMap, setField, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { compileGoRegexp } from '../../selector/regex.js';
import { nodeKindError, scalarText } from '../node-kind.js';
import { matchInScalarCopy } from './structured/index.js';

/** Go's strconv.Atoi (64-bit): optional sign and decimal digits. */
function atoi(s: string): number | undefined {
  if (!/^[-+]?[0-9]+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

function isListIndex(p: string): boolean {
  return p.startsWith('[') && p.endsWith(']');
}

function isIdxNumber(p: string): boolean {
  const n = atoi(p);
  return n !== undefined && n >= 0;
}

/** `[k=v]` → k, v. */
function splitIndexNameValue(p: string): { name: string; value: string } {
  let elem = p.endsWith(']') ? p.slice(0, -1) : p;
  if (elem.startsWith('[')) elem = elem.slice(1);
  const eq = elem.indexOf('=');
  if (eq < 0) throw new Error('list path element must contain fieldName=fieldValue for element to match');
  return { name: elem.slice(0, eq), value: elem.slice(eq + 1) };
}

/** A node rendered as YAML, trimmed (kyaml's `RNode.String()` as the target matcher compares it). */
function nodeString(v: YamlValue): string {
  if (v === null || typeof v !== 'object') return scalarText(v);
  try {
    return emitDocument(v).trim();
  } catch {
    return '';
  }
}

const wrongKind = nodeKindError;

// ------------------------------------------------------------------------------------------------
// Source lookup (kyaml PathGetter without create)

/** Where a looked-up node sits: its parent and key (undefined for the root). */
export interface LookupSlot {
  value: YamlValue;
  parent: YamlMap | YamlValue[] | undefined;
  key: string | number;
}

/**
 * The node at `path` in `root` and where it sits (kyaml's Lookup), or undefined when missing. Throws for
 * malformed paths and for paths that cross a node of the wrong kind.
 */
export function lookupSlot(root: YamlValue, path: readonly string[]): LookupSlot | undefined {
  const parts = path.map((p) => p.trim()).filter((p) => p.length > 0);
  let slot: LookupSlot = { value: root, parent: undefined, key: 0 };
  for (const part of parts) {
    const cur = slot.value;
    const idx = atoi(part);
    let next: LookupSlot | undefined;
    if (idx !== undefined) {
      if (idx < 0) throw new Error(`array index ${idx} cannot be negative`);
      const els = elements(cur);
      next = idx < els.length ? { value: els[idx] as YamlValue, parent: els, key: idx } : undefined;
    } else if (part === '-') {
      const els = elements(cur);
      next = els.length > 0 ? { value: els[els.length - 1] as YamlValue, parent: els, key: els.length - 1 } : undefined;
    } else if (part === '*') {
      throw new Error('wildcard is not supported in PathGetter');
    } else if (isListIndex(part)) {
      const { name, value } = splitIndexNameValue(part);
      const els = elements(cur);
      const at = matchElement(cur, name, value);
      next = at === undefined ? undefined : { value: at, parent: els, key: els.indexOf(at) };
    } else {
      const v = getKey(cur, part);
      next = v === undefined ? undefined : { value: v, parent: cur as YamlMap, key: part };
    }
    if (next === undefined) return undefined;
    slot = next;
  }
  return slot;
}

/** The node at `path` in `root` (kyaml's Lookup), or undefined when missing. Throws like {@link lookupSlot}. */
export function lookupPath(root: YamlValue, path: readonly string[]): YamlValue | undefined {
  return lookupSlot(root, path)?.value;
}

function elements(v: YamlValue): YamlValue[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw wrongKind('SequenceNode', v);
  return v;
}

function getKey(v: YamlValue, key: string): YamlValue | undefined {
  if (v === null) return undefined;
  if (!isMap(v)) throw wrongKind('MappingNode', v);
  return getField(v, key);
}

/** kyaml's ElementMatcher: the first element whose field `name` has the exact text `value` (or, with no name, a scalar element equal to it). */
function matchElement(v: YamlValue, name: string, value: string): YamlValue | undefined {
  const els = elements(v);
  if (name === '') {
    for (const el of els) if (scalarText(el) === value) return el;
    return undefined;
  }
  for (const el of els) {
    if (!isMap(el)) continue;
    const f = getField(el, name);
    if (f === undefined) continue;
    if (scalarText(f) === value) return el;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Target matching (kyaml PathMatcher)

/** What a created node becomes: the kind of the source value. */
export type CreateKind = 'scalar' | 'map' | 'seq';

/** A matched target field: read it, replace it. `created` marks a node that had no YAML tag yet. */
export interface TargetSlot {
  readonly value: YamlValue;
  readonly created: boolean;
  set(v: YamlValue): void;
  /** Where the field is (a map or a list, and the key or index), when it is a field of the object. */
  readonly at?: { container: YamlMap | YamlValue[]; key: string | number };
}

function emptyOfKind(k: CreateKind): YamlValue {
  return k === 'map' ? {} : k === 'seq' ? [] : null;
}

function pathPartKind(next: string | undefined, create: CreateKind): CreateKind {
  if (next === undefined || next === '') return create;
  if (isListIndex(next) || isIdxNumber(next)) return 'seq';
  return 'map';
}

class Matcher {
  readonly out: TargetSlot[] = [];
  constructor(
    private readonly path: readonly string[],
    private readonly create: CreateKind | undefined,
    /** kyaml v0.21+: a scalar field met before the end of the path is read as structured data (a copy). */
    private readonly structured: boolean,
  ) {}

  /** Matches path[i..] from the node held by (`parent`, `key`); `created` when that node was just made. */
  match(parent: YamlMap | YamlValue[], key: string | number, i: number, created: boolean): void {
    const value = (Array.isArray(parent) ? parent[key as number] : getField(parent, key as string)) as YamlValue;
    if (i === this.path.length) {
      this.out.push({
        value,
        created,
        set(v: YamlValue) {
          if (Array.isArray(parent)) parent[key as number] = v;
          else setField(parent, key as string, v);
        },
        at: { container: parent, key },
      });
      return;
    }
    const part = this.path[i] as string;
    if (isIdxNumber(part)) this.index(value, Number(part), i);
    else if (isListIndex(part)) this.seq(value, part, i, -1);
    else if (part === '*') this.every(value, i);
    else this.field(value, part, i);
  }

  private index(node: YamlValue, idx: number, i: number): void {
    const els = node === null ? [] : Array.isArray(node) ? node : undefined;
    if (els === undefined) throw wrongKind('SequenceNode', node);
    let created = false;
    if (els.length === idx && this.create) {
      els.push(emptyOfKind(pathPartKind(this.path[i + 1], this.create)));
      created = true;
    }
    if (els.length < idx + 1) throw new Error(`index ${idx} specified but only ${els.length} elements found`);
    this.match(els, idx, i + 1, created);
  }

  /** `[k=v]`; `createdAt` is the index of an element just created for it (-1 on the first pass). */
  private seq(node: YamlValue, part: string, i: number, createdAt: number): void {
    const { name, value: pattern } = splitIndexNameValue(part);
    const els = node === null ? [] : Array.isArray(node) ? node : undefined;
    if (els === undefined) throw wrongKind('SequenceNode', node);
    const before = this.out.length;
    for (let j = 0; j < els.length; j++) {
      const re = compileGoRegexp(pattern);
      const el = els[j] as YamlValue;
      if (name === '') {
        if (!re.test(nodeString(el))) continue;
        // A primitive element is itself the match; the rest of the path is ignored (as kyaml does).
        const list = els;
        const at = j;
        this.out.push({
          value: el,
          created: j === createdAt,
          set(v: YamlValue) {
            list[at] = v;
          },
        });
        continue;
      }
      if (!isMap(el) || !hasField(el, name)) continue;
      if (!re.test(nodeString(getField(el, name) as YamlValue))) continue;
      this.match(els, j, i + 1, false);
    }
    if (this.out.length > before || !this.create) return;
    // Create the element and match again (kyaml recurses until it matches; one retry is enough for any
    // pattern that matches its own text, and avoids kyaml's endless recursion otherwise).
    if (createdAt >= 0) return;
    const v = resolvePlainScalar(pattern, 'kyaml');
    const el: YamlMap = {};
    if (name !== '') setField(el, name, v);
    els.push(name === '' ? v : el);
    this.seq(els, part, i, els.length - 1);
  }

  private every(node: YamlValue, i: number): void {
    const els = node === null ? [] : Array.isArray(node) ? node : undefined;
    if (els === undefined) throw wrongKind('SequenceNode', node);
    for (let j = 0; j < els.length; j++) this.match(els, j, i + 1, false);
  }

  private field(node: YamlValue, key: string, i: number): void {
    if (key === '') {
      // kyaml's FieldMatcher without a name expects a scalar.
      if (node !== null && typeof node === 'object') throw wrongKind('ScalarNode', node);
      return;
    }
    if (node !== null && !isMap(node)) throw wrongKind('MappingNode', node);
    const container: YamlMap = node === null ? {} : node; // a null node: kustomize edits a detached copy
    const exists = hasField(container, key);
    if (!exists) {
      if (!this.create) return;
      setField(container, key, emptyOfKind(pathPartKind(this.path[i + 1], this.create)));
      this.match(container, key, i + 1, true);
      return;
    }
    const value = getField(container, key) as YamlValue;
    if (this.structured && (value === null || typeof value !== 'object') && i + 1 < this.path.length) {
      // kyaml edits a copy parsed from the scalar's text: the matches are reported, writing them does nothing.
      for (const m of matchInScalarCopy(value, this.path.slice(i + 1), this.create))
        this.out.push({ value: m.value, created: false, set: () => undefined });
      return;
    }
    this.match(container, key, i + 1, false);
  }
}

/**
 * The target fields `path` selects in `root` (kyaml's PathMatcher). With `create`, missing fields are
 * created (as the source value's kind at the end of the path). `structured` (kustomize v5.8.0+): a scalar
 * on the way is read as structured data, in a copy. Throws for malformed paths, bad regexes, paths crossing
 * a node of the wrong kind and (structured) scalars that do not parse.
 */
export function matchTargets(
  root: YamlMap,
  path: readonly string[],
  create: CreateKind | undefined,
  structured = false,
): TargetSlot[] {
  const m = new Matcher(path, create, structured);
  const holder: YamlValue[] = [root];
  m.match(holder, 0, 0, false);
  return m.out;
}

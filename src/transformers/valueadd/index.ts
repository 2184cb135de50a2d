/**
 * valueadd: kustomize's ValueAddTransformer builtin plugin (only through `transformers:`). Writes one
 * string value (default: the kustomization directory's name) into a `/`-separated field path of the
 * selected resources, creating the field when missing; `metadata/namespace` runs the namespace filter;
 * `filePathPosition` inserts the value as a path segment instead of replacing the field.
 */
import { BuildError } from '../../diagnostics/error.js';
import { pathSplitter } from '../../fieldspecs/path-splitter.js';
import { untaggedScalar } from '../../fieldspecs/traverse.js';
import { basename, goJoin } from '../../fs/path.js';
import { GoDecodeError, goIntPlain, goString, listOf, ptr, struct, type GoStruct } from '../../kustomization/gotype.js';
import { decodeSigsYaml } from '../../kustomization/plugin-decode.js';
import { selectorType } from '../../kustomization/schema.js';
import type { Selector } from '../../kustomization/types.js';
import type { Resource } from '../../resources/resource.js';
import { GoRegexpError, LabelSelectorError, selectResources } from '../../selector/index.js';
import { parseYamlStream } from '../../yaml/parse.js';
import { getField, isMap, optionalScalarString, setField, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { setNamespace } from '../namespace/filter.js';
import { atField, decodePluginConfig, pluginConfigError } from '../plugin-config.js';
import type { TransformerPlugin } from '../types.js';
import type { KustTarget } from '../../target/types.js';
import type { ResourceList } from '../../resources/resource-list.js';
import { nodeKindError } from '../node-kind.js';

/** One ValueAddTransformer target. */
export interface ValueAddTarget {
  /** Resources to change (all when absent). */
  selector?: Selector | undefined;
  /** `/`-separated path of the field (`\/` escapes a slash). */
  fieldPath: string;
  /** When > 0, the value is inserted as segment `filePathPosition - 1` of the field's file path. */
  filePathPosition: number;
}

/** A configured ValueAddTransformer. */
export interface ValueAddConfig {
  value: string;
  targets: ValueAddTarget[];
}

/** kustomize's builtins.Target and ValueAddTransformerPlugin. */
const targetType = {
  ...struct('Target', { selector: ptr(selectorType), fieldPath: goString, filePathPosition: goIntPlain }),
  pkg: 'builtins',
};
const pluginType: GoStruct<{ value?: string; targets?: RawTarget[]; targetFilePath?: string }> = struct(
  'ValueAddTransformerPlugin',
  { value: goString, targets: listOf(targetType), targetFilePath: goString },
);
/** The anonymous struct Config reads a `targetFilePath` file into (Go names it with an empty name). */
const targetsFileType: GoStruct<{ targets?: RawTarget[] }> = struct('', { targets: listOf(targetType) });

interface RawTarget {
  selector?: Selector;
  fieldPath?: string;
  filePathPosition?: number | bigint;
}

/** A scalar field's text (`null` for null); undefined when the field is missing or not a scalar. */
function fieldText(v: YamlValue | undefined): string | undefined {
  return v === null ? 'null' : optionalScalarString(v);
}

function toTarget(t: RawTarget): ValueAddTarget {
  return { selector: t.selector, fieldPath: t.fieldPath ?? '', filePathPosition: Number(t.filePathPosition ?? 0) };
}

// ------------------------------------------------------------------------------------------------
// Paths (kyaml filesys.InsertPathPart)

function goPathSplit(p: string): string[] {
  if (p === '') return [];
  const i = p.lastIndexOf('/');
  let dir = p.slice(0, i + 1);
  const file = p.slice(i + 1);
  if (dir === '/') return file === '' ? [''] : ['', file];
  if (dir.endsWith('/')) dir = dir.slice(0, -1);
  if (dir === '') return [file];
  return [...goPathSplit(dir), file];
}

function goPathJoin(parts: string[]): string {
  if (parts.length === 0) return '';
  if (parts[0] === '') return '/' + goJoin(...parts.slice(1));
  return goJoin(...parts);
}

/** kyaml's InsertPathPart: `part` inserted at segment `pos` of `path` (absolute paths stay absolute). */
export function insertPathPart(path: string, pos: number, part: string): string {
  if (part === '') return path;
  const parts = goPathSplit(path);
  if (pos < 0) pos = 0;
  else if (pos > parts.length) pos = parts.length;
  if (parts.length > 0 && parts[0] === '' && pos < parts.length) pos++;
  return goPathJoin([...parts.slice(0, pos), part, ...parts.slice(pos)]);
}

// ------------------------------------------------------------------------------------------------
// Writing (kyaml LookupCreate(ScalarNode, ...) then a string setter)

/** The target path's fields (split on `/`, `\/` escaping it), trimmed, empty ones dropped (kyaml's cleanPath). */
function splitFieldPath(fieldPath: string): string[] {
  return pathSplitter(fieldPath, '/')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

function isIndex(p: string): boolean {
  return /^[-+]?[0-9]+$/.test(p);
}

function isListIndex(p: string): boolean {
  return p.startsWith('[') && p.endsWith(']');
}

function kindFor(next: string | undefined): 'scalar' | 'map' | 'seq' {
  if (next === undefined) return 'scalar';
  if (isListIndex(next) || (isIndex(next) && Number(next) >= 0)) return 'seq';
  return 'map';
}

function emptyOf(k: 'scalar' | 'map' | 'seq'): YamlValue {
  return k === 'map' ? {} : k === 'seq' ? [] : null;
}

/** Sets the string at `path` in `obj`, creating fields on the way; does nothing when the path cannot be reached. */
function addValue(obj: YamlMap, path: string[], value: string, filePathPosition: number): void {
  let parent: YamlMap | YamlValue[] | undefined;
  let key: string | number | undefined;
  let cur: YamlValue = obj;
  for (let i = 0; i < path.length; i++) {
    const part = path[i] as string;
    const next = path[i + 1];
    if (cur === null) return;
    if (isIndex(part)) {
      const idx = Number(part);
      if (idx < 0) throw new Error(`array index ${idx} cannot be negative`);
      if (!Array.isArray(cur)) throw nodeKindError('SequenceNode', cur);
      if (idx >= cur.length) return;
      parent = cur;
      key = idx;
      cur = cur[idx] as YamlValue;
    } else if (part === '-') {
      if (!Array.isArray(cur)) throw nodeKindError('SequenceNode', cur);
      if (cur.length === 0) return;
      parent = cur;
      key = cur.length - 1;
      cur = cur[key] as YamlValue;
    } else if (isListIndex(part)) {
      if (!Array.isArray(cur)) throw nodeKindError('SequenceNode', cur);
      const inner = part.slice(1, -1);
      const eq = inner.indexOf('=');
      if (eq < 0) throw new Error('list path element must contain fieldName=fieldValue for element to match');
      const k = inner.slice(0, eq);
      const v = inner.slice(eq + 1);
      let idx = cur.findIndex((el) =>
        k === ''
          ? el !== null && typeof el !== 'object' && String(el) === v
          : isMap(el) && fieldText(getField(el, k)) === v,
      );
      if (idx < 0) {
        const el: YamlMap = {};
        if (k !== '') setField(el, k, v);
        cur.push(k === '' ? v : el);
        idx = cur.length - 1;
      }
      parent = cur;
      key = idx;
      cur = cur[idx] as YamlValue;
    } else {
      if (!isMap(cur)) throw nodeKindError('MappingNode', cur);
      if (getField(cur, part) === undefined) setField(cur, part, emptyOf(kindFor(next)));
      parent = cur;
      key = part;
      cur = getField(cur, part) as YamlValue;
    }
  }
  if (parent === undefined || key === undefined) return;
  writeScalar(parent, key, cur, value, filePathPosition);
}

/** Writes the value over the scalar `cur` at `parent[key]` (kyaml's FieldSetter with a string value). */
function writeScalar(
  parent: YamlMap | YamlValue[],
  key: string | number,
  cur: YamlValue,
  value: string,
  filePathPosition: number,
): void {
  if (cur !== null && typeof cur === 'object') throw nodeKindError('ScalarNode', cur);
  let text = value;
  if (filePathPosition > 0) text = insertPathPart(cur === null ? '' : String(cur), filePathPosition - 1, value);
  // An untagged scalar is put in place: a new or plain field reads back by YAML rules.
  const newValue = untaggedScalar(cur, text);
  if (Array.isArray(parent)) parent[key as number] = newValue;
  else setField(parent, key as string, newValue);
}

function applyTarget(r: Resource, value: string, t: ValueAddTarget): void {
  if (t.fieldPath === 'metadata/namespace') {
    setNamespace(r, { namespace: value, fieldSpecs: [], unsetOnly: false, setRoleBindingSubjects: 'defaultOnly' });
    return;
  }
  addValue(r.data, splitFieldPath(t.fieldPath), value, t.filePathPosition);
}

function configureValueAdd(raw: YamlMap, target: KustTarget): ValueAddConfig {
  const c = decodePluginConfig(raw, pluginType);
  let value = (c.value ?? '').trim();
  if (value === '') value = basename(target.loader.root);
  const targets = (c.targets ?? []).map(toTarget);
  if (c.targetFilePath) {
    let text: string;
    let abs: string;
    try {
      ({ path: abs, text } = target.loader.readText(c.targetFilePath));
    } catch (err) {
      if (err instanceof BuildError) throw pluginConfigError(err.message);
      throw err;
    }
    const stream = parseYamlStream(text, { file: abs, mode: 'yaml11', annotationsAsText: false });
    if (stream.errors[0]) throw pluginConfigError(`error converting YAML to JSON: ${stream.errors[0].message}`);
    const doc = stream.documents[0];
    if (doc && doc.index === 0) {
      try {
        const decoded = decodeSigsYaml(doc.value, targetsFileType);
        targets.push(...(decoded.targets ?? []).map(toTarget));
      } catch (e) {
        if (e instanceof GoDecodeError)
          throw pluginConfigError(`error unmarshaling JSON: while decoding JSON: ${e.message}`);
        throw e;
      }
    }
  }
  if (targets.length === 0) throw pluginConfigError('must specify at least one target');
  for (const t of targets) {
    if (t.fieldPath === '') throw pluginConfigError('fieldPath cannot be empty');
    if (t.filePathPosition < 0)
      throw pluginConfigError(`value of FilePathPosition (${t.filePathPosition}) cannot be negative`);
  }
  return { value, targets };
}

function transformValueAdd(resources: ResourceList, c: ValueAddConfig, target: KustTarget): void {
  for (const t of c.targets) {
    let selected: Resource[];
    try {
      selected = t.selector ? selectResources(resources.items, t.selector) : resources.items.slice();
    } catch (err) {
      if (err instanceof GoRegexpError || err instanceof LabelSelectorError) {
        throw atField(new BuildError('transformer/config', err.message), target, 'transformers');
      }
      throw err;
    }
    for (const r of selected) {
      try {
        applyTarget(r, c.value, t);
      } catch (err) {
        if (err instanceof BuildError) throw err;
        throw new BuildError('transformer/failed', (err as Error).message, {
          file: r.origin.file,
          range: r.origin.range,
        });
      }
    }
  }
}

export const valueAddTransformer: TransformerPlugin<ValueAddConfig> = {
  kind: 'ValueAddTransformer',
  configure(raw, target) {
    try {
      return configureValueAdd(raw, target);
    } catch (err) {
      throw atField(err, target, 'transformers');
    }
  },
  transform(resources, c, target) {
    transformValueAdd(resources, c, target);
  },
};

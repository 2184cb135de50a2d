/**
 * Applying replacements (spec §10.1), as kustomize's replacement filter does: select the one source
 * resource (exact match on any current/previous id), read the value at the source field path (optionally
 * a delimited part of it), then write it into every target field of every selected target resource.
 * A scalar target keeps its YAML type: only its text changes, and a text that does not fit the type
 * (`hello` into an int) fails as kustomize fails when it serializes the object.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { FieldOptions, Selector, SourceSelector, TargetSelector } from '../../kustomization/types.js';
import { idString } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import type { ResourceList } from '../../resources/resource-list.js';
import { CompiledSelector, GoRegexpError, LabelSelectorError } from '../../selector/index.js';
import { smarterPathSplitter } from '../../fieldspecs/path-splitter.js';
import { resolvePlainScalar, resolveScalar } from '../../yaml/scalars.js';
import { cloneValue, isMap, type YamlValue } from '../../yaml/values.js';
import { lookupPath, matchTargets, type CreateKind, type TargetSlot } from './field-path.js';
import { scalarText } from '../node-kind.js';
import { hasFeature, type KustomizeVersion } from '../../kustomization/versions.js';
import { writeStructured, type StructuredValue } from './structured/index.js';

/** One replacement: where the value comes from and where it goes. */
export interface Replacement {
  source?: SourceSelector | undefined;
  targets?: TargetSelector[] | undefined;
  /** A literal value instead of `source` (kustomize v5.7.0+; older versions do not read the field). */
  sourceValue?: string | undefined;
}

const DEFAULT_FIELD_PATH = 'metadata.name';

/** A YAML scalar tag, as kyaml keeps it on a node ('' for a node made without one, e.g. a `sourceValue`). */
type Tag = '!!str' | '!!int' | '!!float' | '!!bool' | '!!null' | '!!timestamp' | '';

/** The value read from the source: a scalar (text and tag, as kyaml holds it) or a map/list node. */
type SourceValue = { kind: 'scalar'; text: string; tag: Tag } | { kind: 'map' | 'seq'; node: YamlValue };

function tagOf(v: YamlValue): Tag {
  if (v === null) return '!!null';
  if (typeof v === 'string') return '!!str';
  if (typeof v === 'boolean') return '!!bool';
  if (typeof v === 'bigint') return '!!int';
  if (typeof v === 'number') return Number.isInteger(v) ? '!!int' : '!!float';
  return '!!str';
}

const INT_TEXT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;

/** Plain resolution of `text` with the tag go-yaml v3 gives it (timestamps are not tried: the node has a tag). */
function resolveWithTag(text: string): { tag: Tag; value: YamlValue } {
  const v = resolvePlainScalar(text, 'kyaml');
  if (v === null) return { tag: '!!null', value: null };
  if (typeof v === 'boolean') return { tag: '!!bool', value: v };
  if (typeof v === 'string') return { tag: '!!str', value: text };
  if (typeof v === 'bigint') return { tag: '!!int', value: v };
  return { tag: INT_TEXT.test(text.split('_').join('')) ? '!!int' : '!!float', value: v };
}

/** The value of a scalar node with text `text` and tag `tag` once kustomize decodes it. */
function decodeTagged(text: string, tag: Tag): YamlValue {
  if (tag === '') return decodeUntagged(text);
  if (tag === '!!str') return text;
  if (tag === '!!timestamp') return decodeTimestamp(text);
  const r = resolveWithTag(text);
  if (r.tag === tag) return r.value;
  if (tag === '!!float' && r.tag === '!!int') return Number(r.value);
  throw new BuildError(
    'transformer/failed',
    `map[string]interface {}(nil): yaml: cannot decode ${r.tag} \`${text}\` as a ${tag}`,
  );
}

/** A text written into a node tagged `!!timestamp` (a plain date the object was read with). */
function decodeTimestamp(text: string): YamlValue {
  const r = resolveScalar(text, 'kyaml', 'timestamp');
  if (r !== undefined) return r.value;
  const tag = resolveWithTag(text).tag;
  throw new BuildError(
    'transformer/failed',
    `map[string]interface {}(nil): yaml: cannot decode ${tag} \`${text}\` as a !!timestamp`,
  );
}

/** A node created by a replacement has no tag: its text resolves like a plain YAML scalar. */
function decodeUntagged(text: string): YamlValue {
  return resolvePlainScalar(text, 'kyaml');
}

function sourceNode(v: SourceValue): YamlValue {
  return v.kind === 'scalar' ? decodeTagged(v.text, v.tag) : cloneValue(v.node);
}

// ------------------------------------------------------------------------------------------------
// Selection

function isEmptyResId(sel: Selector): boolean {
  return !sel.group && !sel.version && !sel.kind && !sel.name && !sel.namespace;
}

function resIdString(sel: Selector | SourceSelector): string {
  return idString({
    group: sel.group ?? '',
    version: sel.version ?? '',
    kind: sel.kind ?? '',
    name: sel.name ?? '',
    namespace: sel.namespace ?? '',
  });
}

function optionsString(o: FieldOptions | undefined): string {
  if (!o || (!o.delimiter && !o.create)) return '';
  return `${o.delimiter ?? ''}(${o.index ?? 0}), create=${o.create === true}`;
}

/** kustomize's SourceSelector.String(). */
function sourceString(s: SourceSelector): string {
  const parts = [resIdString(s)];
  if (s.fieldPath) parts.push(s.fieldPath);
  const o = optionsString(s.options);
  if (o) parts.push(o);
  return parts.join(':');
}

function fail(message: string): BuildError {
  return new BuildError('transformer/failed', message);
}

function selectSource(resources: ResourceList, sel: SourceSelector): Resource {
  const selector = new CompiledSelector(sel, 'exact');
  let match: Resource | undefined;
  for (const r of resources.items) {
    if (!selector.matchesIds(r)) continue;
    if (match) throw fail(`multiple matches for selector ${sourceString(sel)}`);
    match = r;
  }
  if (!match) throw fail(`nothing selected by ${sourceString(sel)}`);
  return match;
}

function getReplacement(resources: ResourceList, sel: SourceSelector): SourceValue {
  const source = selectSource(resources, sel);
  const fieldPath = sel.fieldPath || DEFAULT_FIELD_PATH;
  let node: YamlValue | undefined;
  try {
    node = lookupPath(source.data, smarterPathSplitter(fieldPath));
  } catch (err) {
    throw fail(`error looking up replacement source: ${(err as Error).message}`);
  }
  const empty =
    node === undefined ||
    node === null ||
    (Array.isArray(node) && node.length === 0) ||
    (isMap(node) && Object.keys(node).length === 0);
  if (empty) throw fail(`fieldPath \`${fieldPath}\` is missing for replacement source ${resIdString(sel)}`);
  const value = node as YamlValue;
  const o = sel.options;
  const isScalar = value === null || typeof value !== 'object';
  if (o?.delimiter) {
    if (!isScalar) throw fail('delimiter option can only be used with scalar nodes');
    const text = scalarText(value);
    const parts = text.split(o.delimiter);
    const index = o.index ?? 0;
    if (index >= parts.length || index < 0) throw fail(`options.index ${index} is out of bounds for value ${text}`);
    return { kind: 'scalar', text: parts[index] as string, tag: tagOf(value) };
  }
  if (isScalar) return { kind: 'scalar', text: scalarText(value), tag: tagOf(value) };
  return { kind: Array.isArray(value) ? 'seq' : 'map', node: value };
}

// ------------------------------------------------------------------------------------------------
// Writing

function structuredValue(v: SourceValue): StructuredValue {
  return v.kind === 'scalar' ? { kind: 'scalar', text: v.text } : { kind: v.kind, node: v.node };
}

/**
 * Writes `value` into `slot`. `asText`: the slot is an annotation value, which kustomize reads back as
 * text before output, so a new node keeps the text it was given (a timestamp-looking text stays as written).
 */
function setFieldValue(
  r: Resource,
  o: FieldOptions | undefined,
  slot: TargetSlot,
  value: SourceValue,
  asText: boolean,
): void {
  const target = slot.value;
  const targetIsScalar = target === null || typeof target !== 'object';
  let text = value.kind === 'scalar' ? value.text : '';
  if (o?.delimiter) {
    if (!targetIsScalar) throw fail('delimiter option can only be used with scalar nodes');
    const tv = scalarText(target).split(o.delimiter);
    const index = o.index ?? 0;
    if (index < 0) tv.unshift(text);
    else if (index >= tv.length) tv.push(text);
    else tv[index] = text;
    text = tv.join(o.delimiter);
  }
  if (targetIsScalar) {
    // Only the text is copied; the target node keeps its tag (a new node has none).
    if (slot.created) slot.set(asText ? text : decodeUntagged(text));
    else slot.set(decodeTagged(text, targetTag(r, slot)));
  } else {
    slot.set(sourceNode(value));
  }
}

/** The tag kyaml holds on the target node: a timestamp read from the object is not a string. */
function targetTag(r: Resource, slot: TargetSlot): Tag {
  const held = slot.at ? r.nonStringTag(slot.at.container, slot.at.key) : undefined;
  return held === '!!timestamp' ? '!!timestamp' : tagOf(slot.value);
}

function fieldRetrievalError(fieldPath: string, create: boolean): string {
  return create
    ? `unable to find or create field ${JSON.stringify(fieldPath)} in replacement target`
    : `unable to find field ${JSON.stringify(fieldPath)} in replacement target`;
}

function copyValueToTarget(
  r: Resource,
  value: SourceValue,
  t: TargetSelector,
  fieldPaths: readonly string[],
  version: KustomizeVersion,
): void {
  const structured = hasFeature(version, 'replacementStructuredData');
  for (const fp of fieldPaths) {
    const create: CreateKind | undefined = t.options?.create
      ? value.kind === 'scalar'
        ? 'scalar'
        : value.kind
      : undefined;
    const parts = smarterPathSplitter(fp);
    // v5.8.0+: a path reaching into JSON/YAML held in a string field writes there first.
    if (structured && writeStructured(r.data, parts, structuredValue(value), create !== undefined)) continue;
    let slots: TargetSlot[];
    try {
      slots = matchTargets(r.data, parts, create, structured);
    } catch (err) {
      if (err instanceof BuildError) throw err;
      throw fail(`${fieldRetrievalError(fp, create !== undefined)}: ${(err as Error).message}`);
    }
    if (slots.length === 0) throw fail(fieldRetrievalError(fp, create !== undefined));
    const annotation = parts.length === 3 && parts[0] === 'metadata' && parts[1] === 'annotations';
    for (const slot of slots) setFieldValue(r, t.options, slot, value, annotation);
  }
}

/** The target's `select` and `reject` selectors (anchored regexps from v5.8.0, equal strings before). */
function targetSelectors(
  select: Selector,
  reject: readonly Selector[],
  version: KustomizeVersion,
): { select: CompiledSelector; rejects: CompiledSelector[] } {
  const mode = hasFeature(version, 'replacementTargetRegex') ? 'regexIds' : 'exact';
  try {
    return {
      select: new CompiledSelector(select, mode),
      rejects: reject.map((r) => new CompiledSelector(r, mode)),
    };
  } catch (err) {
    if (err instanceof GoRegexpError) throw fail(`error creating target selector: ${err.message}`);
    throw err;
  }
}

function applyReplacement(
  resources: ResourceList,
  value: SourceValue,
  targets: readonly TargetSelector[],
  version: KustomizeVersion,
): void {
  for (const t of targets) {
    if (!t.select) throw fail('target must specify resources to select');
    const { select, rejects } = targetSelectors(t.select, t.reject ?? [], version);
    const fieldPaths = t.fieldPaths && t.fieldPaths.length > 0 ? t.fieldPaths : [DEFAULT_FIELD_PATH];
    for (const r of resources.items) {
      // Annotations and labels first (select, then every reject that has them), then the ids.
      if (!select.matchesMetaBoth(r)) continue;
      const rejectedByMeta = (rj: typeof select): boolean =>
        Boolean(rj.selector.annotationSelector || rj.selector.labelSelector) && rj.matchesMetaBoth(r);
      if (rejects.some(rejectedByMeta)) continue;
      if (select.matchesIds(r) && !rejects.some((rj) => !isEmptyResId(rj.selector) && rj.matchesIds(r))) {
        copyValueToTarget(r, value, t, fieldPaths, version);
      }
    }
  }
}

/** The value a replacement writes: its `sourceValue` (a scalar without a tag), or what its source selects. */
function replacementValue(resources: ResourceList, rep: Replacement, version: KustomizeVersion): SourceValue {
  const literal = hasFeature(version, 'replacementSourceValue') ? rep.sourceValue : undefined;
  if (literal !== undefined && rep.source) throw fail('value and resource selectors are mutually exclusive');
  if (literal !== undefined) return { kind: 'scalar', text: literal, tag: '' };
  return getReplacement(resources, rep.source as SourceSelector);
}

/** Applies the replacements in order, each seeing the previous results, as `version` does. Throws BuildError. */
export function applyReplacements(
  resources: ResourceList,
  replacements: readonly Replacement[],
  version: KustomizeVersion,
): void {
  for (const rep of replacements) {
    const hasValue =
      rep.source !== undefined || (rep.sourceValue !== undefined && hasFeature(version, 'replacementSourceValue'));
    if (!hasValue || !rep.targets) throw fail('replacements must specify a source and at least one target');
    try {
      const value = replacementValue(resources, rep, version);
      applyReplacement(resources, value, rep.targets, version);
    } catch (err) {
      if (err instanceof LabelSelectorError || err instanceof GoRegexpError) throw fail(err.message);
      throw err;
    }
  }
}

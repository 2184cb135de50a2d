/**
 * The image rewrite (spec §9): matching an image string against an `images` entry (the name is an
 * unescaped Go regex), splitting it into name, tag and digest, and rebuilding it; plus the two passes
 * over a resource (the deep `containers`/`initContainers` walk and the field specs).
 */
import { BuildError } from '../../diagnostics/error.js';
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecSelects, visitFieldSpec } from '../../fieldspecs/traverse.js';
import { idString } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import { compileGoRegexp, GoRegexpError } from '../../selector/regex.js';
import { nodeKindError, scalarText } from '../node-kind.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../../yaml/values.js';
import { escapePointerSegment } from '../../yaml/pointer.js';

/** One `images` entry (kustomize's `types.Image`). Empty strings mean "not set". */
export interface ImageSpec {
  /** The image name to match: a Go regular expression, inserted unescaped. */
  name: string;
  /** Replaces the name part. */
  newName: string;
  /** Replaces the tag (and drops the digest unless `digest` is set too). */
  newTag: string;
  /** Replaces the digest (and drops the tag unless `newTag` is set too). */
  digest: string;
  /** Appended to the existing tag (when neither `newTag` nor `digest` is set). */
  tagSuffix: string;
}

/** Whether image string `s` is the image `name` (with optional tag and sha256 digest). */
export function imageMatches(s: string, name: string): boolean {
  let re: RegExp;
  try {
    re = compileGoRegexp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
  } catch (err) {
    if (err instanceof GoRegexpError) {
      // kustomize v5.6.0 panics here (nil regexp); report the bad pattern instead.
      throw new BuildError('transformer/config', `images: invalid image name '${name}': ${err.message}`);
    }
    throw err;
  }
  return re.test(s);
}

/** Splits an image into name, tag and digest; a registry port before the first `/` stays in the name. */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let slash = image.indexOf('/');
  let search = image;
  if (slash > 0) search = image.slice(slash);
  else slash = 0;
  let id = search.indexOf('@');
  let ic = search.indexOf(':');
  if (ic < 0 && id < 0) return { name: image, tag: '', digest: '' };
  if (id >= 0 && (id < ic || ic < 0)) {
    id += slash;
    return { name: image.slice(0, id), tag: '', digest: image.slice(id + 1) };
  }
  if (id >= 0 && ic >= 0) {
    id += slash;
    ic += slash;
    return { name: image.slice(0, ic), tag: image.slice(ic + 1, id), digest: image.slice(id + 1) };
  }
  ic += slash;
  return { name: image.slice(0, ic), tag: image.slice(ic + 1), digest: '' };
}

/** The rewritten image, or undefined when `image` does not match the entry. */
export function rewriteImage(image: string, spec: ImageSpec): string | undefined {
  if (!imageMatches(image, spec.name)) return undefined;
  let { name, tag, digest } = splitImage(image);
  if (spec.newName !== '') name = spec.newName;
  if (spec.newTag !== '' && spec.digest !== '') {
    tag = spec.newTag;
    digest = spec.digest;
  } else if (spec.newTag !== '') {
    tag = spec.newTag;
    digest = '';
  } else if (spec.digest !== '') {
    tag = '';
    digest = spec.digest;
  } else if (spec.tagSuffix !== '') {
    tag += spec.tagSuffix;
    digest = '';
  }
  if (tag !== '') name += `:${tag}`;
  if (digest !== '') name += `@${digest}`;
  return name;
}

/**
 * Rewrites one image field; throws on a non-scalar like kustomize. `text` is the node's text where the
 * value read is not (a `!!null`-tagged text).
 */
function updateImage(value: YamlValue, set: (v: YamlValue) => void, spec: ImageSpec, text?: string): void {
  if (value !== null && typeof value === 'object') {
    throw nodeKindError('ScalarNode', value);
  }
  const next = rewriteImage(text ?? scalarText(value), spec);
  if (next !== undefined) set(next);
}

/** Pass 1: every `containers`/`initContainers` list at any depth (innermost first, like kustomize). */
function walkContainers(
  r: Resource,
  node: YamlValue,
  spec: ImageSpec,
  pointer = '',
  onRewrite?: (pointer: string) => void,
): void {
  if (Array.isArray(node)) {
    node.forEach((el, i) => walkContainers(r, el, spec, `${pointer}/${i}`, onRewrite));
    return;
  }
  if (!isMap(node)) return;
  for (const key of Object.keys(node)) {
    const value = node[key] as YamlValue;
    const at = `${pointer}/${escapePointerSegment(key)}`;
    walkContainers(r, value, spec, at, onRewrite);
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(value)) {
      value.forEach((c, i) => {
        if (c === null) return;
        if (!isMap(c)) throw nodeKindError('MappingNode', c);
        if (getField(c, 'image') === undefined) return;
        const container: YamlMap = c;
        const before = container['image'];
        const text = before === null ? r.heldNullText(container, 'image') : undefined;
        updateImage(before as YamlValue, (v) => (container['image'] = v), spec, text);
        if (onRewrite && container['image'] !== before) onRewrite(`${at}/${i}/image`);
      });
    }
  }
}

/**
 * Applies one `images` entry to one resource (both passes). CRDs are skipped. `onRewrite` is told the JSON
 * pointer of each container image the first pass changed.
 */
export function applyImage(
  r: Resource,
  spec: ImageSpec,
  fieldSpecs: readonly FieldSpec[],
  onRewrite?: (pointer: string) => void,
): void {
  if (r.kind === 'CustomResourceDefinition') return;
  try {
    walkContainers(r, r.data, spec, '', onRewrite);
  } catch (err) {
    if (err instanceof BuildError) throw err;
    throw new BuildError('transformer/failed', (err as Error).message, { file: r.origin.file, range: r.origin.range });
  }
  const gvk = r.gvk();
  for (const fs of fieldSpecs) {
    if (!fieldSpecSelects(fs, gvk)) continue;
    visitFieldSpec(
      r.data,
      { ...fs, create: false },
      undefined,
      (ref) =>
        updateImage(ref.value, ref.set, spec, ref.value === null ? r.heldNullText(ref.parent, ref.key) : undefined),
      () => idString(r.id()),
    );
  }
}

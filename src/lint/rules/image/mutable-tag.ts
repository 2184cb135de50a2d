/**
 * `image/mutable-tag`: a rendered container image has the tag `latest`, or no tag and no digest (which
 * means `latest`): what runs changes without a commit, and rollbacks do not roll back. Images still
 * holding a `${VAR}` are left alone. Reported at the image value, for the Kustomization that renders it.
 */
import { splitImage } from '../../../transformers/images/filter.js';
import { getField, isMap, type YamlMap, type YamlValue } from '../../../yaml/values.js';
import type { LintObject, LintRule } from '../../context.js';
import { objectLabel } from '../../context.js';
import { escapePointerSegment } from '../../../yaml/pointer.js';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Calls `visit(image, pointer)` for each container image in the object. */
export function forEachContainerImage(
  v: YamlValue,
  visit: (image: string, pointer: string) => void,
  pointer = '',
): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => forEachContainerImage(x, visit, `${pointer}/${i}`));
    return;
  }
  if (!isMap(v)) return;
  for (const key of Object.keys(v)) {
    const child = v[key] as YamlValue;
    const p = `${pointer}/${escapePointerSegment(key)}`;
    if (CONTAINER_LISTS.has(key) && Array.isArray(child)) {
      child.forEach((c, i) => {
        const image = isMap(c) ? getField(c, 'image') : undefined;
        if (typeof image === 'string') visit(image, `${p}/${i}/image`);
      });
      continue;
    }
    forEachContainerImage(child, visit, p);
  }
}

/** Why an image reference is mutable, or undefined. */
export function mutableTag(image: string): 'latest' | 'untagged' | undefined {
  if (image === '' || image.includes('${') || image.includes('{{')) return undefined;
  const { tag, digest } = splitImage(image);
  if (digest !== '') return undefined;
  if (tag === '') return 'untagged';
  return tag === 'latest' ? 'latest' : undefined;
}

/** A mutable image of an object, at its pointer. */
interface MutableImage {
  readonly image: string;
  readonly pointer: string;
  readonly why: 'latest' | 'untagged';
}

/** The mutable images of objects seen so far (rendered objects are never mutated and keep their identity). */
const mutableImagesByObject = new WeakMap<YamlMap, readonly MutableImage[]>();

/** The container images of an object with a mutable tag (none for a CRD), in object order. */
function mutableImages(object: YamlMap): readonly MutableImage[] {
  let found = mutableImagesByObject.get(object);
  if (found) return found;
  const list: MutableImage[] = [];
  if (getField(object, 'kind') !== 'CustomResourceDefinition')
    forEachContainerImage(object, (image, pointer) => {
      const why = mutableTag(image);
      if (why) list.push({ image, pointer, why });
    });
  mutableImagesByObject.set(object, (found = list));
  return found;
}

export const imageMutableTag: LintRule<'latest' | 'untagged', 'image/mutable-tag'> = {
  meta: {
    id: 'image/mutable-tag',
    description: 'A rendered container image has the tag latest, or no tag and no digest.',
    defaultSeverity: 'warning',
    recommended: true,
    messages: {
      latest:
        '{{object}} runs image {{image}} (tag latest): what runs changes without a commit; pin a version tag or a digest',
      untagged: '{{object}} runs image {{image}} without tag or digest (that is latest): pin a version tag or a digest',
    },
    docs: 'docs/rules/image/mutable-tag.md',
  },
  check(context, report) {
    const seen = new Set<string>(); // one finding per source position (a base rendered several times)
    const check = (o: LintObject, kustomization: string, cluster: string | undefined): void => {
      for (const { image, pointer, why } of mutableImages(o.object)) {
        const location = context.locateObject(o, pointer, 'value');
        const at = `${location?.file ?? ''}:${location?.range?.start.offset ?? ''}:${image}`;
        if (location && seen.has(at)) continue;
        seen.add(at);
        report({
          messageId: why,
          data: { object: objectLabel(o.object), image },
          location,
          path: pointer,
          kustomization,
          cluster,
        });
      }
    };
    for (const c of context.clusters) for (const u of c.units) for (const o of u.objects) check(o, u.id, c.name);
    for (const u of context.standalone) for (const o of u.objects) check(o, u.id, undefined);
  },
};

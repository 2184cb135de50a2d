/**
 * What rules read from a rendered object, read once per object: rendered objects are never mutated and
 * keep their identity while the Kustomization that renders them is reused (editor sessions lint after
 * every keystroke), so a rule's next run reads only the objects an edit changed.
 */
import type { YamlMap } from '../../yaml/values.js';

/** `read`, once per object. */
export function perObject<T>(read: (object: YamlMap) => T): (object: YamlMap) => T {
  const kept = new WeakMap<YamlMap, { value: T }>();
  return (object) => {
    let k = kept.get(object);
    if (!k) kept.set(object, (k = { value: read(object) }));
    return k.value;
  };
}

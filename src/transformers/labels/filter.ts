/**
 * Setting a string map (labels or annotations) at every field spec of an object: keys in sorted order,
 * values as strings, maps created where the spec says `create`.
 */
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecSelects, visitFieldSpec } from '../../fieldspecs/traverse.js';
import type { Resource } from '../../resources/resource.js';
import { idString } from '../../resources/res-id.js';
import { isMap, setField } from '../../yaml/values.js';

export interface StringMapConfig {
  pairs: Readonly<Record<string, string>>;
  fieldSpecs: readonly FieldSpec[];
}

export function setStringMap(r: Resource, c: StringMapConfig): void {
  const keys = Object.keys(c.pairs).sort();
  if (keys.length === 0) return;
  const gvk = r.gvk();
  for (const fs of c.fieldSpecs) {
    if (!fieldSpecSelects(fs, gvk)) continue;
    visitFieldSpec(
      r.data,
      fs,
      'map',
      (ref) => {
        let m = ref.value;
        if (!isMap(m)) {
          if (m !== null) throw new Error(`wrong node kind: expected MappingNode but got ${Array.isArray(m) ? 'SequenceNode' : 'ScalarNode'}`);
          m = {};
          ref.set(m);
        }
        for (const k of keys) setField(m, k, c.pairs[k] as string);
      },
      () => idString(r.id()),
    );
  }
}

/**
 * Setting a string map (labels or annotations) at every field spec of an object, as kustomize's labels and
 * annotations filters do: keys in sorted order, values as strings, maps created (or a `null` converted)
 * where the spec says `create`; a `null` left in place is not touched; any other non-map is an error.
 */
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecSelects, visitFieldSpec, wrongNodeKind } from '../../fieldspecs/traverse.js';
import type { Resource } from '../../resources/resource.js';
import { idString } from '../../resources/res-id.js';
import { BuildError } from '../../diagnostics/error.js';
import { isMap, setField, type YamlMap } from '../../yaml/values.js';
import { recordAliasGroup } from '../../resources/aliases.js';
import { plainKeyIsNonString } from '../../yaml/scalars.js';

/** Configuration of the label and annotation transformers. */
export interface StringMapConfig {
  /** The labels or annotations to set. */
  pairs: Readonly<Record<string, string>>;
  /** Where to set them. */
  fieldSpecs: readonly FieldSpec[];
}

/** Sets the pairs of `c` on one resource. */
export function setStringMap(r: Resource, c: StringMapConfig, keys: readonly string[] = sortedKeys(c.pairs)): void {
  if (keys.length === 0) return;
  const gvk = r.gvk();
  const specs = c.fieldSpecs.filter((fs) => fieldSpecSelects(fs, gvk));
  if (specs.length === 0) return;
  for (const k of keys) {
    const v = c.pairs[k] as string;
    // kyaml writes a new key as an untagged plain scalar: one that reads back as a number, boolean, null
    // or timestamp makes kustomize's output step fail for this resource.
    const unsafeKey = plainKeyIsNonString(k);
    // kyaml's SetEntry makes one node per key and appends it wherever the key is new (aliases.ts).
    const created: [YamlMap, string][] = [];
    for (const fs of specs) {
      visitFieldSpec(
        r.data,
        fs,
        'map',
        (ref) => {
          const m = ref.value;
          if (m === null) return;
          if (!isMap(m)) throw new BuildError('transformer/failed', wrongNodeKind('MappingNode', m));
          if (unsafeKey && !Object.prototype.hasOwnProperty.call(m, k)) {
            r.outputError ??= new BuildError(
              'yaml/unsupported-value',
              `json: unsupported type: map[interface {}]interface {} (the key ${JSON.stringify(k)} is read back as a non-string)`,
            );
          }
          if (!Object.prototype.hasOwnProperty.call(m, k)) created.push([m, k]);
          setField(m, k, v);
        },
        () => idString(r.id()),
      );
    }
    if (created.length >= 2) recordAliasGroup((r.aliases ??= []), created, v);
  }
}

/** The keys of a map in Go's sort order (byte order). */
export function sortedKeys(pairs: Readonly<Record<string, string>>): string[] {
  return Object.keys(pairs).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

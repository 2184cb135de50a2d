/**
 * Substituting vars in the varReference fields of one resource (kustomize's refvar.Filter): at each
 * field a spec names, a string scalar is expanded, a map has each string value expanded, a list has each
 * item expanded (every item must be a string). Non-string scalars and null are left alone.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecSelects, visitFieldSpec } from '../../fieldspecs/traverse.js';
import { idString } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import { setField, isMap, type YamlValue } from '../../yaml/values.js';
import { doReplacements, type VarMapping } from './expand.js';

// Plain Errors thrown in the visitor get kustomize's "considering field ... of object ..." context from
// visitFieldSpec.
function invalid(message: string): Error {
  return new Error(message);
}

function expandValue(v: YamlValue, mapping: VarMapping): YamlValue {
  if (typeof v !== 'string') return v;
  return doReplacements(v, mapping);
}

/** Applies the var substitution to the fields of `r` selected by `specs`. */
export function substituteVars(r: Resource, specs: readonly FieldSpec[], mapping: VarMapping): void {
  const gvk = r.gvk();
  for (const spec of specs) {
    if (!fieldSpecSelects(spec, gvk)) continue;
    try {
      visitFieldSpec(
        r.data,
        spec,
        undefined,
        (ref) => {
          const v = ref.value;
          if (v === null) return;
          if (Array.isArray(v)) {
            for (let i = 0; i < v.length; i++) {
              const item = v[i] as YamlValue;
              if (typeof item !== 'string' || r.nonStringTag(v, i) !== undefined)
                throw invalid('invalid value type expect a string');
              v[i] = doReplacements(item, mapping);
            }
            return;
          }
          if (isMap(v)) {
            for (const k of Object.keys(v)) {
              const item = v[k] as YamlValue;
              if (typeof item === 'string') setField(v, k, expandValue(item, mapping));
            }
            return;
          }
          if (typeof v === 'string') ref.set(doReplacements(v, mapping));
        },
        () => idString(r.id()),
      );
    } catch (err) {
      if (err instanceof BuildError && err.code === 'transformer/failed') {
        throw new BuildError('var/invalid-field', err.message, { file: r.origin.file, range: r.origin.range });
      }
      throw err;
    }
  }
}

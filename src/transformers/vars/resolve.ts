/**
 * Resolving and substituting vars at the top of a build (spec §10.2; kustomize's
 * ResAccumulator.ResolveVars), after name references were fixed: each var's value is read from the
 * final state of the first resource it was bound to, then `$(VAR)` is expanded in the accumulated
 * varReference fields of every resource. Vars that were never substituted produce kustomize's log
 * line as a warning.
 */
import { diagnostic } from '../../diagnostics/diagnostic.js';
import { BuildError } from '../../diagnostics/error.js';
import type { Accumulator, TargetBuild } from '../../target/types.js';
import type { Resource } from '../../resources/resource.js';
import { isMap, type YamlValue } from '../../yaml/values.js';
import { formatVarValue, type VarMapping, type VarValue } from './expand.js';
import { getFieldValue } from './field-path.js';
import { substituteVars } from './filter.js';
import { formatVarDef, type VarDef } from './types.js';

/** The value of one var, or a BuildError as kustomize words it. */
function varValue(ra: Accumulator, v: VarDef): YamlValue {
  let bound: Resource | undefined;
  for (const r of ra.resources.items) {
    if (r.refVarNames?.includes(v.name)) {
      bound = r;
      break;
    }
  }
  const where = { file: v.file, range: v.range };
  if (!bound) {
    throw new BuildError(
      'var/unresolved',
      `var '${formatVarDef(v)}' cannot be mapped to a field in the set of known resources`,
      where,
    );
  }
  const value = getFieldValue(bound.data, v.fieldPath);
  if (value === undefined) {
    throw new BuildError(
      'var/unresolved',
      `field specified in var '${formatVarDef(v)}' not found in corresponding resource`,
      where,
    );
  }
  // kyaml returns a null scalar's text.
  return value === null ? 'null' : value;
}

/** Go's `%T` of a decoded YAML map or list. */
function goTypeName(v: YamlValue): string {
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** Go's `%v` of a value decoded from YAML into interface{} (maps print with sorted keys). */
function goValueString(v: YamlValue): string {
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValueString).join(' ')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${keys.map((k) => `${k}:${goValueString(v[k] as YamlValue)}`).join(' ')}]`;
  }
  return formatVarValue(v);
}

function isPrimitive(v: YamlValue): v is VarValue {
  return v !== null && !Array.isArray(v) && !isMap(v);
}

/** Computes every var's value and substitutes them; adds the unused-vars warning to the build. */
export function resolveVars(ra: Accumulator, build: TargetBuild): void {
  if (ra.vars.size === 0) return;
  const names = [...ra.vars.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const values = new Map<string, YamlValue>();
  for (const name of names) values.set(name, varValue(ra, ra.vars.get(name) as VarDef));
  const used = new Set<string>();
  const mapping: VarMapping = (name) => {
    const v = values.get(name);
    if (v === undefined) return `$(${name})`;
    if (isPrimitive(v)) {
      used.add(name);
      return v;
    }
    // kustomize logs the value it cannot substitute and leaves the reference as it was.
    const def = ra.vars.get(name);
    build.warnings.push(
      diagnostic(
        'var/not-substitutable',
        'warning',
        `MakePrimitiveReplacer: bad replacement type=${goTypeName(v)} val=${goValueString(v)}`,
        {
          file: def?.file,
          range: def?.range,
          source: 'kustomize',
        },
      ),
    );
    return `$(${name})`;
  };
  const specs = ra.config.varReference;
  try {
    for (const r of ra.resources.items) substituteVars(r, specs, mapping);
  } finally {
    // kustomize logs the vars not used so far even when a substitution failed.
    warnUnused(
      names.filter((n) => !used.has(n)),
      ra,
      build,
    );
  }
}

function warnUnused(unused: readonly string[], ra: Accumulator, build: TargetBuild): void {
  if (unused.length === 0) return;
  const first = ra.vars.get(unused[0] as string);
  build.warnings.push(
    diagnostic('var/unused', 'warning', `well-defined vars that were never replaced: ${unused.join(',')}`, {
      file: first?.file,
      range: first?.range,
      source: 'kustomize',
    }),
  );
}

/**
 * Declaring vars (spec §2.2 step 8, §10.2; kustomize's ResAccumulator.MergeVars and VarSet): at the end
 * of each kustomization its `vars` are bound to the resources accumulated so far — each var's name is
 * recorded on the one resource whose current or previous id matches the objref — and join the var set.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { Range } from '../../diagnostics/diagnostic.js';
import type { Accumulator, KustTarget } from '../../target/types.js';
import { effectiveNamespace, type ResId } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import { defaultVar, formatDeclaredVar, formatVar, type VarDef } from './types.js';

/** Resources whose current or a previous id matches the var's objref (namespace only when given). */
function matchingResources(ra: Accumulator, v: VarDef): Resource[] {
  const target: ResId = { ...v.gvk, name: v.objName, namespace: v.objNamespace };
  // The objref's id is never cluster-scoped: its effective namespace is its namespace or "default".
  const targetNs = v.objNamespace === '' ? 'default' : v.objNamespace;
  const withNs = v.objNamespace !== '';
  const out: Resource[] = [];
  for (const r of ra.resources.items) {
    for (const id of r.allIds()) {
      if (
        id.name !== target.name ||
        id.kind !== target.kind ||
        id.group !== target.group ||
        id.version !== target.version
      )
        continue;
      if (withNs && effectiveNamespace(id, r.scope) !== targetNs) continue;
      out.push(r);
      break;
    }
  }
  return out;
}

/** Adds `v` to the var set, failing like kustomize's VarSet.Merge on a repeated name. */
function addToSet(vars: Map<string, VarDef>, v: VarDef): void {
  if (vars.has(v.name)) {
    throw new BuildError('var/duplicate', `var '${v.name}' already encountered`, { file: v.file, range: v.range });
  }
  vars.set(v.name, v);
}

/** kustomize's MergeVars for the `vars` of `kt`, at the end of its accumulation. */
export function bindVars(kt: KustTarget, ra: Accumulator): void {
  const decls = kt.kustomization.vars ?? [];
  if (decls.length === 0) return;
  const pos = kt.locate('vars');
  const range: Range | undefined = pos ? { start: { ...pos, offset: 0 }, end: { ...pos, offset: 0 } } : undefined;
  const prefix = `merging vars [${decls.map(formatDeclaredVar).join(' ')}]: `;
  const defs = decls.map((d) => defaultVar(d, kt.file, range));
  for (const v of defs) {
    const matched = matchingResources(ra, v);
    if (matched.length > 1) {
      throw new BuildError(
        'var/ambiguous',
        `${prefix}found ${matched.length} resId matches for var ${formatVar(v.name, v.gvk, v.decl.fieldref?.fieldPath ?? '')} (unable to disambiguate)`,
        { file: kt.file, range },
      );
    }
    if (matched.length === 1) {
      const r = matched[0] as Resource;
      (r.refVarNames ??= []).push(v.name);
    }
  }
  for (const v of defs) {
    try {
      addToSet(ra.vars, v);
    } catch (err) {
      if (err instanceof BuildError) throw err.wrap(prefix);
      throw err;
    }
  }
}

/** kustomize's VarSet.MergeSet: a sub-kustomization's vars join the parent's. */
export function mergeVarSets(into: Map<string, VarDef>, from: ReadonlyMap<string, VarDef>): void {
  for (const v of from.values()) addToSet(into, v);
}

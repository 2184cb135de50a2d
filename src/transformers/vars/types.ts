/**
 * A declared var as kustomize keeps it in its var set (types.Var after `Defaulting()`): the objref's
 * GVK with `apiVersion` split into group/version, `fieldPath` defaulted to `metadata.name`.
 */
import type { Range } from '../../diagnostics/diagnostic.js';
import type { Var } from '../../kustomization/types.js';
import { gvkString, type Gvk } from '../../resources/res-id.js';
import type { VarDef } from '../../target/types.js';

export type { VarDef };

/** kustomize's default var field path. */
export const DEFAULT_VAR_FIELD_PATH = 'metadata.name';

/** Target.GVK(): `apiVersion` (when set) overrides version, and group when it has a `/`. */
export function objrefGvk(v: Var): Gvk {
  const o = v.objref ?? {};
  let group = o.group ?? '';
  let version = o.version ?? '';
  const kind = o.kind ?? '';
  const av = o.apiVersion ?? '';
  if (av !== '') {
    const parts = av.split('/');
    if (parts.length === 2) {
      group = parts[0] as string;
      version = parts[1] as string;
    } else if (parts.length === 1) {
      version = parts[0] as string;
    }
  }
  return { group, version, kind };
}

/** Builds the var-set entry of a declaration. */
export function defaultVar(v: Var, file: string, range: Range | undefined): VarDef {
  return {
    name: v.name ?? '',
    gvk: objrefGvk(v),
    objName: v.objref?.name ?? '',
    objNamespace: v.objref?.namespace ?? '',
    fieldPath: v.fieldref?.fieldPath || DEFAULT_VAR_FIELD_PATH,
    decl: v,
    file,
    range,
  };
}

/**
 * Go's `%v` of a types.Var: `{NAME Kind.Version.Group {fieldPath}}` (the objref prints as its GVK).
 * `gvk` and `fieldPath` select which state is printed (as written, after GVK(), after Defaulting()).
 */
export function formatVar(name: string, gvk: Partial<Gvk>, fieldPath: string): string {
  return `{${name} ${gvkString(gvk)} {${fieldPath}}}`;
}

/** The var as written in the kustomization (kustomize prints `kt.kustomization.Vars` this way). */
export function formatDeclaredVar(v: Var): string {
  const o = v.objref ?? {};
  return formatVar(
    v.name ?? '',
    { group: o.group ?? '', version: o.version ?? '', kind: o.kind ?? '' },
    v.fieldref?.fieldPath ?? '',
  );
}

/** The var as kept in the var set (GVK parsed, field path defaulted). */
export function formatVarDef(v: VarDef): string {
  return formatVar(v.name, v.gvk, v.fieldPath);
}

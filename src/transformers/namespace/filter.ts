/** The namespace filter on one object (spec §7.3). */
import type { FieldSpec } from '../../fieldspecs/types.js';
import { fieldSpecSelects, visitFieldSpec } from '../../fieldspecs/traverse.js';
import type { Resource } from '../../resources/resource.js';
import { idString } from '../../resources/res-id.js';
import { getField, isMap, setField } from '../../yaml/values.js';

export type RoleBindingSubjectsMode = 'defaultOnly' | 'allServiceAccounts' | 'none';

export interface NamespaceConfig {
  namespace: string;
  fieldSpecs: readonly FieldSpec[];
  /** Only set the namespace where it is missing or empty. */
  unsetOnly: boolean;
  setRoleBindingSubjects: RoleBindingSubjectsMode;
}

function isEmptyScalar(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Applies the namespace to one resource. */
export function setNamespace(r: Resource, c: NamespaceConfig): void {
  const gvk = r.gvk();
  const apiVersion = r.apiVersion;
  const set = (ref: { value: unknown; set(v: string): void }): void => {
    if (c.unsetOnly && !isEmptyScalar(ref.value)) return;
    ref.set(c.namespace);
  };
  if (!r.isClusterScoped()) {
    const meta = r.ensureMetadata();
    const cur = getField(meta, 'namespace');
    if (!(c.unsetOnly && !isEmptyScalar(cur))) setField(meta, 'namespace', c.namespace);
  }
  let specs = c.fieldSpecs.filter(
    (fs) => fs.path !== 'metadata/namespace' && !(apiVersion !== 'v1' && fs.path === 'metadata/name'),
  );
  if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') {
    specs = specs.filter((fs) => fs.path !== 'subjects' && !fs.path.startsWith('subjects/'));
    const subjects = getField(r.data, 'subjects');
    if (Array.isArray(subjects) && c.setRoleBindingSubjects !== 'none') {
      for (const s of subjects) {
        if (!isMap(s)) continue;
        if (c.setRoleBindingSubjects === 'allServiceAccounts') {
          if (getField(s, 'kind') !== 'ServiceAccount') continue;
        } else if (getField(s, 'name') !== 'default') continue;
        setField(s, 'namespace', c.namespace);
      }
    }
  }
  for (const fs of specs) {
    if (!fieldSpecSelects(fs, gvk)) continue;
    visitFieldSpec(r.data, fs, 'scalar', set, () => idString(r.id()));
  }
}

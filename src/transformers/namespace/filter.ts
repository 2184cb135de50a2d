/** The namespace filter on one object (kustomize's api/filters/namespace, spec §7.3). */
import type { FieldSpec } from '../../fieldspecs/types.js';
import {
  fieldSpecSelects,
  InvalidNodeKindError,
  visitFieldSpec,
  wrongNodeKind,
  type FieldRef,
} from '../../fieldspecs/traverse.js';
import type { Resource } from '../../resources/resource.js';
import { idString } from '../../resources/res-id.js';
import { BuildError } from '../../diagnostics/error.js';
import { getField, isMap, setField, type YamlValue } from '../../yaml/values.js';

/** How RoleBinding/ClusterRoleBinding `subjects` get the namespace. */
export type RoleBindingSubjectsMode = 'defaultOnly' | 'allServiceAccounts' | 'none';

/** Configuration of the namespace transformer. */
export interface NamespaceConfig {
  /** The namespace to set; empty = the transformer does nothing. */
  namespace: string;
  /** Extra fields to set (the `namespace` table: Namespace names, APIService and CRD webhook services). */
  fieldSpecs: readonly FieldSpec[];
  /** Only set the namespace where it is missing or empty. */
  unsetOnly: boolean;
  /** Which RoleBinding subjects get the namespace. */
  setRoleBindingSubjects: RoleBindingSubjectsMode;
}

const META_NAMESPACE: FieldSpec = { path: 'metadata/namespace', create: true };

/** Whether a scalar already holds a value (kustomize's hasExistingValue). */
function hasValue(v: YamlValue | undefined): boolean {
  return v !== undefined && v !== null && v !== '';
}

function isRoleBinding(kind: string | undefined): boolean {
  return kind === 'RoleBinding' || kind === 'ClusterRoleBinding';
}

/** Applies the namespace to one resource. */
export function setNamespace(r: Resource, c: NamespaceConfig): void {
  const gvk = r.gvk();
  const describe = (): string => idString(r.id());
  // kyaml's InvalidNodeKindError from the setter: the field spec pass says the specs must target scalars.
  const failed = { notScalar: false };
  const set = (ref: FieldRef): void => {
    if (ref.value !== null && typeof ref.value === 'object') {
      failed.notScalar = true;
      throw new BuildError('transformer/failed', wrongNodeKind('ScalarNode', ref.value));
    }
    if (c.unsetOnly && hasValue(ref.value)) return;
    ref.set(c.namespace);
  };
  let specs = c.fieldSpecs.filter(
    (fs) => fs.path !== 'metadata/namespace' && !(r.apiVersion !== 'v1' && fs.path === 'metadata/name'),
  );
  if (!r.isClusterScoped()) visitFieldSpec(r.data, META_NAMESPACE, 'scalar', set, describe);
  if (isRoleBinding(gvk.kind)) {
    specs = specs.filter((fs) => !(isRoleBinding(fs.kind) && fs.path === 'subjects/namespace'));
    setSubjects(r, c);
  }
  try {
    for (const fs of specs) {
      if (!fieldSpecSelects(fs, gvk)) continue;
      visitFieldSpec(r.data, fs, 'scalar', set, describe);
    }
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    throw err.wrap(
      failed.notScalar || err instanceof InvalidNodeKindError
        ? 'namespace field specs must target scalar nodes: '
        : 'namespace transformation failed: ',
    );
  }
}

function setSubjects(r: Resource, c: NamespaceConfig): void {
  if (c.setRoleBindingSubjects === 'none') return;
  const subjects = getField(r.data, 'subjects');
  if (subjects === undefined || subjects === null) return;
  if (!Array.isArray(subjects)) {
    throw new BuildError(
      'transformer/failed',
      `setting namespace on (cluster)role binding subjects: ${wrongNodeKind('SequenceNode', subjects)}`,
    );
  }
  const field = c.setRoleBindingSubjects === 'allServiceAccounts' ? 'kind' : 'name';
  const wanted = c.setRoleBindingSubjects === 'allServiceAccounts' ? 'ServiceAccount' : 'default';
  for (const s of subjects) {
    if (s === null) continue;
    if (!isMap(s)) {
      throw new BuildError(
        'transformer/failed',
        `setting namespace on (cluster)role binding subjects: looking up ${field} on (cluster)role binding subject: ${wrongNodeKind('MappingNode', s)}`,
      );
    }
    const v = getField(s, field);
    if (v !== null && typeof v === 'object') {
      // kyaml's Match reads a scalar: a map or list there is an error.
      throw new BuildError(
        'transformer/failed',
        `setting namespace on (cluster)role binding subjects: looking up ${field} on (cluster)role binding subject: ${wrongNodeKind('ScalarNode', v)}`,
      );
    }
    if (v === undefined || v === null || String(v) !== wanted) continue;
    const cur = getField(s, 'namespace');
    if (cur !== undefined && cur !== null && typeof cur === 'object') {
      throw new BuildError(
        'transformer/failed',
        'setting namespace on (cluster)role binding subjects: wrong node kind: expected ScalarNode',
      );
    }
    if (c.unsetOnly && hasValue(cur)) continue;
    setField(s, 'namespace', c.namespace);
  }
}

/**
 * The prefix and suffix transformers on a resource list (kustomize's PrefixTransformer /
 * SuffixTransformer plugins with the prefix / suffix filters, spec §7.6).
 */
import type { FieldSpec } from '../../fieldspecs/types.js';
import {
  fieldSpecSelects,
  scalarText,
  untaggedScalar,
  visitFieldSpec,
  wrongNodeKind,
} from '../../fieldspecs/traverse.js';
import { gvkSelects, idString, type Gvk } from '../../resources/res-id.js';
import type { Resource } from '../../resources/resource.js';
import type { ResourceList } from '../../resources/resource-list.js';
import { BuildError } from '../../diagnostics/error.js';

/** Kinds never renamed, judged on the original id (kustomize's prefixFieldSpecsToSkip). */
const skipped: readonly Partial<Gvk>[] = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

/**
 * Adds `affix` before (`prefix`) or after (`suffix`) the value at every field spec selected by each
 * resource's original GVK. On `metadata/name` the affix is recorded in the name history and, when
 * non-empty, the previous id stored (once per such spec, as kustomize does).
 */
export function applyAffix(
  resources: ResourceList,
  which: 'prefix' | 'suffix',
  affix: string,
  fieldSpecs: readonly FieldSpec[],
): void {
  for (const r of resources.items) {
    const orgId = r.originalId();
    if (skipped.some((s) => gvkSelects(s, orgId))) continue;
    for (const fs of fieldSpecs) {
      if (!fieldSpecSelects(fs, orgId)) continue;
      if (fs.path === 'metadata/name') {
        if (which === 'prefix') r.addNamePrefix(affix);
        else r.addNameSuffix(affix);
        if (affix !== '') r.storePreviousId();
      }
      setAffix(r, fs, which, affix);
    }
  }
}

function setAffix(r: Resource, fs: FieldSpec, which: 'prefix' | 'suffix', affix: string): void {
  // The filter itself matches the spec against the current GVK.
  if (!fieldSpecSelects(fs, r.gvk())) return;
  visitFieldSpec(
    r.data,
    fs,
    'scalar',
    (ref) => {
      if (ref.value !== null && typeof ref.value === 'object')
        throw new BuildError('transformer/failed', wrongNodeKind('ScalarNode', ref.value));
      const ownName = fs.path === 'metadata/name' && ref.parent === r.metadata;
      // kyaml reads the name's source text (`0x10`, not 16).
      const text = ownName ? r.name : scalarText(ref.value);
      // A plain-style name is re-read by YAML rules like any plain scalar kustomize rewrites.
      const plain = ref.created || (ownName && r.plainName);
      ref.set(untaggedScalar(plain ? null : ref.value, which === 'prefix' ? `${affix}${text}` : `${text}${affix}`));
    },
    () => idString(r.id()),
  );
}

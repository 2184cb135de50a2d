/**
 * hash: kustomize's HashTransformer (spec §8.6). Appends `-<hash>` to the name of every resource marked
 * for it (generated ConfigMaps/Secrets without `disableNameSuffixHash`), recording the old id for name
 * references. The build runs it once at the top level, after all overlays; a `transformers:` entry
 * (`apiVersion: builtin`, `kind: HashTransformer`) runs it earlier too, and since the mark stays, such
 * names are hashed twice, as in kustomize.
 */
import { nameHash, wantsHashSuffix } from '../../generators/hash.js';
import type { ResourceList } from '../../resources/resource-list.js';
import type { TransformerPlugin } from '../types.js';

/** Appends the hash suffix to every marked resource of the list. */
export function addHashSuffixes(resources: ResourceList): void {
  for (const r of resources.items) {
    if (!wantsHashSuffix(r)) continue;
    const h = nameHash(r.data);
    r.storePreviousId();
    r.setName(`${r.name}-${h}`);
  }
}

/** HashTransformer has no configuration. */
export type HashTransformerConfig = Record<string, never>;

export const hashTransformer: TransformerPlugin<HashTransformerConfig> = {
  kind: 'HashTransformer',
  configure: () => ({}),
  transform: (resources) => addHashSuffixes(resources),
};

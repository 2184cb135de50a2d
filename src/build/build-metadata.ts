/**
 * buildMetadata (spec §12): the `config.kubernetes.io/origin` and
 * `alpha.config.kubernetes.io/transformations` annotations.
 */
import type { ResourceList } from '../resources/resource-list.js';
import type { KustTarget } from './context.js';

/** Records that the transformer `kind` of `kt` ran over every resource present. */
export function recordTransformation(resources: ResourceList, kt: KustTarget, kind: string): void {
  for (const r of resources.items) {
    (r.transformations ??= []).push({ configuredIn: kt.relFile, configuredBy: { apiVersion: 'builtin', kind } });
  }
}

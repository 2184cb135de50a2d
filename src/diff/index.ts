/**
 * diff: environment and promotion diffs between two renderings (overlays, clusters, or the same path in
 * two checkouts), with field-level changes, unified YAML diffs and masked Secrets.
 */
export { diffResources, formatDiffText } from './diff.js';
export type { DiffOptions, DiffResult, ResourceDiff } from './diff.js';
export type { FieldChange } from './compare.js';

import type { BuildResult, RenderedResource } from '../build/build.js';
import { diffResources, type DiffOptions, type DiffResult } from './diff.js';

/** Compares two build results (or lists of rendered objects). */
export function diff(
  a: BuildResult | readonly RenderedResource[],
  b: BuildResult | readonly RenderedResource[],
  options: DiffOptions = {},
): DiffResult {
  const ra = 'toYaml' in a ? a.resources : a;
  const rb = 'toYaml' in b ? b.resources : b;
  return diffResources(ra, rb, options);
}

import type { FleetResult } from '../flux/fleet.js';

/** Every object a rendered fleet applies, as diffable resources (ids as rendered; no rename history). */
export function fleetResources(fleet: FleetResult): RenderedResource[] {
  const out: RenderedResource[] = [];
  for (const k of fleet.kustomizations) {
    for (const o of k.objects) out.push({ id: o.id, originalId: o.id, object: o.object, origin: o.origin });
  }
  return out;
}

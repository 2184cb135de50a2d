/**
 * Which builds include which kustomization folders (a Flux Kustomization's or a standalone build's
 * closure over the repository's kustomization graph), remembered per analysis.
 */
import type { LintUnit } from '../../lint/context.js';
import { kustomizationClosure } from '../../lint/repo.js';
import type { Analysis } from '../workspace.js';

const closures = new WeakMap<LintUnit, ReadonlySet<string>>();

/** The kustomization folders a unit's build includes. */
export function closureOf(a: Analysis, unit: LintUnit): ReadonlySet<string> {
  let c = closures.get(unit);
  if (!c) {
    c = unit.dir !== undefined ? kustomizationClosure(a.context.repo, [unit.dir]) : new Set<string>();
    closures.set(unit, c);
  }
  return c;
}

/** True when the unit's build includes the kustomization in `dir`. */
export function buildsKustomization(a: Analysis, unit: LintUnit, dir: string): boolean {
  return closureOf(a, unit).has(dir);
}

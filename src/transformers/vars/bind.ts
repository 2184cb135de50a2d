/**
 * Declaring vars (spec §10.2): at the end of each kustomization, its `vars` join the accumulator.
 */
import { BuildError } from '../../diagnostics/error.js';
import type { Accumulator, KustTarget } from '../../build/context.js';

export function bindVars(kt: KustTarget, ra: Accumulator): void {
  for (const v of kt.kustomization.vars ?? []) {
    if (ra.vars.some((x) => x.decl.name === v.name)) {
      throw new BuildError('var/unresolved', `merging vars [${v.name ?? ''}]: var '${v.name ?? ''}' already encountered`, { file: kt.file });
    }
    ra.vars.push({ decl: v, resource: undefined });
  }
}

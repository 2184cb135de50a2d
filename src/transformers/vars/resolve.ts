/** Resolving and substituting vars at the top of a build (spec §10.2). */
import type { Accumulator, BuildContext } from '../../build/context.js';

export function resolveVars(ra: Accumulator, build: BuildContext): void {
  void ra;
  void build;
}

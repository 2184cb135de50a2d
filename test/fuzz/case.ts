/**
 * The fuzzer's data: a case is a file tree with the directory to build; an outcome is how our build and
 * the reference's compare. Shared by the generators, the runner, the minimizer and the regression writer.
 */

/** kustomize versions the fuzzer compares with (v5.6.0 = `kubectl.1.33 kustomize`, v5.8.1 = `kustomize-5.8.1 build`). */
export type RefVersion = '5.6' | '5.8';
export const REF_VERSIONS: readonly RefVersion[] = ['5.6', '5.8'];

export interface FuzzCase {
  /** `<generator>/<seed>/<index>`: enough to generate the case again. */
  id: string;
  /** The generator that made it. */
  generator: string;
  /** What the generator did (mutation kinds, fields used): the first part of its class. */
  tags: string[];
  /** Files by POSIX path relative to the case root. */
  files: Record<string, string>;
  /** The directory to build, relative to the case root (`.` is the root). */
  run: string;
  /** kustomize flags (`--load-restrictor`, `--reorder`). */
  flags: string[];
}

/** The result of one side of a comparison. */
export interface SideResult {
  ok: boolean;
  /** The output (successful builds). */
  stdout: string;
  /** The error text (failed builds): stderr of the reference, the first error diagnostic of ours. */
  error: string;
  /** Diagnostic codes of our errors. */
  codes?: string[];
  /** The build did not finish in time. */
  timedOut?: boolean;
  /** Our build threw, died or reported `internal/error`; the reference panicked. */
  crashed?: boolean;
}

export const OUTCOMES = [
  'identical',
  'both-fail',
  'differ',
  'ours-only-fail',
  'reference-only-fail',
  'crash',
  'hang',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How the two sides compare (the reference's own panics and hangs are noted beside, see {@link refNote}). */
export function classify(ours: SideResult, ref: SideResult): Outcome {
  if (ours.timedOut) return 'hang';
  if (ours.crashed) return 'crash';
  if (ref.ok && ours.ok) return ref.stdout === ours.stdout ? 'identical' : 'differ';
  if (!ref.ok && !ours.ok) return 'both-fail';
  return ours.ok ? 'reference-only-fail' : 'ours-only-fail';
}

/** The reference's own failure kind: a Go panic or a hang (kustomize bugs), else undefined. */
export function refNote(ref: SideResult): 'reference-panic' | 'reference-hang' | undefined {
  if (ref.timedOut) return 'reference-hang';
  if (ref.crashed) return 'reference-panic';
  return undefined;
}

/**
 * The exit statuses of every `kustomize-ts` command: one table, printed in `docs/cli.md` and by
 * `kustomize-ts help exit-codes`.
 */

/** Exit statuses by meaning. */
export const ExitCode = {
  /** The command did what was asked and found nothing wrong. */
  ok: 0,
  /** The command ran and found errors, or a file or directory could not be read or written. */
  failed: 1,
  /** The command line is wrong: unknown command or option, a bad option value, wrong arguments. */
  usage: 2,
  /** `diff` only: some side could not be rendered, so the comparison is incomplete. */
  incomplete: 3,
} as const;

/** One of {@link ExitCode}'s values. */
export type ExitStatus = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit-status table as text (the same for every command). */
export const exitCodeTable = `Exit status (every command):
  0  success: built, rendered, no error findings, no differences
  1  errors: a build or a Flux Kustomization failed, lint or validate found errors, a dependency cycle,
     a file or directory that could not be read or written (a missing ROOT, DIR or FILE);
     diff: the two sides differ
  2  usage: unknown command or option, a bad option value, missing or extra arguments
  3  diff: some side could not be rendered (what rendered is still compared)`;

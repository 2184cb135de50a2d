/// <reference types="node" />
/** Wires a CLI entry to the process: stdout/stderr, colours, a closed pipe, the exit status. */
import { fsErrorMessage } from './errors.js';
import type { Io } from './io.js';

/** Runs `run` with the process's streams and sets the process's exit status to its result. */
export async function runWithProcess(
  run: (argv: readonly string[], io: Io) => Promise<number>,
  argv: readonly string[],
): Promise<void> {
  // A reader that stops early (`kustomize-ts build . | head`) closes the pipe: stop quietly, as Unix tools do.
  // Any other failure of standard output (a full disk: `> /dev/full`) is one line, exit 1.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`error: ${fsErrorMessage(err, 'standard output')}\n`);
    process.exit(1);
  });
  process.stderr.on('error', (err: NodeJS.ErrnoException) =>
    process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : 1),
  );
  const errIsTty = process.stderr.isTTY;
  const io: Io = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    errIsTty,
    color: errIsTty && !process.env.NO_COLOR,
    debug: Boolean(process.env.KUSTOMIZE_TS_DEBUG),
  };
  process.exitCode = await run(argv, io);
}

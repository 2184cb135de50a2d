/// <reference types="node" />
/** Wires a CLI entry to the process: stdout/stderr, colours, a closed pipe, the exit status. */
import type { Io } from './io.js';

/** Runs `run` with the process's streams and sets the process's exit status to its result. */
export async function runWithProcess(
  run: (argv: readonly string[], io: Io) => Promise<number>,
  argv: readonly string[],
): Promise<void> {
  // A reader that stops early (`kustomize-ts build . | head`) closes the pipe: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(1);
    });
  }
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

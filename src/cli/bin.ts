/// <reference types="node" />
/** The executable behind `kustomize-ts`: wires the CLI to the process. */
import { main } from './main.js';
import type { Io } from './io.js';

// A reader that stops early (`kustomize-ts build . | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(1);
  });
}

const io: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: process.stderr.isTTY,
  color: process.stderr.isTTY && !process.env.NO_COLOR,
  debug: Boolean(process.env.KUSTOMIZE_TS_DEBUG),
};
process.exitCode = await main(process.argv.slice(2), io);

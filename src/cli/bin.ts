/// <reference types="node" />
/** The executable behind `kustomize-ts`: wires the CLI to the process. */
import { main } from './main.js';
import type { Io } from './io.js';

// A reader that stops early (`kustomize-ts build . | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const io: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  errIsTty: process.stderr.isTTY,
  color: process.stderr.isTTY && !process.env.NO_COLOR,
};
process.exitCode = await main(process.argv.slice(2), io);

/**
 * Progress of long runs (lint, fleet, graph, diff --cluster) on stderr. On a terminal one line is rewritten
 * in place; elsewhere (CI logs) a plain line is printed at most every few seconds, so a long run shows it
 * is alive and a short one prints nothing. `--quiet` turns it off.
 */
import type { Io } from './io.js';

/** Reports what a long run is doing. */
export interface Progress {
  /** The run moved on to `message`. */
  update(message: string): void;
  /** The run is over: clears the terminal line. */
  done(): void;
}

/** Seconds between two progress lines when stderr is not a terminal. */
export const PROGRESS_INTERVAL_MS = 5000;

const noProgress: Progress = { update: () => undefined, done: () => undefined };

/** A progress reporter for `io`, or one that prints nothing when `quiet`. */
export function progressReporter(io: Io, quiet: boolean): Progress {
  if (quiet) return noProgress;
  if (io.errIsTty) {
    let shown = false;
    return {
      update(message) {
        shown = true;
        io.err(`\r\x1b[2K${message}`);
      },
      done() {
        if (shown) io.err('\r\x1b[2K');
      },
    };
  }
  const now = io.now ?? Date.now;
  const start = now();
  let last = start;
  return {
    update(message) {
      const t = now();
      if (t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      io.err(`[${Math.round((t - start) / 1000)}s] ${message}\n`);
    },
    done: () => undefined,
  };
}

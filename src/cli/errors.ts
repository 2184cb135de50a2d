/**
 * Errors the CLI turns into one line on stderr and an exit status, never a stack trace: a {@link CliError}
 * (exit 1) for what went wrong while running, file-system errors (exit 1, with the path), a usage error
 * (exit 2, with a hint to the command's `--help`).
 */
/// <reference types="node" />
import { ExitCode, type ExitStatus } from './exit-codes.js';

/** A failure while running a command (a file that cannot be read or written, a missing ROOT): exit 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitStatus = ExitCode.failed,
  ) {
    super(message);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
};

/** Whether `err` is a Node file-system error (it has an errno code and a syscall). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && 'syscall' in err;
}

/** A file-system error as one line: `cannot write out/x.yaml: a parent is not a directory`. */
export function fsErrorMessage(err: NodeJS.ErrnoException, path = err.path): string {
  const inTheWay = err.syscall === 'mkdir' && err.code === 'EEXIST';
  const reason = inTheWay
    ? 'a file is in the way'
    : (REASONS[err.code ?? ''] ?? err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, ''));
  const verb = /^(open|write|mkdir|rename|copyfile|symlink|unlink)/.test(err.syscall ?? '') ? 'write' : 'read';
  const action = err.syscall === 'mkdir' ? 'create directory' : verb === 'write' ? 'write' : 'read';
  return `cannot ${action} ${path ?? '(unknown path)'}: ${reason}`;
}

/** A message of Node's `parseArgs` rewritten for a person (its own text shows internals and a broken quote). */
export function parseArgsMessage(err: Error & { code?: string }): string {
  const m = err.message;
  const option = /'(-[^' ]+)/.exec(m)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? m}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(m)?.[1] ?? ''}`.trimEnd();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const long = /(--[\w-]+)/.exec(m)?.[1] ?? option ?? '';
      if (m.includes('argument missing')) return `option ${long} needs a value`;
      if (m.includes('does not take an argument')) return `option ${long} takes no value`;
      return m.split('. ')[0] ?? m;
    }
    default:
      return m.split('. ')[0] ?? m;
  }
}

/**
 * Failures of the remote loader, with their diagnostic codes, and the redaction of credentials: a password or
 * token in a URL (`https://user:token@host/...`) never reaches the cache, the lock file or a message.
 */
import type { RemoteErrorCode } from '../../build/options.js';

/** A remote resource that cannot be had, with the code of its diagnostic. */
export class RemoteFailure extends Error {
  constructor(
    readonly code: RemoteErrorCode,
    message: string,
    /** The status of an HTTP answer that was not 2xx. */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'RemoteFailure';
  }
}

/** Turns anything thrown while fetching into a RemoteFailure (its message redacted). */
export function toRemoteFailure(err: unknown): RemoteFailure {
  if (err instanceof RemoteFailure) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new RemoteFailure('remote/fetch-failed', redactText(message));
}

/**
 * A URL without credentials: the user info of an http(s) URL is dropped entirely (tokens are often passed as
 * the user name); the `user@` of ssh and scp-like URLs is kept (it is an account name, `git@`), a password is not.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^((?:git::)?https?:\/\/)[^/?#@]*@/i, '$1')
    .replace(/^((?:git::)?ssh:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1@');
}

/** Redacts every http(s) or ssh URL inside a text (git's messages repeat the URL it was given). */
export function redactText(text: string): string {
  return text.replace(/\b(?:https?|ssh):\/\/[^\s'"]+/gi, (u) => redactUrl(u));
}

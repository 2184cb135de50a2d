/** `createSession(options)`: editing sessions for hosts that re-render on every change (src/lint/session.ts). */
export { createSession } from '../lint/session.js';
export type { Session, SessionOptions } from '../lint/session.js';

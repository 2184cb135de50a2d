/** Access to ../shared (conformance corpus, fleets, schemas) for tests; absent on some machines. */
/// <reference types="node" />
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const sharedDir = process.env.KUSTOMIZE_TS_SHARED ?? resolve(repoRoot, '..', 'shared');
export const hasShared = existsSync(sharedDir);

/** Logs once why a shared-data suite is skipped. */
export function sharedSkipReason(what: string): string {
  return `skipped: ${what} needs ${sharedDir} (the shared data folder), which is absent on this machine`;
}

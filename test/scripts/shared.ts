/** Where the shared data folder is (`../shared` next to the checkout), for dev scripts and tests. */
import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = process.env.KUSTOMIZE_TS_SHARED ?? resolve(repoRoot, '..', 'shared');
export const hasShared = existsSync(sharedDir);

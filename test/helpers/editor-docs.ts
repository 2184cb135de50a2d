/// <reference types="node" />
/**
 * The editor setups of docs/editors.md, as the tests read them: the fenced block after each
 * `<!-- setup: NAME -->` marker, so that what the page shows is what the tests check or run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

/** The page holding the editor setups. */
export const EDITORS_PAGE = join(repoRoot, 'docs/editors.md');

/** A fenced block of the page: its language and its text. */
export interface SetupBlock {
  readonly lang: string;
  readonly code: string;
}

/** Every `<!-- setup: NAME -->` block of the page, by name. */
export function setupBlocks(page = readFileSync(EDITORS_PAGE, 'utf8')): Map<string, SetupBlock> {
  const out = new Map<string, SetupBlock>();
  for (const m of page.matchAll(/^<!-- setup: ([\w-]+) -->\n+```(\w+)\n([\s\S]*?)^```$/gm)) {
    out.set(m[1] ?? '', { lang: m[2] ?? '', code: m[3] ?? '' });
  }
  return out;
}

/** The block named `name` (throws when the page has none). */
export function setupBlock(name: string): SetupBlock {
  const b = setupBlocks().get(name);
  if (!b) throw new Error(`docs/editors.md has no <!-- setup: ${name} --> block followed by a fenced block`);
  return b;
}

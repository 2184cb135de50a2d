/**
 * The core entry (".") must bundle for the browser: no node:* module reachable from src/index.ts, directly
 * or through a dependency.
 */
/// <reference types="node" />
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

describe('browser bundle of the core', () => {
  it('bundles src/index.ts with esbuild --platform=browser', async () => {
    const result = await build({
      entryPoints: [join(repoRoot, 'src/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:') || i.includes('src/node/') || i.includes('src/cli/'))).toEqual(
      [],
    );
    const text = result.outputFiles[0]?.text ?? '';
    expect(text).not.toMatch(/from\s+["']node:/);
    expect(text).not.toMatch(/require\(["'](node:)?(fs|path|os|child_process)["']\)/);
  });
});

/**
 * Docs are tests: the TypeScript examples of README.md and the user guides (getting started, testing, remote,
 * configuration) type-check against the published package (dist/, through the package's exports), so they cannot
 * drift from the API.
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

const docs = ['README.md', 'docs/getting-started.md', 'docs/testing.md', 'docs/remote.md', 'docs/config.md'];
const built = existsSync(join(repoRoot, 'dist/index.d.ts'));

/** The ```ts blocks of a markdown file. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe.skipIf(!built)('documentation examples', () => {
  it('type-check against the published package', () => {
    const dir = join(repoRoot, '.tmp/doc-examples');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const doc of docs) {
      tsBlocks(readFileSync(join(repoRoot, doc), 'utf8')).forEach((code, i) => {
        const file = join(dir, `${doc.replace(/[/.]/g, '_')}_${i}.ts`);
        // Placeholders the prose leaves to the reader.
        const vitest = code.includes("from 'vitest'") ? '' : "import { expect } from 'vitest';\n";
        writeFileSync(file, `${vitest}declare const bufferText: string;\nexport {};\n${code}`);
        files.push(file);
      });
    }
    expect(files.length).toBeGreaterThan(4);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: { noUnusedLocals: false, types: ['node'], noEmit: true },
        include: ['*.ts'],
      }),
    );
    let out = '';
    try {
      execFileSync(
        process.execPath,
        [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
        {
          encoding: 'utf8',
        },
      );
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(out).toBe('');
  });
});

/** The committed schema data is what test/scripts/gen-schemas.ts makes from ../shared/schemas. */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/gen-schemas.js';
import { hasShared, repoRoot, sharedDir, sharedSkipReason } from '../helpers/shared.js';

if (!hasShared) {
  describe('generated schemas', () => {
    it.skip(sharedSkipReason('regenerating src/validate/schemas'), () => {});
  });
} else {
  describe('generated schemas', () => {
    const files = generate(sharedDir);
    for (const name of ['kubernetes.generated.ts', 'flux.generated.ts', 'deprecations.generated.ts']) {
      it(`${name} is what test/scripts/gen-schemas.ts generates (run it to update)`, () => {
        const text = files.get(name);
        expect(text, name).toBeDefined();
        expect(readFileSync(join(repoRoot, 'src/validate/schemas', name), 'utf8') === text, `${name} is stale`).toBe(
          true,
        );
      });
    }
    it('generating twice gives identical text', () => {
      const again = generate(sharedDir);
      for (const [name, text] of files) expect(again.get(name) === text, name).toBe(true);
    });
  });
}

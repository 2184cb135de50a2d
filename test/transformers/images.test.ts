/**
 * images: end-to-end cases (inputs under cases/images/, expected output from the reference kustomize v5.6.0
 * via scripts/gen-transformer-cases.ts).
 */
import { describe, it } from 'vitest';
import { caseTable, checkCase } from './case-table.js';

describe('images transformer (reference cases)', () => {
  it.each(caseTable('images'))('$name', (c) => checkCase(c));
});

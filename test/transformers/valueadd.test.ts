/**
 * valueadd: end-to-end cases (inputs under cases/valueadd/, expected output from the reference kustomize v5.6.0
 * via scripts/gen-transformer-cases.ts).
 */
import { describe, it } from 'vitest';
import { caseTable, checkCase } from './case-table.js';

describe('valueadd transformer (reference cases)', () => {
  it.each(caseTable('valueadd'))('$name', (c) => checkCase(c));
});

/**
 * replicas: end-to-end cases (inputs under cases/replicas/, expected output from the reference kustomize v5.6.0
 * via scripts/gen-transformer-cases.ts).
 */
import { describe, it } from 'vitest';
import { caseTable, checkCase } from './case-table.js';

describe('replicas transformer (reference cases)', () => {
  it.each(caseTable('replicas'))('$name', (c) => checkCase(c));
});

/**
 * Every function in src/ fits on one screen (60 lines, nested functions included), unless its leading comment
 * says it is a line-for-line port of a Go function (test/scripts/long-functions.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longFunctions } from '../scripts/long-functions.js';

describe('function length', () => {
  const found = longFunctions(join(import.meta.dirname, '../..'), 60);

  it('no function of src/ is longer than 60 lines unless it is a marked Go port', () => {
    const long = found.filter((f) => !f.port).map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });

  it('the ports kept whole are named', () => {
    expect(found.filter((f) => f.port).map((f) => f.name)).toEqual(['doPrintf']);
  });
});

import { describe, expect, it } from 'vitest';
import { toLspDiagnostic } from '../../src/diagnostics/lsp.js';
import { diagnostic } from '../../src/diagnostics/diagnostic.js';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';

describe('toLspDiagnostic', () => {
  it('turns 1-based ranges into 0-based ones', () => {
    const d = diagnostic('x/y', 'warning', 'm', {
      file: '/a',
      range: { start: { line: 3, column: 5, offset: 20 }, end: { line: 3, column: 9, offset: 24 } },
    });
    expect(toLspDiagnostic(d)).toEqual({
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } },
      severity: 2,
      code: 'x/y',
      source: 'kustomize-ts',
      message: 'm',
    });
  });
  it('points at the file start when there is no position', () => {
    expect(toLspDiagnostic(diagnostic('a', 'error', 'm')).range).toEqual({
      start: { line: 0, character: 0 },
      end: { line: 0, character: 1 },
    });
  });
  it('maps an engine error to the key that caused it', () => {
    const r = build('/k', { fs: memoryFs({ '/k/kustomization.yaml': 'resources: []\nnameprefix: a\nbogus: 1\n' }) });
    const first = r.diagnostics[0];
    if (!first) throw new Error('expected a diagnostic');
    const lsp = toLspDiagnostic(first);
    expect(lsp.severity).toBe(1);
    expect(lsp.range.start).toEqual({ line: 2, character: 0 });
  });
});

/**
 * Loader errors (spec §1.1, §2.4–2.8, §3.3, §13): each case folder in cases/ is rejected by the reference
 * kustomize (its error is in expected-error.txt, written by test/scripts/gen-expected.ts). We must reject it
 * too, with kustomize's message, a diagnostic code, and the file and line/column of the cause.
 */
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { nodeFs } from '../../src/node/node-fs.js';
import { buildReferenceCase, loadReferenceCases } from '../helpers/reference-cases.js';

const casesDir = fileURLToPath(new URL('./cases', import.meta.url));

/** Where each error must point: code, file (relative to the case's input/), 1-based line and column. */
const where: Record<string, { code: string; file: string; line: number; column: number }> = {
  'absolute-base-path': { code: 'load/absolute-path', file: 'kustomization.yaml', line: 2, column: 3 },
  'component-under-resources': { code: 'load/component-kind', file: 'kustomization.yaml', line: 2, column: 3 },
  cycle: { code: 'load/cycle', file: 'sub/kustomization.yaml', line: 3, column: 3 },
  'id-conflict': { code: 'resource/id-conflict', file: 'b.yaml', line: 3, column: 1 },
  'id-conflict-between-bases': { code: 'resource/id-conflict', file: 'base/cm.yaml', line: 1, column: 1 },
  'kustomization-under-components': { code: 'load/component-kind', file: 'kustomization.yaml', line: 4, column: 3 },
  'malformed-resource-yaml': { code: 'yaml/syntax', file: 'bad.yaml', line: 5, column: 1 },
  'missing-component': { code: 'load/missing-file', file: 'kustomization.yaml', line: 4, column: 3 },
  'missing-directory-kustomization': { code: 'load/no-kustomization', file: 'kustomization.yaml', line: 2, column: 3 },
  'missing-file': { code: 'load/missing-file', file: 'kustomization.yaml', line: 3, column: 3 },
  'missing-name': { code: 'resource/invalid', file: 'noname.yaml', line: 1, column: 1 },
  'nested-error-keeps-inner-position': {
    code: 'load/missing-file',
    file: 'base/kustomization.yaml',
    line: 3,
    column: 3,
  },
  'outside-root': { code: 'load/outside-root', file: 'sub/kustomization.yaml', line: 2, column: 3 },
  'unknown-field': { code: 'kustomization/unknown-field', file: 'kustomization.yaml', line: 3, column: 1 },
  'wrong-kind': { code: 'kustomization/invalid-kind', file: 'kustomization.yaml', line: 2, column: 1 },
};

/** Messages whose text we do not reproduce exactly, with the reason. */
const messageDiffers: Record<string, string> = {
  'malformed-resource-yaml': 'the YAML parser words syntax errors differently from go-yaml',
};

describe('loader errors', () => {
  const cases = loadReferenceCases(casesDir);
  it('covers every case', () =>
    expect([...new Set(cases.map((c) => c.folder))].sort()).toEqual(Object.keys(where).sort()));
  for (const c of cases) {
    it(c.name, () => {
      expect(c.expected, 'the reference builds this case').toBeUndefined();
      const input = join(c.dir, 'input');
      const res = build(join(input, c.config.run ?? '.'), { fs: nodeFs(), kustomizeVersion: c.version });
      expect(res.ok).toBe(false);
      const d = res.diagnostics.find((x) => x.severity === 'error');
      const got = {
        code: d?.code,
        file: d?.file ? relative(input, d.file) : undefined,
        line: d?.range?.start.line,
        column: d?.range?.start.column,
      };
      expect(got).toEqual(where[c.folder]);
      if (!(c.folder in messageDiffers)) expect(buildReferenceCase(c).error).toBe(c.expectedError);
    });
  }
});

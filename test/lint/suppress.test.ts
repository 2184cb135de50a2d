/** Suppression comments: `# kustomize-ts-disable-next-line <rules>` and `# kustomize-ts-disable-file <rules>`. */
import { describe, expect, it } from 'vitest';
import { parseSuppressions, isSuppressed } from '../../src/lint/suppress.js';
import { makeDiagnostic as diagnostic } from '../../src/diagnostics/diagnostic.js';
import { app, bootstrap, fluxKs, lintFiles, positions } from './helpers.js';

const at = (code: string, line: number) =>
  diagnostic(code, 'warning', 'm', {
    file: 'f.yaml',
    range: { start: { line, column: 1, offset: 0 }, end: { line, column: 2, offset: 1 } },
  });

describe('suppression comments', () => {
  const cases: { name: string; text: string; code: string; line: number; suppressed: boolean }[] = [
    {
      name: 'the named rule on the next line',
      text: 'a: 1\n# kustomize-ts-disable-next-line flux/prune-disabled\nprune: false\n',
      code: 'flux/prune-disabled',
      line: 3,
      suppressed: true,
    },
    {
      name: 'another rule is kept',
      text: '# kustomize-ts-disable-next-line flux/prune-disabled\nx: 1\n',
      code: 'image/mutable-tag',
      line: 2,
      suppressed: false,
    },
    {
      name: 'two lines below is kept',
      text: '# kustomize-ts-disable-next-line flux/prune-disabled\n\nx: 1\n',
      code: 'flux/prune-disabled',
      line: 3,
      suppressed: false,
    },
    {
      name: 'several rules, comma separated, with a reason',
      text: '# kustomize-ts-disable-next-line a/b, flux/prune-disabled -- on purpose\nx: 1\n',
      code: 'flux/prune-disabled',
      line: 2,
      suppressed: true,
    },
    {
      name: 'a trailing comment',
      text: 'spec: # kustomize-ts-disable-next-line flux/prune-disabled\n  prune: false\n',
      code: 'flux/prune-disabled',
      line: 2,
      suppressed: true,
    },
    {
      name: 'no rule named: every rule',
      text: '# kustomize-ts-disable-next-line\nx: 1\n',
      code: 'image/mutable-tag',
      line: 2,
      suppressed: true,
    },
    {
      name: 'the whole file',
      text: '# kustomize-ts-disable-file kustomize/duplicated-manifest\napiVersion: v1\n',
      code: 'kustomize/duplicated-manifest',
      line: 9,
      suppressed: true,
    },
    {
      name: 'the whole file, another rule',
      text: '# kustomize-ts-disable-file kustomize/duplicated-manifest\n',
      code: 'image/mutable-tag',
      line: 1,
      suppressed: false,
    },
  ];
  for (const c of cases)
    it(c.name, () => expect(isSuppressed(at(c.code, c.line), parseSuppressions(c.text))).toBe(c.suppressed));

  it('lint() drops suppressed findings and returns them apart', () => {
    const files = {
      ...bootstrap(),
      ...app('apps'),
      'clusters/c1/apps.yaml': fluxKs(
        'apps',
        '  path: ./apps\n  # kustomize-ts-disable-next-line flux/prune-disabled\n  prune: false\n',
      ),
    };
    const r = lintFiles(files);
    expect(positions(r.diagnostics, 'flux/prune-disabled')).toEqual([]);
    expect(positions(r.suppressed, 'flux/prune-disabled')).toEqual(['clusters/c1/apps.yaml:13:3']);
  });
});

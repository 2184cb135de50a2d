/**
 * What the patch transformers report beyond the output: targets that select nothing (kustomize skips them
 * silently; the build records them for the linter, with the kustomization entry's position), and errors
 * that point at the patch file or the kustomization entry.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';

const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n';
const op = '- op: add\n  path: /data/x\n  value: y\n';

describe('unmatched patch targets', () => {
  it('records each entry whose target selects nothing, with its position', () => {
    const fs = memoryFs({
      '/k/kustomization.yaml': [
        'resources: [cm.yaml]',
        'patches:',
        '- target: {kind: Secret}',
        '  path: op.yaml',
        '- target: {kind: ConfigMap}',
        '  path: op.yaml',
        '- target: {name: nope}',
        '  patch: |-',
        '    apiVersion: v1',
        '    kind: ConfigMap',
        '    metadata:',
        '      name: x',
        'patchesJson6902:',
        '- target: {version: v1, kind: ConfigMap, name: other}',
        '  path: op.yaml',
        '',
      ].join('\n'),
      '/k/cm.yaml': cm,
      '/k/op.yaml': op,
    });
    const r = build('/k', { fs });
    expect(r.ok).toBe(true);
    expect(r.unmatchedPatchTargets).toEqual([
      { file: '/k/kustomization.yaml', index: 0, field: 'patches', line: 3, column: 3 },
      { file: '/k/kustomization.yaml', index: 2, field: 'patches', line: 7, column: 3 },
      { file: '/k/kustomization.yaml', index: 0, field: 'patchesJson6902', line: 14, column: 3 },
    ]);
  });
});

describe('patch errors carry a position', () => {
  const cases: [string, Record<string, string>, string, number | undefined][] = [
    [
      'an inline patch that matches nothing points at the entry',
      {
        '/k/kustomization.yaml':
          'resources: [cm.yaml]\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: zz\n',
        '/k/cm.yaml': cm,
      },
      '/k/kustomization.yaml',
      3,
    ],
    [
      'a patch file that matches nothing points at its document',
      {
        '/k/kustomization.yaml': 'resources: [cm.yaml]\npatches:\n- path: p.yaml\n',
        '/k/p.yaml': '# c\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zz\n',
        '/k/cm.yaml': cm,
      },
      '/k/p.yaml',
      2,
    ],
    [
      'a failing JSON operation points at the entry',
      {
        '/k/kustomization.yaml':
          'resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |-\n    - op: remove\n      path: /nope\n',
        '/k/cm.yaml': cm,
      },
      '/k/kustomization.yaml',
      3,
    ],
    [
      'an unparseable patch points at the entry',
      { '/k/kustomization.yaml': 'resources: [cm.yaml]\npatches:\n- patch: "foo: ["\n', '/k/cm.yaml': cm },
      '/k/kustomization.yaml',
      3,
    ],
  ];
  it.each(cases)('%s', (_n, files, file, line) => {
    const r = build('/k', { fs: memoryFs(files) });
    expect(r.ok).toBe(false);
    const err = r.diagnostics.find((d) => d.severity === 'error');
    expect(err?.file).toBe(file);
    expect(err?.range?.start.line).toBe(line);
  });
});

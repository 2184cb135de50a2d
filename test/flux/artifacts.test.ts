/** ArtifactGenerator copy semantics (source-watcher's cp-like rules), in memory. */
import { describe, expect, it } from 'vitest';
import { buildExternalArtifact, readArtifactGenerator } from '../../src/flux/artifacts.js';
import { memoryFs } from '../../src/fs/memory.js';
import type { FileSystem } from '../../src/fs/types.js';

const repo = memoryFs({
  '/repo/apps/base/a.yaml': 'a',
  '/repo/apps/base/sub/b.yaml': 'b',
  '/repo/apps/prod/c.yaml': 'c',
  '/repo/apps/prod/README.md': 'r',
  '/repo/one.yaml': 'one',
});

function files(fs: FileSystem, dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const n of fs.readDir(dir).sort()) {
    const p = `${dir}/${n}`;
    if (fs.stat(p)?.type === 'dir') out.push(...files(fs, p, `${prefix}${n}/`));
    else out.push(`${prefix}${n}`);
  }
  return out;
}

function artifact(copy: { from: string; to: string; exclude?: string[] }[]): { files: string[]; errors: string[] } {
  const gen = readArtifactGenerator({
    apiVersion: 'source.extensions.fluxcd.io/v1beta1',
    kind: 'ArtifactGenerator',
    metadata: { name: 'g', namespace: 'flux-system' },
    spec: {
      sources: [{ alias: 'repo', kind: 'GitRepository', name: 'flux-system' }],
      artifacts: [{ name: 'a', copy }],
    },
  });
  if (!gen) throw new Error('not a generator');
  const built = buildExternalArtifact(
    gen,
    'a',
    (kind, _ns, name) => (kind === 'GitRepository' && name === 'flux-system' ? { fs: repo, root: '/repo' } : undefined),
    '/art',
  );
  return {
    files: files(built.fs, '/art'),
    errors: built.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
  };
}

describe('ArtifactGenerator copy operations', () => {
  const cases: [name: string, copy: { from: string; to: string; exclude?: string[] }[], files: string[]][] = [
    [
      'dir/** copies the contents of dir',
      [{ from: '@repo/apps/base/**', to: '@artifact/base/' }],
      ['base/a.yaml', 'base/sub/b.yaml'],
    ],
    [
      'a plain directory becomes a sub-directory (cp -r)',
      [{ from: '@repo/apps/base/', to: '@artifact/x/' }],
      ['x/base/a.yaml', 'x/base/sub/b.yaml'],
    ],
    ['a file into a directory', [{ from: '@repo/one.yaml', to: '@artifact/d/' }], ['d/one.yaml']],
    ['a file to a file name', [{ from: '@repo/one.yaml', to: '@artifact/renamed.yaml' }], ['renamed.yaml']],
    [
      'a single-star glob keeps the matched path',
      [{ from: '@repo/apps/*/c.yaml', to: '@artifact/' }],
      ['apps/prod/c.yaml'],
    ],
    ['exclude by file name', [{ from: '@repo/apps/prod/**', to: '@artifact/p/', exclude: ['*.md'] }], ['p/c.yaml']],
    [
      'later copies add to earlier ones',
      [
        { from: '@repo/apps/base/**', to: '@artifact/' },
        { from: '@repo/apps/prod/**', to: '@artifact/' },
      ],
      ['README.md', 'a.yaml', 'c.yaml', 'sub/b.yaml'],
    ],
  ];
  it.each(cases)('%s', (_name, copy, expected) => {
    const r = artifact(copy);
    expect(r.errors).toEqual([]);
    expect(r.files).toEqual(expected);
  });
  const errors: [name: string, copy: { from: string; to: string }[], message: string][] = [
    ['missing source path', [{ from: '@repo/nope', to: '@artifact/' }], "source 'nope' does not exist"],
    ['unknown alias', [{ from: '@other/x', to: '@artifact/' }], "source alias 'other' not found"],
    ['glob without matches', [{ from: '@repo/none/*', to: '@artifact/' }], "no files match pattern 'none/*'"],
    ['bad destination', [{ from: '@repo/one.yaml', to: 'somewhere/' }], "must start with '@artifact/'"],
  ];
  it.each(errors)('fails on %s', (_name, copy, message) => {
    expect(artifact(copy).errors.join('\n')).toContain(message);
  });
});

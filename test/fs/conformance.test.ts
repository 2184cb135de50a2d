/**
 * The FileSystem contract, run against every implementation: memoryFs and overlayFs in the core, nodeFs under
 * ./node, the Flux source artifact view (artifactFs), the build cache's recording proxy (BuildCache.track) and
 * the remembering layer of editor sessions (watchedFs).
 */
/// <reference types="node" />
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/build/cache.js';
import { artifactFs } from '../../src/flux/fs-views.js';
import { readIgnorePatterns } from '../../src/flux/sourceignore.js';
import { FsError, memoryFs, overlayFs, readText, snapshotFs, type FileSystem } from '../../src/fs/index.js';
import { watchedFs } from '../../src/fs/watched.js';
import { nodeFs } from '../../src/node/node-fs.js';

const files: Record<string, string> = {
  'a/kustomization.yaml': 'resources:\n- cm.yaml\n',
  'a/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
  'a/sub/deep.yaml': 'x: 1\n',
  'b.txt': 'hello',
};

/** Runs the shared suite against a driver whose root (containing `files`) is returned by `setup`. */
function describeFileSystem(name: string, setup: () => { fs: FileSystem; root: string }): void {
  describe(`FileSystem contract: ${name}`, () => {
    const { fs, root } = setup();
    const p = (rel: string): string => (rel === '' ? root : `${root}/${rel}`);
    it('reads files as bytes and text', () => {
      expect(readText(fs, p('b.txt'))).toBe('hello');
      expect(fs.readFile(p('b.txt'))).toBeInstanceOf(Uint8Array);
    });
    it('stats files and directories, undefined when missing', () => {
      expect(fs.stat(p('a'))?.type).toBe('dir');
      expect(fs.stat(p('a/cm.yaml'))?.type).toBe('file');
      expect(fs.stat(p('nope'))).toBeUndefined();
    });
    it('lists directory entries', () => {
      expect(fs.readDir(p('a')).sort()).toEqual(['cm.yaml', 'kustomization.yaml', 'sub']);
      expect(fs.readDir(p('')).sort()).toEqual(['a', 'b.txt']);
    });
    it('throws FsError ENOENT for a missing file', () => {
      expect(() => fs.readFile(p('missing.yaml'))).toThrow(FsError);
      try {
        fs.readFile(p('missing.yaml'));
      } catch (e) {
        expect((e as FsError).code).toBe('ENOENT');
      }
    });
    it('throws FsError when reading a directory as a file', () => {
      expect(() => fs.readFile(p('a'))).toThrow(FsError);
    });
    it('resolves real paths of existing entries', () => {
      if (!fs.realPath) return;
      expect(fs.realPath(p('a/cm.yaml')).endsWith('/a/cm.yaml')).toBe(true);
      expect(() => fs.realPath?.(p('nope'))).toThrow(FsError);
    });
  });
}

/** `entries` (root-relative) under `/r`, as memoryFs contents. */
const underRoot = (entries: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).map(([k, v]) => [`/r/${k}`, v]));

describeFileSystem('memoryFs', () => ({ fs: memoryFs(underRoot(files)), root: '/r' }));

describeFileSystem('overlayFs (all files below)', () => ({ fs: overlayFs(memoryFs(underRoot(files))), root: '/r' }));

describeFileSystem('overlayFs (files split across layers, one removed)', () => {
  const { 'a/cm.yaml': written, ...below } = files;
  const fs = overlayFs(memoryFs(underRoot({ ...below, 'a/removed.yaml': 'x: 1\n' })));
  fs.writeFile('/r/a/cm.yaml', written ?? '');
  fs.removeFile('/r/a/removed.yaml');
  return { fs, root: '/r' };
});

describeFileSystem('artifactFs (.sourceignore hides files and emptied directories)', () => {
  const base = memoryFs(underRoot({ ...files, 'a/debug.log': 'x', 'logs/only.log': 'x' }));
  return { fs: artifactFs(base, '/r', readIgnorePatterns('*.log\n')), root: '/r' };
});

describeFileSystem('BuildCache.track (recording proxy)', () => ({
  fs: new BuildCache().track(memoryFs(underRoot(files))),
  root: '/r',
}));

describeFileSystem('nodeFs', () => {
  const root = mkdtempSync(join(tmpdir(), 'kts-fs-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return { fs: nodeFs(), root };
});

describeFileSystem('snapshotFs over nodeFs', () => {
  const root = mkdtempSync(join(tmpdir(), 'kts-fs-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return { fs: snapshotFs(nodeFs()), root };
});

describeFileSystem('watchedFs over memoryFs', () => ({ fs: watchedFs(memoryFs(underRoot(files))), root: '/r' }));

describe('watchedFs', () => {
  it('keeps answers until a change to their path (or a folder above) is reported', () => {
    const base = memoryFs({ '/r/a.yaml': 'a: 1\n', '/r/d/b.yaml': 'b: 2\n' });
    const fs = watchedFs(base);
    expect(readText(fs, '/r/a.yaml')).toBe('a: 1\n');
    expect(readText(fs, '/r/d/b.yaml')).toBe('b: 2\n');
    expect(fs.readDir('/r/d')).toEqual(['b.yaml']);
    base.writeFile('/r/a.yaml', 'a: 2\n');
    base.writeFile('/r/d/b.yaml', 'b: 3\n');
    base.writeFile('/r/d/c.yaml', 'c: 1\n');
    expect(readText(fs, '/r/a.yaml')).toBe('a: 1\n');
    fs.invalidate('/r/a.yaml');
    expect(readText(fs, '/r/a.yaml')).toBe('a: 2\n');
    expect(fs.readDir('/r/d').sort()).toEqual(['b.yaml']);
    fs.invalidate('/r/d');
    expect(readText(fs, '/r/d/b.yaml')).toBe('b: 3\n');
    expect(fs.readDir('/r/d').sort()).toEqual(['b.yaml', 'c.yaml']);
    // A file in a new folder: the folders above are listed again.
    expect(fs.readDir('/r').sort()).toEqual(['a.yaml', 'd']);
    base.writeFile('/r/e/f/g.yaml', 'g: 1\n');
    fs.invalidate('/r/e/f/g.yaml');
    expect(fs.readDir('/r').sort()).toEqual(['a.yaml', 'd', 'e']);
    expect(fs.stat('/r/e')?.type).toBe('dir');
  });
});

describe('snapshotFs', () => {
  const counting = (): { fs: FileSystem; calls: string[] } => {
    const base = memoryFs({ '/r/a.yaml': 'a: 1\n', '/r/d/b.yaml': 'b: 2\n' });
    const calls: string[] = [];
    const fs: FileSystem = {
      readFile: (p) => (calls.push(`readFile ${p}`), base.readFile(p)),
      readDir: (p) => (calls.push(`readDir ${p}`), base.readDir(p)),
      stat: (p) => (calls.push(`stat ${p}`), base.stat(p)),
    };
    return { fs, calls };
  };
  it('asks the base once per question, errors included', () => {
    const { fs, calls } = counting();
    const snap = snapshotFs(fs);
    for (let i = 0; i < 3; i++) {
      expect(readText(snap, '/r/a.yaml')).toBe('a: 1\n');
      expect(snap.stat('/r/nope')).toBeUndefined();
      expect(snap.readDir('/r').sort()).toEqual(['a.yaml', 'd']);
      expect(() => snap.readFile('/r/missing')).toThrow(FsError);
    }
    expect(calls).toEqual(['readFile /r/a.yaml', 'stat /r/nope', 'readDir /r', 'readFile /r/missing']);
  });
  it('does not see later changes, and hands out copies of listings', () => {
    const base = memoryFs({ '/r/a.yaml': 'a: 1\n' });
    const snap = snapshotFs(base);
    snap.readDir('/r').push('mutated');
    expect(readText(snap, '/r/a.yaml')).toBe('a: 1\n');
    base.writeFile('/r/a.yaml', 'a: 2\n');
    expect(readText(snap, '/r/a.yaml')).toBe('a: 1\n');
    expect(snap.readDir('/r')).toEqual(['a.yaml']);
  });
  it('is its own snapshot', () => {
    const snap = snapshotFs(memoryFs());
    expect(snapshotFs(snap)).toBe(snap);
  });
});

describe('nodeFs symlinks', () => {
  it('realPath resolves a symlink to its target', () => {
    const root = mkdtempSync(join(tmpdir(), 'kts-ln-'));
    writeFileSync(join(root, 'target.yaml'), 'x: 1\n');
    symlinkSync(join(root, 'target.yaml'), join(root, 'link.yaml'));
    expect(nodeFs().realPath?.(join(root, 'link.yaml'))).toBe(join(root, 'target.yaml'));
  });
});

describe('memoryFs writes', () => {
  it('writes and removes files, creating directories', () => {
    const fs = memoryFs();
    fs.writeFile('/x/y/z.yaml', 'a: 1');
    expect(fs.stat('/x/y')?.type).toBe('dir');
    expect(fs.listFiles()).toEqual(['/x/y/z.yaml']);
    expect(fs.removeFile('/x/y/z.yaml')).toBe(true);
    expect(fs.stat('/x/y/z.yaml')).toBeUndefined();
  });
});

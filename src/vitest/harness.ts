/**
 * An in-memory fixture builder in the spirit of kustomize's own test harness: write a kustomization and
 * files, build, assert. Nothing touches the disk.
 */
import { build, type BuildResult } from '../api/build.js';
import type { BuildOptions } from '../build/options.js';
import { memoryFs, type MutableMemoryFs } from '../fs/memory.js';
import type { FileSystem } from '../fs/types.js';
import { join } from '../fs/path.js';
import { emitDocument } from '../yaml/emit.js';
import type { YamlMap } from '../yaml/values.js';

function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

/** An in-memory kustomization tree made with {@link kustomizeFixture}: write files, then build. */
export interface KustomizeFixture {
  /** The in-memory file system (paths under `root`). */
  readonly fs: FileSystem & MutableMemoryFs;
  readonly root: string;
  /** Writes `dir/kustomization.yaml` from YAML text (dedented) or an object. Returns the fixture. */
  writeKustomization(dir: string, content: string | YamlMap): KustomizeFixture;
  /** Writes a file (text is dedented). */
  writeFile(path: string, content: string): KustomizeFixture;
  /** Builds `dir` (default the root). */
  build(dir?: string, options?: Partial<Omit<BuildOptions, 'fs'>>): BuildResult;
}

/** Creates an empty in-memory fixture rooted at `/app`. */
export function kustomizeFixture(root = '/app'): KustomizeFixture {
  const fs = memoryFs();
  const f: KustomizeFixture = {
    fs,
    root,
    writeKustomization(dir, content) {
      const text = typeof content === 'string' ? dedent(content) : emitDocument(content);
      fs.writeFile(join(root, dir, 'kustomization.yaml'), text);
      return f;
    },
    writeFile(path, content) {
      fs.writeFile(join(root, path), dedent(content));
      return f;
    },
    build(dir = '.', options = {}) {
      return build(join(root, dir), { ...options, fs });
    },
  };
  return f;
}

/**
 * CLI start-up: the build program loads only the engine, and the code cache of the launcher is made once,
 * reused, and ignored (then rewritten) when it is unusable.
 */
/// <reference types="node" />
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { codeCacheDir, loadBundle } from '../../src/cli/code-cache.js';
import { repoRoot } from '../helpers/shared.js';

describe('the build program', () => {
  it('bundles neither ajv, the schemas, lint, diff nor the config file support', async () => {
    const r = await build({
      entryPoints: [join(repoRoot, 'src/cli/program-build.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(r.metafile.inputs);
    const forbidden = [/node_modules\/ajv\//, /node_modules\/diff\//, /^src\/(validate|lint|diff|config)\//];
    expect(inputs.filter((f) => forbidden.some((re) => re.test(f)))).toEqual([]);
    expect(inputs).toContain('src/api/build.ts');
  });
});

describe('code cache', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const bundle = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'kts-cc-'));
    const file = join(dir, 'b.cjs');
    writeFileSync(file, 'exports.answer = function () { return require("node:path").basename(__filename); };\n');
    return file;
  };

  it('is written after the first run, in KUSTOMIZE_TS_CACHE_DIR, and accepted by the next', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kts-cc-dir-'));
    process.env.KUSTOMIZE_TS_CACHE_DIR = cacheDir;
    const file = bundle();
    const first = loadBundle(file, 'b-test', 'id1');
    expect((first.exports.answer as () => string)()).toBe('b.cjs');
    first.save();
    expect(readdirSync(cacheDir)).toEqual([`b-test-id1-${process.version}-${process.arch}.v8cache`]);
    const second = loadBundle(file, 'b-test', 'id1');
    expect((second.exports.answer as () => string)()).toBe('b.cjs');
    second.save();
    // A new build of the bundle replaces the cache of the old one.
    loadBundle(file, 'b-test', 'id2').save();
    expect(readdirSync(cacheDir)).toEqual([`b-test-id2-${process.version}-${process.arch}.v8cache`]);
  });

  it('is ignored and rewritten when it is not a V8 cache', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kts-cc-dir-'));
    process.env.KUSTOMIZE_TS_CACHE_DIR = cacheDir;
    const file = bundle();
    const name = `b-test-id1-${process.version}-${process.arch}.v8cache`;
    writeFileSync(join(cacheDir, name), 'garbage');
    const loaded = loadBundle(file, 'b-test', 'id1');
    expect((loaded.exports.answer as () => string)()).toBe('b.cjs');
    loaded.save();
    expect(readFileSync(join(cacheDir, name)).length).toBeGreaterThan('garbage'.length);
  });

  it('is off with KUSTOMIZE_TS_NO_CODE_CACHE or NODE_DISABLE_COMPILE_CACHE, and survives an unwritable folder', () => {
    expect(codeCacheDir({ KUSTOMIZE_TS_NO_CODE_CACHE: '1' })).toBeUndefined();
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1', KUSTOMIZE_TS_CACHE_DIR: '/x' })).toBeUndefined();
    expect(codeCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/kustomize-ts');
    const file = bundle();
    process.env.KUSTOMIZE_TS_CACHE_DIR = join(file, 'not-a-folder');
    const loaded = loadBundle(file, 'b-test', 'id1');
    expect(() => loaded.save()).not.toThrow();
  });
});

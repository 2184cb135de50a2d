/**
 * The package a user installs: where to find the project (repository, homepage, bugs), no source maps in
 * the tarball, `sideEffects` naming the file that registers the vitest matchers, and lodash-es taken one
 * function at a time and bundled (its index would load every one of its 600+ modules at CLI start).
 */
/// <reference types="node" />
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUGS_URL } from '../../src/cli/main.js';
import { toSarif } from '../../src/lint/format.js';
import { ruleMetas } from '../../src/lint/rules/index.js';
import { docsUrl, PACKAGE_VERSION, PROJECT_URL } from '../../src/diagnostics/project.js';
import { repoRoot } from '../helpers/shared.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
  sideEffects: string[];
};
const built = existsSync(join(repoRoot, 'dist/index.js'));
const PROJECT = 'https://github.com/kustomize-ts/kustomize-ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('package.json tells a user where the project is', () => {
  it('repository, homepage and bugs name the project, and the CLI reports bugs there', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${PROJECT}.git` });
    expect(pkg.homepage).toBe(`${PROJECT}#readme`);
    expect(pkg.bugs.url).toBe(`${PROJECT}/issues`);
    expect(BUGS_URL).toBe(pkg.bugs.url);
  });
  it('sideEffects names exactly the files that register matchers on import', () => {
    expect(pkg.sideEffects).toEqual(['./dist/vitest/index.js']);
    const src = readFileSync(join(repoRoot, 'src/vitest/index.ts'), 'utf8');
    expect(src).toContain('expect.extend(');
    // No other module registers anything on import.
    const others = sourceFiles(join(repoRoot, 'src')).filter(
      (f) =>
        !f.endsWith('vitest/index.ts') && /^\s*expect\.(extend|addSnapshotSerializer)\(/m.test(readFileSync(f, 'utf8')),
    );
    expect(others).toEqual([]);
  });
});

describe('every help URL points at a page a user who installed from npm can open', () => {
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  it('the project constants are package.json', () => {
    expect(PROJECT_URL).toBe(PROJECT);
    expect(PACKAGE_VERSION).toBe(version);
  });
  it('SARIF helpUri of every rule is its page in the repository, and the page exists', () => {
    const sarif = toSarif([], { rules: ruleMetas });
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id).sort()).toEqual(ruleMetas.map((m) => m.id).sort());
    for (const m of ruleMetas) {
      const rule = rules.find((r) => r.id === m.id);
      expect(rule?.helpUri).toBe(docsUrl(m.docs));
      expect(rule?.helpUri).toBe(`${PROJECT}/blob/main/docs/rules/${m.id}.md`);
      expect(existsSync(join(repoRoot, m.docs)), m.docs).toBe(true);
    }
    expect(sarif.runs[0]?.tool.driver.informationUri).toBe(PROJECT);
  });
  it('every docsUrl() the sources use names a file that exists (anchors: a heading that exists)', () => {
    const used = sourceFiles(join(repoRoot, 'src')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/docsUrl\('([^']+)'\)/g)].map((m) => m[1] ?? ''),
    );
    expect(used.length).toBeGreaterThan(0);
    for (const u of used) {
      const [path = '', anchor] = u.split('#');
      expect(existsSync(join(repoRoot, path)), u).toBe(true);
      if (anchor) expect(readFileSync(join(repoRoot, path), 'utf8')).toMatch(new RegExp(`^#+ ${anchor}$`, 'im'));
    }
  });
});

describe('lodash-es is imported one function at a time', () => {
  it('no source file imports the lodash-es index', () => {
    const bare = sourceFiles(join(repoRoot, 'src')).filter((f) => /from 'lodash-es'/.test(readFileSync(f, 'utf8')));
    expect(bare).toEqual([]);
  });
  it('bundling the CLI takes a fraction of lodash-es (the index alone is 600+ modules)', async () => {
    const lodashInputs = async (entry: string): Promise<number> => {
      const r = await build({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        format: 'esm',
        write: false,
        metafile: true,
        external: ['vitest'],
        logLevel: 'silent',
      });
      return Object.keys(r.metafile.inputs).filter((f) => f.includes('node_modules/lodash-es/')).length;
    };
    const whole = await lodashInputs(join(repoRoot, 'node_modules/lodash-es/lodash.js'));
    const cli = await lodashInputs(join(repoRoot, 'src/cli/program.ts'));
    expect(whole).toBeGreaterThan(600);
    expect(cli).toBeLessThan(whole / 3);
  });
});

describe.skipIf(!built)('the built package', () => {
  it('bundles the lodash-es functions: no built file loads lodash-es at run time', () => {
    for (const f of [
      'dist/index.js',
      'dist/index.cjs',
      'dist/cli.cjs',
      'dist/cli/all.cjs',
      'dist/cli/build.cjs',
      'dist/vitest/index.js',
    ]) {
      const text = readFileSync(join(repoRoot, f), 'utf8');
      expect(text, f).not.toMatch(/(from |require\()["']lodash-es/);
    }
  });
  it('the tarball ships the rule pages, the docs and the configuration schema', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const m of ruleMetas) expect(files, m.docs).toContain(m.docs);
    expect(files).toContain('docs/config.md');
    expect(files).toContain('schemas/config.schema.json');
  });
  it('the tarball has no source maps', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files).toContain('dist/vitest/index.js');
  });
});

/**
 * A user's first hour, from the packed tarball and docs/recipes.md only: a fresh project (the example Flux
 * repository fixtures/fleet-infra) installs the package as `npm pack` makes it, writes the files the recipes
 * give (configuration file, GitHub Actions and GitLab CI jobs, pre-commit hook, VS Code task, vitest config
 * and overlay tests, a Node script), and runs every command the recipes show: lint in CI with SARIF, the
 * editor problem matchers over real output, overlay tests with a path snapshot, and `vitest --watch` rerunning
 * after a YAML edit.
 *
 * Installing: the tarball is unpacked into node_modules/kustomize-ts as npm unpacks it, and the dependencies
 * come from this checkout's node_modules (no network). With KUSTOMIZE_TS_E2E_NPM_INSTALL=1 a real
 * `npm install <tarball> vitest` from the registry is used instead.
 */
/// <reference types="node" />
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../helpers/shared.js';

const built = existsSync(join(repoRoot, 'dist/cli.cjs'));
const recipes = readFileSync(join(repoRoot, 'docs/recipes.md'), 'utf8');

/** The fenced blocks of the recipes: language, info words (`test`, `file=PATH`) and text. */
const blocks = [...recipes.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1] ?? '',
  info: (m[2] ?? '').trim(),
  text: m[3] ?? '',
}));
const files = blocks
  .filter((b) => b.info.startsWith('file='))
  .map((b) => ({ path: b.info.slice('file='.length), text: b.text }));
const commands = blocks
  .filter((b) => b.lang === 'sh' && b.info === 'test')
  .flatMap((b) => b.text.split('\n'))
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

let project = '';
const env = (): NodeJS.ProcessEnv => {
  const { CI: _ci, VITEST: _v, VITEST_POOL_ID: _p, VITEST_WORKER_ID: _w, NODE_OPTIONS: _o, ...rest } = process.env;
  return { ...rest, PATH: `${join(project, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
};

interface Run {
  code: number;
  out: string;
  err: string;
}

function run(command: string): Run {
  const r = spawnSync('sh', ['-c', command], { cwd: project, env: env(), encoding: 'utf8', timeout: 300_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Runs a command; a command that only reads (the same lint in several recipes) runs once per state of the files. */
const ran = new Map<string, Run>();
function sh(command: string): Run {
  let r = ran.get(command);
  if (r === undefined) ran.set(command, (r = run(command)));
  return r;
}

/** Installs the tarball as npm would, with the dependencies of this checkout (no registry). */
function installOffline(tarball: string): void {
  const modules = join(project, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', modules]);
  renameSync(join(modules, 'package'), join(modules, 'kustomize-ts'));
  for (const name of readdirSync(join(repoRoot, 'node_modules'))) {
    if (name === 'kustomize-ts' || name.startsWith('.')) continue;
    symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name));
  }
  const cli = join(modules, 'kustomize-ts/dist/cli.cjs');
  chmodSync(cli, 0o755);
  symlinkSync(cli, join(modules, '.bin/kustomize-ts'));
  symlinkSync(join(modules, 'vitest/vitest.mjs'), join(modules, '.bin/vitest'));
}

beforeAll(() => {
  if (!built) return;
  project = mkdtempSync(join(tmpdir(), 'kts-first-hour-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', project], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const tarball = join(project, out.trim().split('\n').pop() ?? '');
  cpSync(join(repoRoot, 'fixtures/fleet-infra'), project, { recursive: true });
  // What `npm init -y` writes (npm 10 and later): a CommonJS package, as most fresh projects are.
  writeFileSync(join(project, 'package.json'), '{ "name": "my-fleet", "version": "1.0.0", "type": "commonjs" }\n');
  if (process.env.KUSTOMIZE_TS_E2E_NPM_INSTALL === '1') {
    const vitestVersion = (
      JSON.parse(readFileSync(join(repoRoot, 'node_modules/vitest/package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    execFileSync('npm', ['install', '--no-audit', '--no-fund', tarball, `vitest@${vitestVersion}`], { cwd: project });
  } else installOffline(tarball);
  rmSync(tarball);
  for (const f of files) {
    mkdirSync(dirname(join(project, f.path)), { recursive: true });
    writeFileSync(join(project, f.path), f.text);
  }
});
afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe.skipIf(!built)('a first hour with the packed package, following docs/recipes.md', () => {
  it('the recipes give files and commands to run', () => {
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'kustomize-ts.config.yaml',
        '.github/workflows/kustomize-ts.yaml',
        '.gitlab-ci.yml',
        '.pre-commit-config.yaml',
        'vitest.config.mts',
        'tests/overlays.test.ts',
        '.vscode/tasks.json',
        'scripts/check.mjs',
      ]),
    );
    expect(commands.length).toBeGreaterThan(8);
  });

  it('the installed package has its bin, its docs and the configuration schema', () => {
    expect(sh('npx kustomize-ts --version').out).toMatch(/^kustomize-ts \d+\.\d+\.\d+\n$/);
    for (const f of ['docs/rules/flux/prune-disabled.md', 'schemas/config.schema.json', 'dist/index.d.ts'])
      expect(existsSync(join(project, 'node_modules/kustomize-ts', f)), f).toBe(true);
  });

  describe('every command of the recipes', () => {
    for (const command of commands) {
      it(command, () => {
        const r = sh(command);
        expect(r.code, `${r.out}\n${r.err}`).toBe(0);
        expect(r.err).not.toMatch(/\n\s+at /);
        // The example repository is clean: what one recipe writes (fleet --output) is no finding for the next.
        if (/^(npx kustomize-ts (lint|validate)|node scripts\/)/.test(command))
          expect(r.out).not.toMatch(/: (error|warning): /);
        if (command.startsWith('npx vitest')) expect(r.err).toBe('');
      });
    }
  });

  it('kubeconform: the schema-location template validates custom resources from a local catalogue', () => {
    const command = commands.find((c) => c.includes('--schema-location')) ?? '';
    const issuer = join(project, 'infrastructure/base/cert-manager/cluster-issuer.yaml');
    const catalog = join(project, 'catalog/cert-manager.io/clusterissuer_v1.json');
    writeFileSync(
      issuer,
      'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: le\nspec:\n  acme:\n    server: 42\n',
    );
    try {
      const without = run(command);
      expect(without.code).toBe(0);
      expect(without.out).toMatch(/cluster-issuer\.yaml:2:7: info: .*\[schema\/unknown-kind\]$/m);
      // A catalogue laid out as datreeio/CRDs-catalog is: GROUP/KIND_VERSION.json.
      mkdirSync(dirname(catalog), { recursive: true });
      writeFileSync(
        catalog,
        JSON.stringify({
          type: 'object',
          properties: {
            apiVersion: { type: 'string' },
            kind: { type: 'string' },
            metadata: { type: 'object' },
            spec: {
              type: 'object',
              properties: { acme: { type: 'object', properties: { server: { type: 'string' } } } },
            },
          },
        }),
      );
      const withCatalog = run(command);
      expect(withCatalog.code).toBe(1);
      expect(withCatalog.out).toMatch(/cluster-issuer\.yaml:7:13: error: .*\[schema\/invalid\]$/m);
      expect(withCatalog.out).not.toContain('[schema/unknown-kind]');
    } finally {
      rmSync(issuer);
      rmSync(join(project, 'catalog'), { recursive: true, force: true });
    }
  });

  it('GitHub Actions: the run steps lint with SARIF (rule pages linked) and run the overlay tests', () => {
    const workflow = parseYaml(files.find((f) => f.path === '.github/workflows/kustomize-ts.yaml')?.text ?? '') as {
      jobs: Record<string, { steps: { run?: string; uses?: string; with?: { sarif_file?: string } }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const runs = steps.flatMap((s) => (s.run !== undefined && s.run !== 'npm ci' ? [s.run] : []));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const run of runs) expect(sh(run).code, run).toBe(0);
    const uploaded = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))?.with?.sarif_file;
    const sarif = JSON.parse(readFileSync(join(project, uploaded ?? ''), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run?.results.length).toBeGreaterThan(0);
    for (const rule of run?.tool.driver.rules ?? [])
      expect(rule.helpUri).toBe(`https://github.com/kustomize-ts/kustomize-ts/blob/main/docs/rules/${rule.id}.md`);
  });

  it('GitLab CI: the script lines run and leave the JSON report', () => {
    const ci = parseYaml(files.find((f) => f.path === '.gitlab-ci.yml')?.text ?? '') as Record<
      string,
      { script: string[] }
    >;
    for (const line of Object.values(ci)
      .flatMap((j) => j.script)
      .filter((l) => l !== 'npm ci'))
      expect(sh(line).code, line).toBe(0);
    const report = JSON.parse(readFileSync(join(project, 'kustomize-ts.json'), 'utf8')) as { version: number };
    expect(report.version).toBe(1);
  });

  it('pre-commit: the hook passes on the repository and refuses a broken overlay', () => {
    const config = parseYaml(files.find((f) => f.path === '.pre-commit-config.yaml')?.text ?? '') as {
      repos: { hooks: { entry: string }[] }[];
    };
    const entry = config.repos[0]?.hooks[0]?.entry ?? '';
    expect(sh(entry).code).toBe(0);
    const k = join(project, 'apps/production/kustomization.yaml');
    const before = readFileSync(k, 'utf8');
    writeFileSync(k, before.replace('  - namespace.yaml\n', '  - namespace.yaml\n  - missing.yaml\n'));
    try {
      const r = run(entry);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^apps\/production\/kustomization\.yaml:\d+:\d+: error: .*\[kustomize\/build-error\]$/m);
    } finally {
      writeFileSync(k, before);
    }
  });

  it('VS Code: the problem matcher of the task captures every finding of the task command', () => {
    const tasks = JSON.parse(files.find((f) => f.path === '.vscode/tasks.json')?.text ?? '') as {
      tasks: { command: string; problemMatcher: { pattern: { regexp: string; file: number; code: number } } }[];
    };
    const task = tasks.tasks[0];
    const r = sh(task?.command ?? '');
    const findingLines = r.out.split('\n').filter((l) => /\[[a-z]+\/[a-z-]+\]$/.test(l));
    expect(findingLines.length).toBeGreaterThan(0);
    const re = new RegExp(task?.problemMatcher.pattern.regexp ?? '');
    for (const line of findingLines) {
      const m = re.exec(line);
      expect(m, line).not.toBeNull();
      expect(existsSync(join(project, m?.[task?.problemMatcher.pattern.file ?? 0] ?? '')), line).toBe(true);
      expect(m?.[task?.problemMatcher.pattern.code ?? 0]).toMatch(/^[a-z]+\/[a-z-]+$/);
    }
  });

  it("Neovim: the errorformat reads every finding of makeprg's output", () => {
    const lua = /vim\.opt\.makeprg = '([^']+)'\nvim\.opt\.errorformat = '([^']+)'/.exec(recipes);
    expect(lua).not.toBeNull();
    // %f %l %c %t %m as Vim reads them; a comma separates alternatives.
    const formats = (lua?.[2] ?? '').split(',').map(
      (f) =>
        new RegExp(
          '^' +
            f
              .split(/(%[flctm])/)
              .map((part) =>
                part === '%f'
                  ? '(.+?)'
                  : part === '%l' || part === '%c'
                    ? '(\\d+)'
                    : part === '%t'
                      ? '(.)'
                      : part === '%m'
                        ? '(.*)'
                        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
              )
              .join('') +
            '$',
        ),
    );
    const r = sh(lua?.[1] ?? '');
    const findingLines = r.out.split('\n').filter((l) => /\[[a-z]+\/[a-z-]+\]$/.test(l));
    expect(findingLines.length).toBeGreaterThan(0);
    for (const line of findingLines)
      expect(
        formats.some((f) => f.test(line)),
        line,
      ).toBe(true);
  });

  it('vitest: the path snapshot holds the rendered overlay and no machine path', () => {
    expect(run('npx vitest run').code).toBe(0);
    const snap = readFileSync(join(project, 'tests/__snapshots__/overlays.test.ts.snap'), 'utf8');
    expect(snap).toContain('production > renders as reviewed');
    expect(snap).toContain('kind: Deployment');
    expect(snap).toContain('image: ghcr.io/my-org/my-app:1.0.0');
    expect(snap).not.toContain(project);
    expect(snap).not.toContain("'apps/production'");
  });

  it('vitest --watch reruns the overlay tests after a YAML edit (the documented forceRerunTriggers)', async () => {
    const patch = join(project, 'apps/production/my-app-patch.yaml');
    const before = readFileSync(patch, 'utf8');
    const child = spawn(join(project, 'node_modules/.bin/vitest'), ['--watch'], { cwd: project, env: env() });
    let out = '';
    const seen = (re: RegExp): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (re.test(out)) {
            clearInterval(timer);
            resolve();
          }
        };
        const timer = setInterval(check, 200);
        child.on('exit', () => {
          clearInterval(timer);
          reject(new Error(`vitest exited before ${String(re)}:\n${out}`));
        });
      });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await seen(/Tests\s+\d+ passed/);
      const firstRun = out.length;
      expect(before).toContain('replicas: 5');
      writeFileSync(patch, before.replace('replicas: 5', 'replicas: 4'));
      await seen(/toHaveReplicas|Snapshot .* mismatched/);
      const rerun = out.slice(firstRun);
      expect(rerun).toMatch(/expected .*my-app.* to have 5 replicas; they have 4/);
    } finally {
      child.kill();
      writeFileSync(patch, before);
    }
  }, 240_000);
});

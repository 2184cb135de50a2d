/**
 * Every command fails cleanly: a file-system error on output is one line with the path and exit 1, never a
 * stack trace; a command-line mistake is a clean message, a hint to the command's --help and exit 2; a
 * missing ROOT/DIR is exit 1 in every command (the one exit-code table).
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeTable } from '../../src/cli/exit-codes.js';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/shared.js';

const app = join(repoRoot, 'fixtures/fleet-infra/apps/base/my-app');
const fleet = join(repoRoot, 'fixtures/fleet-infra');
const scratch = mkdtempSync(join(tmpdir(), 'kts-errors-'));
const aFile = join(scratch, 'a-file');
writeFileSync(aFile, 'x');
const missingParent = join(scratch, 'no/such/dir/out.yaml');
/** A path no one can write, even root (sysfs refuses new files); absent off Linux. */
const unwritable = existsSync('/sys/kernel') ? '/sys/kernel/kts-out.yaml' : undefined;

/** Commands that write output, with the argv that writes to PATH. */
const writers: [string, (path: string) => string[]][] = [
  ['build -o FILE', (p) => ['build', app, '-o', p]],
  ['lint -o FILE', (p) => ['lint', fleet, '--cluster', 'clusters/staging', '-o', p]],
  ['fleet --output DIR', (p) => ['fleet', fleet, '--cluster', 'clusters/staging', '--output', p]],
  [
    'fleet --format json --output DIR',
    (p) => ['fleet', fleet, '--cluster', 'clusters/staging', '--format', 'json', '--output', p],
  ],
  ['precompile -o FILE', (p) => ['precompile', '--kinds', 'v1/ConfigMap', '-o', p]],
  ['validate -o FILE', (p) => ['validate', join(app, 'deployment.yaml'), '--no-config', '-o', p]],
];

const places: [string, string | undefined, RegExp][] = [
  ['under a file', join(aFile, 'out'), /a parent is not a directory|a file is in the way/],
  ['in a missing directory', missingParent, /no such file or directory/],
  ['to a directory', scratch, /is a directory/],
  ['to an unwritable path', unwritable, /permission denied|read-only|not permitted|no such file/],
];

describe('output errors: one line with the path, exit 1', () => {
  for (const [command, argv] of writers) {
    for (const [where, path, reason] of places) {
      // Writing into a directory is how fleet --output and build -o DIR work; fleet and precompile create
      // missing folders.
      if (where === 'to a directory' && (command.startsWith('fleet') || command.startsWith('build'))) continue;
      if (where === 'in a missing directory' && (command.startsWith('fleet') || command.startsWith('precompile')))
        continue;
      it.skipIf(path === undefined)(`${command} ${where}`, async () => {
        const r = await runCli(argv(path ?? ''));
        expect(r.code).toBe(1);
        const lines = r.err.trimEnd().split('\n');
        const last = lines[lines.length - 1] ?? '';
        expect(last).toMatch(/^error: cannot (write|create directory) /);
        expect(last).toMatch(reason);
        expect(last).toContain(path === scratch ? scratch : (path ?? '').split('/').slice(0, 4).join('/'));
        expect(r.err).not.toMatch(/\n\s+at /); // no stack frame
      });
    }
  }
});

describe('usage errors: a clean message, a hint to --help, exit 2', () => {
  const cases: [string, string[], string][] = [
    [
      'unknown option',
      ['build', app, '--bogus'],
      "error: unknown option --bogus\nRun 'kustomize-ts build --help' for usage.\n",
    ],
    [
      'missing option value',
      ['lint', fleet, '--format'],
      "error: option --format needs a value\nRun 'kustomize-ts lint --help' for usage.\n",
    ],
    [
      'value on a boolean option',
      ['fleet', fleet, '--help=yes'],
      "error: option --help takes no value\nRun 'kustomize-ts fleet --help' for usage.\n",
    ],
    [
      'bad option value',
      ['graph', fleet, '--cluster', 'c', '--format', 'svg'],
      "error: illegal --format svg; legal values: mermaid, dot, json\nRun 'kustomize-ts graph --help' for usage.\n",
    ],
    [
      'extra argument',
      ['diff', 'a', 'b', 'c'],
      "error: diff needs two directories: kustomize-ts diff A B\nRun 'kustomize-ts diff --help' for usage.\n",
    ],
    [
      'unexpected argument',
      ['precompile', 'x'],
      "error: unexpected argument x\nRun 'kustomize-ts precompile --help' for usage.\n",
    ],
    [
      'unknown option (validate)',
      ['validate', '--bogus'],
      "error: unknown option --bogus\nRun 'kustomize-ts validate --help' for usage.\n",
    ],
    [
      'unknown option (helm template)',
      ['helm', 'template', '--bogus', 'x'],
      "error: unknown option --bogus\nRun 'kustomize-ts helm --help' for usage.\n",
    ],
    [
      'unknown helm command',
      ['helm', 'frob'],
      'error: unknown helm command "frob" (supported: template)\nRun \'kustomize-ts helm --help\' for usage.\n',
    ],
    [
      'unknown option (lsp)',
      ['lsp', '--bogus'],
      "error: unknown option --bogus\nRun 'kustomize-ts lsp --help' for usage.\n",
    ],
    [
      'help for what is not a command',
      ['help', 'nope'],
      'error: no help for "nope": not a command\nRun \'kustomize-ts --help\' for usage.\n',
    ],
    [
      'unknown command',
      ['frobnicate'],
      'error: unknown command "frobnicate"\nRun \'kustomize-ts --help\' for usage.\n',
    ],
  ];
  for (const [name, argv, err] of cases) {
    it(name, async () => {
      const r = await runCli(argv);
      expect(r).toEqual({ code: 2, out: '', err });
    });
  }
  it('no command: the help on stderr, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Usage: kustomize-ts <command>/);
  });
});

describe('help', () => {
  for (const command of ['build', 'fleet', 'graph', 'diff', 'lint', 'validate', 'helm', 'lsp', 'precompile']) {
    it(`help ${command} prints ${command}'s help`, async () => {
      const viaHelp = await runCli(['help', command]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toMatch(new RegExp(`^Usage: kustomize-ts ${command} `));
      expect(viaHelp).toEqual(await runCli([command, '--help']));
    });
  }
  it('help exit-codes prints the exit-code table, which the general help includes', async () => {
    expect((await runCli(['help', 'exit-codes'])).out).toBe(exitCodeTable + '\n');
    expect((await runCli(['--help'])).out).toContain(exitCodeTable);
  });
});

describe('a missing ROOT or DIR is exit 1 in every command', () => {
  const missing = join(scratch, 'missing');
  const cases: [string, string[]][] = [
    ['build', ['build', missing]],
    ['lint', ['lint', missing]],
    ['lint --cluster', ['lint', fleet, '--cluster', 'missing']],
    ['fleet', ['fleet', missing, '--cluster', 'c']],
    ['graph', ['graph', missing, '--cluster', 'c']],
    ['validate', ['validate', missing]],
    ['diff A B', ['diff', missing, app]],
    ['diff --cluster --root', ['diff', '--cluster', 'clusters/staging', 'clusters/staging', '--root', missing]],
    ['diff --cluster --root-a', ['diff', '--cluster', 'c', 'c', '--root-a', missing, '--root-b', fleet]],
    ['diff --cluster, the cluster on neither side', ['diff', '--cluster', 'missing', 'missing', '--root', fleet]],
    ['helm template', ['helm', 'template', missing]],
  ];
  for (const [name, argv] of cases) {
    it(name, async () => {
      const r = await runCli(argv);
      expect(r.code).toBe(1);
      expect(r.err).toContain('missing');
      expect(
        r.err
          .trimEnd()
          .split('\n')
          .filter((l) => l.trim() !== ''),
      ).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }
  it('diff --cluster with the cluster on one side only compares (exit 3, not an error)', async () => {
    const r = await runCli(['diff', '--cluster', 'clusters/staging', 'missing', '--root', fleet]);
    expect(r.code).toBe(3);
    expect(r.out).toContain('not compared (failed in B)');
  });
});

const devFull = existsSync('/dev/full') && existsSync(join(repoRoot, 'dist/cli.cjs'));
describe.skipIf(!devFull)('standard output that cannot be written (a full disk)', () => {
  const runs: [string, string[]][] = [
    ['build', ['build', app]],
    ['lint', ['lint', fleet, '--quiet']],
    ['validate', ['validate', app, '--no-config']],
  ];
  for (const [name, argv] of runs) {
    it(`${name}: one line, exit 1`, () => {
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.cjs'), ...argv], {
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        expect(r.status).toBe(1);
        expect(r.stderr.trimEnd().split('\n').pop()).toBe(
          'error: cannot write standard output: no space left on device',
        );
        expect(r.stderr).not.toMatch(/\n\s+at /);
      } finally {
        closeSync(full);
      }
    });
  }
});

describe('an unexpected exception', () => {
  it('is one line and a pointer to the bug tracker, exit 1', async () => {
    const { main } = await import('../../src/cli/main.js');
    let err = '';
    const code = await main(['build', app], {
      out: () => {
        throw new TypeError('boom');
      },
      err: (t) => (err += t),
      errIsTty: false,
      color: false,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/^error: internal error: boom\nThis is a bug in kustomize-ts: please report it at https:\/\//);
  });
});

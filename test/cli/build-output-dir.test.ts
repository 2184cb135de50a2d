/**
 * `kustomize-ts build DIR -o OUT` with OUT an existing directory writes the files `kustomize build -o OUT`
 * writes: the same names and contents, compared with each reference binary present on this machine
 * (kubectl 1.33's kustomize v5.6.0 and kustomize v5.8.1), over the project's fixtures and a sample of the
 * conformance corpus (the binaries take turns).
 */
/// <reference types="node" />
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceBuilders, runCli, runReference } from '../helpers/cli.js';
import { hasShared, repoRoot, sharedDir } from '../helpers/shared.js';

function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name === 'kustomization.yaml') out.push(d);
    }
  };
  walk(root);
  return out.sort();
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}

/** Fixtures that build with the reference (Flux-only folders with ${VAR} names and the like do too). */
const fixtureDirs = kustomizationDirs(join(repoRoot, 'fixtures'));
/** Every 25th case of the conformance corpus the reference builds (with its flags). */
const corpusCases: [string, string[]][] = hasShared
  ? readFileSync(join(sharedDir, 'conformance/index.tsv'), 'utf8')
      .split('\n')
      .map((l) => l.split('\t')[0] ?? '')
      .filter((p) => p !== '' && existsSync(join(sharedDir, 'conformance', p, 'expected.yaml')))
      .filter((_p, i) => i % 25 === 0)
      .map((p): [string, string[]] => {
        const d = join(sharedDir, 'conformance', p);
        const c = JSON.parse(readFileSync(join(d, 'case.json'), 'utf8')) as { run?: string; flags?: string[] };
        return [join(d, 'input', c.run ?? '.'), c.flags ?? []];
      })
  : [];

const builders = referenceBuilders();
const scratch = mkdtempSync(join(tmpdir(), 'kts-outdir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh empty directory under the scratch folder. */
function emptyDir(name: string): string {
  const d = join(scratch, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}

describe.skipIf(builders.length === 0)('build -o DIR names files as kustomize does', () => {
  for (const [i, [dir, flags]] of [...fixtureDirs.map((d): [string, string[]] => [d, []]), ...corpusCases].entries()) {
    const name = dir.startsWith(repoRoot) ? relative(repoRoot, dir) : relative(sharedDir, dir);
    it(name, async () => {
      const ours = emptyDir(`ours-${i}`);
      const mine = await runCli(['build', dir, ...flags, '-o', ours]);
      // The binaries take turns (each spawn costs a quarter second): both name files the same way.
      const [label, argv] = builders[i % builders.length] ?? ['', []];
      {
        const ref = emptyDir(`ref-${i}`);
        let refOk = true;
        try {
          runReference([...argv, dir, ...flags, '-o', ref]);
        } catch {
          refOk = false;
        }
        expect(mine.code === 0, `${label} ${refOk ? 'built' : 'failed'}; ours: ${mine.err}`).toBe(refOk);
        if (refOk) expect(readTree(ours), label).toEqual(readTree(ref));
      }
    });
  }
});
if (!hasShared) console.warn('build -o DIR: the conformance sample is skipped: ../shared is absent');
if (builders.length === 0) console.warn('skipped: build -o DIR comparison needs kubectl.1.33 or kustomize-5.8.1');

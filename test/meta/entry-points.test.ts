/**
 * The built entries used together as a user does: `kustomize-ts` with `nodeFs` from `kustomize-ts/node`,
 * as ESM and as CommonJS. A class shared by the entries (FsError) must exist once, so that the core
 * recognises the errors the Node file system throws: a missing file is a `load/missing-file` diagnostic,
 * never `internal/error`. Needs `npm run build` first (`npm test` does it).
 */
/// <reference types="node" />
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

interface Diag {
  code: string;
  severity: string;
}
interface Core {
  build: (dir: string, options: { fs: unknown }) => { diagnostics: Diag[] };
  FsError: new (...args: never[]) => Error;
}
interface NodeEntry {
  nodeFs: () => { readFile: (path: string) => Uint8Array };
}

/** A kustomization per kind of file kustomize reads besides resources, each naming a file that is absent. */
const missing: Record<string, string> = {
  component: 'components:\n- missing\n',
  'generator file': 'configMapGenerator:\n- name: x\n  files:\n  - missing.txt\n',
  openapi: 'openapi:\n  path: missing.json\n',
  configurations: 'configurations:\n- missing.yaml\n',
  crds: 'crds:\n- missing.yaml\n',
  'replacement path': 'replacements:\n- path: missing.yaml\n',
  resource: 'resources:\n- missing.yaml\n',
};

const built = existsSync(join(repoRoot, 'dist/index.js')) && existsSync(join(repoRoot, 'dist/index.cjs'));
const root = mkdtempSync(join(tmpdir(), 'kts-entries-'));
for (const [name, text] of Object.entries(missing)) {
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, 'kustomization.yaml'), text);
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function loadEsm(): Promise<[Core, NodeEntry]> {
  const core = (await import(pathToFileURL(join(repoRoot, 'dist/index.js')).href)) as Core;
  const node = (await import(pathToFileURL(join(repoRoot, 'dist/node/index.js')).href)) as NodeEntry;
  return [core, node];
}

function loadCjs(): Promise<[Core, NodeEntry]> {
  const req = createRequire(import.meta.url);
  return Promise.resolve([
    req(join(repoRoot, 'dist/index.cjs')) as Core,
    req(join(repoRoot, 'dist/node/index.cjs')) as NodeEntry,
  ]);
}

describe.skipIf(!built)('built entries used together (kustomize-ts + kustomize-ts/node)', () => {
  for (const [format, load] of [
    ['ESM', loadEsm],
    ['CommonJS', loadCjs],
  ] as const) {
    it(`${format}: nodeFs throws the core's FsError`, async () => {
      const [core, node] = await load();
      let thrown: unknown;
      try {
        node.nodeFs().readFile(join(root, 'absent.yaml'));
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(core.FsError);
    });
    for (const name of Object.keys(missing)) {
      it(`${format}: a missing ${name} is load/missing-file`, async () => {
        const [core, node] = await load();
        const codes = core
          .build(join(root, name), { fs: node.nodeFs() })
          .diagnostics.filter((d) => d.severity === 'error')
          .map((d) => d.code);
        expect(codes).toEqual(['load/missing-file']);
      });
    }
  }
});

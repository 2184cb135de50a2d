/**
 * Regenerates the reference outputs of the Flux fixtures (test/flux/expected): renders every fixture
 * cluster with kustomize-ts to learn its Flux Kustomizations and the kustomization the controller would
 * build at each `spec.path` (generated or edited), then, for each, copies the source artifact (what
 * source-controller would serve: `.sourceignore` and default exclusions applied; emulated
 * ExternalArtifacts as built from their ArtifactGenerator) to a temporary folder,
 * writes that kustomization there and runs the reference:
 *
 *   kubectl kustomize --load-restrictor LoadRestrictionsNone <path>
 *
 * Output: `<ns>__<name>.yaml` (stdout) or `<ns>__<name>.error` (stderr) per Kustomization. The tests
 * compare kustomize-ts's kustomize phase (before Flux's substitution, owner labels and commonMetadata)
 * with these files.
 *
 *   KUBECTL=/path/to/kubectl npx tsx test/scripts/gen-flux-expected.ts
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { FileSystem } from '../../src/fs/types.js';
import { expectedBase, fluxFixtures, renderFixture } from '../flux/helpers.js';
import { repoRoot } from './shared.js';

const kubectl = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';

function copyTree(fs: FileSystem, from: string, to: string): void {
  for (const name of fs.readDir(from)) {
    const src = join(from, name);
    const st = fs.stat(src);
    if (!st) continue;
    const dst = join(to, name);
    if (st.type === 'dir') {
      mkdirSync(dst, { recursive: true });
      copyTree(fs, src, dst);
    } else {
      mkdirSync(dirname(dst), { recursive: true });
      writeFileSync(dst, fs.readFile(src));
    }
  }
}

for (const f of fluxFixtures()) {
  rmSync(join(repoRoot, 'test/flux/expected', f.name), { recursive: true, force: true });
  for (const cluster of f.clusters) {
    const r = renderFixture(f, cluster);
    for (const k of r.kustomizations) {
      if (k.generated === undefined || k.dir === undefined || k.source.root === undefined) continue;
      const root = k.source.root;
      const view = r.sourceFileSystems.get(root);
      if (!view) continue;
      const tmp = mkdtempSync(join(tmpdir(), 'flux-expected-'));
      try {
        copyTree(view, root, tmp);
        if (k.kustomization) {
          const file = join(tmp, relative(root, k.kustomization.file));
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, k.kustomization.text);
        }
        const dir = join(tmp, relative(root, k.dir));
        const res = spawnSync(kubectl, ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', dir], {
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        });
        const base = expectedBase(f.name, cluster, k.id);
        mkdirSync(dirname(base), { recursive: true });
        if (res.status === 0) {
          writeFileSync(`${base}.yaml`, res.stdout);
          console.log(
            `${f.name} ${cluster} ${k.id}: ${res.stdout === '' ? 0 : res.stdout.split('\n---\n').length} objects`,
          );
        } else {
          writeFileSync(`${base}.error`, res.stderr.split(tmp).join('<artifact>'));
          console.log(`${f.name} ${cluster} ${k.id}: error`);
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
}

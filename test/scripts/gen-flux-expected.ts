/**
 * Regenerates the reference outputs of the Flux fixtures (test/flux/expected): renders every fixture
 * cluster with kustomize-ts to learn its Flux Kustomizations and the kustomization the controller would
 * build at each `spec.path` (generated or edited), then, for each, copies the source artifact (what
 * source-controller would serve: `.sourceignore` and default exclusions applied; emulated
 * ExternalArtifacts as built from their ArtifactGenerator) to a temporary folder,
 * writes that kustomization there and runs the reference of each kustomize version as the controller
 * builds (LoadRestrictionsNone, no reorder option so no legacy sort):
 *
 *   kustomize-5.8.1 build --load-restrictor LoadRestrictionsNone --reorder none <path>     (v5.8.1, Flux 2.9's)
 *   kubectl.1.33 kustomize --load-restrictor LoadRestrictionsNone --reorder none <path>    (v5.6.0)
 *
 * Output: `<ns>__<name>.yaml` (stdout) or `<ns>__<name>.error` (stderr) per Kustomization, from v5.8.1;
 * `<ns>__<name>.v5.6.yaml` / `.v5.6.error` where v5.6.0 differs (test/helpers/versions.ts). The tests
 * compare kustomize-ts's kustomize phase (before Flux's substitution, owner labels and commonMetadata)
 * with these files, under both versions.
 *
 *   npx tsx test/scripts/gen-flux-expected.ts      (reference binaries: test/scripts/reference-binaries.ts)
 */
/// <reference types="node" />
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { FileSystem } from '../../src/fs/types.js';
import { expectedBase, fluxFixtures, renderFixture } from '../flux/helpers.js';
import { repoRoot } from './shared.js';
import { runReference } from './reference-binaries.js';
import { testedVersions, versionedName } from '../helpers/versions.js';

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
        const base = expectedBase(f.name, cluster, k.id);
        mkdirSync(dirname(base), { recursive: true });
        let first: { ext: string; text: string } | undefined;
        for (const version of testedVersions) {
          const res = runReference(version, dir, ['--load-restrictor', 'LoadRestrictionsNone', '--reorder', 'none']);
          const out = res.ok
            ? { ext: 'yaml', text: res.stdout }
            : { ext: 'error', text: `${res.error.split(tmp).join('<artifact>')}\n` };
          if (first && first.ext === out.ext && first.text === out.text) continue;
          first ??= out;
          writeFileSync(versionedName(`${base}.${out.ext}`, version), out.text);
          const objects = res.stdout === '' ? 0 : res.stdout.split('\n---\n').length;
          console.log(
            `${f.name} ${cluster} ${k.id} (kustomize ${version}): ${res.ok ? `${objects} objects` : 'error'}`,
          );
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  }
}

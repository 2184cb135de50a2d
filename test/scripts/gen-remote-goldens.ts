/**
 * Regenerates test/remote/expected/ with the reference binaries: creates the repos of test/remote/repos.ts in a
 * temporary folder, serves them on 127.0.0.1 (smart HTTP and plain files), and builds every case of
 * test/remote/cases.ts with kustomize v5.6.0 (`kubectl.1.33 kustomize`) and v5.8.1 (`kustomize-5.8.1 build`).
 * A case's golden is written when both agree (after normalisation); a disagreement is printed and fails.
 *
 *   npx tsx test/scripts/gen-remote-goldens.ts
 */
/// <reference types="node" />
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES } from '../remote/cases.js';
import { makeRepos, startServer } from '../helpers/remote-repos.js';
import {
  EXPECTED_DIR,
  KUBECTL,
  KUSTOMIZE58,
  prepareCase,
  runReference,
  writeGolden,
} from '../helpers/remote-reference.js';

const root = mkdtempSync(join(tmpdir(), 'kts-remote-ref-'));
const shas = makeRepos(root);
console.log(`repos in ${root}; simple.git@change-image = ${shas['simple.git@change-image'] ?? '?'}`);
const server = await startServer(root);
rmSync(EXPECTED_DIR, { recursive: true, force: true });
let disagreements = 0;
for (const c of CASES) {
  const places = { root, http: server.url, top: join(root, `top-${c.name}`) };
  const { arg } = prepareCase(c, places);
  const v56 = await runReference(KUBECTL, ['kustomize', arg], places);
  const v58 = await runReference(KUSTOMIZE58, ['build', arg], places);
  if (JSON.stringify(v56) !== JSON.stringify(v58)) {
    disagreements++;
    console.log(
      `${c.name}: v5.6.0 and v5.8.1 differ\n--- v5.6.0\n${JSON.stringify(v56, null, 1)}\n--- v5.8.1\n${JSON.stringify(v58, null, 1)}`,
    );
    continue;
  }
  writeGolden(c.name, v56);
  console.log(`${c.name}: ${v56.error === '' ? 'built' : 'error'}${v56.warnings.length > 0 ? ' (warnings)' : ''}`);
}
await server.close();
rmSync(root, { recursive: true, force: true });
console.log(`${readdirSync(EXPECTED_DIR).length} golden files; ${disagreements} disagreements`);
process.exitCode = disagreements > 0 ? 1 : 0;

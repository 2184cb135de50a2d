/**
 * Extracts the tables of Helm's pkg/releaseutil/kind_sorter_test.go (Helm v3.21.4, Apache-2.0) into
 * test/helm/data/kind-sort-cases.json: each test's manifests (name, kind) and the expected install order
 * (names concatenated). Run `npx tsx test/scripts/gen-helm-kind-sort-cases.ts HELM_CHECKOUT`.
 */
/// <reference types="node" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

const helm = process.argv[2];
if (!helm) {
  console.error('usage: gen-helm-kind-sort-cases.ts HELM_CHECKOUT');
  process.exit(2);
}
const src = readFileSync(join(helm, 'pkg/releaseutil/kind_sorter_test.go'), 'utf8');
const tests = ['TestKindSorter(', 'TestKindSorterKeepOriginalOrder('].map((fn) => {
  const start = src.indexOf(`func ${fn}`);
  const body = src.slice(start, src.indexOf('\nfunc ', start + 1));
  const manifests = [...body.matchAll(/Name: "([^"]*)",\s*Head: &SimpleHead\{Kind: "([^"]*)"\}/g)].map((m) => ({
    name: m[1] as string,
    kind: m[2] as string,
  }));
  const expected = /\{"[^"]*", InstallOrder, "([^"]*)"\}/.exec(body)?.[1] ?? '';
  return { test: fn.slice(0, -1), manifests, expected };
});
writeFileSync(
  join(repoRoot, 'test/helm/data/kind-sort-cases.json'),
  JSON.stringify(
    {
      source:
        'helm/helm v3.21.4 pkg/releaseutil/kind_sorter_test.go (Apache-2.0), extracted by test/scripts/gen-helm-kind-sort-cases.ts',
      tests,
    },
    null,
    1,
  ) + '\n',
);
console.log(tests.map((t) => `${t.test}: ${t.manifests.length} manifests`).join(', '));

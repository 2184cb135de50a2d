/**
 * Extracts the TestIgnore table of Helm's pkg/ignore/rules_test.go (Helm v3.21.4, Apache-2.0) into
 * test/helm/data/helmignore-cases.json: pattern, path, whether the path is a directory in Helm's test
 * fixture, and the expected result. Run `npx tsx test/scripts/gen-helm-ignore-cases.ts HELM_CHECKOUT`.
 */
/// <reference types="node" />
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

const helm = process.argv[2];
if (!helm) {
  console.error('usage: gen-helm-ignore-cases.ts HELM_CHECKOUT');
  process.exit(2);
}
const src = readFileSync(join(helm, 'pkg/ignore/rules_test.go'), 'utf8');
const body = src.slice(src.indexOf('func TestIgnore('), src.indexOf('func TestAddDefaults('));
const cases = [...body.matchAll(/\{`([^`]*)`, "([^"]*)", (true|false)\}/g)].map((m) => {
  const name = m[2] as string;
  const isDir = name === '' ? false : statSync(join(helm, 'pkg/ignore/testdata', name)).isDirectory();
  return { pattern: m[1] as string, name, isDir, expect: m[3] === 'true' };
});
const shouldFail = [...(/shouldFail := \[\]string\{([^}]*)\}/.exec(src)?.[1] ?? '').matchAll(/"([^"]*)"/g)].map(
  (m) => m[1],
);
writeFileSync(
  join(repoRoot, 'test/helm/data/helmignore-cases.json'),
  JSON.stringify(
    {
      source:
        'helm/helm v3.21.4 pkg/ignore/rules_test.go (Apache-2.0), extracted by test/scripts/gen-helm-ignore-cases.ts',
      cases,
      shouldFail,
    },
    null,
    1,
  ) + '\n',
);
console.log(`${cases.length} cases, ${shouldFail.length} invalid patterns`);

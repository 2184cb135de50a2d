/**
 * The vitest helpers a user meets first: the path form of a snapshot renders the overlay, snapshots and
 * messages hold paths relative to the directory vitest runs in (this repository), and a matcher on a broken
 * overlay fails with the build's error whether or not it is negated.
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../src/vitest/index.js';
import { yamlSnapshotSerializer } from '../../src/vitest/index.js';
import { repoRoot } from '../helpers/shared.js';

const myApp = 'fixtures/fleet-infra/apps/base/my-app';
/** Made by kubectl kustomize (test/scripts/gen-golden.ts). */
const myAppGolden = readFileSync(join(repoRoot, 'test/golden/fleet-infra/apps/base/my-app.yaml'), 'utf8');
const broken = 'test/fixtures/broken-overlay';

describe('the path form of toMatchSnapshot', () => {
  it('runs from the repository root (the paths below are relative to it)', () => {
    expect(relative(repoRoot, process.cwd())).toBe('');
  });
  it('a path naming a directory is rendered as kustomize build prints it', () => {
    expect(yamlSnapshotSerializer.test(myApp)).toBe(true);
    expect(yamlSnapshotSerializer.serialize(myApp)).toBe(myAppGolden);
    expect(yamlSnapshotSerializer.serialize(join(repoRoot, myApp))).toBe(myAppGolden);
  });
  it('a string that names no directory stays a string', () => {
    expect(yamlSnapshotSerializer.test('application/json')).toBe(false);
    expect(yamlSnapshotSerializer.test('hello\nworld')).toBe(false);
    expect('application/json').toMatchInlineSnapshot(`"application/json"`);
  });
  it('a mistyped overlay path fails the snapshot, naming the folders that are there', () => {
    expect(() => expect('fixtures/fleet-infra/apps/prodution').toMatchSnapshot()).toThrow(
      "'fixtures/fleet-infra/apps/prodution' is not a directory (its folder holds base, production, staging)",
    );
  });
  it('only the value given to expect() is a path: a path inside an object or a list stays a string', () => {
    expect({ overlay: myApp, more: [myApp] }).toMatchInlineSnapshot(`
      {
        "more": [
          "fixtures/fleet-infra/apps/base/my-app",
        ],
        "overlay": "fixtures/fleet-infra/apps/base/my-app",
      }
    `);
    expect(['fixtures/fleet-infra/apps/prodution']).toMatchInlineSnapshot(`
      [
        "fixtures/fleet-infra/apps/prodution",
      ]
    `);
  });
  // A real toMatchSnapshot() on a path, in a project of its own: test/e2e/packed-tarball.test.ts.
});

describe('paths relative to the test root', () => {
  it('a failed build snapshots its diagnostics without machine paths', () => {
    const text = yamlSnapshotSerializer.serialize(broken);
    expect(text).not.toContain(repoRoot);
    expect(text.split('\n').slice(0, 2)).toEqual([
      'build failed:',
      expect.stringMatching(
        /^test\/fixtures\/broken-overlay\/kustomization\.yaml:3:3: error: .*'test\/fixtures\/broken-overlay\/missing\.yaml'.* \[load\/missing-file\]$/,
      ),
    ]);
  });
  it('matcher messages name files relative to the test root', () => {
    let message = '';
    try {
      expect(broken).toBuild();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(
      /^expected 'test\/fixtures\/broken-overlay' to build, but:\ntest\/fixtures\/broken-overlay\/kustomization\.yaml:3:3: error: /,
    );
    expect(message).not.toContain(repoRoot);
  });
});

describe('a matcher on a broken overlay reports the build error', () => {
  const matchers: [string, () => void][] = [
    ['toHaveImage', () => expect(broken).toHaveImage('web:1')],
    ['not.toHaveImage', () => expect(broken).not.toHaveImage('web:2')],
    ['toContainResource', () => expect(broken).toContainResource({ kind: 'Deployment' })],
    ['not.toContainResource', () => expect(broken).not.toContainResource({ kind: 'Service' })],
    ['toHaveReplicas', () => expect(broken).toHaveReplicas(1)],
  ];
  for (const [name, run] of matchers) {
    it(name, () => {
      expect(run).toThrow(
        /^to\w+: 'test\/fixtures\/broken-overlay' does not build:\ntest\/fixtures\/broken-overlay\/kustomization\.yaml:3:3: error: .*\[load\/missing-file\]$/,
      );
    });
  }
});

/**
 * Properties of the engine that need no reference binary, checked on inputs the fuzzer's generators make
 * (fast-check, fixed seeds so a failure reproduces; the failing seed and counterexample are printed):
 *
 * - the output is a fixed point: building it again (as one resource file) gives the same output, so it is
 *   valid YAML that kustomize reads back to the same objects;
 * - no input makes the build throw or report an internal error;
 * - no document is dropped silently: every resource of a multi-document file reaches the output, or the
 *   build fails with a diagnostic naming the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { memoryFs } from '../../src/fs/memory.js';
import { buildTree, treePlan } from './generators/tree.js';
import { mutateText, TEXT_MUTATIONS } from './generators/mutate-text.js';
import { makeObjects } from './generators/resources.js';
import { styledYaml } from './generators/styled-yaml.js';
import { Rng } from './rng.js';

const RUNS = 120;

function buildFiles(files: Record<string, string>, run: string): ReturnType<typeof build> {
  const record: Record<string, string> = {};
  for (const [p, t] of Object.entries(files)) record[`/case/${p}`] = t;
  return build(`/case/${run === '.' ? '' : run}`.replace(/\/$/, ''), { fs: memoryFs(record) });
}

/** A file of generated objects in random YAML style, with YAML-level mutations. */
const resourceFile = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => {
  const rng = new Rng(seed);
  const text = makeObjects(rng, { app: 'web' }, rng.range(1, 4))
    .map((o) => styledYaml(o, rng))
    .join('---\n');
  return mutateText(text, rng, rng.range(0, 3)).text;
});

describe('properties (no reference needed)', () => {
  it('the output of a build builds to itself', () => {
    fc.assert(
      fc.property(resourceFile, (text) => {
        const first = buildFiles({ 'kustomization.yaml': 'resources:\n- r.yaml\n', 'r.yaml': text }, '.');
        if (!first.ok) return;
        const out = first.toYaml();
        if (out === '') return;
        const second = buildFiles({ 'kustomization.yaml': 'resources:\n- r.yaml\n', 'r.yaml': out }, '.');
        expect(second.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(second.toYaml()).toBe(out);
      }),
      { seed: 10, numRuns: RUNS },
    );
  });

  it('no generated tree makes the build throw or fail internally', () => {
    fc.assert(
      fc.property(treePlan, (plan) => {
        const t = buildTree(plan);
        const r = buildFiles(t.files, t.run);
        expect(r.diagnostics.filter((d) => d.code === 'internal/error')).toEqual([]);
      }),
      { seed: 11, numRuns: RUNS },
    );
  });

  it('every document of a resource file is in the output, or the build names the file', () => {
    const separators = fc.constantFrom('---\n', '--- \n', '--- # c\n', '---\n---\n', '...\n---\n', '---\n# c\n---\n');
    const stream = fc.record({
      count: fc.integer({ min: 1, max: 6 }),
      seps: fc.array(separators, { minLength: 6, maxLength: 6 }),
      crlf: fc.boolean(),
      mutation: fc.option(fc.constantFrom(...Object.keys(TEXT_MUTATIONS))),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
    fc.assert(
      fc.property(stream, ({ count, seps, crlf, mutation, seed }) => {
        const rng = new Rng(seed);
        const docs = Array.from(
          { length: count },
          (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: doc-${i}\n`,
        );
        let text = docs.map((d, i) => (i === 0 ? d : `${seps[i - 1] ?? '---\n'}${d}`)).join('');
        if (mutation) text = (TEXT_MUTATIONS[mutation] as (t: string, r: Rng) => string)(text, rng);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const r = buildFiles({ 'kustomization.yaml': 'resources:\n- r.yaml\n', 'r.yaml': text }, '.');
        if (!r.ok) {
          expect(r.diagnostics.some((d) => d.severity === 'error' && d.file === '/case/r.yaml')).toBe(true);
          return;
        }
        const names = r.resources.map((x) => (x.object.metadata as { name?: unknown } | undefined)?.name);
        for (let i = 0; i < count; i++) {
          // A mutation may rename or drop a document's content; an untouched document must be there.
          if (text.includes(`name: doc-${i}\n`) || text.includes(`name: doc-${i}\r\n`))
            expect(names).toContain(`doc-${i}`);
        }
      }),
      { seed: 12, numRuns: RUNS },
    );
  });
});

/**
 * The generators of the differential fuzzer, by name, with their share of a run. Each makes case `index`
 * of a run with seed `seed` deterministically (fast-check's seeded sampling), so any case can be made
 * again from its id.
 */
import fc from 'fast-check';
import type { FuzzCase } from '../case.js';
import { Rng } from '../rng.js';
import { conformanceCase, conformanceCases } from './conformance.js';
import { knownCase } from './known.js';
import { mutateText } from './mutate-text.js';
import { makeObjects } from './resources.js';
import { styledYaml } from './styled-yaml.js';
import { buildTree, treePlan } from './tree.js';

export interface Generator {
  name: string;
  /** Share of the cases of a run. */
  weight: number;
  make(seed: number): Omit<FuzzCase, 'id' | 'generator'>;
  /** False when the generator's inputs are absent (the conformance corpus). */
  available(): boolean;
  /** Case `i` of a run uses seed `i` (a fixed list walked in order) instead of a random seed. */
  sequential?: boolean;
}

/** Random kustomization trees (fields × structure × YAML style, some text mutations). */
const tree: Generator = {
  name: 'tree',
  weight: 4,
  available: () => true,
  make(seed) {
    const [plan] = fc.sample(treePlan, { seed, numRuns: 1 });
    if (!plan) throw new Error('fast-check produced no plan');
    const t = buildTree(plan);
    return { files: t.files, run: t.run, flags: [], tags: t.tags };
  },
};

/** One resource file written in random YAML style with several YAML-level mutations. */
const yaml: Generator = {
  name: 'yaml',
  weight: 4,
  available: () => true,
  make(seed) {
    const rng = new Rng(seed);
    const objects = makeObjects(rng, { app: 'web' }, rng.range(1, 4));
    const text = objects.map((o) => styledYaml(o, rng)).join('---\n');
    const m = mutateText(text, rng, rng.range(1, 3));
    const kust = rng.chance(0.3)
      ? 'resources:\n- r.yaml\ncommonLabels:\n  x: z\nnamePrefix: p-\n'
      : 'resources:\n- r.yaml\n';
    return {
      files: { 'kustomization.yaml': kust, 'r.yaml': m.text },
      run: '.',
      flags: [],
      tags: m.applied.map((a) => `yaml:${a}`).sort(),
    };
  },
};

/** A case of the conformance corpus with YAML-level mutations and extra kustomization fields. */
const conformance: Generator = {
  name: 'conformance',
  weight: 2,
  available: () => conformanceCases().length > 0,
  make: conformanceCase,
};

/** The classes issue 10 lists, reproduced by hand (known.ts). */
const known: Generator = {
  name: 'known',
  weight: 0.2,
  available: () => true,
  make: knownCase,
  sequential: true,
};

export const GENERATORS: readonly Generator[] = [tree, yaml, conformance, known];

/** Case `index` of a run: the generator is chosen by weight, from the run's seed and the index. */
export function makeCase(seed: number, index: number, only?: string): FuzzCase {
  const gens = GENERATORS.filter((g) => g.available() && (only === undefined || g.name === only));
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const g = rng.weighted(gens.map((x) => [x.weight, x] as const));
  const caseSeed = g.sequential && only !== undefined ? index : rng.int(2 ** 31);
  return { id: `${g.name}/${caseSeed}`, generator: g.name, ...g.make(caseSeed) };
}

/** The case of an id printed by a run (`<generator>/<seed>`). */
export function caseFromId(id: string): FuzzCase {
  const [name, s] = id.split('/');
  const g = GENERATORS.find((x) => x.name === name);
  if (!g || s === undefined) throw new Error(`unknown case id ${id}`);
  return { id, generator: g.name, ...g.make(Number(s)) };
}

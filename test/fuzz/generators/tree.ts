/**
 * Generated kustomization trees: a base with objects from the pool (resources.ts) written in random
 * YAML style, kustomization fields from fields.ts at each level, and a structure — one folder, base and
 * overlay, a diamond, components, a deep chain of bases, or a cycle. Some files then get YAML-level
 * mutations (mutate-text.ts).
 */
import fc from 'fast-check';
import { Rng } from '../rng.js';
import { kustomizationFields } from './fields.js';
import { mutateText } from './mutate-text.js';
import { makeObjects, type Obj, type Value } from './resources.js';
import { plainYaml, styledYaml } from './styled-yaml.js';

export const LAYOUTS = ['single', 'overlay', 'diamond', 'components', 'chain', 'cycle'] as const;
export type Layout = (typeof LAYOUTS)[number];

export interface TreePlan {
  seed: number;
  layout: Layout;
  objects: number;
  levels: Obj[];
  /** Files (by index among the tree's YAML files) that get text mutations, and how many. */
  mutations: number;
  /** Resources in one multi-document file (true) or one file each. */
  oneFile: boolean;
}

export interface Tree {
  files: Record<string, string>;
  run: string;
  tags: string[];
}

const APP = 'web';

export const treePlan: fc.Arbitrary<TreePlan> = fc.record({
  seed: fc.integer(),
  layout: fc.oneof(
    {
      weight: 19,
      arbitrary: fc.constantFrom<Layout>('single', 'overlay', 'diamond', 'components', 'chain', 'single', 'overlay'),
    },
    { weight: 1, arbitrary: fc.constant<Layout>('cycle') },
  ),
  objects: fc.integer({ min: 1, max: 6 }),
  levels: fc.array(kustomizationFields(APP), { minLength: 1, maxLength: 4 }),
  mutations: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
  oneFile: fc.boolean(),
});

/** Files that generator and patch entries name. */
export const SIDE_FILES: Record<string, string> = {
  'file.txt': 'file content\n',
  'app.properties': 'a=1\nb=two\n',
  'vars.env': 'FOO=bar\n# comment\nEMPTY=\nQUOTED="x y"\n',
};

/** Moves inline patches of `fields` to files or block strings, as kustomization files have them. */
function writePatches(fields: Obj, dir: string, files: Record<string, string>, rng: Rng): Obj {
  const out: Obj = { ...fields };
  const patches = fields.patches as { patch: Value; target: Obj | null }[] | undefined;
  if (patches) {
    out.patches = patches.map((p, i) => {
      const text = Array.isArray(p.patch) && rng.chance(0.4) ? JSON.stringify(p.patch) : plainYaml(p.patch);
      const entry: Obj = {};
      if (rng.chance(0.5)) {
        const name = `patch${i}.yaml`;
        files[`${dir}/${name}`] = text;
        entry.path = name;
      } else entry.patch = text;
      if (p.target) entry.target = p.target;
      if (rng.chance(0.1)) entry.options = { allowNameChange: true, allowKindChange: rng.chance(0.5) };
      return entry;
    });
  }
  const psm = fields.patchesStrategicMerge as Obj[] | undefined;
  if (psm) {
    out.patchesStrategicMerge = psm.map((p, i) => {
      const text = plainYaml(p);
      if (rng.chance(0.5)) return text;
      files[`${dir}/smp${i}.yaml`] = text;
      return `smp${i}.yaml`;
    });
  }
  return out;
}

function kustomization(fields: Obj, extra: Obj, dir: string, files: Record<string, string>, rng: Rng): string {
  const f = writePatches(fields, dir, files, rng);
  for (const [name, text] of Object.entries(SIDE_FILES)) files[`${dir}/${name}`] = text;
  return plainYaml({
    ...(rng.chance(0.3) ? { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' } : {}),
    ...extra,
    ...f,
  });
}

/** Writes the resources of the base. */
function writeResources(plan: TreePlan, rng: Rng, files: Record<string, string>): string[] {
  const objects = makeObjects(rng, { app: APP }, plan.objects);
  if (plan.oneFile) {
    files['base/resources.yaml'] = objects
      .map((o) => styledYaml(o, rng))
      .join(rng.pick(['---\n', '---\n', '--- # next\n', '\n---\n']));
    return ['resources.yaml'];
  }
  return objects.map((o, i) => {
    const name = `r${i}-${String((o as { kind?: unknown }).kind).toLowerCase()}.yaml`;
    files[`base/${name}`] = styledYaml(o, rng);
    return name;
  });
}

/** The file tree of a plan. */
export function buildTree(plan: TreePlan): Tree {
  const rng = new Rng(plan.seed);
  const files: Record<string, string> = {};
  const level = (i: number): Obj => plan.levels[i % plan.levels.length] as Obj;
  const resources = writeResources(plan, rng, files);
  let run = 'base';
  files['base/kustomization.yaml'] = kustomization(level(0), { resources }, 'base', files, rng);
  switch (plan.layout) {
    case 'single':
      break;
    case 'overlay':
      files['overlay/kustomization.yaml'] = kustomization(level(1), { resources: ['../base'] }, 'overlay', files, rng);
      run = 'overlay';
      break;
    case 'diamond':
      files['left/kustomization.yaml'] = kustomization(
        { namePrefix: 'l-', ...level(1) },
        { resources: ['../base'] },
        'left',
        files,
        rng,
      );
      files['right/kustomization.yaml'] = kustomization(
        { namePrefix: 'r-', ...level(2) },
        { resources: ['../base'] },
        'right',
        files,
        rng,
      );
      files['top/kustomization.yaml'] = kustomization(
        level(3),
        { resources: ['../left', '../right'] },
        'top',
        files,
        rng,
      );
      run = 'top';
      break;
    case 'components':
      files['comp/kustomization.yaml'] = kustomization(
        level(1),
        { apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' },
        'comp',
        files,
        rng,
      );
      files['overlay/kustomization.yaml'] = kustomization(
        level(2),
        { resources: ['../base'], components: ['../comp'] },
        'overlay',
        files,
        rng,
      );
      run = 'overlay';
      break;
    case 'chain': {
      const depth = rng.range(2, 12);
      let prev = 'base';
      for (let i = 1; i <= depth; i++) {
        const dir = `l${i}`;
        files[`${dir}/kustomization.yaml`] = kustomization(
          rng.chance(0.5) ? level(i) : {},
          { resources: [`../${prev}`] },
          dir,
          files,
          rng,
        );
        prev = dir;
      }
      run = prev;
      break;
    }
    case 'cycle':
      files['a/kustomization.yaml'] = kustomization(level(1), { resources: ['../b', '../base'] }, 'a', files, rng);
      files['b/kustomization.yaml'] = kustomization(level(2), { resources: ['../a'] }, 'b', files, rng);
      run = 'a';
      break;
  }
  const tags = [`layout:${plan.layout}`];
  for (const l of plan.levels) for (const k of Object.keys(l)) tags.push(`field:${k}`);
  if (plan.mutations > 0) {
    const yamlFiles = Object.keys(files).filter((p) => p.endsWith('.yaml'));
    for (let i = 0; i < plan.mutations; i++) {
      const kustomizations = yamlFiles.filter((p) => p.endsWith('kustomization.yaml'));
      const others = yamlFiles.filter((p) => !p.endsWith('kustomization.yaml'));
      const path = rng.chance(0.8) && others.length > 0 ? rng.pick(others) : rng.pick(kustomizations);
      const m = mutateText(files[path] ?? '', rng, 1);
      files[path] = m.text;
      for (const a of m.applied) tags.push(`${path.endsWith('kustomization.yaml') ? 'k-' : ''}yaml:${a}`);
    }
  }
  return { files, run, tags: [...new Set(tags)].sort() };
}

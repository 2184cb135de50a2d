/**
 * Mutations of the conformance corpus (../shared/conformance, inputs from kustomize's own tests): a case's
 * files with YAML-level mutations on some of its YAML files and, sometimes, extra kustomization fields
 * appended to the kustomization it builds.
 */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { sharedDir } from '../../helpers/shared.js';
import type { FuzzCase } from '../case.js';
import { Rng } from '../rng.js';
import { kustomizationFields } from './fields.js';
import { mutateText } from './mutate-text.js';
import { plainYaml } from './styled-yaml.js';
import { SIDE_FILES } from './tree.js';

interface CorpusCase {
  dir: string;
  run: string;
  flags: string[];
}

let cached: CorpusCase[] | undefined;

/** The corpus's cases that build from plain files (no remote bases, no plugins). */
export function conformanceCases(): CorpusCase[] {
  if (cached) return cached;
  cached = [];
  const root = join(sharedDir, 'conformance');
  if (!existsSync(root)) return cached;
  const walk = (d: string): void => {
    if (existsSync(join(d, 'case.json')) && existsSync(join(d, 'input'))) {
      const c = JSON.parse(readFileSync(join(d, 'case.json'), 'utf8')) as { run?: string; flags?: string[] };
      const flags = (c.flags ?? []).filter((f, i, all) => f !== '--reorder' && all[i - 1] !== '--reorder');
      cached?.push({ dir: d, run: c.run ?? '.', flags });
      return;
    }
    for (const e of readdirSync(d).sort()) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
  };
  walk(root);
  return cached;
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** A mutated conformance case. */
export function conformanceCase(seed: number): Omit<FuzzCase, 'id' | 'generator'> {
  const rng = new Rng(seed);
  const cases = conformanceCases();
  const c = rng.pick(cases);
  const files = readTree(join(c.dir, 'input'));
  const tags = [`corpus:${relative(join(sharedDir, 'conformance'), c.dir).split('/').slice(0, 2).join('/')}`];
  const yamlFiles = Object.keys(files).filter((p) => /\.ya?ml$/.test(p));
  const rounds = rng.range(0, 3);
  for (let i = 0; i < rounds && yamlFiles.length > 0; i++) {
    const path = rng.pick(yamlFiles);
    const m = mutateText(files[path] ?? '', rng, 1);
    files[path] = m.text;
    for (const a of m.applied) tags.push(`${/kustomization\.ya?ml$/.test(path) ? 'k-' : ''}yaml:${a}`);
  }
  const kust = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
    .map((n) => (c.run === '.' ? n : `${c.run}/${n}`))
    .find((p) => files[p] !== undefined);
  if (kust && (rounds === 0 || rng.chance(0.4))) {
    const [extra] = fc.sample(kustomizationFields('web'), { seed: rng.int(2 ** 31), numRuns: 1 });
    const present = new Set([...(files[kust] ?? '').matchAll(/^([A-Za-z]+):/gm)].map((m) => m[1]));
    const add = Object.fromEntries(
      Object.entries(extra ?? {}).filter(([k]) => !present.has(k) && !k.startsWith('patches')),
    );
    if (Object.keys(add).length > 0) {
      files[kust] = (files[kust] ?? '').replace(/\n*$/, '\n') + plainYaml(add);
      const dir = c.run === '.' ? '' : `${c.run}/`;
      for (const [name, text] of Object.entries(SIDE_FILES)) files[`${dir}${name}`] ??= text;
      for (const k of Object.keys(add)) tags.push(`field:${k}`);
    }
  }
  return { files, run: c.run, flags: c.flags, tags: [...new Set(tags)].sort() };
}

/** Fixture discovery and loading shared by tests and scripts. */
/// <reference types="node" />
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Fixture repositories whose kustomization dirs have golden outputs made by the reference (test/golden). */
export const goldenFixtures = ['fleet-infra'] as const;

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Every directory below `root` (relative, sorted) holding a kustomization file. */
export function kustomizationDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = join(root, rel);
    if (KUSTOMIZATION_FILES.some((f) => existsSync(join(abs, f)))) out.push(rel === '' ? '.' : rel);
    for (const e of readdirSync(abs).sort()) {
      if (e.startsWith('.')) continue;
      const p = join(abs, e);
      if (statSync(p).isDirectory()) walk(rel === '' ? e : `${rel}/${e}`);
    }
  };
  walk('');
  return out;
}

/** Every file below `root`, read as text, keyed by its path under `/repo/` (for an in-memory file system). */
export function readTreeIntoMemory(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else files['/repo/' + relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return files;
}

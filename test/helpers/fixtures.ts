/** Fixture discovery shared by tests and scripts. */
/// <reference types="node" />
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * How reference files cover the kustomize versions. One layout everywhere (reference cases, golden outputs,
 * Flux expectations): `NAME.EXT` is the output of the default version (kustomize v5.8.1, `kustomize-5.8.1
 * build`), and `NAME.v5.6.EXT` beside it is kustomize v5.6.0's (`kubectl.1.33 kustomize`) where that
 * differs; without it v5.6.0 printed the same. Tests check every case under every version.
 */
/// <reference types="node" />
import { existsSync } from 'node:fs';
import { DEFAULT_KUSTOMIZE_VERSION, kustomizeVersions, type KustomizeVersion } from '../../src/build/versions.js';

/** Every version, the default first. */
export const testedVersions: readonly KustomizeVersion[] = [
  DEFAULT_KUSTOMIZE_VERSION,
  ...(Object.keys(kustomizeVersions) as KustomizeVersion[]).filter((v) => v !== DEFAULT_KUSTOMIZE_VERSION),
];

/** `expected.yaml` → `expected.v5.6.yaml` (the default version's name is unchanged). */
export function versionedName(file: string, version: KustomizeVersion): string {
  if (version === DEFAULT_KUSTOMIZE_VERSION) return file;
  const dot = file.lastIndexOf('.');
  const slash = file.lastIndexOf('/');
  const tag = `.v${version}`;
  return dot > slash ? `${file.slice(0, dot)}${tag}${file.slice(dot)}` : `${file}${tag}`;
}

/**
 * The reference file of `version` for `file` (the default version's path): its own when it exists, else
 * the default's. `siblings` are the other files of the same output (e.g. expected.yaml and
 * expected-error.txt): when any of them has a version file, the version's output differs and only its
 * own files count.
 */
export function versionedFile(file: string, version: KustomizeVersion, siblings: readonly string[] = []): string {
  const own = versionedName(file, version);
  if (existsSync(own)) return own;
  if (version !== DEFAULT_KUSTOMIZE_VERSION && siblings.some((s) => existsSync(versionedName(s, version)))) return own;
  return file;
}

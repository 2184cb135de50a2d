/**
 * The reference binaries of each kustomize version, for the scripts that write golden files: kustomize
 * v5.8.1 is `kustomize-5.8.1 build` (installed by ../shared/tools/install-kustomize.sh; KUSTOMIZE_58
 * overrides), kustomize v5.6.0 is `kubectl.1.33 kustomize` (the Google Cloud SDK's kubectl 1.33; KUBECTL
 * overrides). `runReference` runs one and splits its stderr into warnings and the error the way both print
 * them (kubectl: klog headers and `error: `; kustomize: log timestamps and `Error: `).
 */
/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { KustomizeVersion } from '../../src/build/versions.js';

const kubectl = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const kustomize58 = process.env.KUSTOMIZE_58 ?? '/usr/local/bin/kustomize-5.8.1';

/** The command (program and leading arguments) that builds a directory with `version`'s reference. */
export function referenceCommand(version: KustomizeVersion): { program: string; args: string[] } {
  return version === '5.6' ? { program: kubectl, args: ['kustomize'] } : { program: kustomize58, args: ['build'] };
}

/** Why the reference of `version` cannot run here, or undefined when it can. */
export function referenceMissing(version: KustomizeVersion): string | undefined {
  const { program } = referenceCommand(version);
  return existsSync(program)
    ? undefined
    : `${program} is not installed (kustomize ${version}: ${version === '5.6' ? 'kubectl 1.33' : '../shared/tools/install-kustomize.sh'})`;
}

/** What a reference build printed. */
export interface ReferenceRun {
  ok: boolean;
  stdout: string;
  /** The error (without `error: ` / `Error: `); for a Go panic only its first line, `panic: ...`. */
  error: string;
  /** Other stderr lines, log headers removed. */
  warnings: string[];
}

/** kubectl's klog header and Go's log timestamp. */
const LOG_HEADER = /^(?:[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [^\]]+\] |\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d )/;

/** Runs `version`'s reference on `dir` with `flags`. */
export function runReference(version: KustomizeVersion, dir: string, flags: readonly string[] = []): ReferenceRun {
  const { program, args } = referenceCommand(version);
  const res = spawnSync(program, [...args, ...flags, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (res.error) throw res.error;
  const lines = res.stderr
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(LOG_HEADER, ''));
  if (res.status === 0) return { ok: true, stdout: res.stdout, error: '', warnings: lines };
  const panicAt = lines.findIndex((l) => l.startsWith('panic: '));
  const errAt = panicAt >= 0 ? panicAt : lines.findIndex((l) => /^(?:error|Error): /.test(l));
  const at = errAt >= 0 ? errAt : lines.length;
  const error =
    panicAt >= 0
      ? (lines[panicAt] as string)
      : lines
          .slice(at)
          .join('\n')
          .replace(/^(?:error|Error): /, '');
  return { ok: false, stdout: res.stdout, error, warnings: lines.slice(0, at) };
}

/**
 * Inputs on which a reference binary is known not to print what the upstream release does, by id. A case
 * marked with one takes its default-version expectation from the reference named by `asVersion` and keeps
 * the binary's own output beside it (`NAME.debian.EXT`) to show the deviation still exists.
 */
export const referenceDeviations = {
  'debian-json-patch-v5': {
    asVersion: '5.6',
    reason:
      "Debian's kustomize 5.8.1 package (the kustomize-5.8.1 reference) links github.com/evanphx/json-patch/v5 for JSON 6902 patches, where upstream kustomize v5.8.1 (and Flux 2.9) use gopkg.in/evanphx/json-patch.v4 v4.13.0, whose behaviour is v4.12.0's (kustomize v5.6.0's) but for nil-pointer fixes: on this input upstream v5.8.1 prints what v5.6.0 prints",
  },
} as const satisfies Record<string, { asVersion: KustomizeVersion; reason: string }>;

export type ReferenceDeviation = keyof typeof referenceDeviations;

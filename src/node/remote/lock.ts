/// <reference types="node" />
/**
 * The lock file (`--lock FILE`): what every remote resource resolved to, so that a later build (in CI)
 * renders the same bytes. Git repos are pinned by commit, files by the SHA-256 of their body, OCI artifacts
 * by manifest digest. Keys are URLs without credentials. The file is JSON with sorted keys; it is written
 * only when something changed, and never in frozen mode.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { RemoteFailure } from './errors.js';

/** The pins of a lock file. */
export interface LockData {
  /** `<clone URL>@<ref or HEAD>` → commit. */
  git: Record<string, { commit: string }>;
  /** File URL → SHA-256 of its body. */
  files: Record<string, { sha256: string }>;
  /** `oci://<repository>@<tag or semver or digest>` → manifest digest. */
  oci: Record<string, { digest: string }>;
}

const VERSION = 1;

function sorted<T>(rec: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export class LockFile {
  private changed = false;
  private constructor(
    readonly path: string,
    readonly data: LockData,
    /** Whether the file existed when it was read. */
    readonly existed: boolean,
  ) {}

  /** Reads the lock file; a missing file is an empty lock, a malformed one fails with `remote/lock`. */
  static read(path: string): LockFile {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT')
        return new LockFile(path, { git: {}, files: {}, oci: {} }, false);
      throw new RemoteFailure('remote/lock', `cannot read the lock file ${path}: ${(err as Error).message}`);
    }
    try {
      const raw = JSON.parse(text) as Partial<LockData> & { lockfileVersion?: number };
      if (raw.lockfileVersion !== VERSION) throw new Error(`lockfileVersion is not ${VERSION}`);
      return new LockFile(path, { git: raw.git ?? {}, files: raw.files ?? {}, oci: raw.oci ?? {} }, true);
    } catch (err) {
      throw new RemoteFailure('remote/lock', `malformed lock file ${path}: ${(err as Error).message}`);
    }
  }

  /** Sets a pin; returns whether it changed. */
  set<K extends keyof LockData>(section: K, key: string, value: LockData[K][string]): boolean {
    const old = this.data[section][key];
    if (old && JSON.stringify(old) === JSON.stringify(value)) return false;
    (this.data[section] as Record<string, unknown>)[key] = value;
    this.changed = true;
    return true;
  }

  /** Writes the file when a pin changed (atomically). */
  save(): boolean {
    if (!this.changed) return false;
    const out = {
      lockfileVersion: VERSION,
      git: sorted(this.data.git),
      files: sorted(this.data.files),
      oci: sorted(this.data.oci),
    };
    const tmp = `${this.path}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, JSON.stringify(out, null, 2) + '\n');
      renameSync(tmp, this.path);
    } catch (err) {
      throw new RemoteFailure('remote/lock', `cannot write the lock file ${this.path}: ${(err as Error).message}`);
    }
    this.changed = false;
    return true;
  }
}

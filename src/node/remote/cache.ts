/// <reference types="node" />
/**
 * The on-disk cache of remote resources, content-addressed:
 *
 *     <cache>/v1/git/<commit>[-nosub]/   the files of a commit (no .git), shared by every URL that resolves to it
 *     <cache>/v1/blobs/<sha256>          the body of a downloaded file
 *     <cache>/v1/oci/<sha256>/           the extracted layer of an OCI artifact
 *     <cache>/v1/refs/<key>.json         what a (repo, ref) resolved to, and when
 *     <cache>/v1/urls/<key>.json         what a file URL resolved to, and when
 *
 * Entries are written to `tmp/` and renamed into place, so concurrent builds never see half an entry.
 * Records name URLs without credentials; keys are hashes of those URLs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Go's os.UserCacheDir: `$XDG_CACHE_HOME` or `~/.cache` (Linux), `~/Library/Caches` (macOS), `%LocalAppData%`. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  const xdg = env.XDG_CACHE_HOME;
  return xdg !== undefined && xdg.startsWith('/') ? xdg : join(homedir(), '.cache');
}

/** The default cache directory: `$KUSTOMIZE_TS_CACHE_DIR`, else `<user cache dir>/kustomize-ts`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUSTOMIZE_TS_CACHE_DIR ?? join(userCacheDir(env), 'kustomize-ts');
}

/** What a (repo, ref) resolved to. */
export interface RefRecord {
  /** The clone URL without credentials. */
  url: string;
  ref: string;
  commit: string;
  /** A `tag` or `commit` never changes; a `branch` or `head` is asked again after the TTL. */
  kind: 'branch' | 'tag' | 'commit' | 'head';
  /** Milliseconds since the epoch. */
  fetchedAt: number;
}

/** What a file URL resolved to: a body, or the non-2xx status the server answered (kept so offline builds replay it). */
export interface UrlRecord {
  url: string;
  sha256?: string;
  status?: number;
  fetchedAt: number;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class RemoteCache {
  /** The versioned root (`<cache>/v1`). */
  readonly root: string;
  constructor(readonly dir: string) {
    this.root = join(dir, 'v1');
  }

  checkoutDir(commit: string, submodules: boolean): string {
    return join(this.root, 'git', submodules ? commit : `${commit}-nosub`);
  }

  blobPath(sha256: string): string {
    return join(this.root, 'blobs', sha256);
  }

  ociDir(digest: string): string {
    return join(this.root, 'oci', digest.replace(/^sha256:/, ''));
  }

  readRef(key: string): RefRecord | undefined {
    return this.readJson(join(this.root, 'refs', `${sha256Hex(key)}.json`)) as RefRecord | undefined;
  }

  writeRef(key: string, rec: RefRecord): void {
    this.writeJson(join(this.root, 'refs', `${sha256Hex(key)}.json`), rec);
  }

  readUrl(url: string): UrlRecord | undefined {
    const rec = this.readJson(join(this.root, 'urls', `${sha256Hex(url)}.json`)) as UrlRecord | undefined;
    if (rec?.status !== undefined) return rec;
    return rec?.sha256 !== undefined && existsSync(this.blobPath(rec.sha256)) ? rec : undefined;
  }

  writeUrl(url: string, rec: UrlRecord): void {
    this.writeJson(join(this.root, 'urls', `${sha256Hex(url)}.json`), rec);
  }

  /** Stores a body under its hash; returns the hash. */
  storeBlob(bytes: Uint8Array): string {
    const sha = sha256Hex(bytes);
    const target = this.blobPath(sha);
    if (!existsSync(target)) {
      const tmp = this.tmpFile();
      writeFileSync(tmp, bytes);
      this.install(tmp, target);
    }
    return sha;
  }

  /** A fresh directory under `tmp/`. */
  async tmpDir(prefix: string): Promise<string> {
    mkdirSync(join(this.root, 'tmp'), { recursive: true });
    return mkdtemp(join(this.root, 'tmp', prefix));
  }

  /** Moves a finished temporary entry into place (another process may have put it there first). */
  install(tmp: string, target: string): void {
    mkdirSync(join(target, '..'), { recursive: true });
    try {
      renameSync(tmp, target);
    } catch (err) {
      if (!existsSync(target)) throw err;
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  private tmpFile(): string {
    mkdirSync(join(this.root, 'tmp'), { recursive: true });
    return join(this.root, 'tmp', `f-${randomBytes(8).toString('hex')}`);
  }

  private readJson(path: string): unknown {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  private writeJson(path: string, value: unknown): void {
    const tmp = this.tmpFile();
    writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
    mkdirSync(join(path, '..'), { recursive: true });
    renameSync(tmp, path);
  }
}

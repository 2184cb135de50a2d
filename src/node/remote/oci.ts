/// <reference types="node" />
/**
 * Pulling a Flux OCI artifact (an OCIRepository's content) with the registry HTTP API (OCI distribution spec):
 * the manifest of a tag, digest or the highest tag matching a semver range (`/v2/<repo>/tags/list`), then the
 * selected layer — the first, or the first of `layerSelector.mediaType` — a tar.gz that is checked against its
 * digest and extracted into the cache. Registries that ask for a token (`WWW-Authenticate: Bearer`) get one
 * from their realm, anonymously or with the Basic credentials of `~/.docker/config.json` (`auths`; credential
 * helpers are not run). `oci://` URLs use https, or http when the OCIRepository is `insecure`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as semver from 'semver';
import { x as untar } from 'tar';
import type { RemoteCache } from './cache.js';
import { RemoteFailure } from './errors.js';
import { httpFetch, httpStatusFailure, type HttpAnswer } from './http.js';
import type { Limits } from './limits.js';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** An OCI artifact to pull. */
export interface OciTarget {
  /** `oci://host[:port]/repository`. */
  url: string;
  /** `digest`, `tag` or `semver`. */
  ref: { type: string; value: string };
  insecure: boolean;
  /** `spec.layerSelector.mediaType`, when set. */
  mediaType?: string;
}

interface Registry {
  base: string;
  host: string;
  repository: string;
}

function registryOf(t: OciTarget): Registry {
  const m = /^oci:\/\/([^/]+)\/(.+)$/.exec(t.url);
  if (!m)
    throw new RemoteFailure(
      'remote/fetch-failed',
      `invalid OCI repository URL ${t.url}: expected oci://HOST/REPOSITORY`,
    );
  const host = m[1] as string;
  return { base: `${t.insecure ? 'http' : 'https'}://${host}`, host, repository: m[2] as string };
}

/** Basic credentials for a registry host from `~/.docker/config.json` (`auths.<host>.auth`). */
function dockerAuth(host: string): string | undefined {
  const file = join(process.env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  try {
    const cfg = JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, { auth?: string }> };
    return cfg.auths?.[host]?.auth ?? cfg.auths?.[`https://${host}`]?.auth;
  } catch {
    return undefined;
  }
}

/** A GET that answers a Bearer challenge once with a token from the registry's realm. */
class RegistryClient {
  private token: string | undefined;
  constructor(
    readonly reg: Registry,
    readonly limits: Limits,
  ) {}

  async get(path: string, accept?: string): Promise<HttpAnswer> {
    const headers = (): Record<string, string> => ({
      ...(accept ? { accept } : {}),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    });
    let answer = await httpFetch(`${this.reg.base}${path}`, this.limits, headers());
    if (answer.status === 401 && this.token === undefined) {
      await this.authenticate(answer.headers.get('www-authenticate') ?? '');
      answer = await httpFetch(`${this.reg.base}${path}`, this.limits, headers());
    }
    if (answer.status < 200 || answer.status > 299) throw httpStatusFailure(answer.status);
    return answer;
  }

  private async authenticate(challenge: string): Promise<void> {
    const params = new Map<string, string>();
    for (const m of challenge.matchAll(/(\w+)="([^"]*)"/g)) params.set(m[1] as string, m[2] as string);
    const realm = params.get('realm');
    if (!/^bearer /i.test(challenge) || realm === undefined) {
      throw new RemoteFailure(
        'remote/fetch-failed',
        `registry ${this.reg.host} asks for credentials (${challenge || 'no challenge'})`,
      );
    }
    const url = new URL(realm);
    for (const k of ['service', 'scope']) {
      const v = params.get(k);
      if (v !== undefined) url.searchParams.set(k, v);
    }
    const basic = dockerAuth(this.reg.host);
    const answer = await httpFetch(url.href, this.limits, basic ? { authorization: `Basic ${basic}` } : {});
    if (answer.status < 200 || answer.status > 299) throw httpStatusFailure(answer.status);
    const body = JSON.parse(new TextDecoder().decode(answer.body)) as { token?: string; access_token?: string };
    this.token = body.token ?? body.access_token;
  }
}

/** The highest tag matching a semver range (Flux's OCIRepository `ref.semver`). */
export function highestMatching(tags: readonly string[], range: string, what: string): string {
  const r = semver.validRange(range.replace(/,/g, ' '), { loose: true });
  if (r === null) throw new RemoteFailure('remote/fetch-failed', `${what}: invalid semver range "${range}"`);
  let best: { tag: string; v: semver.SemVer } | undefined;
  for (const tag of tags) {
    const v = semver.parse(tag, { loose: true }) ?? semver.coerce(tag.match(/^v?\d+(\.\d+)?$/) ? tag : '');
    if (!v || !semver.satisfies(v, r, { loose: true })) continue;
    if (!best || semver.gt(v, best.v)) best = { tag, v };
  }
  if (!best) throw new RemoteFailure('remote/fetch-failed', `${what}: no tag matches semver range "${range}"`);
  return best.tag;
}

/** The manifest reference to pull: a digest or tag as given, or the best tag for a semver range. */
async function manifestRef(client: RegistryClient, t: OciTarget): Promise<string> {
  if (t.ref.type !== 'semver') return t.ref.value;
  const answer = await client.get(`/v2/${client.reg.repository}/tags/list`);
  const tags = (JSON.parse(new TextDecoder().decode(answer.body)) as { tags?: string[] }).tags ?? [];
  return highestMatching(tags, t.ref.value, t.url);
}

interface Manifest {
  layers?: { mediaType?: string; digest?: string }[];
}

/**
 * Pulls the artifact into the cache (unless its manifest digest is there already); returns the manifest digest
 * and the directory. `pinned`: a manifest digest to pull instead of the ref (from a lock file).
 */
export async function pullOciArtifact(
  cache: RemoteCache,
  limits: Limits,
  t: OciTarget,
  pinned?: string,
): Promise<{ digest: string; dir: string }> {
  const client = new RegistryClient(registryOf(t), limits);
  const ref = pinned ?? (await manifestRef(client, t));
  const answer = await client.get(`/v2/${client.reg.repository}/manifests/${ref}`, MANIFEST_TYPES);
  const digest =
    answer.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(answer.body).digest('hex')}`;
  const dir = cache.ociDir(digest);
  if (existsSync(dir)) return { digest, dir };
  const manifest = JSON.parse(new TextDecoder().decode(answer.body)) as Manifest;
  const layers = manifest.layers ?? [];
  const layer = t.mediaType === undefined ? layers[0] : layers.find((l) => l.mediaType === t.mediaType);
  if (!layer?.digest) {
    throw new RemoteFailure(
      'remote/fetch-failed',
      `${t.url}@${ref}: no layer${t.mediaType ? ` of media type ${t.mediaType}` : ''} in the manifest`,
    );
  }
  const blob = await client.get(`/v2/${client.reg.repository}/blobs/${layer.digest}`);
  const actual = `sha256:${createHash('sha256').update(blob.body).digest('hex')}`;
  if (actual !== layer.digest) {
    throw new RemoteFailure('remote/fetch-failed', `${t.url}@${ref}: layer ${layer.digest} has digest ${actual}`);
  }
  const tmp = await cache.tmpDir('oci-');
  mkdirSync(tmp, { recursive: true });
  try {
    await pipeline(Readable.from([blob.body]), untar({ cwd: tmp, strict: true, preserveOwner: false }));
  } catch (err) {
    throw new RemoteFailure(
      'remote/fetch-failed',
      `${t.url}@${ref}: layer ${layer.digest} is not a tar.gz: ${(err as Error).message}`,
    );
  }
  cache.install(tmp, dir);
  return { digest, dir };
}

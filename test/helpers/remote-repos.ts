/**
 * Local git repositories and a local HTTP server for the remote-resource tests (no internet):
 *
 * - {@link makeRepos} creates the repos of test/remote/repos.ts under a root, with fixed authors and dates so
 *   every commit has the same SHA on every machine;
 * - {@link startServer} serves them with git's smart HTTP protocol (`git http-backend` behind node:http, under
 *   `/git/`), plain files (`/files/`), and misbehaving endpoints (garbage, huge and endless bodies, redirects,
 *   error statuses, a fake git server), and counts the requests.
 */
/// <reference types="node" />
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { REPOS, FILES } from '../remote/repos.js';

/** Environment for git in the tests: fixed identity and dates, file:// submodules allowed. */
export function gitTestEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'kustomize-ts',
    GIT_AUTHOR_EMAIL: 'test@kustomize-ts.invalid',
    GIT_COMMITTER_NAME: 'kustomize-ts',
    GIT_COMMITTER_EMAIL: 'test@kustomize-ts.invalid',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'protocol.file.allow',
    GIT_CONFIG_VALUE_0: 'always',
    GIT_CONFIG_KEY_1: 'init.defaultBranch',
    GIT_CONFIG_VALUE_1: 'main',
    LC_ALL: 'C',
  };
}

/** Whether the `git` program is there (the remote tests need it). */
export function hasGit(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function writeTree(dir: string, files: Record<string, string>, root: string): void {
  for (const [p, text] of Object.entries(files)) {
    const f = join(dir, p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, text.replaceAll('$ROOT', root));
  }
}

/** Creates every repo of test/remote/repos.ts (and the served files) under `root`; returns commit SHAs by `repo@ref`. */
export function makeRepos(root: string): Record<string, string> {
  const env = gitTestEnv();
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const shas: Record<string, string> = {};
  for (const repo of REPOS) {
    const dir = join(root, repo.name);
    mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q');
    for (const step of repo.steps) {
      if (step.branch) git(dir, 'checkout', '-q', '-b', step.branch);
      if (step.checkout) git(dir, 'checkout', '-q', step.checkout);
      if (step.files) writeTree(dir, step.files, root);
      if (step.submodule)
        git(dir, 'submodule', '-q', 'add', step.submodule.url.replaceAll('$ROOT', root), step.submodule.path);
      if (step.commit) {
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '-m', step.commit);
      }
      if (step.tag) git(dir, 'tag', step.tag);
    }
    git(dir, 'checkout', '-q', 'main');
    for (const ref of git(dir, 'for-each-ref', '--format=%(refname:short)').split('\n')) {
      shas[`${repo.name}@${ref}`] = git(dir, 'rev-parse', `${ref}^{commit}`);
    }
    // http-backend serves a repo without update-server-info for dumb clients; smart HTTP needs nothing more.
  }
  writeTree(join(root, 'files'), FILES, root);
  return shas;
}

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Requests served so far, by path prefix (`/git/`, `/files/`, ...). */
  requests: string[];
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** git http-backend as a CGI program for one request. */
async function gitBackend(root: string, req: IncomingMessage, res: ServerResponse, path: string, query: string) {
  const input = await body(req);
  const env: NodeJS.ProcessEnv = {
    ...gitTestEnv(),
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: path,
    QUERY_STRING: query,
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    CONTENT_LENGTH: String(input.length),
    REMOTE_ADDR: '127.0.0.1',
    GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
    HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
  };
  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  // http-backend may answer and exit before reading all of a request body it does not need (EPIPE).
  child.stdin.on('error', () => undefined);
  child.stdin.end(input);
  const out = await body(child.stdout as unknown as IncomingMessage);
  const sep = out.indexOf('\r\n\r\n') >= 0 ? out.indexOf('\r\n\r\n') : out.indexOf('\n\n');
  const sepLen = out.indexOf('\r\n\r\n') >= 0 ? 4 : 2;
  const head = out.subarray(0, sep).toString('utf8');
  let status = 200;
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    const k = line.slice(0, i).trim();
    const v = line.slice(i + 1).trim();
    if (k.toLowerCase() === 'status') status = parseInt(v, 10);
    else if (k !== '') res.setHeader(k, v);
  }
  res.statusCode = status;
  res.end(out.subarray(sep + sepLen));
}

/** Starts the test server on 127.0.0.1 (a free port), serving `root`. */
export async function startServer(root: string): Promise<TestServer> {
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push(u.pathname);
    void route(root, req, res, u, hanging).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(root: string, req: IncomingMessage, res: ServerResponse, u: URL, hanging: Set<ServerResponse>) {
  const p = u.pathname;
  if (p.startsWith('/git/')) return gitBackend(root, req, res, p.slice('/git'.length), u.search.slice(1));
  if (p.startsWith('/files/')) {
    const f = join(root, 'files', p.slice('/files/'.length));
    if (!existsSync(f)) {
      res.statusCode = 404;
      return res.end('404 page not found\n');
    }
    return res.end(readFileSync(f));
  }
  if (p.startsWith('/slow')) {
    hanging.add(res);
    return undefined;
  }
  switch (p) {
    case '/garbage.yaml':
      return res.end(Buffer.from([0xff, 0xfe, 0x00, 0x3a, 0x7b, 0x5b, 0x0a, 0x2d, 0x20, 0x7d, 0x3a, 0x3a]));
    case '/huge.yaml':
      // A body far above the test's size limit, without Content-Length.
      for (let i = 0; i < 256; i++) res.write(`# ${'x'.repeat(1020)}\n`);
      return res.end();
    case '/huge-declared.yaml':
      res.setHeader('content-length', String(1 << 30));
      return res.end('a: b\n');
    case '/redirect/same':
      res.statusCode = 302;
      res.setHeader('location', '/files/pod.yaml');
      return res.end();
    case '/redirect/scheme':
      res.statusCode = 302;
      res.setHeader('location', 'https://127.0.0.1:1/files/pod.yaml');
      return res.end();
    case '/redirect/loop':
      res.statusCode = 302;
      res.setHeader('location', '/redirect/loop');
      return res.end();
    case '/status/500':
      res.statusCode = 500;
      return res.end('boom');
    case '/fake/repo.git/info/refs':
      res.setHeader('content-type', 'application/x-git-upload-pack-advertisement');
      return res.end('this is not a git server\n');
    default:
      res.statusCode = 404;
      return res.end('404 page not found\n');
  }
}

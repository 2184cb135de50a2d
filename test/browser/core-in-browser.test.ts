/**
 * The browser proof: the "." entry, bundled for the browser, loaded in headless Chromium from a local page
 * with an in-memory file system, renders every kustomization of the seed example, renders its clusters as Flux
 * does, and lints it, exactly as Node does.
 * Runs when Chromium is installed (Debian's `chromium`; .ci/run installs it) and says it skipped otherwise.
 */
/// <reference types="node" />
import { build as esbuild } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { lint } from '../../src/api/lint.js';
import { renderFleet } from '../../src/flux/fleet.js';
import { memoryFs } from '../../src/fs/memory.js';
import { kustomizationDirs, readTreeIntoMemory } from '../helpers/fixtures.js';
import { repoRoot } from '../helpers/shared.js';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.js';

const fixtureRoot = join(repoRoot, 'fixtures/fleet-infra');

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>kustomize-ts</title>
<script src="/kustomize-ts.js"></script></head><body><pre id="out">loading</pre></body></html>`;

if (!chromiumPath) {
  describe('core in a browser', () => {
    it.skip('skipped: no Chromium found (install Debian package `chromium` or set CHROMIUM_PATH)', () => {});
  });
  console.warn('browser test skipped: no Chromium found (install Debian package `chromium` or set CHROMIUM_PATH)');
} else {
  describe('core in a browser (headless Chromium)', () => {
    let server: Server | undefined;
    let base = '';
    const files = readTreeIntoMemory(fixtureRoot);
    const dirs = kustomizationDirs(fixtureRoot);

    beforeAll(async () => {
      const bundle = await esbuild({
        entryPoints: [join(repoRoot, 'src/index.ts')],
        bundle: true,
        platform: 'browser',
        format: 'iife',
        globalName: 'KustomizeTs',
        write: false,
        logLevel: 'silent',
      });
      const js = bundle.outputFiles[0]?.text ?? '';
      const started = createServer((req, res) => {
        if (req.url === '/kustomize-ts.js') {
          res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
        } else if (req.url === '/files.json') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(files));
        } else res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      });
      server = started;
      await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    it('renders every kustomization and cluster of the seed example, and lints it, identically to Node', async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: chromiumPath as string, args: chromiumArgs });
      try {
        const page = await browser.newPage();
        await page.goto(base + '/');
        const inBrowser = await page.evaluate(async (dirList: string[]) => {
          const files = (await (await fetch('/files.json')).json()) as Record<string, string>;
          const k = (globalThis as unknown as { KustomizeTs: typeof import('../../src/index.js') }).KustomizeTs;
          const fs = k.memoryFs(files);
          const out: Record<string, string> = {};
          for (const d of dirList) {
            const r = k.build('/repo/' + d, { fs });
            out[d] = r.ok ? r.toYaml() : 'ERROR ' + r.diagnostics.map((x) => x.message).join('; ');
          }
          const clusters: Record<string, string[]> = {};
          for (const cluster of ['clusters/staging', 'clusters/production']) {
            const fleet = k.renderFleet('/repo', { fs, cluster });
            clusters[cluster] = fleet.kustomizations.map((x) => `${x.id} ${x.status} ${x.objects.length}`);
          }
          const lint = k.lint('/repo', { fs }).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
          return {
            out,
            clusters,
            lint,
            hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
          };
        }, dirs);
        expect(inBrowser.hasProcess).toBe(false);
        const fs = memoryFs(files);
        for (const d of dirs) {
          const r = build('/repo/' + d, { fs });
          const node = r.ok ? r.toYaml() : 'ERROR ' + r.diagnostics.map((x) => x.message).join('; ');
          expect(inBrowser.out[d], d).toBe(node);
        }
        expect(Object.keys(inBrowser.out)).toHaveLength(dirs.length);
        for (const cluster of ['clusters/staging', 'clusters/production']) {
          const fleet = renderFleet('/repo', { fs, cluster });
          expect(inBrowser.clusters[cluster]).toEqual(
            fleet.kustomizations.map((x) => `${x.id} ${x.status} ${x.objects.length}`),
          );
        }
        const nodeLint = lint('/repo', { fs }).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
        expect(inBrowser.lint).toEqual(nodeLint);
        expect(nodeLint.length).toBeGreaterThan(0);
      } finally {
        await browser.close();
      }
    });
  });
}

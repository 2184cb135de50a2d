/**
 * Precompiled (ajv standalone) validators: the same findings as validators compiled at run time, and no
 * `new Function` — in Node with `Function` disabled, and in headless Chromium under a CSP without
 * 'unsafe-eval' (when Chromium is installed).
 */
/// <reference types="node" />
import { build as esbuild } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standaloneModule } from '../scripts/gen-standalone.js';
import { validate } from '../../src/api/validate.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { PrecompiledValidators } from '../../src/validate/ajv.js';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.js';
import { dedent, objectsFromYaml } from '../helpers/objects.js';
import { repoRoot } from '../helpers/shared.js';

const KINDS = [
  'apps/v1/Deployment',
  'v1/Service',
  'v1/ConfigMap',
  'v1/Secret',
  'kustomize.toolkit.fluxcd.io/v1/Kustomization',
];

const YAML = dedent(`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, labelz: {a: b}}
  spec:
    replicas: "3"
    selector: {matchLabels: {app: web}}
    template:
      spec:
        containers:
          - name: web
            image: nginx
            resources: {limits: {cpu: lots}}
            ports: [{containerPort: 80, protocol: TCP}]
  ---
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec: {ports: [{port: 80, targetPort: 8.5}]}
  ---
  apiVersion: v1
  kind: Secret
  metadata: {name: s}
  data: {a: not base64}
  ---
  apiVersion: kustomize.toolkit.fluxcd.io/v1
  kind: Kustomization
  metadata: {name: apps, namespace: flux-system}
  spec: {interval: 5m, prun: true, sourceRef: {kind: GitRepository, name: flux-system}}
`);

function short(d: Diagnostic): string {
  return `${d.code} ${d.line}:${d.column} ${d.path}`;
}

async function loadPrecompiled(dir: string, strict: boolean): Promise<PrecompiledValidators> {
  const file = join(dir, `validators${strict ? '-strict' : ''}.mjs`);
  writeFileSync(file, standaloneModule({ strict, kinds: KINDS }));
  const mod = (await import(pathToFileURL(file).href)) as { precompiled: PrecompiledValidators };
  return mod.precompiled;
}

describe('precompiled (standalone) validators', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kts-standalone-'));
  const pre: Partial<Record<'plain' | 'strict', PrecompiledValidators>> = {};

  beforeAll(async () => {
    pre.plain = await loadPrecompiled(dir, false);
    pre.strict = await loadPrecompiled(dir, true);
  });

  for (const strict of [false, true]) {
    it(`give the same findings as run-time compilation (${strict ? 'strict' : 'plain'})`, () => {
      const objects = objectsFromYaml(YAML);
      const precompiled = pre[strict ? 'strict' : 'plain'] as PrecompiledValidators;
      const compiled = validate(objects, { strict }).diagnostics.map(short);
      const fromCode = validate(objects, { precompiled }).diagnostics.map(short);
      expect(compiled).toHaveLength(strict ? 7 : 5);
      expect(fromCode).toEqual(compiled);
    });
  }

  it('need no `new Function`; a CRD schema that would need it is reported as not compiled', () => {
    const objects = objectsFromYaml(
      YAML +
        dedent(`
          ---
          apiVersion: apiextensions.k8s.io/v1
          kind: CustomResourceDefinition
          metadata: {name: gadgets.example.com}
          spec:
            group: example.com
            scope: Namespaced
            names: {kind: Gadget, plural: gadgets}
            versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]
          ---
          apiVersion: example.com/v1
          kind: Gadget
          metadata: {name: g}
        `),
    );
    const real = globalThis.Function;
    let calls = 0;
    const blocked = function blockedFunction(): never {
      calls++;
      throw new EvalError('Function is disabled in this test');
    };
    // A fresh precompiled set: nothing cached from the tests above.
    const precompiled: PrecompiledValidators = { ...(pre.plain as PrecompiledValidators) };
    let result: ReturnType<typeof validate>;
    (globalThis as { Function: unknown }).Function = blocked;
    try {
      result = validate(objects, { precompiled, rules: { 'schema/invalid': 'off', 'schema/deprecated-api': 'off' } });
    } finally {
      (globalThis as { Function: unknown }).Function = real;
    }
    // The CRD object itself (apiextensions.k8s.io/v1) is not in the precompiled subset either.
    expect(result.diagnostics.map((d) => `${d.code} ${d.message.split(':')[0]}`)).toEqual([
      'schema/unknown-kind CustomResourceDefinition gadgets.example.com',
      'schema/unknown-kind Gadget g',
    ]);
    expect(result.diagnostics[1]?.message).toContain('could not be compiled');
    expect(calls).toBeGreaterThan(0);
    expect(result.stats).toMatchObject({ invalid: 4, unknown: 2 });
  });
});

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>csp</title>
<script src="/core.js"></script><script src="/validators.js"></script><script src="/run.js"></script></head><body></body></html>`;

/** Runs as a page script (subject to the page's CSP, unlike code evaluated through the DevTools protocol). */
function runScript(yaml: string): string {
  return `(() => {
  const k = globalThis.KustomizeTs;
  let evalBlocked = false;
  try { new Function('return 1')(); } catch { evalBlocked = true; }
  const objects = k.parseYamlStream(${JSON.stringify(yaml)}, { file: '/o.yaml' }).documents.map((d) => d.value);
  const list = (r) => r.diagnostics.map((d) => d.code + ' ' + d.path).sort();
  globalThis.__result = {
    evalBlocked,
    pre: list(k.validate(objects, { precompiled: globalThis.KtsValidators.precompiled })),
    compiled: list(k.validate(objects)),
  };
})();`;
}

if (!chromiumPath) {
  describe('precompiled validators in a browser with a strict CSP', () => {
    it.skip('skipped: no Chromium found (install Debian package `chromium` or set CHROMIUM_PATH)', () => {});
  });
} else {
  describe('precompiled validators in a browser with a strict CSP (headless Chromium)', () => {
    let server: Server | undefined;
    let base = '';
    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kts-csp-'));
      const validatorsFile = join(dir, 'validators.mjs');
      writeFileSync(validatorsFile, standaloneModule({ strict: false, kinds: KINDS }));
      const bundle = async (entry: string, globalName: string): Promise<string> => {
        const r = await esbuild({
          entryPoints: [entry],
          bundle: true,
          platform: 'browser',
          format: 'iife',
          globalName,
          write: false,
          logLevel: 'silent',
        });
        return r.outputFiles[0]?.text ?? '';
      };
      const core = await bundle(join(repoRoot, 'src/index.ts'), 'KustomizeTs');
      const validators = await bundle(validatorsFile, 'KtsValidators');
      const started = createServer((req, res) => {
        const csp = { 'content-security-policy': "default-src 'self'; script-src 'self'" };
        if (req.url === '/core.js') res.writeHead(200, { 'content-type': 'text/javascript', ...csp }).end(core);
        else if (req.url === '/validators.js')
          res.writeHead(200, { 'content-type': 'text/javascript', ...csp }).end(validators);
        else if (req.url === '/run.js')
          res.writeHead(200, { 'content-type': 'text/javascript', ...csp }).end(runScript(YAML));
        else res.writeHead(200, { 'content-type': 'text/html', ...csp }).end(PAGE);
      });
      server = started;
      await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(started.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

    it('validates with precompiled validators where `new Function` is blocked, as Node does', async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: chromiumPath as string, args: chromiumArgs });
      try {
        const page = await browser.newPage();
        await page.goto(base + '/');
        const out = (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as {
          evalBlocked: boolean;
          pre: string[];
          compiled: string[];
        };
        expect(out.evalBlocked).toBe(true);
        const node = validate(objectsFromYaml(YAML))
          .diagnostics.map((d) => `${d.code} ${d.path}`)
          .sort();
        expect(out.pre).toEqual(node);
        // Without precompiled validators nothing can be compiled under this CSP: every kind is reported as such.
        expect(out.compiled).toEqual([
          'schema/unknown-kind /kind',
          'schema/unknown-kind /kind',
          'schema/unknown-kind /kind',
          'schema/unknown-kind /kind',
        ]);
      } finally {
        await browser.close();
      }
    });
  });
}

describe('kustomize-ts precompile', () => {
  it('writes a module and its types that validate like run-time compilation', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(path.join(tmpdir(), 'kts-pre-'));
    const out = path.join(dir, 'validators.js');
    let err = '';
    const code = await main(['precompile', '-o', out, '--kinds', 'apps/v1/Deployment,v1/Secret'], {
      out: () => {},
      err: (t) => (err += t),
      errIsTty: false,
      color: false,
    });
    expect(code).toBe(0);
    expect(err).toContain('2 kinds');
    expect(readFileSync(path.join(dir, 'validators.d.ts'), 'utf8')).toContain(
      'export declare const precompiled: PrecompiledValidators',
    );
    const mod = (await import(pathToFileURL(out).href)) as {
      precompiled: import('../../src/validate/ajv.js').PrecompiledValidators;
    };
    const { validate } = await import('../../src/api/validate.js');
    const objects = [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'not base64!' } }];
    expect(validate(objects, { precompiled: mod.precompiled }).diagnostics.map((d) => d.code)).toEqual(
      validate(objects).diagnostics.map((d) => d.code),
    );
    expect(
      await main(['precompile', '-o', out, '--kinds', 'v9/Nope'], {
        out: () => {},
        err: () => {},
        errIsTty: false,
        color: false,
      }),
    ).toBe(1);
  });
});

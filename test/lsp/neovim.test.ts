/// <reference types="node" />
/**
 * Neovim as the editor: the Lua setup of docs/editors.md (taken from the page, so the docs cannot drift) runs
 * in `nvim --headless --clean` with `kustomize-ts` on PATH (a shim for the package's bin), on a temporary copy
 * of fixtures/fleet-infra. The harness below the setup opens a kustomization, waits for the client, asks for a
 * hover, runs `:KustomizeTsRender`, types an error, and writes what Neovim holds (vim.diagnostic.get) to a
 * file; then restores the line and waits for the empty list. Skipped, saying why, when nvim is not installed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setupBlock } from '../helpers/editor-docs.js';
import { CLI, SERVER } from '../helpers/lsp-client.js';
import { repoRoot } from '../helpers/shared.js';

const TIMEOUT = 180_000;

/** The first line of `nvim --version`, or undefined without nvim. */
function nvimVersion(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** Test-only Lua, appended to the documented setup: drives the buffer and reports as JSON. */
const HARNESS = String.raw`
local p = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('KTS_PARAMS')), '\n'))
local report = {}
local function wait(what, cond)
  if report.timeout == nil and not vim.wait(60000, cond, 50) then report.timeout = what end
  return report.timeout == nil
end
local function client()
  for _, c in pairs(vim.lsp.buf_get_clients(0)) do
    if c.initialized then return c end
  end
end
local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message })
  end
  return out
end
vim.cmd('edit ' .. vim.fn.fnameescape(p.file))
local buf = vim.api.nvim_get_current_buf()
if wait('the client', function() return client() ~= nil end) then
  local c = client()
  report.client = { name = c.name, cmd = c.config.cmd, root_dir = c.config.root_dir }
  report.initial = diagnostics()
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
    { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = p.hover }, 60000)
  for _, r in pairs(hover or {}) do report.hover = r.result and r.result.contents.value end
  vim.cmd('KustomizeTsRender')
  if wait('the render', function() return vim.api.nvim_get_current_buf() ~= buf end) then
    report.render = { name = vim.api.nvim_buf_get_name(0), filetype = vim.bo.filetype,
      text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), '\n') }
  end
  vim.api.nvim_set_current_buf(buf)
  local original = vim.api.nvim_buf_get_lines(buf, p.line, p.line + 1, true)[1]
  vim.api.nvim_buf_set_lines(buf, p.line, p.line + 1, true, { p.broken })
  if wait('the diagnostic', function() return #vim.diagnostic.get(buf) > 0 end) then report.broken = diagnostics() end
  vim.api.nvim_buf_set_lines(buf, p.line, p.line + 1, true, { original })
  if wait('the fix', function() return #vim.diagnostic.get(buf) == 0 end) then report.fixed = diagnostics() end
end
vim.fn.writefile({ vim.fn.json_encode(report) }, p.out)
vim.cmd('qa!')
`;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  code: string;
  source: string;
  message: string;
}

interface Report {
  timeout?: string;
  client?: { name: string; cmd: string[]; root_dir: string };
  initial?: NvimDiagnostic[];
  hover?: string;
  render?: { name: string; filetype: string; text: string };
  broken?: NvimDiagnostic[];
  fixed?: NvimDiagnostic[];
}

const version = nvimVersion();

describe('Neovim with the setup of docs/editors.md', () => {
  if (version === undefined) {
    it.skip('skipped: nvim is not installed (apt-get install neovim; .ci/run installs it)', () => {});
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'kts-nvim-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(
    `${version}: attaches the server, and reads back a typed error's diagnostic, a hover and a render`,
    () => {
      // The repository (with a .git marker for the documented root finder), a kustomize-ts on PATH, the config.
      const root = join(work, 'repo');
      cpSync(join(repoRoot, 'fixtures/fleet-infra'), root, { recursive: true });
      mkdirSync(join(root, '.git'));
      const bin = join(work, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, SERVER.command), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
      chmodSync(join(bin, SERVER.command), 0o755);
      const file = join(root, 'apps/production/kustomization.yaml');
      const lines = readFileSync(file, 'utf8').split('\n');
      const line = lines.indexOf('  - ../base/redis');
      const out = join(work, 'report.json');
      const params = { file, out, line, broken: '  - ../base/redis-typo', hover: { line, character: 6 } };
      writeFileSync(join(work, 'params.json'), JSON.stringify(params));
      writeFileSync(join(work, 'init.lua'), `${setupBlock('neovim').code}\n${HARNESS}`);

      const xdg = join(work, 'xdg');
      const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(work, 'init.lua')}`], {
        cwd: work,
        encoding: 'utf8',
        timeout: TIMEOUT - 10_000,
        env: {
          ...process.env,
          PATH: `${bin}:${process.env.PATH ?? ''}`,
          KTS_PARAMS: join(work, 'params.json'),
          XDG_CONFIG_HOME: join(xdg, 'config'),
          XDG_DATA_HOME: join(xdg, 'data'),
          XDG_STATE_HOME: join(xdg, 'state'),
          XDG_CACHE_HOME: join(xdg, 'cache'),
        },
      });
      expect([run.status, run.stderr]).toEqual([0, '']);
      const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
      expect(report.timeout).toBeUndefined();
      // The documented client: the command and arguments, rooted at the repository (found by its .git).
      expect(report.client).toEqual({ name: 'kustomize-ts', cmd: [SERVER.command, ...SERVER.args], root_dir: root });
      expect(report.initial).toEqual([]);
      expect(report.hover).toContain('**../base/redis** contributes 2 objects');
      expect(report.hover).toContain('- Deployment production/redis (clusters/production)');
      expect(report.render).toMatchObject({ name: 'kustomize-ts://apps/production', filetype: 'yaml' });
      expect(report.render?.text).toContain('  namespace: production\nspec:\n  replicas: 5\n');
      // The error at the entry (0-based line and columns, as vim.diagnostic holds them), Error severity.
      const col = params.broken.indexOf('../');
      expect(report.broken?.map((d) => [d.code, d.severity, d.source, d.lnum, d.col, d.end_lnum, d.end_col])).toEqual([
        ['kustomize/build-error', 1, 'kustomize-ts', line, col, line, col + '../base/redis-typo'.length],
      ]);
      expect(report.broken?.[0]?.message).toContain("accumulating resources from '../base/redis-typo'");
      expect(report.fixed).toEqual([]);
    },
    TIMEOUT,
  );
});

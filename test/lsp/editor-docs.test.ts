/// <reference types="node" />
/**
 * The editor setups of docs/editors.md start the server exactly as the tests do (the package's `kustomize-ts`
 * bin with `lsp --stdio`, test/helpers/lsp-client.ts `SERVER`), and parse: the VS Code block as TypeScript, the
 * Helix and Zed blocks as TOML and JSON. The Neovim block is also run in a real Neovim (neovim.test.ts); the
 * others are checked here only.
 */
import { parse as parseToml } from 'smol-toml';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { setupBlock, setupBlocks } from '../helpers/editor-docs.js';
import { SERVER } from '../helpers/lsp-client.js';

const server = [SERVER.command, ...SERVER.args];

/** The properties of the first object literal with a `command` property, as source text by name. */
function serverOptions(code: string): Map<string, ts.Expression> {
  const sf = ts.createSourceFile('extension.ts', code, ts.ScriptTarget.Latest, true);
  let found: Map<string, ts.Expression> | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isObjectLiteralExpression(n)) {
      const props = new Map<string, ts.Expression>();
      for (const p of n.properties) if (ts.isPropertyAssignment(p)) props.set(p.name.getText(sf), p.initializer);
      if (props.has('command')) found = props;
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return found ?? new Map<string, ts.Expression>();
}

/** A string literal, or the string literals of an array literal. */
function strings(e: ts.Expression | undefined): string | string[] | undefined {
  if (e && ts.isStringLiteral(e)) return e.text;
  if (e && ts.isArrayLiteralExpression(e)) return e.elements.map((x) => (ts.isStringLiteral(x) ? x.text : '?'));
  return undefined;
}

/** A value at `path` of parsed TOML or JSON. */
function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );
}

describe('the editor setups of docs/editors.md', () => {
  it('has a setup for VS Code, Neovim, Helix and Zed', () => {
    expect([...setupBlocks()].map(([name, b]) => [name, b.lang])).toEqual([
      ['vscode', 'ts'],
      ['neovim', 'lua'],
      ['helix', 'toml'],
      ['zed-extension', 'toml'],
      ['zed-rust', 'rust'],
      ['zed-settings', 'json'],
    ]);
  });

  it('VS Code: parses as TypeScript, and its server options are the command and arguments, with no transport', () => {
    const { code } = setupBlock('vscode');
    const out = ts.transpileModule(code, {
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    expect(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    const options = serverOptions(code);
    expect([...options.keys()]).toEqual(['command', 'args']);
    expect([strings(options.get('command')), strings(options.get('args'))]).toEqual([SERVER.command, SERVER.args]);
  });

  it('Neovim: the client command is the command and arguments', () => {
    const cmds = [...setupBlock('neovim').code.matchAll(/\bcmd = \{([^}]*)\}/g)].map((m) =>
      [...(m[1] ?? '').matchAll(/'([^']*)'/g)].map((s) => s[1]),
    );
    expect(cmds).toEqual([server]);
  });

  it('Helix: parses as TOML, declares the server with the command and arguments, and runs it on YAML', () => {
    const toml = parseToml(setupBlock('helix').code);
    expect(at(toml, 'language-server', 'kustomize-ts')).toEqual({ command: SERVER.command, args: SERVER.args });
    expect(at(toml, 'language')).toEqual([
      { name: 'yaml', 'language-servers': ['yaml-language-server', 'kustomize-ts'] },
    ]);
  });

  it('Zed: the extension manifest parses and offers the server for YAML', () => {
    const toml = parseToml(setupBlock('zed-extension').code);
    expect(at(toml, 'id')).toBe('kustomize-ts');
    expect(at(toml, 'language_servers', 'kustomize-ts')).toEqual({ name: 'kustomize-ts', languages: ['YAML'] });
  });

  it('Zed: the extension runs the command found on PATH with the arguments', () => {
    const { code } = setupBlock('zed-rust');
    expect([...code.matchAll(/worktree\.which\("([^"]*)"\)/g)].map((m) => m[1])).toEqual([SERVER.command]);
    const args = [...code.matchAll(/args: vec!\[([^\]]*)\]/g)].map((m) =>
      [...(m[1] ?? '').matchAll(/"([^"]*)"\.into\(\)/g)].map((s) => s[1]),
    );
    expect(args).toEqual([SERVER.args]);
    expect(code).toContain('zed::register_extension!(KustomizeTs);');
  });

  it('Zed: the settings parse as JSON and run the server on YAML files', () => {
    const settings: unknown = JSON.parse(setupBlock('zed-settings').code);
    expect(at(settings, 'languages', 'YAML', 'language_servers')).toEqual(['kustomize-ts', '...']);
  });
});

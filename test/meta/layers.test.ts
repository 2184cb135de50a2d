/**
 * Layers point one way: a module of src/ imports only from its own folder or from folders of a lower layer
 * (imports of types count too). The table is the one docs/architecture.md shows; a new folder needs a row.
 */
/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.js';

/** Folders of src/ by layer, lowest first. `index.ts` at the top of src/ is the package entry, above all. */
export const LAYERS: readonly (readonly string[])[] = [
  ['fs'],
  ['diagnostics'],
  ['yaml'],
  ['resources', 'kustomization'],
  ['selector', 'fieldspecs'],
  ['schema'],
  ['target'],
  ['generators'],
  ['transformers'],
  ['build'],
  ['helm'],
  ['flux', 'validate'],
  ['lint'],
  ['diff', 'config'],
  ['api'],
  ['lsp'],
  ['node'],
  ['cli', 'vitest', '.'],
];

const src = join(repoRoot, 'src');

function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

function folderOf(file: string): string {
  const rel = relative(src, file);
  return rel.includes('/') ? (rel.split('/')[0] ?? '.') : '.';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative module specifiers of a file: imports, `export … from` and dynamic `import()`. */
function relativeImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) out.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.filter((s) => s.startsWith('.'));
}

interface Edge {
  from: string;
  to: string;
}

function edges(): Edge[] {
  return sourceFiles(src).flatMap((file) =>
    relativeImports(file).map((spec) => ({
      from: relative(src, file),
      to: relative(src, resolve(dirname(file), spec)).replace(/\.js$/, '.ts'),
    })),
  );
}

describe('import direction', () => {
  const all = edges();

  it('places every folder of src/ in a layer', () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory());
    expect(folders.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('imports only from the same folder or a lower layer', () => {
    const upward = all
      .filter(({ from, to }) => {
        const a = folderOf(join(src, from));
        const b = folderOf(join(src, to));
        return a !== b && layerOf(b) >= layerOf(a);
      })
      .map(({ from, to }) => `${from} -> ${to}`);
    expect(upward).toEqual([]);
  });

  it('keeps node:* out of the core (only src/node and src/cli use it)', () => {
    const nodeUsers = sourceFiles(src)
      .filter((file) => /from ['"]node:/.test(readFileSync(file, 'utf8')))
      .map((file) => folderOf(file))
      .filter((folder) => folder !== 'node' && folder !== 'cli' && folder !== 'vitest');
    expect(nodeUsers).toEqual([]);
  });

  it('keeps api/ to re-exports and composition (each file under 80 lines)', () => {
    const api = sourceFiles(join(src, 'api'));
    const long = api.filter((file) => readFileSync(file, 'utf8').split('\n').length > 80);
    expect(long.map((f) => relative(src, f))).toEqual([]);
  });

  it('docs/architecture.md names every folder of src/', () => {
    const doc = readFileSync(join(repoRoot, 'docs/architecture.md'), 'utf8');
    const folders = LAYERS.flat().filter((f) => f !== '.');
    expect(folders.filter((f) => !doc.includes(`src/${f}/`))).toEqual([]);
  });
});

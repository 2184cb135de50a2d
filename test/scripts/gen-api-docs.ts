/**
 * Generates docs/api.md from the TSDoc of the published entries (src/index.ts, src/node/index.ts,
 * src/vitest/index.ts) with the TypeScript compiler API: every exported function, class, interface, type
 * and constant, with its signature and its doc comment (and the doc comments of interface members).
 *
 *   npx tsx test/scripts/gen-api-docs.ts [--check]
 */
/// <reference types="node" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './shared.js';

const entries: { name: string; file: string }[] = [
  { name: 'kustomize-ts', file: 'src/index.ts' },
  { name: 'kustomize-ts/node', file: 'src/node/index.ts' },
  { name: 'kustomize-ts/vitest', file: 'src/vitest/index.ts' },
];

function docOf(checker: ts.TypeChecker, sym: ts.Symbol): string {
  // An unresolved `{@link name}` comes back as `{@link name }`: drop that space.
  const text = ts
    .displayPartsToString(sym.getDocumentationComment(checker))
    .trim()
    .replace(/\{@link (\S+) \}/g, '{@link $1}');
  const tags = sym
    .getJsDocTags(checker)
    .filter((t) => t.name === 'default' || t.name === 'defaultValue')
    .map((t) => `Default: ${ts.displayPartsToString(t.text ?? [])}`);
  return [text, ...tags].filter(Boolean).join('\n\n');
}

function declText(decl: ts.Declaration): string {
  const sf = decl.getSourceFile();
  if (ts.isFunctionDeclaration(decl)) {
    const body = decl.body ? decl.body.getStart(sf) : decl.getEnd();
    return sf.text
      .slice(decl.getStart(sf), body)
      .replace(/\s+$/, '')
      .replace(/^export\s+/, '');
  }
  if (ts.isClassDeclaration(decl)) return `class ${decl.name?.text ?? ''}`;
  if (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl) || ts.isEnumDeclaration(decl)) {
    return decl
      .getText(sf)
      .replace(/^export\s+/, '')
      .replace(/\/\*\*[\s\S]*?\*\/\s*/g, '');
  }
  if (ts.isVariableDeclaration(decl)) {
    const type = decl.type ? `: ${decl.type.getText(sf)}` : '';
    return `const ${decl.name.getText(sf)}${type}`;
  }
  return decl.getText(sf).split('\n')[0] ?? '';
}

/** The doc comment on an export statement along the alias chain (`export * as ns from ...` has no other place for one). */
function exportDoc(checker: ts.TypeChecker, ex: ts.Symbol): string {
  for (let sym: ts.Symbol | undefined = ex; sym !== undefined; ) {
    const decl = sym.declarations?.[0];
    const node = decl && ts.isExportDeclaration(decl) ? decl : decl?.parent;
    const doc =
      node === undefined
        ? ''
        : ts
            .getJSDocCommentsAndTags(node)
            .map((d) => (ts.isJSDoc(d) ? (ts.getTextOfJSDocComment(d.comment) ?? '') : ''))
            .join('\n')
            .trim();
    if (doc !== '') return doc;
    sym = sym.flags & ts.SymbolFlags.Alias ? checker.getImmediateAliasedSymbol(sym) : undefined;
  }
  return '';
}

/** One export of a published entry: its declaration and doc comment. */
interface ApiItem {
  entry: string;
  name: string;
  decl: string;
  doc: string;
}

/** Every export of the published entries, by entry then name. */
export function apiItems(): ApiItem[] {
  const program = ts.createProgram(
    entries.map((e) => join(repoRoot, e.file)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
  );
  const checker = program.getTypeChecker();
  const items: ApiItem[] = [];
  for (const entry of entries) {
    const sf = program.getSourceFile(join(repoRoot, entry.file));
    const mod = sf && checker.getSymbolAtLocation(sf);
    if (!mod) continue;
    const exports = checker.getExportsOfModule(mod).sort((a, b) => a.name.localeCompare(b.name));
    for (const ex of exports) {
      const sym = ex.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(ex) : ex;
      const decl = sym.declarations?.[0];
      if (!decl) continue;
      items.push({
        entry: entry.name,
        name: ex.name,
        decl: declText(decl).trim(),
        doc: docOf(checker, sym) || exportDoc(checker, ex),
      });
    }
  }
  return items;
}

export function apiDoc(): string {
  let out = `# API

The published entries and everything they export, generated from the TSDoc in the sources by
\`test/scripts/gen-api-docs.ts\` (do not edit by hand).
`;
  let entry = '';
  for (const item of apiItems()) {
    if (item.entry !== entry) {
      entry = item.entry;
      out += `\n## \`${entry}\`\n`;
    }
    out += `\n### \`${item.name}\`\n\n`;
    out += '```ts\n' + item.decl + '\n```\n';
    if (item.doc) out += `\n${item.doc}\n`;
  }
  return out;
}

if (process.argv[1]?.endsWith('gen-api-docs.ts')) {
  const file = join(repoRoot, 'docs/api.md');
  const text = apiDoc();
  if (process.argv.includes('--check')) {
    if (readFileSync(file, 'utf8') !== text) {
      console.error('docs/api.md is stale: run npx tsx test/scripts/gen-api-docs.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(file, text);
    console.log(`wrote docs/api.md (${text.length} bytes)`);
  }
}

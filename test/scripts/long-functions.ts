/**
 * Lists the functions in src/ longer than a screen (default 60 lines, counted from the first to the last line of
 * the function, nested functions included). A function whose leading comment says it is a line-for-line port of
 * a Go function ("port of Go's …" / "line-for-line port") is listed apart and not counted.
 *
 *   npx tsx test/scripts/long-functions.ts [--max 60] [--all]
 *
 * Exits 1 when a function that is not a port is over the limit (so a test or CI can run it).
 */
/// <reference types="node" />
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
  port: boolean;
}

const PORT_MARK = /line-for-line port|port of go'?s?\b/i;
const GENERATED = /\.generated\.ts$|\/schemas\//;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path);
    return path.endsWith('.ts') && !GENERATED.test(path) ? [path] : [];
  });
}

function functionName(node: ts.Node, sf: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(sf);
  }
  return '<anonymous>';
}

function leadingComment(node: ts.Node, sf: ts.SourceFile): string {
  let holder: ts.Node = node;
  while (
    ts.isVariableDeclaration(holder.parent) ||
    ts.isVariableDeclarationList(holder.parent) ||
    ts.isVariableStatement(holder.parent) ||
    ts.isPropertyAssignment(holder.parent)
  ) {
    holder = holder.parent;
  }
  const text = sf.getFullText();
  const ranges = ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [];
  return ranges.map((r) => text.slice(r.pos, r.end)).join('\n');
}

export function longFunctions(root: string, max: number): LongFunction[] {
  const out: LongFunction[] = [];
  for (const path of listFiles(join(root, 'src'))) {
    const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = end - start + 1;
        if (lines > max) {
          const port = PORT_MARK.test(leadingComment(node, sf));
          out.push({ file: relative(root, path), line: start + 1, name: functionName(node, sf), lines, port });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

function main(): void {
  const args = process.argv.slice(2);
  const maxIndex = args.indexOf('--max');
  const max = maxIndex >= 0 ? Number(args[maxIndex + 1]) : 60;
  const found = longFunctions(join(import.meta.dirname, '../..'), max);
  const ports = found.filter((f) => f.port);
  const long = found.filter((f) => !f.port);
  for (const f of long) console.log(`${f.file}:${f.line}: ${f.name} (${f.lines} lines)`);
  if (args.includes('--all'))
    for (const f of ports) console.log(`${f.file}:${f.line}: ${f.name} (${f.lines} lines, Go port)`);
  console.log(`${long.length} functions over ${max} lines (${ports.length} line-for-line Go ports not counted)`);
  process.exitCode = long.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
function list(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? list(p) : p.endsWith('.ts') && !/generated|schemas\//.test(p) ? [p] : [];
  });
}
let all = 0,
  str = 0,
  cnst = 0;
const per: Record<string, number> = {};
for (const f of list(process.argv[2] ?? 'src')) {
  const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const v = (n: ts.Node): void => {
    if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) {
      const t = n.type.getText(sf);
      if (t === 'const') cnst++;
      else {
        all++;
        per[f] = (per[f] ?? 0) + 1;
        if (t === 'string') str++;
      }
    }
    ts.forEachChild(n, v);
  };
  v(sf);
}
console.log(`casts: ${all} (as string: ${str}; as const not counted: ${cnst})`);
if (process.argv[3])
  console.log(
    Object.entries(per)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([f, n]) => `${n} ${f}`)
      .join('\n'),
  );

/**
 * Go's text/template tables (lexer, parser, number parsing, executor, comparisons), extracted from
 * go1.26.0 by test/scripts/gen-helm-tables.ts into test/helm/tables/. Each case asserts Go's
 * expected tokens, tree, error or output.
 */
import { describe, expect, it } from 'vitest';
import lexTable from './tables/go-lex.json';
import parseTable from './tables/go-parse.json';
import execTable from './tables/go-exec.json';
import { Item, Lexer } from '../../src/helm/template/lex.js';
import { parseNumber, parseTemplates } from '../../src/helm/template/parse.js';
import { nodeString } from '../../src/helm/template/nodes.js';
import { parseFloat64, parseInt64, TemplateExecError, TemplateSet } from '../../src/helm/template/index.js';
import { cmpTestData, decode, execFuncs, tVal, type GoLit } from './go-fixtures.js';

interface LexCase {
  table: string;
  name: string;
  input: string;
  left: string;
  right: string;
  items: { typ: string; val: string; pos?: number; line?: number }[];
}

function lexAll(c: LexCase): { typ: string; val: string; pos: number; line: number }[] {
  const l = new Lexer(c.input, c.left, c.right);
  l.options = { emitComment: true, breakOK: true, continueOK: true };
  const out = [];
  for (;;) {
    const t = l.nextItem();
    out.push({ typ: 'item' + Item[t.typ], val: t.val, pos: t.pos, line: t.line });
    if (t.typ === Item.EOF || t.typ === Item.Error) break;
  }
  return out;
}

describe('Go text/template lexer (lex_test.go)', () => {
  for (const c of lexTable.cases as LexCase[]) {
    it(`${c.table}: ${c.name}`, () => {
      const got = lexAll(c);
      const checkPos = c.table === 'lexPosTests';
      expect(got.map((t) => (checkPos ? t : { typ: t.typ, val: t.val }))).toEqual(
        c.items.map((t) => (checkPos ? t : { typ: t.typ, val: t.val })),
      );
    });
  }
});

/** A Go integer literal of the table (decimal, octal, hex, or a float literal with an integral value). */
function goInt(text: string): bigint {
  return /[.eEpP]/.test(text) && !/^-?0[xX][^pP]*$/.test(text) ? BigInt(parseFloat64(text)) : parseInt64(text, 0);
}

/** A Go numeric literal assigned to a float64 (integer literals in any base, or float literals). */
function goFloat(text: string): number {
  return /^[+-]?(0[xX][0-9a-fA-F_]+|0[oObB]?[0-7_]*|[1-9][0-9_]*)$/.test(text)
    ? Number(parseInt64(text, 0))
    : parseFloat64(text);
}

interface ParseCase {
  table: string;
  name: string;
  input: string;
  ok?: boolean;
  result?: string;
  isInt?: boolean;
  isUint?: boolean;
  isFloat?: boolean;
  int64?: string;
  uint64?: string;
  float64?: string;
}

function parseOne(c: ParseCase): string {
  const funcs = c.table === 'parseTests' ? new Set(['printf', 'contains']) : new Set<string>();
  // parse_test.go sets maxStackDepth = 3 for its paren-nesting cases.
  const trees = parseTemplates(c.name, c.input, { hasFunction: (f) => funcs.has(f), maxExpressionDepth: 3 });
  const tree = trees.get(c.name);
  return tree ? nodeString(tree.root, true) : '';
}

describe('Go text/template parser (parse_test.go)', () => {
  for (const c of parseTable.cases as ParseCase[]) {
    it(`${c.table}: ${c.name}`, () => {
      if (c.table === 'numberTests') {
        const typ = c.input.startsWith("'") ? Item.CharConstant : Item.Number;
        const parse = (): ReturnType<typeof parseNumber> =>
          parseNumber({ typ, pos: 0, val: c.input, line: 1 }, { parseName: 'n', text: c.input });
        if (c.isInt !== true && c.isUint !== true && c.isFloat !== true) {
          expect(parse).toThrow();
          return;
        }
        const n = parse();
        expect({ isInt: n.isInt, isUint: n.isUint, isFloat: n.isFloat }).toEqual({
          isInt: c.isInt,
          isUint: c.isUint,
          isFloat: c.isFloat,
        });
        if (c.isInt === true) expect(n.int64).toBe(goInt(c.int64 as string));
        if (c.isUint === true) expect(n.uint64).toBe(goInt(c.uint64 as string));
        if (c.isFloat === true) expect(n.float64).toBe(goFloat(c.float64 as string));
        return;
      }
      if (c.ok === true) {
        expect(parseOne(c)).toBe(c.result);
      } else if (c.table === 'errorTests') {
        expect(() => parseOne(c)).toThrow(c.result);
      } else {
        expect(() => parseOne(c)).toThrow();
      }
    });
  }
});

interface ExecCase {
  table: string;
  name: string;
  input: string;
  output: string;
  data: GoLit;
  ok: boolean;
}

describe('Go text/template executor (exec_test.go)', () => {
  for (const c of execTable.cases as ExecCase[]) {
    it(`${c.table}: ${c.name}`, () => {
      const refs = { tVal: tVal(), cmpTestData: cmpTestData() };
      const data = decode(c.data, refs);
      const set = new TemplateSet(c.name).funcs(execFuncs());
      set.parse(c.name, c.input);
      let out: string;
      let failed = false;
      try {
        out = set.execute(c.name, data);
      } catch (e) {
        if (!(e instanceof TemplateExecError)) throw e;
        failed = true;
        out = e.partialOutput;
      }
      expect({ failed, out }).toEqual({ failed: !c.ok, out: c.output });
    });
  }
});

/**
 * Extracts the test tables of Go's text/template and fmt, Sprig and Helm's engine into data files
 * under test/helm/tables/ (inputs and expected results only; no code is copied). Run with the
 * upstream sources checked out:
 *
 *   npx tsx test/scripts/gen-helm-tables.ts --go GO_SRC --sprig SPRIG --helm HELM
 *
 * GO_SRC is the root of a Go checkout at go1.26.0 (its src/ folder is read), SPRIG a checkout of
 * github.com/Masterminds/sprig at v3.3.0, HELM a checkout of helm.sh/helm at v3.21.4. Cases the value
 * model cannot express (Go-only types: channels, complex numbers, unsafe pointers, typed nil pointers,
 * non-string map keys, pointer-receiver methods) are written to each file's `dropped` list with the
 * reason.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unquoteCharConstant } from '../../src/helm/template/strconv.js';
import { exprText, GoExprParser, stringValue, tokenize, topLevelVars, type Expr, type Tok } from './go-literals.js';

/** A Go value in the data files: enough to rebuild it in the value model. */
export type GoLit =
  | { t: 'nil' }
  | { t: 'bool'; v: boolean }
  | { t: 'string'; v: string }
  | { t: string; v: string } // numbers: int, int64, uint8, float64 … as source text
  | { t: 'slice'; elem: string; items: GoLit[] }
  | { t: 'map'; elem: string; entries: [string, GoLit][] }
  | { t: 'ref'; v: string };

interface Dropped {
  name: string;
  reason: string;
}

const args = process.argv.slice(2);
function arg(name: string): string {
  const i = args.indexOf(name);
  const v = i >= 0 ? args[i + 1] : undefined;
  if (v === undefined) throw new Error(`missing ${name} DIR`);
  return v;
}

const GO = arg('--go');
const SPRIG = arg('--sprig');
const HELM = arg('--helm');
const OUT = join(import.meta.dirname, '..', 'helm', 'tables');
mkdirSync(OUT, { recursive: true });

const BASIC_NUMBERS = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'float32',
  'float64',
  'rune',
  'byte',
]);

/** Encodes a Go literal expression as a GoLit; `type` is the element type when elided. */
function encode(e: Expr, type = ''): GoLit {
  switch (e.k) {
    case 'str':
      if (e.v.includes('\ufffd')) return { t: 'ref', v: 'string with invalid UTF-8' };
      return { t: 'string', v: e.v };
    case 'num': {
      const text = (e.neg ? '-' : '') + e.text;
      if (type !== '' && BASIC_NUMBERS.has(type)) return { t: numType(type), v: text };
      const isFloat = /^[^xX]*[.eE]|^0[xX].*[pP]/.test(e.text);
      return { t: isFloat ? 'float64' : 'int', v: text };
    }
    case 'char':
      return { t: type === '' ? 'int32' : numType(type), v: String(unquoteChar(e.text)) };
    case 'ident':
      if (e.name === 'true' || e.name === 'false') return { t: 'bool', v: e.name === 'true' };
      if (e.name === 'nil') return { t: 'nil' };
      return { t: 'ref', v: e.name };
    case 'call':
      if (e.fn.k === 'ident' && BASIC_NUMBERS.has(e.fn.name) && e.args.length === 1) {
        const inner = encode(e.args[0] as Expr, e.fn.name);
        if (inner.t !== 'ref' && 'v' in inner && typeof inner.v === 'string')
          return { t: numType(e.fn.name), v: inner.v };
      }
      if (e.fn.k === 'ident' && e.fn.name === 'string' && e.args.length === 1) {
        const inner = encode(e.args[0] as Expr);
        if (inner.t === 'string') return inner;
        if (inner.t !== 'ref' && 'v' in inner && typeof inner.v === 'string') {
          const r = Number(BigInt(inner.v));
          const valid = r >= 0 && r <= 0x10ffff && !(r >= 0xd800 && r <= 0xdfff);
          return { t: 'string', v: valid ? String.fromCodePoint(r) : '\ufffd' };
        }
      }
      return { t: 'ref', v: e.text };
    case 'composite':
      return encodeComposite(e, type);
    case 'concat': {
      const s = stringValue(e, new Map());
      return s !== undefined ? { t: 'string', v: s } : { t: 'ref', v: exprText(e) };
    }
    default:
      return { t: 'ref', v: exprText(e) };
  }
}

/** Go type text with `interface{}`/`any` spelled as Go prints them (`interface {}`). */
function goType(t: string): string {
  return t.replace(/\binterface\{\}|\bany\b/g, 'interface {}');
}

function numType(t: string): string {
  return t === 'rune' ? 'int32' : t === 'byte' ? 'uint8' : t;
}

function unquoteChar(text: string): number {
  return unquoteCharConstant(text);
}

function encodeComposite(e: Extract<Expr, { k: 'composite' }>, elided: string): GoLit {
  const type = goType(e.type === '' ? elided : e.type);
  const slice = /^\[\](.+)$/.exec(type);
  if (slice) {
    const elem = slice[1] as string;
    return {
      t: 'slice',
      elem: elem === 'any' ? 'interface {}' : elem,
      items: e.elems.map((x) => encode(x.value, elem)),
    };
  }
  const map = /^map\[string\](.+)$/.exec(type);
  if (map) {
    const elem = map[1] as string;
    const entries: [string, GoLit][] = [];
    for (const x of e.elems) {
      if (x.key?.k !== 'str') return { t: 'ref', v: e.text };
      entries.push([x.key.v, encode(x.value, elem)]);
    }
    return { t: 'map', elem, entries };
  }
  return { t: 'ref', v: e.text };
}

/** Finds `var NAME = []T{...}` tables (or any composite) in a file and returns their elements. */
function tableElems(src: string, name: string): Expr[] {
  const v = topLevelVars(src).get(name);
  if (v?.k !== 'composite') throw new Error(`table ${name} not found`);
  return v.elems.map((e) => e.value);
}

/** Positional or keyed fields of a struct literal, by field order. */
function fields(e: Expr, names: readonly string[]): Map<string, Expr> {
  const out = new Map<string, Expr>();
  if (e.k !== 'composite') return out;
  e.elems.forEach((x, i) => {
    if (x.key?.k === 'ident') out.set(x.key.name, x.value);
    else out.set(names[i] as string, x.value);
  });
  return out;
}

function write(file: string, header: object, cases: unknown[], dropped: Dropped[]): void {
  const body = { ...header, cases, dropped };
  writeFileSync(join(OUT, file), JSON.stringify(body, null, 1) + '\n');
  console.log(`${file}: ${cases.length} cases, ${dropped.length} dropped`);
}

const GO_HEADER = {
  source: 'https://go.googlesource.com/go/+/refs/tags/go1.26.0/src/',
  licence: 'BSD-3-Clause (Copyright The Go Authors); test inputs and expected results only',
};

// ---------------------------------------------------------------------------------------------
// Go: text/template/parse lexer tests

function lexTables(): void {
  const src = readFileSync(join(GO, 'src/text/template/parse/lex_test.go'), 'utf8');
  const vars = topLevelVars(src);
  const consts = new Map<string, string>();
  for (const [k, v] of vars) {
    const s = stringValue(v, consts);
    if (s !== undefined) consts.set(k, s);
  }
  const item = (e: Expr): { typ: string; val: string; pos?: number; line?: number } | undefined => {
    if (e.k === 'ident') {
      const v = vars.get(e.name);
      return v ? item(v) : undefined;
    }
    if (e.k === 'call' && e.fn.k === 'ident' && e.fn.name === 'mkItem') {
      const [typ, val] = e.args;
      const s = val ? stringValue(val, consts) : undefined;
      if (typ?.k !== 'ident' || s === undefined) return undefined;
      return { typ: typ.name, val: s };
    }
    if (e.k === 'composite') {
      const [typ, pos, val, line] = e.elems.map((x) => x.value);
      const s = val ? stringValue(val, consts) : undefined;
      if (typ?.k !== 'ident' || s === undefined || pos?.k !== 'num' || line?.k !== 'num') return undefined;
      return { typ: typ.name, val: s, pos: Number(pos.text), line: Number(line.text) };
    }
    return undefined;
  };
  const cases: unknown[] = [];
  const dropped: Dropped[] = [];
  for (const [table, delims] of [
    ['lexTests', ['', '']],
    ['lexDelimTests', ['$$', '@@']],
    ['lexPosTests', ['', '']],
  ] as const) {
    for (const e of tableElems(src, table)) {
      const f = fields(e, ['name', 'input', 'items']);
      const name = stringValue(f.get('name') as Expr, consts) ?? '?';
      const input = stringValue(f.get('input') as Expr, consts);
      const itemsExpr = f.get('items');
      const items = itemsExpr?.k === 'composite' ? itemsExpr.elems.map((x) => item(x.value)) : [];
      if (input === undefined || items.some((x) => x === undefined)) {
        dropped.push({ name: `${table}/${name}`, reason: 'input or items are not constant expressions' });
        continue;
      }
      cases.push({ table, name, input, left: delims[0], right: delims[1], items });
    }
  }
  write('go-lex.json', { ...GO_HEADER, file: 'text/template/parse/lex_test.go' }, cases, dropped);
}

// ---------------------------------------------------------------------------------------------
// Go: text/template/parse parser tests

function parseTables(): void {
  const src = readFileSync(join(GO, 'src/text/template/parse/parse_test.go'), 'utf8');
  const consts = new Map<string, string>();
  const bools = new Map([
    ['noError', true],
    ['hasError', false],
    ['true', true],
    ['false', false],
  ]);
  const cases: unknown[] = [];
  const dropped: Dropped[] = [];
  for (const table of ['parseTests', 'errorTests']) {
    for (const e of tableElems(src, table)) {
      const f = fields(e, ['name', 'input', 'ok', 'result']);
      const name = stringValue(f.get('name') as Expr, consts) ?? '?';
      const input = stringValue(f.get('input') as Expr, consts);
      const okE = f.get('ok');
      const ok = okE?.k === 'ident' ? bools.get(okE.name) : undefined;
      const result = stringValue(f.get('result') as Expr, consts);
      if (input === undefined || ok === undefined || result === undefined) {
        dropped.push({ name: `${table}/${name}`, reason: 'not constant' });
        continue;
      }
      cases.push({ table, name, input, ok, result });
    }
  }
  for (const e of tableElems(src, 'numberTests')) {
    const f = fields(e, [
      'text',
      'isInt',
      'isUint',
      'isFloat',
      'isComplex',
      'int64',
      'uint64',
      'float64',
      'complex128',
    ]);
    const text = stringValue(f.get('text') as Expr, consts);
    const flag = (k: string): boolean => {
      const x = f.get(k);
      return x?.k === 'ident' && x.name === 'true';
    };
    if (text === undefined) continue;
    if (flag('isComplex') || /i$/.test(text) || (text.includes('+') && /i/.test(text))) {
      dropped.push({
        name: `numberTests/${text}`,
        reason: 'complex constants are not modelled (no complex type in the value model)',
      });
      continue;
    }
    const num = (k: string): string | undefined => {
      const x = f.get(k);
      if (!x) return '0';
      if (x.k === 'num') return (x.neg ? '-' : '') + x.text;
      if (x.k === 'char') return String(unquoteChar(x.text));
      return undefined;
    };
    const int64 = num('int64');
    const uint64 = num('uint64');
    const float64 = num('float64');
    if (int64 === undefined || uint64 === undefined || float64 === undefined) {
      dropped.push({ name: `numberTests/${text}`, reason: 'expected values are not literals' });
      continue;
    }
    cases.push({
      table: 'numberTests',
      name: text,
      input: text,
      isInt: flag('isInt'),
      isUint: flag('isUint'),
      isFloat: flag('isFloat'),
      int64,
      uint64,
      float64,
    });
  }
  write('go-parse.json', { ...GO_HEADER, file: 'text/template/parse/parse_test.go' }, cases, dropped);
}

// ---------------------------------------------------------------------------------------------
// Go: text/template executor tests

/** tVal fields and data the value model cannot represent, with the reason. */
const EXEC_UNMODELLED: ReadonlyArray<[RegExp, string]> = [
  [/\.(PI|PS|PSI|NIL|PAI)\b|\bPI\b/, 'typed pointers to basic values are not modelled'],
  [/\.(UPI|EmptyUPI)\b/, 'unsafe.Pointer is Go-only'],
  [/\.ComplexZero\b|\d+i\b|complex/, 'complex numbers are not modelled'],
  [/\.(V0|W0)\b/, 'pointer-receiver String/Error methods on addressable struct values are not modelled'],
  [/\.(MXI|MII|MI32S|MI64S|MUI32S|MUI64S|MI8S|MUI8S)\b/, 'maps with non-string keys are not modelled'],
  [
    /\.(NonEmptyInterface|NonEmptyInterfacePtS|NonEmptyInterfaceNil|NonEmptyInterfaceTypedNil)\b/,
    'non-empty interface types are not modelled',
  ],
  [
    /\.(Seq|Seq2)\b|\bfVal[12]\b|iter\./,
    'range over iterator functions is not modelled (no Go funcs of that kind in Helm)',
  ],
  [/\bcount\b|\bchan\b/, 'channels are Go-only'],
  [/\.(Tmpl|Str|Err)\b/, 'Go library values (templates, bytes.Buffer, errors) are not modelled'],
  [
    /\.(PanicFunc|TooFewReturnCountFunc|TooManyReturnCountFunc|InvalidReturnTypeFunc)\b/,
    'funcs with invalid Go signatures cannot be declared in the model',
  ],
  [/\.unexported\b/, 'unexported struct fields are not modelled'],
  [/\.(Ptr|NilPtr)\b/, 'typed pointers to basic values are not modelled'],
  [/\.SICap\b/, 'slice capacity (beyond length) is not modelled'],
  [/\bvfunc\b|tSliceOfNil|\(\*[VW]\)\(nil\)|\.(V2|W2)\b/, 'typed nil pointers and their methods are not modelled'],
  [/\.(NonNilMap|Map)\b/, 'maps with non-string keys are not modelled'],
  [/\.(Iface1|NilIface)\b/, 'non-empty interface types are not modelled'],
];

/** The fixture references inside a value. */
function refsIn(l: GoLit): string[] {
  if (l.t === 'ref') return [(l as { v: string }).v];
  if (l.t === 'slice') return (l as { items: GoLit[] }).items.flatMap(refsIn);
  if (l.t === 'map') return (l as { entries: [string, GoLit][] }).entries.flatMap(([, v]) => refsIn(v));
  return [];
}

function execTables(): void {
  const src = readFileSync(join(GO, 'src/text/template/exec_test.go'), 'utf8');
  const consts = new Map<string, string>();
  const cases: unknown[] = [];
  const dropped: Dropped[] = [];
  for (const e of tableElems(src, 'execTests')) {
    const f = fields(e, ['name', 'input', 'output', 'data', 'ok']);
    const name = stringValue(f.get('name') as Expr, consts) ?? '?';
    const input = stringValue(f.get('input') as Expr, consts);
    const output = stringValue(f.get('output') as Expr, consts);
    const okE = f.get('ok');
    const ok = okE?.k === 'ident' ? okE.name === 'true' : undefined;
    const dataE = f.get('data');
    if (input === undefined || output === undefined || ok === undefined || !dataE) {
      dropped.push({ name, reason: 'input built from Go expressions (e.g. int size constants)' });
      continue;
    }
    const data = encode(dataE);
    const text = input + ' ' + exprText(dataE);
    const unmodelled = EXEC_UNMODELLED.find(([re]) => re.test(text));
    if (unmodelled) {
      dropped.push({ name, reason: unmodelled[1] });
      continue;
    }
    const badRef = refsIn(data).find((r) => r !== 'tVal');
    if (badRef !== undefined) {
      dropped.push({
        name,
        reason: `data ${badRef} is a Go-only value (structs, pointers, funcs defined in the test)`,
      });
      continue;
    }
    cases.push({ table: 'execTests', name, input, output, data, ok });
  }
  for (const e of tableElems(src, 'cmpTests')) {
    const f = fields(e, ['expr', 'truth', 'ok']);
    const expr = stringValue(f.get('expr') as Expr, consts);
    const truth = stringValue(f.get('truth') as Expr, consts);
    const okE = f.get('ok');
    if (expr === undefined || truth === undefined || okE?.k !== 'ident') continue;
    const unmodelled = EXEC_UNMODELLED.find(([re]) => re.test(expr));
    if (unmodelled) {
      dropped.push({ name: `cmpTests/${expr}`, reason: unmodelled[1] });
      continue;
    }
    cases.push({
      table: 'cmpTests',
      name: expr,
      input: `{{if ${expr}}}true{{else}}false{{end}}`,
      output: truth,
      data: { t: 'ref', v: 'cmpTestData' },
      ok: okE.name === 'true',
    });
  }
  write('go-exec.json', { ...GO_HEADER, file: 'text/template/exec_test.go' }, cases, dropped);
}

// ---------------------------------------------------------------------------------------------
// Go: fmt

const FMT_UNMODELLED: ReadonlyArray<[RegExp, string]> = [
  [/complex|\d+i\b|[+-]\d*\.?\d*i\)/, 'complex numbers are not modelled'],
  [
    /&|\bPTR\b|unsafe|Pointer|intVar|&array|\bpValue\b|\bfnValue\b|reflect\./,
    'pointers and reflect values are Go-only',
  ],
  [
    /\b(A|B|C|F|G|S|SI|P|Fn|U|I|renamed\w*|byteStringer\w*|byteFormatter\w*|writeStringFormatter|errorType|panic\w*|Panic\w*|array|barray|bslice|\[\d+\]|struct|interface)\b/,
    'test-defined Go types (named types, arrays, Formatter/Stringer types) are not modelled',
  ],
  [/\bmap\[(int|float|bool|interface|any|[^s])/, 'maps with non-string keys are not modelled'],
  [/\[\]byte\(|\[\]uint8|byte\(/, '[]byte conversions of expressions are not modelled'],
  [/math\.|NaN|Inf/, 'expressions of the math package'],
];

function fmtTables(): void {
  const src = readFileSync(join(GO, 'src/fmt/fmt_test.go'), 'utf8');
  const consts = new Map<string, string>();
  const cases: unknown[] = [];
  const dropped: Dropped[] = [];
  const add = (
    table: string,
    format: string | undefined,
    valsE: Expr[],
    out: string | undefined,
    label: string,
  ): void => {
    if (format === undefined || out === undefined) {
      dropped.push({ name: `${table}/${label}`, reason: 'format or expected output is not constant' });
      return;
    }
    const text = valsE.map(exprText).join(' ');
    const un = FMT_UNMODELLED.find(([re]) => re.test(text));
    if (un) {
      dropped.push({ name: `${table}/${format}/${text}`, reason: un[1] });
      return;
    }
    const vals = valsE.map((v) => encode(v));
    if (vals.some((v) => refsIn(v).includes('string with invalid UTF-8'))) {
      dropped.push({
        name: `${table}/${format}/${text}`,
        reason: 'strings holding invalid UTF-8 bytes are not modelled (JavaScript strings are Unicode)',
      });
      return;
    }
    if (vals.some((v) => refsIn(v).length > 0)) {
      dropped.push({ name: `${table}/${format}/${text}`, reason: 'value is a Go expression the model cannot rebuild' });
      return;
    }
    if (out.includes('PTR')) {
      dropped.push({ name: `${table}/${format}/${text}`, reason: 'pointer addresses' });
      return;
    }
    cases.push({ table, format, args: vals, output: out });
  };
  for (const e of tableElems(src, 'fmtTests')) {
    const f = fields(e, ['fmt', 'val', 'out']);
    add(
      'fmtTests',
      stringValue(f.get('fmt') as Expr, consts),
      [f.get('val') as Expr],
      stringValue(f.get('out') as Expr, consts),
      exprText(e),
    );
  }
  for (const e of tableElems(src, 'reorderTests')) {
    const f = fields(e, ['fmt', 'val', 'out']);
    const v = f.get('val');
    add(
      'reorderTests',
      stringValue(f.get('fmt') as Expr, consts),
      v?.k === 'composite' ? v.elems.map((x) => x.value) : [],
      stringValue(f.get('out') as Expr, consts),
      exprText(e),
    );
  }
  for (const e of tableElems(src, 'startests')) {
    const f = fields(e, ['fmt', 'in', 'out']);
    const v = f.get('in');
    add(
      'startests',
      stringValue(f.get('fmt') as Expr, consts),
      v?.k === 'call' ? v.args : [],
      stringValue(f.get('out') as Expr, consts),
      exprText(e),
    );
  }
  write('go-fmt.json', { ...GO_HEADER, file: 'fmt/fmt_test.go' }, cases, dropped);
}

// ---------------------------------------------------------------------------------------------
// Sprig and Helm: template/expected calls inside test functions

interface FuncCase {
  file: string;
  test: string;
  template: string;
  expected: string;
  data: GoLit;
}

/** Statements of the Go test functions of a file, scanned for template/expected pairs. */
function scanCalls(file: string, src: string, runners: ReadonlySet<string>): { cases: FuncCase[]; dropped: Dropped[] } {
  const toks = tokenize(src);
  const cases: FuncCase[] = [];
  const dropped: Dropped[] = [];
  const topVars = topLevelVars(src);
  const consts = new Map<string, string>();
  for (const [k, v] of topVars) {
    const s = stringValue(v, consts);
    if (s !== undefined) consts.set(k, s);
  }
  let test = '';
  let locals = new Map<string, Expr>();
  let runRaw: { tpl: string | undefined; data: GoLit; outVar: string } | undefined;
  const p = new GoExprParser(toks, src);
  for (p.i = 0; p.i < toks.length; p.i++) {
    const t = toks[p.i] as Tok;
    if (t.v === 'func' && toks[p.i + 1]?.k === 'ident' && /^Test/.test(toks[p.i + 1]?.v ?? '')) {
      test = toks[p.i + 1]?.v ?? '';
      locals = new Map();
      runRaw = undefined;
      continue;
    }
    if (test === '') continue;
    try {
      scanStatement(p, t);
    } catch {
      // not an expression this reader understands; move on
    }
  }
  return { cases, dropped };

  function resolve(e: Expr | undefined): string | undefined {
    if (!e) return undefined;
    if (e.k === 'ident' && locals.has(e.name)) return resolve(locals.get(e.name));
    return stringValue(e, consts);
  }

  function resolveData(e: Expr | undefined): GoLit {
    if (!e) return { t: 'nil' };
    if (e.k === 'ident' && locals.has(e.name)) return resolveData(locals.get(e.name));
    return encode(e);
  }

  function scanStatement(p: GoExprParser, t: Tok): void {
    const next = toks[p.i + 1];
    // NAME := EXPR / NAME = EXPR
    if (
      t.k === 'ident' &&
      (next?.v === ':=' || next?.v === '=') &&
      toks[p.i - 1]?.v !== ',' &&
      toks[p.i - 1]?.v !== '.'
    ) {
      const save = p.i;
      p.i += 2;
      const e = p.expr();
      locals.set(t.v, e);
      if (e.k === 'call' && e.fn.k === 'ident' && e.fn.name === 'runRaw') {
        runRaw = undefined;
      }
      p.i = save + 1;
      return;
    }
    // out, err := runRaw(TPL, DATA)
    if (t.k === 'ident' && next?.v === ',' && toks[p.i + 3]?.v === ':=' && toks[p.i + 4]?.v === 'runRaw') {
      p.i += 4;
      const call = p.expr();
      if (call.k === 'call') runRaw = { tpl: resolve(call.args[0]), data: resolveData(call.args[1]), outVar: t.v };
      p.i--;
      return;
    }
    // assert.Equal(t, EXPECTED, out)
    if (t.v === 'assert' && next?.v === '.' && toks[p.i + 2]?.v === 'Equal' && runRaw) {
      p.i += 3;
      const start = p.i;
      p.skipGroup();
      const inner = new GoExprParser(toks.slice(start + 1, p.i - 1), src);
      const argsE: Expr[] = [];
      while (inner.i < inner.toks.length) {
        argsE.push(inner.expr());
        if (inner.peek()?.v === ',') inner.next();
      }
      const [, expE, gotE] = argsE;
      if (gotE?.k === 'ident' && gotE.name === runRaw.outVar) {
        const expected = resolve(expE);
        if (runRaw.tpl !== undefined && expected !== undefined) {
          cases.push({ file, test, template: runRaw.tpl, expected, data: runRaw.data });
        }
      }
      p.i--;
      return;
    }
    // runt(TPL, EXPECTED) / runtv(TPL, EXPECTED, DATA)
    if (t.k === 'ident' && runners.has(t.v) && next?.v === '(' && toks[p.i - 1]?.v !== 'func') {
      const call = p.expr();
      p.i--;
      if (call.k !== 'call') return;
      const tpl = resolve(call.args[0]);
      const expected = resolve(call.args[1]);
      const data = t.v === 'runt' ? ({ t: 'map', elem: 'string', entries: [] } as GoLit) : resolveData(call.args[2]);
      const rangeVar = call.args[0]?.k === 'ident' ? call.args[0].name : '';
      const table = rangeTable(rangeVar);
      if (table) {
        for (const [k, v] of table) cases.push({ file, test, template: k, expected: v, data });
        return;
      }
      if (tpl === undefined || expected === undefined) {
        dropped.push({
          name: `${file}/${test}`,
          reason: `${t.v} with non-constant arguments: ${call.text.slice(0, 80)}`,
        });
        return;
      }
      cases.push({ file, test, template: tpl, expected, data });
    }
  }

  /** For `for tpl, expect := range tests { runt(tpl, expect) }`: the map literal's entries. */
  function rangeTable(keyVar: string): [string, string][] | undefined {
    for (let j = p.i; j > 0 && j > p.i - 60; j--) {
      if (toks[j]?.v === 'range' && toks[j - 1]?.v === ':=' && toks[j - 5]?.v === 'for' && toks[j - 4]?.v === keyVar) {
        const tableName = toks[j + 1]?.v ?? '';
        const table = locals.get(tableName);
        if (table?.k !== 'composite' || !/^map\[string\]string$/.test(table.type)) return undefined;
        const out: [string, string][] = [];
        for (const x of table.elems) {
          const k = resolve(x.key);
          const v = resolve(x.value);
          if (k !== undefined && v !== undefined) out.push([k, v]);
        }
        return out;
      }
    }
    return undefined;
  }
}

/** Sprig tests whose results depend on the clock, randomness, the environment or the network. */
const SPRIG_NONDETERMINISTIC =
  /\b(now|randAlphaNum|randAlpha|randNumeric|randAscii|randInt|randBytes|uuidv4|shuffle|genPrivateKey|genCA|genSelfSignedCert|genSignedCert|bcrypt|htpasswd|encryptAES|env|expandenv|getHostByName|ago)\b/;

function sprigTables(): void {
  const files = [
    'crypto',
    'date',
    'defaults',
    'dict',
    'functions',
    'issue_188',
    'list',
    'numeric',
    'reflect',
    'regex',
    'semver',
    'strings',
    'url',
  ];
  const cases: FuncCase[] = [];
  const dropped: Dropped[] = [];
  for (const f of files) {
    const src = readFileSync(join(SPRIG, `${f}_test.go`), 'utf8');
    const r = scanCalls(`${f}_test.go`, src, new Set(['runt', 'runtv']));
    for (const c of r.cases) {
      if (SPRIG_NONDETERMINISTIC.test(c.template))
        dropped.push({
          name: `${c.file}/${c.test}: ${c.template}`,
          reason: 'depends on the clock, randomness, the environment or the network',
        });
      else if (refsIn(c.data).length > 0)
        dropped.push({
          name: `${c.file}/${c.test}: ${c.template}`,
          reason: `data is a Go value the test builds in code (${refsIn(c.data).join(', ').slice(0, 60)})`,
        });
      else cases.push(c);
    }
    dropped.push(...r.dropped);
  }
  write(
    'sprig.json',
    {
      source: 'https://github.com/Masterminds/sprig/tree/v3.3.0 (*_test.go)',
      licence: 'MIT (Copyright Matt Butcher and Matt Farina); test inputs and expected results only',
    },
    cases,
    dropped,
  );
}

function helmTables(): void {
  const src = readFileSync(join(HELM, 'pkg/engine/funcs_test.go'), 'utf8');
  const cases: unknown[] = [];
  const dropped: Dropped[] = [];
  const v = (() => {
    const toks = tokenize(src);
    const p = new GoExprParser(toks, src);
    for (p.i = 0; p.i < toks.length; p.i++) {
      if (toks[p.i]?.v === 'tests' && toks[p.i + 1]?.v === ':=') {
        p.i += 2;
        return p.expr();
      }
    }
    return undefined;
  })();
  if (v?.k !== 'composite') throw new Error('helm funcs table not found');
  for (const e of v.elems) {
    const f = fields(e.value, ['tpl', 'expect', 'vars']);
    const tpl = stringValue(f.get('tpl') as Expr, new Map());
    const expect = stringValue(f.get('expect') as Expr, new Map());
    const data = f.get('vars') ? encode(f.get('vars') as Expr) : ({ t: 'nil' } as GoLit);
    if (tpl === undefined || expect === undefined) {
      dropped.push({ name: exprText(e.value).slice(0, 80), reason: 'not constant' });
      continue;
    }
    if (refsIn(data).length > 0) {
      dropped.push({ name: tpl, reason: `data is a Go value built in code (${refsIn(data).join(', ').slice(0, 60)})` });
      continue;
    }
    cases.push({ file: 'pkg/engine/funcs_test.go', test: 'TestFuncs', template: tpl, expected: expect, data });
  }
  write(
    'helm-funcs.json',
    {
      source: 'https://github.com/helm/helm/tree/v3.21.4/pkg/engine/funcs_test.go',
      licence: 'Apache-2.0 (Copyright The Helm Authors); test inputs and expected results only',
    },
    cases,
    dropped,
  );
}

lexTables();
parseTables();
execTables();
fmtTables();
sprigTables();
helmTables();

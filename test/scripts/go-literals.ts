/**
 * A small reader of Go source for extracting test tables: a tokenizer (comments, strings, raw
 * strings, runes, numbers, identifiers, punctuation) and a parser of the expressions that appear in
 * test tables (literals, identifiers, calls, composite literals, `&`, `-`, string `+`). Function
 * literals are kept as opaque source text. Used by gen-helm-tables.ts only.
 */
import { unquote } from '../../src/helm/template/strconv.js';

export type Tok = { k: 'str' | 'raw' | 'char' | 'num' | 'ident' | 'punct'; v: string; pos: number };

/** Tokenizes Go source (comments dropped). */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
      i++;
      out.push({ k: c === '"' ? 'str' : 'char', v: src.slice(start, i), pos: start });
      continue;
    }
    if (c === '`') {
      i = src.indexOf('`', i + 1) + 1;
      out.push({ k: 'raw', v: src.slice(start, i), pos: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (i < src.length && /[0-9a-zA-Z_.]/.test(src[i] as string)) {
        if ((src[i] === 'e' || src[i] === 'E' || src[i] === 'p' || src[i] === 'P') && /[+-]/.test(src[i + 1] ?? ''))
          i++;
        i++;
      }
      out.push({ k: 'num', v: src.slice(start, i), pos: start });
      continue;
    }
    if (/[\p{L}_]/u.test(c)) {
      while (i < src.length && /[\p{L}\p{Nd}_]/u.test(src[i] as string)) i++;
      out.push({ k: 'ident', v: src.slice(start, i), pos: start });
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (three === '...') {
      out.push({ k: 'punct', v: three, pos: start });
      i += 3;
    } else if ([':=', '==', '!=', '<=', '>=', '&&', '||', '<-', '++', '--', '+=', '-=', '<<', '>>'].includes(two)) {
      out.push({ k: 'punct', v: two, pos: start });
      i += 2;
    } else {
      out.push({ k: 'punct', v: c, pos: start });
      i++;
    }
  }
  return out;
}

/** Expression nodes of table literals. */
export type Expr =
  | { k: 'str'; v: string }
  | { k: 'num'; text: string; neg: boolean }
  | { k: 'char'; text: string }
  | { k: 'ident'; name: string }
  | { k: 'call'; fn: Expr; args: Expr[]; text: string }
  | { k: 'composite'; type: string; elems: { key?: Expr; value: Expr }[]; text: string }
  | { k: 'addr'; x: Expr; text: string }
  | { k: 'concat'; parts: Expr[] }
  | { k: 'opaque'; text: string };

/** A parser over tokens of one source file. */
export class GoExprParser {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly src: string,
  ) {}

  peek(o = 0): Tok | undefined {
    return this.toks[this.i + o];
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new Error('unexpected end of source');
    return t;
  }
  expect(v: string): void {
    const t = this.next();
    if (t.v !== v) throw new Error(`expected ${v}, got ${t.v} at ${t.pos}`);
  }
  /** Skips a balanced bracketed group starting at the current token. */
  skipGroup(): void {
    const open = this.next().v;
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.v === open) depth++;
      else if (t.v === close) depth--;
    }
  }
  textFrom(startTok: number): string {
    const a = this.toks[startTok];
    const b = this.toks[this.i - 1];
    if (!a || !b) return '';
    return this.src.slice(a.pos, b.pos + b.v.length);
  }

  /** Parses a type (as text) at the current position, or undefined if none starts here. */
  typeText(): string | undefined {
    const start = this.i;
    const t = this.peek();
    if (!t) return undefined;
    if (t.v === '[') {
      this.next();
      if (this.peek()?.v !== ']') {
        while (this.peek()?.v !== ']') this.next();
      }
      this.expect(']');
      if (this.typeText() === undefined) {
        this.i = start;
        return undefined;
      }
      return this.textFrom(start);
    }
    if (t.v === 'map' && this.peek(1)?.v === '[') {
      this.next();
      this.skipGroup();
      this.typeText();
      return this.textFrom(start);
    }
    if (t.v === 'struct' || t.v === 'interface') {
      this.next();
      this.skipGroup();
      return this.textFrom(start);
    }
    if (t.v === '*') {
      this.next();
      this.typeText();
      return this.textFrom(start);
    }
    if (t.v === 'func') {
      this.next();
      this.skipGroup();
      const r = this.peek();
      if (r?.v === '(') this.skipGroup();
      else if (r && r.k === 'ident' && r.v !== 'func') this.typeText();
      else if (r?.v === '[' || r?.v === '*') this.typeText();
      return this.textFrom(start);
    }
    if (t.k === 'ident') {
      this.next();
      while (this.peek()?.v === '.' && this.peek(1)?.k === 'ident') {
        this.next();
        this.next();
      }
      return this.textFrom(start);
    }
    return undefined;
  }

  /** Parses an expression (string `+` is the only binary operator kept; others become opaque). */
  expr(): Expr {
    const start = this.i;
    const first = this.unary();
    const parts: Expr[] = [first];
    let opaque = false;
    while (
      this.peek() &&
      ['+', '-', '*', '/', '|', '&', '<<', '>>', '%', '==', '!=', '&&', '||'].includes(this.peek()?.v ?? '')
    ) {
      if (this.peek()?.v !== '+') opaque = true;
      this.next();
      parts.push(this.unary());
    }
    if (opaque) return { k: 'opaque', text: this.textFrom(start) };
    return parts.length === 1 ? first : { k: 'concat', parts };
  }

  unary(): Expr {
    const start = this.i;
    const t = this.peek();
    if (t?.v === '&') {
      this.next();
      const x = this.unary();
      return { k: 'addr', x, text: this.textFrom(start) };
    }
    if ((t?.v === '-' || t?.v === '+') && this.peek(1)?.k === 'num') {
      this.next();
      const n = this.next();
      const after = this.peek()?.v;
      if (after === '+' || after === '-' || after === '*' || after === '/' || after === '<<' || after === '|') {
        return this.postfix({ k: 'num', text: n.v, neg: t.v === '-' });
      }
      return { k: 'num', text: n.v, neg: t.v === '-' };
    }
    if (t?.v === '-' || t?.v === '+' || t?.v === '!' || t?.v === '^') {
      this.next();
      this.unary();
      return { k: 'opaque', text: this.textFrom(start) };
    }
    return this.postfix(this.primary());
  }

  primary(): Expr {
    const start = this.i;
    const t = this.peek();
    if (!t) throw new Error('unexpected end');
    if (t.k === 'str' || t.k === 'raw') {
      this.next();
      return { k: 'str', v: unquote(t.v) };
    }
    if (t.k === 'num') {
      this.next();
      return { k: 'num', text: t.v, neg: false };
    }
    if (t.k === 'char') {
      this.next();
      return { k: 'char', text: t.v };
    }
    if (t.v === '(') {
      this.next();
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (t.v === 'func') {
      this.typeText();
      if (this.peek()?.v === '{') this.skipGroup();
      return { k: 'opaque', text: this.textFrom(start) };
    }
    if (t.v === '{') {
      return this.compositeBody('', start);
    }
    const type = this.typeText();
    if (type === undefined) throw new Error(`unexpected token ${t.v} at ${t.pos}`);
    if (
      this.peek()?.v === '{' &&
      (/[\][.*]|^map|^struct/.test(type) || /^[A-Z]/.test(type.split('.').pop() ?? '') || /^[a-z]/.test(type))
    ) {
      if (!(type === 'true' || type === 'false' || type === 'nil')) return this.compositeBody(type, start);
    }
    return type.includes('[') || type.startsWith('map') || type.startsWith('struct') || type.startsWith('*')
      ? { k: 'opaque', text: type }
      : { k: 'ident', name: type };
  }

  compositeBody(type: string, start: number): Expr {
    this.expect('{');
    const elems: { key?: Expr; value: Expr }[] = [];
    while (this.peek()?.v !== '}') {
      const a = this.expr();
      if (this.peek()?.v === ':') {
        this.next();
        elems.push({ key: a, value: this.expr() });
      } else elems.push({ value: a });
      if (this.peek()?.v === ',') this.next();
    }
    this.expect('}');
    return { k: 'composite', type, elems, text: this.textFrom(start) };
  }

  postfix(e: Expr): Expr {
    for (;;) {
      const t = this.peek();
      if (t?.v === '(') {
        const start = this.i;
        this.next();
        const args: Expr[] = [];
        while (this.peek()?.v !== ')') {
          args.push(this.expr());
          if (this.peek()?.v === '...') this.next();
          if (this.peek()?.v === ',') this.next();
        }
        this.expect(')');
        e = { k: 'call', fn: e, args, text: exprText(e) + this.textFrom(start) };
      } else if (t?.v === '.' && this.peek(1)?.k === 'ident') {
        this.next();
        const name = this.next().v;
        e = { k: 'opaque', text: exprText(e) + '.' + name };
      } else if (t?.v === '[') {
        const start = this.i;
        this.skipGroup();
        e = { k: 'opaque', text: exprText(e) + this.textFrom(start) };
      } else return e;
    }
  }
}

/** Source-like text of an expression, for references and reasons. */
export function exprText(e: Expr): string {
  switch (e.k) {
    case 'str':
      return JSON.stringify(e.v);
    case 'num':
      return (e.neg ? '-' : '') + e.text;
    case 'char':
      return e.text;
    case 'ident':
      return e.name;
    case 'concat':
      return e.parts.map(exprText).join(' + ');
    default:
      return e.text;
  }
}

/** The string value of a constant string expression, resolving identifiers through `consts`. */
export function stringValue(e: Expr, consts: ReadonlyMap<string, string>): string | undefined {
  if (e.k === 'str') return e.v;
  if (e.k === 'ident') return consts.get(e.name);
  if (e.k === 'concat') {
    let s = '';
    for (const p of e.parts) {
      const v = stringValue(p, consts);
      if (v === undefined) return undefined;
      s += v;
    }
    return s;
  }
  return undefined;
}

/** Finds `var NAME = EXPR` / `NAME = EXPR` / `NAME := EXPR` at top level or inside var blocks. */
export function topLevelVars(src: string): Map<string, Expr> {
  const toks = tokenize(src);
  const out = new Map<string, Expr>();
  const p = new GoExprParser(toks, src);
  let depth = 0;
  while (p.i < toks.length) {
    const t = toks[p.i] as Tok;
    if (t.v === '{' || t.v === '(') depth++;
    if (t.v === '}' || t.v === ')') depth--;
    const isDecl = (t.v === 'var' || t.v === 'const') && depth === 0;
    if (isDecl) {
      p.i++;
      if (p.peek()?.v === '(') {
        p.i++;
        while (p.peek() && p.peek()?.v !== ')') readSpec(p, out);
        p.i++;
      } else readSpec(p, out);
      continue;
    }
    p.i++;
  }
  return out;
}

function readSpec(p: GoExprParser, out: Map<string, Expr>): void {
  const names: string[] = [];
  while (p.peek()?.k === 'ident') {
    names.push(p.next().v);
    if (p.peek()?.v === ',') p.next();
    else break;
  }
  if (p.peek()?.v !== '=') p.typeText();
  if (p.peek()?.v !== '=') return;
  p.next();
  for (let n = 0; n < names.length; n++) {
    try {
      out.set(names[n] as string, p.expr());
    } catch {
      while (p.peek() && p.peek()?.v !== ';' && p.peek()?.k !== 'ident') p.next();
      return;
    }
    if (p.peek()?.v === ',') p.next();
  }
}

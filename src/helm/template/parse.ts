/**
 * The parser of Go's text/template (text/template/parse/parse.go): builds the tree of each template in
 * a text (the main one and every `{{define}}`/`{{block}}`), checks functions and variables, and
 * reports errors with Go's wording: `template: NAME:LINE: MESSAGE`.
 */
import { Item, Lexer, tokenString, type Token } from './lex.js';
import type {
  ActionNode,
  ArgNode,
  BranchNode,
  CommandNode,
  EndNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  TreeSource,
  VariableNode,
} from './nodes.js';
import { parseFloat64, parseInt64, parseUint, quote, SyntaxError_, unquote, unquoteCharConstant } from './strconv.js';

/** A parsed template. */
export interface Tree {
  readonly name: string;
  readonly root: ListNode;
  readonly src: TreeSource;
}

/** A parse failure; `message` is Go's error text. */
export class TemplateParseError extends Error {
  constructor(
    message: string,
    /** Name of the template file (Go's ParseName). */
    readonly templateName: string,
    /** 1-based line of the error. */
    readonly line: number,
  ) {
    super(message);
    this.name = 'TemplateParseError';
  }
}

/** Options of one parse. */
export interface ParseOptions {
  /** Whether a function name is defined (template functions and builtins). */
  readonly hasFunction: (name: string) => boolean;
  /** Keep comments in the tree (Go's ParseComments). */
  readonly parseComments?: boolean;
  /** Skip the check that functions exist (Go's SkipFuncCheck). */
  readonly skipFuncCheck?: boolean;
  readonly leftDelim?: string;
  readonly rightDelim?: string;
  /** Maximum nesting of parenthesized pipelines (Go's maxStackDepth, default 10000). */
  readonly maxExpressionDepth?: number;
}

const MAX_STACK_DEPTH = 10000;
/** Only characters of Go's unicode.IsSpace (bytes.TrimSpace). */
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

class Bail extends Error {}

/** Parses `text` as template `name`; returns every tree it defines, keyed by name. Throws TemplateParseError. */
export function parseTemplates(name: string, text: string, options: ParseOptions): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const lexer = new Lexer(text, options.leftDelim, options.rightDelim);
  lexer.options = {
    emitComment: options.parseComments === true,
    breakOK: !options.hasFunction('break'),
    continueOK: !options.hasFunction('continue'),
  };
  const p = new Parser(name, { parseName: name, text }, lexer, options, treeSet);
  p.parse();
  p.add();
  return treeSet;
}

/** Whether a tree has only whitespace text and comments (Go's IsEmptyTree). */
export function isEmptyTree(n: Node | undefined): boolean {
  if (!n) return true;
  switch (n.type) {
    case 'comment':
      return true;
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return GO_SPACE_ONLY.test(n.text);
    default:
      return false;
  }
}

class Parser {
  name: string;
  root: ListNode | undefined;
  private readonly token: Token[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  constructor(
    name: string,
    readonly src: TreeSource,
    readonly lex: Lexer,
    readonly options: ParseOptions,
    readonly treeSet: Map<string, Tree>,
  ) {
    this.name = name;
  }

  // --- token stream ---------------------------------------------------------------------

  next(): Token {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount] as Token;
  }
  backup(): void {
    this.peekCount++;
  }
  backup2(t1: Token): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  backup3(t2: Token, t1: Token): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1] as Token;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.typ === Item.Space);
    return t;
  }
  peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // --- errors ----------------------------------------------------------------------------

  errorf(message: string): never {
    const line = this.token[0]?.line ?? 1;
    throw new TemplateParseError(`template: ${this.src.parseName}:${line}: ${message}`, this.src.parseName, line);
  }
  expect(expected: Item, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  expectOneOf(e1: Item, e2: Item, context: string): Token {
    const t = this.nextNonSpace();
    if (t.typ !== e1 && t.typ !== e2) this.unexpected(t, context);
    return t;
  }
  unexpected(t: Token, context: string): never {
    if (t.typ === Item.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.src.parseName}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${tokenString(t)}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }

  // --- trees -------------------------------------------------------------------------------

  add(): void {
    const root = this.root ?? this.newList(0);
    const tree = this.treeSet.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, { name: this.name, root, src: this.src });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  child(name: string): Parser {
    const p = new Parser(name, this.src, this.lex, this.options, this.treeSet);
    return p;
  }

  parse(): void {
    this.root = this.newList(this.peek().pos);
    while (this.peek().typ !== Item.EOF) {
      if (this.peek().typ === Item.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === Item.Define) {
          const newT = this.child('definition');
          newT.token[0] = this.token[0] as Token;
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${n.type === 'end' ? '{{end}}' : '{{else}}'}`);
      this.root.nodes.push(n);
    }
  }

  parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(Item.String, Item.RawString, context);
    this.name = this.unquoteOrFail(name.val);
    this.expect(Item.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeText(end)} in ${context}`);
    this.add();
  }

  unquoteOrFail(s: string): string {
    try {
      return unquote(s);
    } catch (e) {
      if (e instanceof SyntaxError_) this.errorf('invalid syntax');
      throw e;
    }
  }

  itemList(): [ListNode, Node] {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== Item.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Text:
        return { type: 'text', pos: token.pos, src: this.src, text: token.val };
      case Item.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case Item.Comment:
        return { type: 'comment', pos: token.pos, src: this.src, text: token.val };
      default:
        this.unexpected(token, 'input');
    }
  }

  action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Block:
        return this.blockControl();
      case Item.Break:
        return this.loopControl(token, 'break');
      case Item.Continue:
        return this.loopControl(token, 'continue');
      case Item.Else:
        return this.elseControl();
      case Item.End:
        return this.endControl();
      case Item.If:
        return this.branch('if');
      case Item.Range:
        return this.branch('range');
      case Item.Template:
        return this.templateControl();
      case Item.With:
        return this.branch('with');
      default:
        break;
    }
    this.backup();
    const t = this.peek();
    const node: ActionNode = {
      type: 'action',
      pos: t.pos,
      src: this.src,
      line: t.line,
      pipe: this.pipeline('command', Item.RightDelim),
    };
    return node;
  }

  loopControl(token: Token, kind: 'break' | 'continue'): Node {
    const t = this.nextNonSpace();
    if (t.typ !== Item.RightDelim) this.unexpected(t, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, pos: token.pos, src: this.src };
  }

  pipeline(context: string, end: Item): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = {
      type: 'pipe',
      pos: token.pos,
      src: this.src,
      line: token.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      switch (t.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case Item.Bool:
        case Item.CharConstant:
        case Item.Complex:
        case Item.Dot:
        case Item.Field:
        case Item.Identifier:
        case Item.Number:
        case Item.Nil:
        case Item.RawString:
        case Item.String:
        case Item.Variable:
        case Item.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== Item.Variable) return;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === Item.Assign || next.typ === Item.Declare) {
        pipe.isAssign = next.typ === Item.Assign;
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        return;
      }
      if (next.typ === Item.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().typ;
          if (p === Item.Variable || p === Item.RightDelim || p === Item.RightParen) continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      if (tokenAfterVariable.typ === Item.Space) this.backup3(v, tokenAfterVariable);
      else this.backup2(v);
      return;
    }
  }

  checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const first = (pipe.cmds[i] as CommandNode).args[0];
      switch (first?.type) {
        case 'bool':
        case 'dot':
        case 'nil':
        case 'number':
        case 'string':
          this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  branch(context: 'if' | 'range' | 'with'): BranchNode {
    const varsMark = this.vars.length;
    try {
      const pipe = this.pipeline(context, Item.RightDelim);
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | undefined;
      if (next.type === 'else') {
        const pk = this.peek().typ;
        if ((context === 'if' && pk === Item.If) || (context === 'with' && pk === Item.With)) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branch(context));
        } else {
          let end: Node;
          [elseList, end] = this.itemList();
          if (end.type !== 'end') this.errorf(`expected end; found ${nodeText(end)}`);
        }
      }
      return { type: context, pos: pipe.pos, src: this.src, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = varsMark;
    }
  }

  endControl(): EndNode {
    return { type: 'end', pos: this.expect(Item.RightDelim, 'end').pos, src: this.src };
  }

  elseControl(): EndNode {
    const peek = this.peekNonSpace();
    if (peek.typ === Item.If || peek.typ === Item.With) return { type: 'else', pos: peek.pos, src: this.src };
    const token = this.expect(Item.RightDelim, 'else');
    return { type: 'else', pos: token.pos, src: this.src };
  }

  blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, Item.RightDelim);
    const block = this.child(name);
    block.token[0] = this.token[0] as Token;
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${nodeText(end)} in ${context}`);
    block.add();
    return { type: 'template', pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== Item.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, Item.RightDelim);
    }
    return { type: 'template', pos: token.pos, src: this.src, line: token.line, name, pipe };
  }

  parseTemplateName(token: Token, context: string): string {
    if (token.typ === Item.String || token.typ === Item.RawString) return this.unquoteOrFail(token.val);
    this.unexpected(token, context);
  }

  command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, src: this.src, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === Item.Space) continue;
      if (token.typ === Item.RightDelim || token.typ === Item.RightParen) this.backup();
      else if (token.typ !== Item.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  operand(): ArgNode | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === Item.Field) {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === Item.Field) fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, src: this.src, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, src: this.src, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${quote(nodeText(node))}`);
        // falls through (errorf throws)
        default:
          node = { type: 'chain', pos, src: this.src, node, field: fields };
      }
    }
    return node;
  }

  term(): ArgNode | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case Item.Identifier: {
        if (this.options.skipFuncCheck !== true && !this.options.hasFunction(token.val)) {
          this.errorf(`function ${quote(token.val)} not defined`);
        }
        return { type: 'identifier', pos: token.pos, src: this.src, ident: token.val };
      }
      case Item.Dot:
        return { type: 'dot', pos: token.pos, src: this.src };
      case Item.Nil:
        return { type: 'nil', pos: token.pos, src: this.src };
      case Item.Variable:
        return this.useVar(token.pos, token.val);
      case Item.Field:
        return { type: 'field', pos: token.pos, src: this.src, ident: token.val.slice(1).split('.') };
      case Item.Bool:
        return { type: 'bool', pos: token.pos, src: this.src, value: token.val === 'true' };
      case Item.CharConstant:
      case Item.Complex:
      case Item.Number:
        return this.newNumber(token);
      case Item.LeftParen: {
        if (this.stackDepth >= (this.options.maxExpressionDepth ?? MAX_STACK_DEPTH))
          this.errorf('max expression depth exceeded');
        this.stackDepth++;
        try {
          return this.pipeline('parenthesized pipeline', Item.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case Item.String:
      case Item.RawString:
        return {
          type: 'string',
          pos: token.pos,
          src: this.src,
          quoted: token.val,
          text: this.unquoteOrFail(token.val),
        };
      default:
        this.backup();
        return undefined;
    }
  }

  useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    if (!this.vars.includes(v.ident[0] as string)) this.errorf(`undefined variable ${quote(v.ident[0] as string)}`);
    return v;
  }

  newVariable(pos: number, ident: string): VariableNode {
    return { type: 'variable', pos, src: this.src, ident: ident.split('.') };
  }

  newList(pos: number): ListNode {
    return { type: 'list', pos, src: this.src, nodes: [] };
  }

  newNumber(token: Token): NumberNode {
    try {
      return parseNumber(token, this.src);
    } catch (e) {
      if (e instanceof Bail || e instanceof SyntaxError_) this.errorf(e.message);
      if (e instanceof Error && !(e instanceof TemplateParseError)) this.errorf(e.message);
      throw e;
    }
  }
}

function nodeText(n: Node): string {
  if (n.type === 'end') return '{{end}}';
  if (n.type === 'else') return '{{else}}';
  if (n.type === 'bool') return n.value ? 'true' : 'false';
  if (n.type === 'string') return n.quoted;
  if (n.type === 'number') return n.text;
  if (n.type === 'nil') return 'nil';
  if (n.type === 'dot') return '.';
  return n.type;
}

function parseFloatOrNaN(s: string): number {
  try {
    return parseFloat64(s);
  } catch {
    return NaN;
  }
}

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

function tryBig(f: () => bigint): bigint | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** Go's newNumber: every interpretation of a numeric constant (complex constants are refused). */
export function parseNumber(token: Token, src: TreeSource): NumberNode {
  const text = token.val;
  const base = { type: 'number' as const, pos: token.pos, src, text, isComplex: false };
  if (token.typ === Item.CharConstant) {
    const r = unquoteCharConstant(text);
    const b = BigInt(r);
    return { ...base, isInt: true, isUint: true, isFloat: true, int64: b, uint64: b, float64: r };
  }
  if (token.typ === Item.Complex || (text.endsWith('i') && !isNaN(parseFloatOrNaN(text.slice(0, -1))))) {
    // Complex constants parse (Go keeps them); executing one is an error: the value model has no complex type.
    return { ...base, isComplex: true, isInt: false, isUint: false, isFloat: false, int64: 0n, uint64: 0n, float64: 0 };
  }
  const u = tryBig(() => parseUint(text, 0, 64));
  const i = tryBig(() => parseInt64(text, 0, 64));
  let isInt = i !== undefined;
  let isUint = u !== undefined;
  let int64 = i ?? 0n;
  let uint64 = u ?? 0n;
  if (isInt && int64 === 0n) {
    isUint = true;
    uint64 = u ?? 0n;
  }
  let isFloat = false;
  let float64 = 0;
  if (isInt) {
    isFloat = true;
    float64 = Number(int64);
  } else if (isUint) {
    isFloat = true;
    float64 = Number(uint64);
  } else {
    let f: number | undefined;
    try {
      f = parseFloat64(text);
    } catch {
      f = undefined;
    }
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) throw new Bail(`integer overflow: ${quote(text)}`);
      isFloat = true;
      float64 = f;
      if (Number.isInteger(f)) {
        const b = BigInt(f);
        if (b >= MIN_INT64 && b <= MAX_INT64) {
          isInt = true;
          int64 = b;
        }
        if (b >= 0n && b <= MAX_UINT64) {
          isUint = true;
          uint64 = b;
        }
      }
    }
  }
  if (!isInt && !isUint && !isFloat) throw new Bail(`illegal number syntax: ${quote(text)}`);
  return { ...base, isInt, isUint, isFloat, int64, uint64, float64 };
}

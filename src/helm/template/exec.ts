/**
 * The executor of Go's text/template (text/template/exec.go) over the value model: walks a tree with
 * dot and variables, evaluates pipelines, fields, methods and function calls with Go's argument typing
 * (constants take the parameter's type, values must be assignable), range over slices, maps (sorted
 * keys) and integers, break/continue, template calls, missing-key options, and raises errors with Go's
 * text: `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.
 */
import { callBuiltin, isBuiltinSpecial } from './builtins.js';
import { formatValue, sprint } from './fmt.js';
import type {
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import { quote } from './strconv.js';
import {
  GoError,
  GoNumber,
  GoStruct,
  canBeNil,
  elemType,
  goFunc,
  isGoFunc,
  isGoMap,
  isIntType,
  isTrue,
  makeInt,
  mapGet,
  mapHas,
  sortedMapKeys,
  typeName,
  utf8Length,
  zeroValue,
  GO_TYPE,
  type GoFunc,
  type GoValue,
} from './values.js';

/** What a missing map key evaluates to (Go's `missingkey` option). */
export type MissingKey = 'invalid' | 'zero' | 'error';

/** A template as the executor sees it. */
export interface ExecTemplate {
  readonly name: string;
  readonly root: ListNode | undefined;
}

/** What the executor needs from the template set. */
export interface ExecContext {
  lookup(name: string): ExecTemplate | undefined;
  findFunction(name: string): GoFunc | undefined;
  readonly missingKey: MissingKey;
}

/** An execution failure (Go's template.ExecError); `message` is Go's error text. */
export class TemplateExecError extends Error {
  constructor(
    message: string,
    /** Name of the template being executed. */
    readonly templateName: string,
    /** File (parse name), 1-based line and 0-based byte column of the failing node, when known. */
    readonly location?: { readonly file: string; readonly line: number; readonly column: number },
  ) {
    super(message);
    this.name = 'TemplateExecError';
  }
  /** What the template had written before it failed (Go leaves it in the writer). */
  partialOutput = '';
}

/** `undefined` inside the executor: Go's invalid reflect.Value (a missing key, nil data). */
type Value = GoValue | undefined;

/** Marks "no final argument" (Go's missingVal). */
const MISSING: unique symbol = Symbol('missing');
type Final = Value | typeof MISSING;

/** `{{break}}` and `{{continue}}` unwind to their range loop as exceptions (created once). */
class BreakSignal extends Error {}
class ContinueSignal extends Error {}
const BREAK = new BreakSignal('break');
const CONTINUE = new ContinueSignal('continue');

const MAX_EXEC_DEPTH = 100000;
const NO_ARGS: readonly ArgNode[] = [];

interface Variable {
  name: string;
  value: Value;
  /** Whether the variable's static type is an interface (range elements of []interface {}). */
  iface: boolean;
}

/** Executes template `tmpl` with `data`; returns the output. Throws TemplateExecError. */
export function execute(ctx: ExecContext, tmpl: ExecTemplate, data: GoValue | undefined): string {
  // A nil data value is Go's reflect.ValueOf(nil): an invalid value, not a nil interface.
  const s = new State(ctx, tmpl, data ?? undefined);
  if (!tmpl.root) s.errorf(`${quote(tmpl.name)} is an incomplete or empty template`);
  s.walk(data ?? undefined, tmpl.root as ListNode);
  return s.out;
}

class State {
  out = '';
  node: Node | undefined;
  vars: Variable[];
  depth = 0;
  dotIface = false;
  /** Whether the value evalField last returned has an interface static type (for error texts). */
  lastIface = false;

  constructor(
    readonly ctx: ExecContext,
    public tmpl: ExecTemplate,
    data: Value,
  ) {
    this.vars = [{ name: '$', value: data, iface: false }];
  }

  // --- errors ----------------------------------------------------------------------------

  errorf(message: string): never {
    const name = this.tmpl.name;
    const n = this.node;
    if (!n) {
      const e = new TemplateExecError(`template: ${name}: ${message}`, name);
      e.partialOutput = this.out;
      throw e;
    }
    const text = n.src.text;
    const lineStart = text.lastIndexOf('\n', n.pos - 1) + 1;
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < n.pos; i = text.indexOf('\n', i + 1)) line++;
    const column = utf8Length(text.slice(lineStart, n.pos));
    const loc = `${n.src.parseName}:${line}:${column}`;
    throw new TemplateExecError(`template: ${loc}: executing ${quote(name)} at <${nodeString(n)}>: ${message}`, name, {
      file: n.src.parseName,
      line,
      column,
    });
  }

  // --- variables -------------------------------------------------------------------------

  push(name: string, value: Value, iface: boolean): void {
    this.vars.push({ name, value, iface });
  }
  mark(): number {
    return this.vars.length;
  }
  pop(mark: number): void {
    this.vars.length = mark;
  }
  findVar(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) return v;
    }
    this.errorf(`undefined variable: ${name}`);
  }
  setTopVar(n: number, value: Value, iface: boolean): void {
    const v = this.vars[this.vars.length - n] as Variable;
    v.value = value;
    v.iface = iface;
  }

  // --- walking ---------------------------------------------------------------------------

  walk(dot: Value, node: Node): void {
    this.node = node;
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw BREAK;
      case 'comment':
        return;
      case 'continue':
        throw CONTINUE;
      case 'if':
      case 'with': {
        this.walkIfOrWith(dot, node);
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range': {
        this.walkRange(dot, node);
        return;
      }
      case 'template': {
        this.walkTemplate(dot, node);
        return;
      }
      case 'text':
        this.out += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(dot: Value, node: BranchNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) {
        if (node.type === 'with') {
          const saved = this.dotIface;
          this.dotIface = false;
          try {
            this.walk(val, node.list);
          } finally {
            this.dotIface = saved;
          }
        } else this.walk(dot, node.list);
      } else if (node.elseList) {
        this.walk(dot, node.elseList);
      }
    } finally {
      this.pop(mark);
    }
  }

  walkRange(dot: Value, r: BranchNode): void {
    this.node = r;
    const outerMark = this.mark();
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      if (this.rangeOver(val, r, mark)) return;
      if (r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.pop(outerMark);
    }
  }

  /** Runs the loop; false when there was nothing to iterate (the else branch runs). */
  rangeOver(val: Value, r: BranchNode, mark: number): boolean {
    if (val === undefined || val === null) return false;
    const ints = intRangeCount(val);
    if (ints !== undefined) {
      if (r.pipe.decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
      const type = typeName(val);
      for (let i = 0n; i < ints; i++) this.oneIteration(r, mark, undefined, makeInt(type, i), false);
      return ints > 0n;
    }
    if (Array.isArray(val)) {
      const iface = elemType(val) === 'interface {}';
      for (let i = 0; i < val.length; i++) this.oneIteration(r, mark, BigInt(i), val[i] ?? null, iface);
      return val.length > 0;
    }
    if (val instanceof Uint8Array) {
      for (let i = 0; i < val.length; i++) {
        this.oneIteration(r, mark, BigInt(i), new GoNumber('uint8', BigInt(val[i] as number)), false);
      }
      return val.length > 0;
    }
    if (isGoMap(val)) {
      const keys = sortedMapKeys(val);
      const iface = elemType(val) === 'interface {}';
      for (const k of keys) this.oneIteration(r, mark, k, mapGet(val, k) ?? null, iface);
      return keys.length > 0;
    }
    this.errorf(`range can't iterate over ${formatValue(val)}`);
  }

  oneIteration(r: BranchNode, mark: number, index: Value, elem: Value, iface: boolean): void {
    const decl = r.pipe.decl;
    if (decl.length > 0) {
      if (r.pipe.isAssign) {
        if (decl.length > 1) this.setVar((decl[0] as VariableNode).ident[0] as string, index, false);
        else this.setVar((decl[0] as VariableNode).ident[0] as string, elem, iface);
      } else {
        this.setTopVar(1, elem, iface);
      }
    }
    if (decl.length > 1) {
      if (r.pipe.isAssign) this.setVar((decl[1] as VariableNode).ident[0] as string, elem, iface);
      else this.setTopVar(2, index, false);
    }
    const saved = this.dotIface;
    this.dotIface = iface;
    try {
      this.walk(elem, r.list);
    } catch (e) {
      if (e !== CONTINUE) throw e;
    } finally {
      this.dotIface = saved;
      this.pop(mark);
    }
  }

  setVar(name: string, value: Value, iface: boolean): void {
    const v = this.findVar(name);
    v.value = value;
    v.iface = iface;
  }

  walkTemplate(dot: Value, t: TemplateNode): void {
    this.node = t;
    const tmpl = this.ctx.lookup(t.name);
    if (!tmpl) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { tmpl: this.tmpl, vars: this.vars, dotIface: this.dotIface };
    this.depth++;
    this.tmpl = tmpl;
    this.vars = [{ name: '$', value: newDot, iface: false }];
    this.dotIface = false;
    try {
      if (tmpl.root) this.walk(newDot, tmpl.root);
    } finally {
      this.depth--;
      this.tmpl = saved.tmpl;
      this.vars = saved.vars;
      this.dotIface = saved.dotIface;
    }
  }

  // --- pipelines and commands --------------------------------------------------------------

  evalPipeline(dot: Value, pipe: PipeNode | undefined): Value {
    if (!pipe) return undefined;
    this.node = pipe;
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface result is an invalid value (Go: value.Elem() of a nil interface).
      if (value === null) value = undefined;
    }
    const v = value === MISSING ? undefined : value;
    for (const variable of pipe.decl) {
      const name = variable.ident[0] as string;
      if (pipe.isAssign) this.setVar(name, v, false);
      else this.push(name, v, false);
    }
    return v;
  }

  notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
    }
  }

  evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    const first = cmd.args[0] as ArgNode;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
      default:
        break;
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through (errorf throws)
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  idealConstant(c: NumberNode): Value {
    this.node = c;
    if (c.isComplex) this.errorf('complex numbers are not supported');
    if (c.isFloat && !isHexInt(c.text) && !c.text.startsWith("'") && /[.eEpP]/.test(c.text)) return c.float64;
    if (c.isInt) return c.int64;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  evalFieldNode(dot: Value, field: FieldNode, args: readonly ArgNode[], final: Final): Value {
    this.node = field;
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, args, final);
  }

  evalChainNode(dot: Value, chain: ChainNode, args: readonly ArgNode[], final: Final): Value {
    this.node = chain;
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, 'reflect.Value', chain.node);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, args, final);
  }

  evalVariableNode(dot: Value, variable: VariableNode, args: readonly ArgNode[], final: Final): Value {
    this.node = variable;
    const v = this.findVar(variable.ident[0] as string);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return v.value;
    }
    return this.evalFieldChain(dot, v.value, v.iface, variable, variable.ident, args, final, 1);
  }

  evalFieldChain(
    dot: Value,
    receiver: Value,
    iface: boolean,
    node: Node,
    ident: readonly string[],
    args: readonly ArgNode[] | undefined,
    final: Final,
    from = 0,
  ): Value {
    const n = ident.length;
    this.lastIface = iface;
    for (let i = from; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i] as string, node, undefined, MISSING, receiver, this.lastIface);
    }
    return this.evalField(dot, ident[n - 1] as string, node, args, final, receiver, this.lastIface);
  }

  evalFunction(dot: Value, node: IdentifierNode, cmd: Node, args: readonly ArgNode[] | undefined, final: Final): Value {
    this.node = node;
    const name = node.ident;
    const fn = this.ctx.findFunction(name);
    if (!fn) this.errorf(`${quote(name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, name, args, final);
  }

  /** Field, method or map key `fieldName` of `receiver` (its static interface-ness goes to `lastIface`). */
  evalField(
    dot: Value,
    fieldName: string,
    node: Node,
    args: readonly ArgNode[] | undefined,
    final: Final,
    receiver: Value,
    iface: boolean,
  ): Value {
    if (receiver === undefined) {
      if (this.ctx.missingKey === 'error') this.errorf(`nil data; no entry for key ${quote(fieldName)}`);
      return this.ret(undefined, false);
    }
    const staticType = iface ? 'interface {}' : typeName(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${staticType}.${fieldName}`);
    const method = findMethod(receiver, fieldName);
    if (method) return this.ret(this.evalCall(dot, method, node, fieldName, args, final), false);
    const hasArgs = (args !== undefined && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoStruct) {
      const found = structField(receiver, fieldName);
      if (found) {
        if (!/^\p{Lu}/u.test(fieldName)) {
          this.errorf(`${fieldName} is an unexported field of struct type ${staticType}`);
        }
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return this.ret(found.value, found.type === 'interface {}');
      }
    } else if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const elem = elemType(receiver);
      if (mapHas(receiver, fieldName)) return this.ret(receiver[fieldName] ?? null, elem === 'interface {}');
      switch (this.ctx.missingKey) {
        case 'invalid':
          return this.ret(undefined, false);
        case 'zero':
          return this.ret(zeroValue(elem), elem === 'interface {}');
        case 'error':
          this.errorf(`map has no entry for key ${quote(fieldName)}`);
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${staticType}`);
  }

  /** Returns a field's value and records whether its static type is an interface. */
  ret(v: Value, iface: boolean): Value {
    this.lastIface = iface;
    return v;
  }

  evalCall(
    dot: Value,
    fn: GoFunc,
    node: Node,
    name: string,
    argNodes: readonly ArgNode[] | undefined,
    final: Final,
  ): Value {
    // The arguments are argNodes[1:] (the first node names the function); read in place, not copied.
    const all = argNodes ?? NO_ARGS;
    const nArgs = all.length > 1 ? all.length - 1 : 0;
    let numIn = nArgs;
    if (final !== MISSING) numIn++;
    let numFixed = nArgs;
    const nParams = fn.params.length + (fn.variadic !== undefined ? 1 : 0);
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${nArgs}`);
      }
    } else if (numIn !== nParams) {
      this.errorf(`wrong number of args for ${name}: want ${nParams} got ${numIn}`);
    }
    const special = isBuiltinSpecial(fn);
    if (special === 'and' || special === 'or') return this.evalAndOr(dot, special, all.slice(1), final);
    const argv: Value[] = new Array<Value>(numIn);
    let i = 0;
    for (; i < numFixed && i < nArgs; i++) argv[i] = this.evalArg(dot, fn.params[i] as string, all[i + 1] as ArgNode);
    if (fn.variadic !== undefined) {
      for (; i < nArgs; i++) argv[i] = this.evalArg(dot, fn.variadic, all[i + 1] as ArgNode);
    }
    if (final !== MISSING) {
      let t: string;
      if (fn.variadic !== undefined) t = numIn - 1 < numFixed ? (fn.params[numIn - 1] as string) : fn.variadic;
      else t = fn.params[nParams - 1] as string;
      argv[i] = this.validateType(final, t);
    }
    try {
      if (special === 'call') {
        const calleeName =
          nArgs === 0 ? formatValue(final === MISSING ? undefined : final) : nodeString(all[1] as ArgNode);
        return callBuiltin('call', [calleeName, ...argv]);
      }
      return boxResult(fn.fn(...unboxArgs(fn, argv)), fn.result);
    } catch (e) {
      this.callFailed(e, node, name);
    }
  }

  /** Go's safeCall error path: `error calling NAME: …` for function errors and panics. */
  callFailed(e: unknown, node: Node, name: string): never {
    if (e instanceof BreakSignal || e instanceof ContinueSignal) throw e;
    this.node = node;
    if (e instanceof GoError || e instanceof TemplateExecError) this.errorf(`error calling ${name}: ${e.message}`);
    if (e instanceof RangeError || e instanceof TypeError) this.errorf(`error calling ${name}: ${e.message}`);
    throw e;
  }

  evalAndOr(dot: Value, which: 'and' | 'or', args: readonly ArgNode[], final: Final): Value {
    let v: Value;
    for (const arg of args) {
      v = this.evalArg(dot, 'reflect.Value', arg);
      if (isTrue(v) === (which === 'or')) return v;
    }
    if (final !== MISSING) v = final;
    return v;
  }

  /** Go's validateType: a value passed to a parameter of Go type `typ`. */
  validateType(value: Value, typ: string): Value {
    if (typ === 'reflect.Value') return value;
    if (value === undefined || value === null) {
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === 'interface {}' || assignable(value, typ)) return value;
    this.errorf(`wrong type for value; expected ${typ}; got ${typeName(value)}`);
  }

  evalArg(dot: Value, typ: string, n: ArgNode): Value {
    this.node = n;
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (canBeNil(typ)) return typ === 'reflect.Value' ? undefined : null;
        this.errorf(`cannot assign nil to ${typ}`);
      // falls through (errorf throws)
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, [], MISSING), typ);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), typ);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, [], MISSING), typ);
      default:
        break;
    }
    return this.evalConstantArg(dot, typ, n);
  }

  evalConstantArg(dot: Value, typ: string, n: ArgNode): Value {
    if (typ === 'bool') {
      if (n.type === 'bool') return n.value;
      this.errorf(`expected bool; found ${nodeString(n)}`);
    }
    if (typ === 'float64' || typ === 'float32') {
      if (n.type === 'number' && n.isFloat)
        return typ === 'float64' ? n.float64 : new GoNumber('float32', Math.fround(n.float64));
      this.errorf(`expected float; found ${nodeString(n)}`);
    }
    if (isIntType(typ) && !typ.startsWith('u')) {
      if (n.type === 'number' && n.isInt) return makeInt(typ, n.int64);
      this.errorf(`expected integer; found ${nodeString(n)}`);
    }
    if (typ.startsWith('uint')) {
      if (n.type === 'number' && n.isUint) return makeInt(typ, n.uint64);
      this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
    }
    if (typ === 'string') {
      if (n.type === 'string') return n.text;
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    if (typ === 'interface {}' || typ === 'reflect.Value') return this.evalEmptyInterface(dot, n);
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  evalEmptyInterface(dot: Value, n: ArgNode): Value {
    this.node = n;
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'dot':
        return dot;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
      case 'nil':
        this.errorf("evalEmptyInterface: nil (can't happen)");
      // falls through (errorf throws)
      default:
        return this.evalArg(dot, 'reflect.Value', n);
    }
  }

  printValue(n: Node, v: Value): void {
    this.node = n;
    if (v === undefined || v === null) {
      this.out += '<no value>';
      return;
    }
    if (typeof v === 'string') {
      this.out += v;
      return;
    }
    if (isGoFunc(v)) this.errorf(`can't print ${nodeString(n)} of type ${typeName(v)}`);
    // Go's printableValue dereferences pointers before printing (`{…}`, not `&{…}`).
    if (v instanceof GoStruct && v.type.pointer === true && !v.type.methods?.String && !v.type.methods?.Error) {
      this.out += formatValue(new GoStruct({ ...v.type, pointer: false }, v.fields));
      return;
    }
    this.out += formatValue(v);
  }
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X') && !/[pP]/.test(s);
}

/** The iteration count of `range N` over an integer, or undefined for non-integers. */
function intRangeCount(v: GoValue): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (v instanceof GoNumber && typeof v.value === 'bigint') return v.value;
  return undefined;
}

/** A method of a struct or of a typed collection, bound to its receiver. */
function findMethod(receiver: GoValue, name: string): GoFunc | undefined {
  if (receiver instanceof GoStruct) {
    const m = receiver.type.methods?.[name];
    if (!m) return undefined;
    return goFunc(m.signature, (...args: GoValue[]) => m.fn(receiver, ...args));
  }
  if (Array.isArray(receiver) || isGoMap(receiver)) {
    const t = receiver[GO_TYPE];
    return t?.methods?.[name];
  }
  return undefined;
}

/** A struct field by name, searching embedded structs (Go's promoted fields). */
function structField(s: GoStruct, name: string): { value: GoValue; type: string } | undefined {
  for (const f of s.type.fields) {
    if (f.name === name) return { value: s.fields[name] ?? null, type: f.type };
  }
  for (const f of s.type.fields) {
    const inner = s.fields[f.name];
    if (f.embedded === true && inner instanceof GoStruct) {
      const found = structField(inner, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether a (non-nil) value is assignable to a parameter of Go type `typ`. */
export function assignable(v: GoValue, typ: string): boolean {
  const t = typeName(v);
  if (t === typ) return true;
  if (typ === 'interface {}') return true;
  if (typ === 'error') return v instanceof GoStruct && v.type.methods?.Error !== undefined;
  if (v instanceof GoStruct) return v.type.name === '*' + typ || '*' + v.type.name === typ;
  if (isGoFunc(v)) return false;
  if (typeof v === 'object' && v !== null && !(v instanceof GoNumber) && !(v instanceof Uint8Array)) {
    const ct = v[GO_TYPE];
    if (ct?.underlying === typ) return true;
    if (ct === undefined) {
      // An unnamed []interface {} / map[string]interface {} is assignable to named types with that underlying type.
      return false;
    }
  }
  return false;
}

/** Converts checked arguments to what implementations take: integers as bigint, floats as number. */
function unboxArgs(fn: GoFunc, argv: Value[]): GoValue[] {
  const out = argv as GoValue[];
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v instanceof GoNumber) {
      const t = i < fn.params.length ? fn.params[i] : fn.variadic;
      if (t !== 'interface {}' && t !== 'reflect.Value') out[i] = v.value;
    }
  }
  return out;
}

/** Boxes a raw result by the declared result type. */
export function boxResult(r: unknown, type: string): Value {
  if (r === undefined) return undefined;
  if (typeof r === 'bigint') {
    if (type === 'int' || type === 'interface {}' || type === 'reflect.Value') return r;
    if (isIntType(type)) return makeInt(type, r);
    return r;
  }
  if (typeof r === 'number' && type === 'float32') return new GoNumber('float32', Math.fround(r));
  return r as GoValue;
}

/** Sprint of values for error messages. */
export function sprintValues(values: readonly Value[]): string {
  return sprint(values);
}

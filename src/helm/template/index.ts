/**
 * helm/template: Go's text/template in TypeScript, exact enough for Helm charts to render as
 * `helm template` does. A {@link TemplateSet} is Go's `*template.Template` with its associated
 * templates: add functions, set options, parse every template file into it (each file is a named
 * template; `{{define}}` adds more), then execute any template by name with data from the Go value
 * model (`values.ts`). Parse once, execute many; {@link TemplateSet.clone} is cheap (for Helm's `tpl`).
 *
 * Errors carry Go's text: {@link TemplateParseError} (`template: NAME:LINE: …`) and
 * {@link TemplateExecError} (`template: NAME:LINE:COL: executing "NAME" at <…>: …`).
 */
import { BUILTINS } from './builtins.js';
import { execute, TemplateExecError, type ExecContext, type ExecTemplate, type MissingKey } from './exec.js';
import { isEmptyTree, parseTemplates, TemplateParseError, type Tree } from './parse.js';
import { quote } from './strconv.js';
import type { GoFunc, GoValue } from './values.js';

export * from './values.js';
export { TemplateExecError, type MissingKey } from './exec.js';
export { TemplateParseError } from './parse.js';
export { sprint, sprintf, sprintln, formatValue } from './fmt.js';
export { formatFloat, quote as goQuote, parseFloat64, parseInt64 } from './strconv.js';
export { htmlEscapeString, jsEscapeString, queryEscape } from './builtins.js';

/** Template functions by name (Go's `template.FuncMap`). Build entries with `goFunc`. */
export type FuncMap = Readonly<Record<string, GoFunc>>;

/** Go's `template.Option` values: `missingkey=default|invalid|zero|error`. */
export type TemplateOption = 'missingkey=default' | 'missingkey=invalid' | 'missingkey=zero' | 'missingkey=error';

/** Thrown when executing a name that is not in the set (Go's plain error, not an ExecError). */
export class TemplateNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateNotFoundError';
  }
}

/**
 * One layer of templates and functions. A clone gets a new empty layer over its parent's layers, so
 * cloning is O(1) (Helm's `tpl` clones the whole set on every call); a layer shared with clones is
 * frozen and copied before its owner changes it, which keeps Go's snapshot semantics.
 */
interface Layer {
  readonly templates: Map<string, Tree>;
  readonly funcs: Map<string, GoFunc>;
  readonly next: Layer | undefined;
}

/**
 * A set of associated templates: Go's `template.New(name)` plus `Funcs`, `Option`, `New(n).Parse`,
 * `Lookup`, `ExecuteTemplate` and `Clone`.
 */
export class TemplateSet implements ExecContext {
  private top: Layer = { templates: new Map(), funcs: new Map(), next: undefined };
  private frozen = false;
  private missing: MissingKey = 'invalid';
  /** Parsed texts of {@link executeText}, shared with clones (parsing depends only on function names). */
  private parseCache = new Map<string, Map<string, Tree>>();

  /** @param name - the set's own name (Go's `template.New(name)`), used by `tpl` and error texts. */
  constructor(readonly name: string) {}

  /** The missing-key behaviour in force. */
  get missingKey(): MissingKey {
    return this.missing;
  }

  /** Adds functions (Go's `Funcs`); later additions replace earlier ones of the same name. */
  funcs(map: FuncMap): this {
    const layer = this.writable();
    for (const [k, v] of Object.entries(map)) layer.funcs.set(k, v);
    return this;
  }

  /** Sets an option (Go's `Option`). */
  option(opt: TemplateOption): this {
    const v = opt.slice('missingkey='.length);
    this.missing = v === 'default' ? 'invalid' : (v as MissingKey);
    return this;
  }

  /**
   * Parses `text` as template `name` (Go's `t.New(name).Parse(text)`), adding it and the templates it
   * defines to the set. A template whose body is empty does not replace an existing one. Throws
   * {@link TemplateParseError}.
   */
  parse(name: string, text: string): this {
    this.addTrees(this.parseText(name, text));
    return this;
  }

  /**
   * Parses `text` as template `name` and executes that template (Go's
   * `t.New(name).Parse(text)` then `Execute` on the result, as Helm's `tpl` does). Parsed texts are
   * cached. Throws {@link TemplateParseError} or {@link TemplateExecError}.
   */
  executeText(name: string, text: string, data: GoValue): string {
    const key = name + '\u0000' + text;
    let trees = this.parseCache.get(key);
    if (!trees) {
      trees = this.parseText(name, text);
      if (this.parseCache.size > 5000) this.parseCache.clear();
      this.parseCache.set(key, trees);
    }
    this.addTrees(trees);
    return execute(this, trees.get(name) ?? { name, root: undefined }, data);
  }

  /** Whether a template of that name is in the set. */
  has(name: string): boolean {
    return this.lookup(name) !== undefined;
  }

  /** Names of the templates in the set (unordered, as Go's map). */
  names(): string[] {
    const out = new Set<string>();
    for (let l: Layer | undefined = this.top; l; l = l.next) for (const k of l.templates.keys()) out.add(k);
    return [...out];
  }

  /** Go's Lookup, for the executor. */
  lookup(name: string): ExecTemplate | undefined {
    for (let l: Layer | undefined = this.top; l; l = l.next) {
      const t = l.templates.get(name);
      if (t) return t;
    }
    return undefined;
  }

  /** A function by name: the set's functions, then the builtins. */
  findFunction(name: string): GoFunc | undefined {
    for (let l: Layer | undefined = this.top; l; l = l.next) {
      const f = l.funcs.get(name);
      if (f) return f;
    }
    return BUILTINS.get(name);
  }

  /**
   * Executes template `name` with `data` (Go's `ExecuteTemplate`) and returns the output. Throws
   * {@link TemplateExecError} or {@link TemplateNotFoundError}.
   */
  execute(name: string, data: GoValue): string {
    const tmpl = this.lookup(name);
    if (!tmpl) {
      throw new TemplateNotFoundError(
        `template: no template ${quote(name)} associated with template ${quote(this.name)}`,
      );
    }
    return execute(this, tmpl, data);
  }

  /** A copy that later changes on either side do not affect (Go's `Clone`); O(1). */
  clone(): TemplateSet {
    const c = new TemplateSet(this.name);
    this.frozen = true;
    c.top = { templates: new Map(), funcs: new Map(), next: this.top };
    c.missing = this.missing;
    c.parseCache = this.parseCache;
    return c;
  }

  private parseText(name: string, text: string): Map<string, Tree> {
    return parseTemplates(name, text, { hasFunction: (f) => this.findFunction(f) !== undefined });
  }

  private addTrees(trees: Map<string, Tree>): void {
    const layer = this.writable();
    for (const [n, tree] of trees) {
      if (isEmptyTree(tree.root) && this.lookup(n)) continue;
      layer.templates.set(n, tree);
    }
  }

  /** The top layer, copied first if clones share it. */
  private writable(): Layer {
    if (this.frozen) {
      this.top = { templates: new Map(this.top.templates), funcs: new Map(this.top.funcs), next: this.top.next };
      this.frozen = false;
    }
    return this.top;
  }
}

/** Whether an error is a template error with Go's text (parse or execution). */
export function isTemplateError(e: unknown): e is TemplateParseError | TemplateExecError | TemplateNotFoundError {
  return e instanceof TemplateParseError || e instanceof TemplateExecError || e instanceof TemplateNotFoundError;
}

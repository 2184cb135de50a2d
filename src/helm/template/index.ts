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

/** Shared state of a set and its clones until one of them changes it (copy on write). */
interface Shared {
  templates: Map<string, Tree>;
  funcs: Map<string, GoFunc>;
}

/**
 * A set of associated templates: Go's `template.New(name)` plus `Funcs`, `Option`, `New(n).Parse`,
 * `Lookup`, `ExecuteTemplate` and `Clone`.
 */
export class TemplateSet implements ExecContext {
  private shared: Shared;
  private ownsTemplates = true;
  private ownsFuncs = true;
  private missing: MissingKey = 'invalid';

  /** @param name - the set's own name (Go's `template.New(name)`), used by `tpl` and error texts. */
  constructor(readonly name: string) {
    this.shared = { templates: new Map(), funcs: new Map() };
  }

  /** The missing-key behaviour in force. */
  get missingKey(): MissingKey {
    return this.missing;
  }

  /** Adds functions (Go's `Funcs`); later additions replace earlier ones of the same name. */
  funcs(map: FuncMap): this {
    this.ownFuncs();
    for (const [k, v] of Object.entries(map)) this.shared.funcs.set(k, v);
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
    this.parseTrees(name, text);
    return this;
  }

  /**
   * Parses `text` as template `name` and executes that template (Go's
   * `t.New(name).Parse(text)` then `Execute` on the result, as Helm's `tpl` does). Throws
   * {@link TemplateParseError} or {@link TemplateExecError}.
   */
  executeText(name: string, text: string, data: GoValue): string {
    const tree = this.parseTrees(name, text);
    return execute(this, tree, data);
  }

  private parseTrees(name: string, text: string): ExecTemplate {
    const trees = parseTemplates(name, text, { hasFunction: (f) => this.findFunction(f) !== undefined });
    this.ownTemplates();
    for (const [n, tree] of trees) {
      const old = this.shared.templates.get(n);
      if (old && isEmptyTree(tree.root)) continue;
      this.shared.templates.set(n, tree);
    }
    return trees.get(name) ?? { name, root: undefined };
  }

  /** Whether a template of that name is in the set. */
  has(name: string): boolean {
    return this.shared.templates.has(name);
  }

  /** Names of the templates in the set (unordered, as Go's map). */
  names(): string[] {
    return [...this.shared.templates.keys()];
  }

  /** Go's Lookup, for the executor. */
  lookup(name: string): ExecTemplate | undefined {
    return this.shared.templates.get(name);
  }

  /** A function by name: the set's functions, then the builtins. */
  findFunction(name: string): GoFunc | undefined {
    return this.shared.funcs.get(name) ?? BUILTINS.get(name);
  }

  /**
   * Executes template `name` with `data` (Go's `ExecuteTemplate`) and returns the output. Throws
   * {@link TemplateExecError} or {@link TemplateNotFoundError}.
   */
  execute(name: string, data: GoValue): string {
    const tmpl = this.shared.templates.get(name);
    if (!tmpl) {
      throw new TemplateNotFoundError(
        `template: no template ${quote(name)} associated with template ${quote(this.name)}`,
      );
    }
    return execute(this, tmpl, data);
  }

  /** A copy sharing parsed trees until either side parses or adds functions (Go's `Clone`). */
  clone(): TemplateSet {
    const c = new TemplateSet(this.name);
    c.shared = this.shared;
    c.ownsTemplates = false;
    c.ownsFuncs = false;
    this.ownsTemplates = false;
    this.ownsFuncs = false;
    c.missing = this.missing;
    return c;
  }

  private ownTemplates(): void {
    if (this.ownsTemplates) return;
    this.shared = { templates: new Map(this.shared.templates), funcs: this.shared.funcs };
    this.ownsTemplates = true;
    this.ownsFuncs = false;
  }

  private ownFuncs(): void {
    if (this.ownsFuncs) return;
    this.shared = { templates: this.shared.templates, funcs: new Map(this.shared.funcs) };
    this.ownsFuncs = true;
    this.ownsTemplates = false;
  }
}

/** Whether an error is a template error with Go's text (parse or execution). */
export function isTemplateError(e: unknown): e is TemplateParseError | TemplateExecError | TemplateNotFoundError {
  return e instanceof TemplateParseError || e instanceof TemplateExecError || e instanceof TemplateNotFoundError;
}

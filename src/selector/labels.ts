/**
 * Kubernetes label selectors (`a=b,c!=d,e in (x,y),!f,g>1`), parsed and matched as kyaml's copy of
 * apimachinery's `labels.Parse` does, with its validation and error texts.
 */

type Op = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | '>' | '<';

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** A parsed selector: all requirements must hold. */
export interface LabelSelector {
  readonly requirements: readonly Requirement[];
  matches(labels: ReadonlyMap<string, string>): boolean;
}

/** A selector that does not parse, with apimachinery's message. */
export class LabelSelectorError extends Error {}

type Tok = 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

const STRING_TOKENS: Record<string, Tok> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => '=!(),><'.includes(c);

function lex(s: string): Item[] {
  const out: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s.charAt(pos))) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    const ch = s.charAt(pos);
    if (isSpecial(ch)) {
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s.charAt(pos))) {
        buf += s.charAt(pos);
        pos++;
        const t = STRING_TOKENS[buf];
        if (t !== undefined) last = { tok: t, lit: buf };
        else if (last !== undefined) {
          pos--;
          break;
        }
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos))) {
      buf += s.charAt(pos);
      pos++;
    }
    out.push({ tok: STRING_TOKENS[buf] ?? 'id', lit: buf });
  }
}

// --- validation (k8s.io/apimachinery/pkg/util/validation) ---

const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME = new RegExp(`^${QNAME_FMT}$`);
const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE = new RegExp(`^(${QNAME_FMT})?$`);
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MSG =
  "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

function goRegexError(msg: string, fmt: string, examples: string[]): string {
  let m = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) m += ' or ';
    m += `'${e}', `;
  });
  return `${m}regex used for validation is '${fmt}')`;
}

function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0] as string;
  else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      const msgs: string[] = [];
      if (prefix.length > 253) msgs.push('must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(prefix))
        msgs.push(goRegexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, ['example.com']));
      errs.push(...msgs.map((m) => `prefix part ${m}`));
    }
  } else {
    return [
      `a qualified name ${goRegexError(QNAME_MSG, QNAME_FMT, ['MyName', 'my.name', '123-abc'])} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QNAME.test(name)) errs.push(`name part ${goRegexError(QNAME_MSG, QNAME_FMT, ['MyName', 'my.name', '123-abc'])}`);
  return errs;
}

function validateKey(k: string): void {
  const errs = isQualifiedName(k);
  if (errs.length > 0) throw new LabelSelectorError(`invalid label key ${JSON.stringify(k)}: ${errs.join('; ')}`);
}

function validateValue(k: string, v: string): void {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v))
    errs.push(goRegexError(LABEL_VALUE_MSG, `(${QNAME_FMT})?`, ['MyValue', 'my_value', '12345']));
  if (errs.length > 0)
    throw new LabelSelectorError(
      `invalid label value: ${JSON.stringify(v)}: at key: ${JSON.stringify(k)}: ${errs.join('; ')}`,
    );
}

const INT = /^[+-]?[0-9]+$/;

function parseInt64(s: string): bigint | undefined {
  if (!INT.test(s)) return undefined;
  const v = BigInt(s);
  if (v < -(2n ** 63n) || v > 2n ** 63n - 1n) return undefined;
  return v;
}

function newRequirement(key: string, op: Op, values: string[]): Requirement {
  validateKey(key);
  if (op === 'in' || op === 'notin') {
    if (values.length === 0) throw new LabelSelectorError("for 'in', 'notin' operators, values set can't be empty");
  } else if (op === '=' || op === '==' || op === '!=') {
    if (values.length !== 1) throw new LabelSelectorError('exact-match compatibility requires one single value');
  } else if (op === 'exists' || op === '!') {
    if (values.length !== 0) throw new LabelSelectorError('values set must be empty for exists and does not exist');
  } else {
    if (values.length !== 1) throw new LabelSelectorError("for 'Gt', 'Lt' operators, exactly one value is required");
    for (const v of values) {
      if (parseInt64(v) === undefined)
        throw new LabelSelectorError("for 'Gt', 'Lt' operators, the value must be an integer");
    }
  }
  for (const v of values) validateValue(key, v);
  return { key, op, values };
}

function matchesOne(r: Requirement, labels: ReadonlyMap<string, string>): boolean {
  const has = labels.has(r.key);
  const v = labels.get(r.key) ?? '';
  switch (r.op) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(v);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(v);
    case 'exists':
      return has;
    case '!':
      return !has;
    case '>':
    case '<': {
      if (!has) return false;
      const lv = parseInt64(v);
      const rv = parseInt64(r.values[0] ?? '');
      if (lv === undefined || rv === undefined) return false;
      return r.op === '>' ? lv > rv : lv < rv;
    }
  }
}

interface Item {
  tok: Tok;
  lit: string;
}

/** Binary operator tokens and the operator each stands for (apimachinery's parseOperator). */
const BINARY_OPERATORS: ReadonlyMap<Tok, Op> = new Map<Tok, Op>([
  ['in', 'in'],
  ['=', '='],
  ['==', '=='],
  ['>', '>'],
  ['<', '<'],
  ['notin', 'notin'],
  ['!=', '!='],
]);

/** apimachinery's labels Parser: one method per rule of the selector grammar, errors thrown as LabelSelectorError. */
class SelectorParser {
  private pos = 0;

  constructor(private readonly items: readonly Item[]) {}

  /** The next token; in a values context `in` and `notin` are identifiers. */
  private look(values: boolean): Item {
    const it = this.items[this.pos] as Item;
    if (values && (it.tok === 'in' || it.tok === 'notin')) return { tok: 'id', lit: it.lit };
    return it;
  }

  private consume(values: boolean): Item {
    const it = this.look(values);
    this.pos++;
    return it;
  }

  /** `requirement ("," requirement)*` up to the end of the string. */
  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const t = this.look(true);
      if (t.tok === 'end') return reqs;
      if (t.tok !== 'id' && t.tok !== '!') {
        throw new LabelSelectorError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      }
      reqs.push(this.requirementInContext());
      const c = this.consume(true);
      if (c.tok === 'end') return reqs;
      if (c.tok !== ',') throw new LabelSelectorError(`found '${c.lit}', expected: ',' or 'end of string'`);
      const n = this.look(true);
      if (n.tok !== 'id' && n.tok !== '!') {
        throw new LabelSelectorError(`found '${n.lit}', expected: identifier after ','`);
      }
    }
  }

  /** One requirement, its error prefixed as apimachinery's parse does. */
  private requirementInContext(): Requirement {
    try {
      return this.parseRequirement();
    } catch (err) {
      if (err instanceof LabelSelectorError)
        throw new LabelSelectorError(`unable to parse requirement: ${err.message}`);
      throw err;
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred !== undefined) return newRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, values);
  }

  /** `[!] KEY`; the operator is `!` or `exists` when nothing follows the key, else undefined. */
  private parseKeyAndInferOperator(): [string, Op | undefined] {
    let op: Op | undefined;
    let t = this.consume(true);
    if (t.tok === '!') {
      op = '!';
      t = this.consume(true);
    }
    if (t.tok !== 'id') throw new LabelSelectorError(`found '${t.lit}', expected: identifier`);
    validateKey(t.lit);
    const n = this.look(true);
    if ((n.tok === 'end' || n.tok === ',') && op !== '!') op = 'exists';
    return [t.lit, op];
  }

  private parseOperator(): Op {
    const o = this.consume(false);
    const op = BINARY_OPERATORS.get(o.tok);
    if (op === undefined) throw new LabelSelectorError(`found '${o.lit}', expected: '=', '!=', '==', 'in', notin'`);
    return op;
  }

  /** `"(" values ")"`, sorted and without duplicates; `()` is the empty value. */
  private parseValues(): string[] {
    const open = this.consume(true);
    if (open.tok !== '(') throw new LabelSelectorError(`found '${open.lit}' expected: '('`);
    const t = this.look(true);
    if (t.tok === 'id' || t.tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== ')') throw new LabelSelectorError(`found '${t.lit}', expected: ')'`);
      return [...s].sort();
    }
    if (t.tok === ')') {
      this.consume(true);
      return [''];
    }
    throw new LabelSelectorError(`found '${t.lit}', expected: ',', ')' or identifier`);
  }

  /** Comma-separated, possibly empty identifiers, up to (not including) the closing parenthesis. */
  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const c = this.consume(true);
      if (c.tok === 'id') {
        s.add(c.lit);
        const n = this.look(true);
        if (n.tok === ',') continue;
        if (n.tok === ')') return s;
        throw new LabelSelectorError(`found '${n.lit}', expected: ',' or ')'`);
      }
      if (c.tok !== ',') throw new LabelSelectorError(`found '${c.lit}', expected: ',', or identifier`);
      if (s.size === 0) s.add('');
      const n = this.look(true);
      if (n.tok === ')') {
        s.add('');
        return s;
      }
      if (n.tok === ',') {
        this.consume(true);
        s.add('');
      }
    }
  }

  /** The one value of an exact match; empty at the end or before a comma. */
  private parseExactValue(): string[] {
    const v = this.look(true);
    if (v.tok === 'end' || v.tok === ',') return [''];
    const c = this.consume(true);
    if (c.tok !== 'id') throw new LabelSelectorError(`found '${c.lit}', expected: identifier`);
    return [c.lit];
  }
}

/** Parses a selector (apimachinery's labels.Parse). Throws {@link LabelSelectorError}. */
export function parseLabelSelector(selector: string): LabelSelector {
  const reqs = new SelectorParser(lex(selector)).parse();
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    requirements: reqs,
    matches: (labels) => reqs.every((r) => matchesOne(r, labels)),
  };
}

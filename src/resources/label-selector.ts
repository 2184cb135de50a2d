/**
 * Kubernetes label selectors (k8s.io/apimachinery `labels.Parse`), as kustomize uses them for
 * `labelSelector` and `annotationSelector` in patch targets, replacement selectors and plugin
 * selectors: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`, joined by `,`.
 * Keys and values are validated like Kubernetes label keys and values.
 */

type Op = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | '>' | '<';

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** A parsed selector; an empty selector matches everything. */
export interface LabelSelector {
  matches(labels: Readonly<Record<string, string>>): boolean;
}

/** A selector string Kubernetes rejects. */
export class LabelSelectorError extends Error {}

type Tok =
  | 'id'
  | 'eos'
  | ')'
  | '('
  | ','
  | '!'
  | '=='
  | '='
  | '!='
  | '>'
  | '<'
  | 'in'
  | 'notin';

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WS = new Set([' ', '\t', '\r', '\n']);
const KEYWORDS: Record<string, Tok> = { in: 'in', notin: 'notin' };
const SYMBOLS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && WS.has(s[i] as string)) i++;
    if (i >= s.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    const c = s[i] as string;
    if (SPECIAL.has(c)) {
      // The longest symbol that is a known token.
      let lit = c;
      let j = i + 1;
      while (j < s.length && SPECIAL.has(s[j] as string) && SYMBOLS[lit + (s[j] as string)] !== undefined) {
        lit += s[j] as string;
        j++;
      }
      const tok = SYMBOLS[lit];
      if (tok === undefined) throw new LabelSelectorError(`error: unknown symbol '${lit}'`);
      out.push({ tok, lit });
      i = j;
      continue;
    }
    let j = i;
    while (j < s.length && !WS.has(s[j] as string) && !SPECIAL.has(s[j] as string)) j++;
    const lit = s.slice(i, j);
    out.push({ tok: KEYWORDS[lit] ?? 'id', lit });
    i = j;
  }
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

// Kubernetes' validation messages (k8s.io/apimachinery/pkg/util/validation).
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, regex used for validation is '${fmt}')`;
}
const QUALIFIED_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const DNS_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** validation.IsQualifiedName. */
function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0] as string;
  else if (parts.length === 2) {
    const prefix = parts[0] as string;
    name = parts[1] as string;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS_SUBDOMAIN.test(prefix)) errs.push(`prefix part ${regexError(DNS_MSG, DNS_FMT, 'example.com')}`);
    }
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_MSG, QUALIFIED_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!NAME.test(name)) errs.push(`name part ${regexError(QUALIFIED_MSG, QUALIFIED_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

function validateKey(key: string): void {
  const errs = qualifiedNameErrors(key);
  if (errs.length > 0) throw new LabelSelectorError(`invalid label key ${JSON.stringify(key)}: ${errs.join('; ')}`);
}

function validateValue(key: string, v: string): void {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (v !== '' && !NAME.test(v)) errs.push(regexError(VALUE_MSG, `(${QUALIFIED_FMT})?`, 'MyValue', 'my_value', '12345'));
  if (errs.length > 0) {
    throw new LabelSelectorError(`invalid label value: ${JSON.stringify(v)}: at key: ${JSON.stringify(key)}: ${errs.join('; ')}`);
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: { tok: Tok; lit: string }[]) {}

  /** Next token; in a values context `in`/`notin` are identifiers. */
  private peek(values: boolean): { tok: Tok; lit: string } {
    const t = this.toks[this.pos] ?? { tok: 'eos' as Tok, lit: '' };
    return values && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'id', lit: t.lit } : t;
  }
  private next(values: boolean): { tok: Tok; lit: string } {
    const t = this.peek(values);
    if (this.pos < this.toks.length - 1) this.pos++;
    return t;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek(true);
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.requirement();
        } catch (e) {
          throw new LabelSelectorError(`unable to parse requirement: ${(e as Error).message}`);
        }
        reqs.push(r);
        const t = this.next(true);
        if (t.tok === 'eos') return reqs;
        if (t.tok === ',') {
          const t2 = this.peek(true);
          if (t2.tok !== 'id' && t2.tok !== '!') throw new LabelSelectorError(`found '${t2.lit}', expected: identifier after ','`);
          continue;
        }
        throw new LabelSelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
      }
      if (tok === 'eos') return reqs;
      throw new LabelSelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
    }
  }

  private requirement(): Requirement {
    let op: Op | undefined;
    let t = this.next(true);
    if (t.tok === '!') {
      op = '!';
      t = this.next(true);
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    validateKey(key);
    // `!key` is complete; whatever follows is the caller's problem (as in Kubernetes).
    if (op === '!') return { key, op, values: [] };
    const la = this.peek(true).tok;
    if (la === 'eos' || la === ',') return { key, op: 'exists', values: [] };
    const o = this.next(false);
    let values: string[];
    switch (o.tok) {
      case 'in':
      case 'notin':
        op = o.tok;
        values = this.valueList();
        break;
      case '=':
      case '==':
      case '!=':
      case '>':
      case '<':
        op = o.tok;
        values = [this.exactValue()];
        break;
      default:
        throw new Error(`found '${o.lit}', expected: '=', '!=', '==', 'in', notin'`);
    }
    if ((op === '>' || op === '<') && !/^[-+]?[0-9]+$/.test(values[0] as string)) {
      throw new Error("for 'Gt', 'Lt' operators, the value must be an integer");
    }
    for (const v of values) validateValue(key, v);
    return { key, op, values };
  }

  private valueList(): string[] {
    const open = this.next(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const la = this.peek(true);
    if (la.tok === ')') {
      this.next(true);
      return [''];
    }
    if (la.tok !== 'id' && la.tok !== ',') throw new Error(`found '${la.lit}', expected: ',', ')' or identifier`);
    const s = new Set<string>();
    for (;;) {
      const t = this.next(true);
      if (t.tok === 'id') {
        s.add(t.lit);
        const t2 = this.peek(true);
        if (t2.tok === ',') continue;
        if (t2.tok === ')') break;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        if (s.size === 0) s.add('');
        const t2 = this.peek(true);
        if (t2.tok === ')') {
          s.add('');
          break;
        }
        if (t2.tok === ',') {
          this.next(true);
          s.add('');
        }
      } else throw new Error(`found '${t.lit}', expected: ',', or identifier`);
    }
    const close = this.next(true);
    if (close.tok !== ')') throw new Error(`found '${close.lit}', expected: ')'`);
    return [...s].sort();
  }

  private exactValue(): string {
    const la = this.peek(true);
    if (la.tok === 'eos' || la.tok === ',') return '';
    const t = this.next(true);
    if (t.tok === 'id') return t.lit;
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

function matchesReq(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = has ? (labels[r.key] as string) : '';
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
      if (!has || !/^[-+]?[0-9]+$/.test(v)) return false;
      const a = BigInt(v);
      const b = BigInt(r.values[0] as string);
      return r.op === '>' ? a > b : a < b;
    }
  }
}

const cache = new Map<string, LabelSelector | LabelSelectorError>();

/** Parses a selector string. Throws {@link LabelSelectorError}. */
export function parseLabelSelector(s: string): LabelSelector {
  let sel = cache.get(s);
  if (sel === undefined) {
    try {
      const reqs = new Parser(lex(s)).parse();
      sel = { matches: (labels) => reqs.every((r) => matchesReq(r, labels)) };
    } catch (e) {
      if (!(e instanceof LabelSelectorError)) throw e;
      sel = e;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(s, sel);
  }
  if (sel instanceof LabelSelectorError) throw sel;
  return sel;
}

/** Whether `labels` match the selector string (empty matches everything). Throws {@link LabelSelectorError}. */
export function matchesLabelSelector(selector: string, labels: Readonly<Record<string, string>>): boolean {
  if (selector === '') return true;
  return parseLabelSelector(selector).matches(labels);
}

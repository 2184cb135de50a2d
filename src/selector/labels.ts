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

function lex(s: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
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
      let last: { tok: Tok; lit: string } | undefined;
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

/** Parses a selector (apimachinery's labels.Parse). Throws {@link LabelSelectorError}. */
export function parseLabelSelector(selector: string): LabelSelector {
  const items = lex(selector);
  let pos = 0;
  const look = (values: boolean): { tok: Tok; lit: string } => {
    const it = items[pos] as { tok: Tok; lit: string };
    if (values && (it.tok === 'in' || it.tok === 'notin')) return { tok: 'id', lit: it.lit };
    return it;
  };
  const consume = (values: boolean): { tok: Tok; lit: string } => {
    const it = look(values);
    pos++;
    return it;
  };
  const sortedSet = (s: Set<string>): string[] => [...s].sort();

  const parseValues = (): string[] => {
    let t = consume(true);
    if (t.tok !== '(') throw new LabelSelectorError(`found '${t.lit}' expected: '('`);
    t = look(true);
    if (t.tok === 'id' || t.tok === ',') {
      const s = new Set<string>();
      for (;;) {
        const c = consume(true);
        if (c.tok === 'id') {
          s.add(c.lit);
          const n = look(true);
          if (n.tok === ',') continue;
          if (n.tok === ')') break;
          throw new LabelSelectorError(`found '${n.lit}', expected: ',' or ')'`);
        } else if (c.tok === ',') {
          if (s.size === 0) s.add('');
          const n = look(true);
          if (n.tok === ')') {
            s.add('');
            break;
          }
          if (n.tok === ',') {
            consume(true);
            s.add('');
          }
        } else throw new LabelSelectorError(`found '${c.lit}', expected: ',', or identifier`);
      }
      if (consume(true).tok !== ')') throw new LabelSelectorError(`found '${t.lit}', expected: ')'`);
      return sortedSet(s);
    }
    if (t.tok === ')') {
      consume(true);
      return [''];
    }
    throw new LabelSelectorError(`found '${t.lit}', expected: ',', ')' or identifier`);
  };

  const parseRequirement = (): Requirement => {
    let op: Op | undefined;
    let t = consume(true);
    if (t.tok === '!') {
      op = '!';
      t = consume(true);
    }
    if (t.tok !== 'id') throw new LabelSelectorError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    validateKey(key);
    const n = look(true);
    if (n.tok === 'end' || n.tok === ',') {
      if (op !== '!') op = 'exists';
    }
    if (op === 'exists' || op === '!') return newRequirement(key, op, []);
    const o = consume(false);
    let operator: Op;
    switch (o.tok) {
      case 'in':
        operator = 'in';
        break;
      case '=':
        operator = '=';
        break;
      case '==':
        operator = '==';
        break;
      case '>':
        operator = '>';
        break;
      case '<':
        operator = '<';
        break;
      case 'notin':
        operator = 'notin';
        break;
      case '!=':
        operator = '!=';
        break;
      default:
        throw new LabelSelectorError(`found '${o.lit}', expected: '=', '!=', '==', 'in', notin'`);
    }
    let values: string[];
    if (operator === 'in' || operator === 'notin') values = parseValues();
    else {
      const v = look(true);
      if (v.tok === 'end' || v.tok === ',') values = [''];
      else {
        const c = consume(true);
        if (c.tok !== 'id') throw new LabelSelectorError(`found '${c.lit}', expected: identifier`);
        values = [c.lit];
      }
    }
    return newRequirement(key, operator, values);
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const t = look(true);
    if (t.tok === 'id' || t.tok === '!') {
      let r: Requirement;
      try {
        r = parseRequirement();
      } catch (err) {
        if (err instanceof LabelSelectorError)
          throw new LabelSelectorError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      reqs.push(r);
      const c = consume(true);
      if (c.tok === 'end') break;
      if (c.tok === ',') {
        const n = look(true);
        if (n.tok !== 'id' && n.tok !== '!')
          throw new LabelSelectorError(`found '${n.lit}', expected: identifier after ','`);
        continue;
      }
      throw new LabelSelectorError(`found '${c.lit}', expected: ',' or 'end of string'`);
    } else if (t.tok === 'end') break;
    else throw new LabelSelectorError(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    requirements: reqs,
    matches: (labels) => reqs.every((r) => matchesOne(r, labels)),
  };
}

/**
 * Go (RE2) regular expressions in JavaScript: kustomize compiles user patterns with Go's `regexp`
 * package (image names, replacement `[key=value]` selectors, patch target selectors). This translates
 * RE2 syntax into an equivalent JavaScript RegExp (Unicode mode) and reports syntax errors with Go's
 * wording (`error parsing regexp: missing closing ): ...`).
 *
 * Supported: everything RE2 accepts except inline flag changes in the middle of a pattern and negated
 * POSIX classes inside a bracket expression (both rejected with an "unsupported" error).
 */

/** A pattern Go's regexp.Compile rejects (or that kustomize-ts cannot translate). */
export class GoRegexpError extends Error {
  constructor(code: string, arg: string) {
    super(`error parsing regexp: ${code}: \`${arg}\``);
    this.name = 'GoRegexpError';
  }
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

// Characters that must be escaped to be literal in a JavaScript Unicode-mode pattern.
const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const PERL_CLASSES = new Set(['d', 'D', 's', 'S', 'w', 'W']);
const SIMPLE_ESCAPES: Record<string, string> = { a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v' };

function literal(ch: string): string {
  return JS_SYNTAX.has(ch) ? `\\${ch}` : ch;
}

function classLiteral(ch: string): string {
  return ch === '\\' || ch === ']' || ch === '[' || ch === '-' || ch === '^' ? `\\${ch}` : ch;
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function isPunct(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x80 && !/[A-Za-z0-9]/.test(ch);
}

class Translator {
  private i = 0;
  private out = '';
  private flags = '';
  constructor(private readonly p: string) {}

  run(): RegExp {
    const p = this.p;
    this.leadingFlags();
    const groups: number[] = [];
    // Whether the last emitted item can take a repetition operator, and whether it already has one.
    let atom = false;
    let repeated = false;
    while (this.i < p.length) {
      const start = this.i;
      const c = p[this.i] as string;
      if (c === '\\') {
        this.out += this.escape(false);
        atom = true;
        repeated = false;
      } else if (c === '[') {
        this.out += this.charClass();
        atom = true;
        repeated = false;
      } else if (c === '(') {
        groups.push(this.i);
        this.group();
        atom = false;
        repeated = false;
      } else if (c === ')') {
        if (groups.length === 0) throw new GoRegexpError('unexpected )', p);
        groups.pop();
        this.out += ')';
        this.i++;
        atom = true;
        repeated = false;
      } else if (c === '*' || c === '+' || c === '?' || (c === '{' && this.repeatAt(this.i) !== undefined)) {
        let op: string;
        if (c === '{') {
          const rep = this.repeatAt(this.i) as { text: string; min: number; max: number };
          if (rep.min > 1000 || rep.max > 1000 || (rep.max >= 0 && rep.max < rep.min)) {
            throw new GoRegexpError('invalid repeat count', rep.text);
          }
          op = rep.text;
        } else op = c;
        this.i += op.length;
        let lazy = '';
        if (p[this.i] === '?') {
          lazy = '?';
          this.i++;
        }
        if (repeated) throw new GoRegexpError('invalid nested repetition operator', p.slice(this.lastOpStart, this.i));
        if (!atom) throw new GoRegexpError('missing argument to repetition operator', p.slice(start, this.i));
        this.out += op + lazy;
        this.lastOpStart = start;
        repeated = true;
      } else if (c === '|') {
        this.out += '|';
        this.i++;
        atom = false;
        repeated = false;
      } else if (c === '^' || c === '$') {
        // Go lets an anchor take a repetition; JavaScript does not unless it is grouped.
        this.out += `(?:${c})`;
        this.i++;
        atom = true;
        repeated = false;
      } else if (c === '.') {
        this.out += this.flags.includes('s') ? '[\\s\\S]' : '.';
        this.i++;
        atom = true;
        repeated = false;
      } else {
        const cp = p.codePointAt(this.i) as number;
        const ch = String.fromCodePoint(cp);
        this.out += literal(ch);
        this.i += ch.length;
        atom = true;
        repeated = false;
      }
    }
    if (groups.length > 0) throw new GoRegexpError('missing closing )', p);
    try {
      return new RegExp(this.out, `u${this.flags.replace('s', '')}`);
    } catch {
      throw new GoRegexpError('invalid or unsupported Perl syntax', p);
    }
  }

  private lastOpStart = -1;

  /** `(?i)`, `(?s)`, `(?m)` (and combinations) at the very start become JavaScript flags. */
  private leadingFlags(): void {
    const m = /^\(\?([ims]+)\)/.exec(this.p);
    if (!m) return;
    this.flags = [...new Set(m[1] as string)].join('');
    this.i = m[0].length;
  }

  /** `{n}`, `{n,}`, `{n,m}` at position `at`, or undefined when the brace is a literal. */
  private repeatAt(at: number): { text: string; min: number; max: number } | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(at));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    return { text: m[0], min, max };
  }

  private group(): void {
    const p = this.p;
    if (p[this.i + 1] !== '?') {
      this.out += '(';
      this.i++;
      return;
    }
    const rest = p.slice(this.i);
    const named = /^\(\?P?<([A-Za-z0-9_]*)>/.exec(rest);
    if (named) {
      if (!/^[A-Za-z0-9_]+$/.test(named[1] as string)) throw new GoRegexpError('invalid named capture', named[0]);
      this.out += `(?<${named[1]}>`;
      this.i += named[0].length;
      return;
    }
    if (rest.startsWith('(?:')) {
      this.out += '(?:';
      this.i += 3;
      return;
    }
    const flagged = /^\(\?(-?[imsU]+(-[imsU]*)?)[:)]/.exec(rest);
    if (flagged) throw new GoRegexpError('invalid or unsupported Perl syntax', flagged[0]);
    throw new GoRegexpError('invalid or unsupported Perl syntax', rest.slice(0, 3));
  }

  /** An escape starting at `\`; inside a class when `inClass`. Returns JavaScript source. */
  private escape(inClass: boolean): string {
    const p = this.p;
    const start = this.i;
    this.i++;
    if (this.i >= p.length) throw new GoRegexpError('trailing backslash at end of expression', '');
    const c = p[this.i] as string;
    this.i++;
    if (PERL_CLASSES.has(c)) return `\\${c}`;
    if (SIMPLE_ESCAPES[c] !== undefined) return SIMPLE_ESCAPES[c] as string;
    if (!inClass) {
      if (c === 'b' || c === 'B') return `\\${c}`;
      if (c === 'A') return '(?<![\\s\\S])';
      if (c === 'z') return '(?![\\s\\S])';
      if (c === 'Q') {
        const end = p.indexOf('\\E', this.i);
        const text = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
        this.i = end < 0 ? p.length : end + 2;
        let s = '';
        for (const ch of text) s += literal(ch);
        return text === '' ? '' : `(?:${s})`;
      }
    }
    if (c === 'p' || c === 'P') {
      let name: string;
      if (p[this.i] === '{') {
        const end = p.indexOf('}', this.i);
        if (end < 0) throw new GoRegexpError('invalid character class range', p.slice(start));
        name = p.slice(this.i + 1, end);
        this.i = end + 1;
      } else {
        name = p[this.i] ?? '';
        this.i++;
      }
      let neg = c === 'P';
      if (name.startsWith('^')) {
        neg = !neg;
        name = name.slice(1);
      }
      const prop = name === 'Any' ? undefined : name.length <= 2 ? name : `Script=${name}`;
      if (prop === undefined) return neg ? '[^\\s\\S]' : '[\\s\\S]';
      try {
        new RegExp(`\\p{${prop}}`, 'u');
      } catch {
        throw new GoRegexpError('invalid character class range', p.slice(start, this.i));
      }
      return `\\${neg ? 'P' : 'p'}{${prop}}`;
    }
    if (c === 'x') {
      if (p[this.i] === '{') {
        const end = p.indexOf('}', this.i);
        const digits = end < 0 ? '' : p.slice(this.i + 1, end);
        if (!/^[0-9A-Fa-f]+$/.test(digits) || parseInt(digits, 16) > 0x10ffff) {
          throw new GoRegexpError('invalid escape sequence', p.slice(start, end < 0 ? p.length : end + 1));
        }
        this.i = end + 1;
        return hex(parseInt(digits, 16));
      }
      const digits = p.slice(this.i, this.i + 2);
      if (!/^[0-9A-Fa-f]{2}$/.test(digits)) throw new GoRegexpError('invalid escape sequence', p.slice(start, this.i + digits.length));
      this.i += 2;
      return hex(parseInt(digits, 16));
    }
    if (c >= '0' && c <= '7') {
      // Octal: \0, \01, \012 (Go accepts \1-\7 only as the start of an octal escape with more digits).
      const m = /^[0-7]{0,2}/.exec(p.slice(this.i)) as RegExpExecArray;
      if (c !== '0' && m[0].length === 0) throw new GoRegexpError('invalid escape sequence', p.slice(start, this.i));
      this.i += m[0].length;
      return hex(parseInt(c + m[0], 8));
    }
    if (isPunct(c)) return inClass ? classLiteral(c) : literal(c);
    throw new GoRegexpError('invalid escape sequence', p.slice(start, this.i));
  }

  /** A bracket expression starting at `[`. Returns JavaScript source. */
  private charClass(): string {
    const p = this.p;
    const start = this.i;
    this.i++;
    let out = '[';
    if (p[this.i] === '^') {
      out += '^';
      this.i++;
    }
    let first = true;
    // The previous single character (for ranges), as a code point, and its emitted source.
    let prev: number | undefined;
    for (;;) {
      if (this.i >= p.length) throw new GoRegexpError('missing closing ]', p.slice(start));
      const c = p[this.i] as string;
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[' && p[this.i + 1] === ':') {
        const end = p.indexOf(':]', this.i + 2);
        if (end >= 0) {
          let name = p.slice(this.i + 2, end);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const cls = POSIX[name];
          if (cls === undefined) throw new GoRegexpError('invalid character class range', p.slice(this.i, end + 2));
          if (neg) throw new GoRegexpError('invalid or unsupported Perl syntax', p.slice(this.i, end + 2));
          out += cls;
          this.i = end + 2;
          prev = undefined;
          continue;
        }
      }
      if (c === '-' && prev !== undefined && p[this.i + 1] !== ']' && this.i + 1 < p.length) {
        // A range prev-hi.
        this.i++;
        let hi: number;
        let hiSrc: string;
        if (p[this.i] === '\\') {
          const save = this.i;
          hiSrc = this.escape(true);
          const decoded = decodeSingle(hiSrc);
          if (decoded === undefined) throw new GoRegexpError('invalid character class range', p.slice(save - 2, this.i));
          hi = decoded;
        } else {
          hi = p.codePointAt(this.i) as number;
          const ch = String.fromCodePoint(hi);
          hiSrc = classLiteral(ch);
          this.i += ch.length;
        }
        if (hi < prev) {
          throw new GoRegexpError('invalid character class range', `${String.fromCodePoint(prev)}-${String.fromCodePoint(hi)}`);
        }
        out += `-${hiSrc}`;
        prev = undefined;
        continue;
      }
      if (c === '\\') {
        const src = this.escape(true);
        out += src;
        prev = decodeSingle(src);
        continue;
      }
      const cp = p.codePointAt(this.i) as number;
      const ch = String.fromCodePoint(cp);
      out += classLiteral(ch);
      this.i += ch.length;
      prev = cp;
    }
    return out + ']';
  }
}

/** The code point of a translated single-character escape, or undefined for classes. */
function decodeSingle(src: string): number | undefined {
  if (src.length === 1) return src.codePointAt(0);
  const m = /^\\u\{([0-9a-f]+)\}$/.exec(src);
  if (m) return parseInt(m[1] as string, 16);
  if (src.length === 2 && src[0] === '\\') {
    const c = src[1] as string;
    const map: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
    if (map[c] !== undefined) return map[c];
    if (isPunct(c)) return c.codePointAt(0);
  }
  if (src === '\\x07') return 7;
  return undefined;
}

const cache = new Map<string, RegExp | GoRegexpError>();

/** Compiles a Go regular expression. Throws {@link GoRegexpError} when Go would reject it. */
export function compileGoRegexp(pattern: string): RegExp {
  let r = cache.get(pattern);
  if (r === undefined) {
    try {
      r = new Translator(pattern).run();
    } catch (err) {
      if (!(err instanceof GoRegexpError)) throw err;
      r = err;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, r);
  }
  if (r instanceof GoRegexpError) throw r;
  return r;
}

/** Go's `regexp.MatchString` (unanchored search). */
export function goRegexpMatch(pattern: string, s: string): boolean {
  const re = compileGoRegexp(pattern);
  re.lastIndex = 0;
  return re.test(s);
}

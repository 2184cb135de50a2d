/**
 * Go RE2 patterns in JavaScript. Patch targets are Go regexps (`regexp.Compile("^(?:" + p + ")$")`); this
 * translates the RE2 syntax JavaScript spells differently (`\z`, `\A`, `\Q…\E`, `(?P<n>…)`, leading flag
 * groups, POSIX classes, `\pL`) and rejects what RE2 rejects (look-arounds, back-references, atomic
 * groups) with Go's error text.
 */

/** A regexp that failed to compile, with Go's message (`error parsing regexp: ...`). */
export class RegexError extends Error {}

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

function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function goError(kind: string, fragment: string): RegexError {
  return new RegexError(`error parsing regexp: ${kind}: \`${fragment}\``);
}

/**
 * Compiles a Go regexp (the full, already anchored pattern) into a JavaScript RegExp. Throws
 * {@link RegexError}.
 */
export function compileGoRegexp(pattern: string): RegExp {
  let flags = '';
  let out = '';
  let unicode = false;
  let depth = 0;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const d = pattern[i + 1];
      if (d === undefined) throw goError('trailing backslash at end of expression', '');
      if (d === 'z') {
        out += '(?![\\s\\S])';
        i += 2;
        continue;
      }
      if (d === 'A') {
        out += '^';
        i += 2;
        continue;
      }
      if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        out += escapeLiteral(lit);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (d >= '1' && d <= '9') throw goError('invalid escape sequence', `\\${d}`);
      if (d === 'p' || d === 'P') {
        unicode = true;
        const e = pattern[i + 2];
        if (e === '{') {
          const close = pattern.indexOf('}', i + 3);
          if (close < 0) throw goError('invalid character class range', pattern.slice(i));
          out += `\\${d}{${pattern.slice(i + 3, close)}}`;
          i = close + 1;
        } else if (e !== undefined) {
          out += `\\${d}{${e}}`;
          i += 3;
        } else throw goError('invalid character class range', pattern.slice(i));
        continue;
      }
      if (d === 's') {
        out += '[\\t\\n\\f\\r ]';
        i += 2;
        continue;
      }
      if (d === 'S') {
        out += '[^\\t\\n\\f\\r ]';
        i += 2;
        continue;
      }
      out += c + d;
      i += 2;
      continue;
    }
    if (c === '[') {
      // A character class: copy up to its closing bracket, translating POSIX classes.
      let j = i + 1;
      let cls = '[';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      if (pattern[j] === ']') {
        cls += '\\]';
        j++;
      }
      let closed = false;
      while (j < n) {
        const ch = pattern[j] as string;
        if (ch === ']') {
          cls += ']';
          closed = true;
          j++;
          break;
        }
        if (ch === '[' && pattern[j + 1] === ':') {
          const end = pattern.indexOf(':]', j + 2);
          if (end > 0) {
            let name = pattern.slice(j + 2, end);
            const neg = name.startsWith('^');
            if (neg) name = name.slice(1);
            const body = POSIX[name];
            if (body !== undefined && !neg) {
              cls += body;
              j = end + 2;
              continue;
            }
          }
        }
        if (ch === '\\') {
          const d = pattern[j + 1] ?? '';
          if (d === 's') cls += '\\t\\n\\f\\r ';
          else if (d === 'p' || d === 'P') {
            unicode = true;
            cls += `\\${d}`;
          } else cls += ch + d;
          j += 2;
          continue;
        }
        if (ch === '[') cls += '\\[';
        else cls += ch;
        j++;
      }
      if (!closed) throw goError('missing closing ]', pattern.slice(i));
      out += cls;
      i = j;
      continue;
    }
    if (c === '(') {
      if (pattern[i + 1] === '?') {
        const rest = pattern.slice(i + 2);
        if (rest.startsWith('<=') || rest.startsWith('<!')) {
          // Go reads `(?<` as a named group: the name is invalid.
          const end = pattern.indexOf('>', i);
          throw goError('invalid named capture', end < 0 ? pattern.slice(i) : pattern.slice(i, end + 1));
        }
        if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('>')) {
          throw goError('invalid or unsupported Perl syntax', `(?${rest.slice(0, 1)}`);
        }
        if (rest.startsWith('P<')) {
          out += '(?<';
          i += 4;
          depth++;
          continue;
        }
        if (rest.startsWith(':') || rest.startsWith('<')) {
          out += '(?' + rest[0];
          i += 3;
          depth++;
          continue;
        }
        const m = /^([imsU-]*)(\)|:)/.exec(rest);
        if (m) {
          const fl = m[1] as string;
          // Flag groups: supported when they apply to the whole remaining pattern inside the anchor group.
          if (fl.includes('-') || fl.includes('U') || !/^\^\(\?:$/.test(out) || m[2] === ':') {
            throw goError('unsupported flag group in target regexp (kustomize-ts)', `(?${fl}${m[2]}`);
          }
          for (const f of fl) if (!flags.includes(f)) flags += f;
          i += 2 + m[0].length;
          continue;
        }
        throw goError('invalid or unsupported Perl syntax', `(?${rest.slice(0, 1)}`);
      }
      depth++;
      out += c;
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) throw goError('unexpected )', pattern);
      depth--;
      out += c;
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)))) {
      const q = c === '{' ? (/^\{\d+(,\d*)?\}/.exec(pattern.slice(i)) as RegExpExecArray)[0] : c;
      if (c === '{') {
        for (const num of q.slice(1, -1).split(',')) {
          if (num !== '' && Number(num) > 1000) throw goError('invalid repeat count', q);
        }
      }
      let j = i + q.length;
      if (pattern[j] === '?') j++;
      const next = pattern[j];
      const nextQ = next === '{' ? /^\{\d+(,\d*)?\}/.exec(pattern.slice(j))?.[0] : next === '*' || next === '+' || next === '?' ? next : undefined;
      if (nextQ !== undefined) throw goError('invalid nested repetition operator', pattern.slice(i, j) + nextQ);
      out += pattern.slice(i, j);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  if (depth > 0) throw goError('missing closing )', pattern);
  try {
    return new RegExp(out, flags + (unicode ? 'u' : ''));
  } catch (err) {
    throw goError((err as Error).message.replace(/^Invalid regular expression: /, ''), pattern);
  }
}

/** kustomize's anchorRegex + regexp.Compile; an empty pattern matches everything. */
export function compileAnchored(pattern: string): RegExp | undefined {
  if (pattern === '') return undefined;
  return compileGoRegexp(`^(?:${pattern})$`);
}

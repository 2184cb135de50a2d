/**
 * Go RE2 patterns in JavaScript. Patch targets are Go regexps (`regexp.Compile("^(?:" + p + ")$")`); this
 * translates the RE2 syntax JavaScript spells differently (`\z`, `\A`, `\Q…\E`, `(?P<n>…)`, flag groups
 * `(?i)`/`(?s)`/`(?i:…)` anywhere — case-insensitivity and dot-all are spelled out per character, since
 * JavaScript engines without regexp modifiers cannot scope flags —, POSIX classes, `\pL`, ASCII `\s`) and
 * rejects what RE2 rejects (look-arounds, back-references, nested repetition, repeat counts over 1000)
 * with Go's error text.
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

const SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function goError(kind: string, fragment: string): RegexError {
  return new RegexError(`error parsing regexp: ${kind}: \`${fragment}\``);
}

function hasCase(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

function otherCase(ch: string): string {
  return ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
}

/** One literal character, escaped, case-folded when `ci`. */
function literal(ch: string, ci: boolean): string {
  if (ci && hasCase(ch)) return `[${ch}${otherCase(ch)}]`;
  return SPECIAL.test(ch) ? `\\${ch}` : ch;
}

interface Flags {
  ci: boolean;
  dotAll: boolean;
}

const QUANT = /^\{\d+(,\d*)?\}/;

/**
 * Compiles a Go regexp (the full, already anchored pattern) into a JavaScript RegExp. Throws
 * {@link RegexError}.
 */
export function compileGoRegexp(pattern: string): RegExp {
  let jsFlags = '';
  let out = '';
  let unicode = false;
  let flags: Flags = { ci: false, dotAll: false };
  const stack: Flags[] = [];
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
        out += '(?<![\\s\\S])';
        i += 2;
        continue;
      }
      if (d === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const lit = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        for (const ch of lit) out += literal(ch, flags.ci);
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
      if (d === 'x') {
        const braced = /^\\x\{([0-9A-Fa-f]+)\}/.exec(pattern.slice(i));
        if (braced) {
          unicode = true;
          out += `\\u{${braced[1] as string}}`;
          i += braced[0].length;
          continue;
        }
        out += pattern.slice(i, i + 4);
        i += 4;
        continue;
      }
      if (/[A-Za-z0-9]/.test(d)) out += c + d;
      else out += literal(d, flags.ci);
      i += 2;
      continue;
    }
    if (c === '[') {
      const r = charClass(pattern, i, flags.ci);
      if (r.unicode) unicode = true;
      out += r.text;
      i = r.end;
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
        if (rest.startsWith('P<') || rest.startsWith('<')) {
          stack.push(flags);
          out += '(?<';
          i += rest.startsWith('P<') ? 4 : 3;
          continue;
        }
        if (rest.startsWith(':')) {
          stack.push(flags);
          out += '(?:';
          i += 3;
          continue;
        }
        const m = /^([imsU]*)(?:-([imsU]*))?(\)|:)/.exec(rest);
        if (!m) throw goError('invalid or unsupported Perl syntax', `(?${rest.slice(0, 1)}`);
        const on = m[1] as string;
        const off = m[2] ?? '';
        if (on.includes('U') || off.includes('U')) throw goError('flag U (ungreedy) is not supported by kustomize-ts', `(?${m[0]}`);
        const next: Flags = { ci: flags.ci, dotAll: flags.dotAll };
        if (on.includes('i')) next.ci = true;
        if (off.includes('i')) next.ci = false;
        if (on.includes('s')) next.dotAll = true;
        if (off.includes('s')) next.dotAll = false;
        if (on.includes('m') || off.includes('m')) {
          // Multi-line mode: only at the very start of the target pattern (then a JavaScript flag).
          if (off.includes('m') || m[3] === ':' || !/^\^\(\?:$/.test(out)) {
            throw goError('flag m (multi-line) is only supported at the start of a target pattern by kustomize-ts', `(?${m[0]}`);
          }
          jsFlags += 'm';
        }
        i += 2 + m[0].length;
        if (m[3] === ':') {
          stack.push(flags);
          out += '(?:';
        }
        flags = next;
        continue;
      }
      stack.push(flags);
      out += c;
      i++;
      continue;
    }
    if (c === ')') {
      const prev = stack.pop();
      if (prev === undefined) throw goError('unexpected )', pattern);
      flags = prev;
      out += c;
      i++;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || (c === '{' && QUANT.test(pattern.slice(i)))) {
      const q = c === '{' ? (QUANT.exec(pattern.slice(i)) as RegExpExecArray)[0] : c;
      if (c === '{') {
        for (const num of q.slice(1, -1).split(',')) {
          if (num !== '' && Number(num) > 1000) throw goError('invalid repeat count', q);
        }
      }
      let j = i + q.length;
      if (pattern[j] === '?') j++;
      const nx = pattern[j];
      const nextQ = nx === '{' ? QUANT.exec(pattern.slice(j))?.[0] : nx === '*' || nx === '+' || nx === '?' ? nx : undefined;
      if (nextQ !== undefined) throw goError('invalid nested repetition operator', pattern.slice(i, j) + nextQ);
      out += pattern.slice(i, j);
      i = j;
      continue;
    }
    if (c === '.') out += flags.dotAll ? '[\\s\\S]' : '.';
    else if (c === '^' || c === '$' || c === '|' || c === '{' || c === '}') out += c === '{' || c === '}' ? `\\${c}` : c;
    else out += literal(c, flags.ci);
    i++;
  }
  if (stack.length > 0) throw goError('missing closing )', pattern);
  try {
    return new RegExp(out, jsFlags + (unicode ? 'u' : ''));
  } catch (err) {
    throw goError((err as Error).message.replace(/^Invalid regular expression: /, ''), pattern);
  }
}

/** A bracket expression starting at `start`: its JavaScript text and where it ends. */
function charClass(pattern: string, start: number, ci: boolean): { text: string; end: number; unicode: boolean } {
  const n = pattern.length;
  let j = start + 1;
  let cls = '[';
  let unicode = false;
  if (pattern[j] === '^') {
    cls += '^';
    j++;
  }
  if (pattern[j] === ']') {
    cls += '\\]';
    j++;
  }
  const extra: string[] = [];
  while (j < n) {
    const ch = pattern[j] as string;
    if (ch === ']') return { text: cls + extra.join('') + ']', end: j + 1, unicode };
    if (ch === '[' && pattern[j + 1] === ':') {
      const end = pattern.indexOf(':]', j + 2);
      if (end > 0) {
        const name = pattern.slice(j + 2, end);
        const body = POSIX[name];
        if (body !== undefined) {
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
    // A range x-y, or a single character; with case folding the other case is added.
    if (pattern[j + 1] === '-' && pattern[j + 2] !== undefined && pattern[j + 2] !== ']') {
      const hi = pattern[j + 2] as string;
      cls += `${escClass(ch)}-${escClass(hi)}`;
      if (ci && hasCase(ch) && hasCase(hi) && (ch === ch.toLowerCase()) === (hi === hi.toLowerCase())) {
        extra.push(`${escClass(otherCase(ch))}-${escClass(otherCase(hi))}`);
      }
      j += 3;
      continue;
    }
    cls += escClass(ch);
    if (ci && hasCase(ch)) extra.push(escClass(otherCase(ch)));
    j++;
  }
  throw goError('missing closing ]', pattern.slice(start));
}

function escClass(ch: string): string {
  return ch === '[' || ch === ']' || ch === '\\' || ch === '^' || ch === '-' ? `\\${ch}` : ch;
}

/** kustomize's anchorRegex + regexp.Compile; an empty pattern matches everything. */
export function compileAnchored(pattern: string): RegExp | undefined {
  if (pattern === '') return undefined;
  return compileGoRegexp(`^(?:${pattern})$`);
}

/**
 * Go's regexp package as Sprig uses it, on top of the repository's RE2 → JavaScript translation
 * (src/selector/regex.ts): MatchString, FindString, FindAllString (Go's rule for empty matches),
 * ReplaceAllString with Go's `$1`/`${name}` expansion, ReplaceAllLiteralString, Split and QuoteMeta.
 * Both engines pick the leftmost-first match, so results agree.
 */
import { compileGoRegexp, GoRegexpError } from '../../selector/regex.js';
import { GoError, goQuote } from '../template/index.js';

const globalCache = new Map<string, RegExp>();

/** The pattern compiled with the `g` flag (searching from a position). Throws GoRegexpError. */
function compile(pattern: string): RegExp {
  let re = globalCache.get(pattern);
  if (!re) {
    const base = compileGoRegexp(pattern);
    re = new RegExp(base.source, base.flags.includes('g') ? base.flags : base.flags + 'g');
    if (globalCache.size > 1000) globalCache.clear();
    globalCache.set(pattern, re);
  }
  return re;
}

/** Go's regexp quote for MustCompile panics: backquoted when possible. */
function regexpQuote(s: string): string {
  // eslint-disable-next-line no-control-regex -- strconv.CanBackquote refuses control characters
  return /^[^`\x00-\x08\x0a-\x1f\x7f\ufeff]*$/.test(s) ? '`' + s + '`' : goQuote(s);
}

/** regexp.MustCompile: a panic (template error) for bad patterns. */
export function mustCompile(pattern: string): RegExp {
  try {
    return compile(pattern);
  } catch (e) {
    if (e instanceof GoRegexpError) throw new GoError(`regexp: Compile(${regexpQuote(pattern)}): ${e.message}`);
    throw e;
  }
}

/** regexp.Compile: the error for bad patterns. */
export function compileOrError(pattern: string): RegExp {
  try {
    return compile(pattern);
  } catch (e) {
    if (e instanceof GoRegexpError) throw new GoError(e.message);
    throw e;
  }
}

function execAt(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

function runeWidth(s: string, pos: number): number {
  const c = s.charCodeAt(pos);
  return c >= 0xd800 && c <= 0xdbff && pos + 1 < s.length ? 2 : 1;
}

/** Go's allMatches: successive non-overlapping matches; empty matches right after a match are skipped. */
export function allMatches(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n < 0) n = s.length + 1;
  let pos = 0;
  let prevMatchEnd = -1;
  while (out.length < n && pos <= s.length) {
    const m = execAt(re, s, pos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      if (start === prevMatchEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** regexp.MatchString. */
export function matchString(re: RegExp, s: string): boolean {
  return execAt(re, s, 0) !== null;
}

/** Regexp.FindString ("" when there is no match). */
export function findString(re: RegExp, s: string): string {
  return execAt(re, s, 0)?.[0] ?? '';
}

/** Regexp.FindAllString (nil → empty slice when there are no matches). */
export function findAllString(re: RegExp, s: string, n: number): string[] {
  return allMatches(re, s, n).map((m) => m[0]);
}

/** Go's replaceAll: `repl` builds the replacement of each match. */
function replaceAll(re: RegExp, src: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    const a = execAt(re, src, searchPos);
    if (!a) break;
    const start = a.index;
    const end = start + a[0].length;
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += repl(a);
    lastMatchEnd = end;
    const width = searchPos < src.length ? runeWidth(src, searchPos) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

/** Regexp.ReplaceAllString with `$` expansion. */
export function replaceAllString(re: RegExp, src: string, template: string): string {
  return replaceAll(re, src, (m) => expand(template, m));
}

/** Regexp.ReplaceAllLiteralString. */
export function replaceAllLiteralString(re: RegExp, src: string, repl: string): string {
  return replaceAll(re, src, () => repl);
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** Go's Regexp.Expand of a replacement template. */
function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  let t = template;
  for (;;) {
    const i = t.indexOf('$');
    if (i < 0) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const ext = extract(t);
    if (!ext) {
      out += '$';
      continue;
    }
    t = ext.rest;
    if (ext.num >= 0) out += m[ext.num] ?? '';
    else out += m.groups?.[ext.name] ?? '';
  }
  return out + t;
}

function extract(str: string): { name: string; num: number; rest: string } | undefined {
  if (str === '') return undefined;
  let brace = false;
  let s = str;
  if (s[0] === '{') {
    brace = true;
    s = s.slice(1);
  }
  let i = 0;
  while (i < s.length) {
    const ch = String.fromCodePoint(s.codePointAt(i) as number);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === 0) return undefined;
  const name = s.slice(0, i);
  if (brace) {
    if (i >= s.length || s[i] !== '}') return undefined;
    i++;
  }
  let num = 0;
  for (const c of name) {
    if (c < '0' || c > '9' || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c.charCodeAt(0) - 48);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return { name, num, rest: s.slice(i) };
}

/** Regexp.Split. */
export function split(re: RegExp, pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [''];
  const matches = allMatches(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    const mEnd = m.index + m[0].length;
    if (mEnd !== 0) out.push(s.slice(beg, end));
    beg = mEnd;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

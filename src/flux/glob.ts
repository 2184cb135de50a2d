/**
 * Shell-style pattern matching as Go's `path.Match` does it (literal chars, `*`, `?`, `[...]` classes,
 * `\\` escapes), in the variant Flux's envsubst forked: `*` also matches `/`. Used for the `#`/`%` trim
 * operators and, one path element at a time (where the two variants agree), for `.sourceignore`.
 */

/** A malformed pattern (Go's ErrBadPattern). */
export class BadPattern extends Error {}

/** Matches one character class or literal chunk at the start of `s`; returns the rest or undefined. */
function matchChunk(chunk: string, s: string): string | undefined {
  while (chunk.length > 0) {
    if (s.length === 0) return undefined;
    const c0 = chunk[0] as string;
    if (c0 === '[') {
      const r = s.codePointAt(0) as number;
      s = s.slice(r > 0xffff ? 2 : 1);
      chunk = chunk.slice(1);
      let notNegated = true;
      if (chunk.length > 0 && chunk[0] === '^') {
        notNegated = false;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === ']' && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        chunk = lo.rest;
        let hi = lo.r;
        if (chunk[0] === '-') {
          const h = getEsc(chunk.slice(1));
          hi = h.r;
          chunk = h.rest;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match !== notNegated) return undefined;
    } else if (c0 === '?') {
      const r = s.codePointAt(0) as number;
      s = s.slice(r > 0xffff ? 2 : 1);
      chunk = chunk.slice(1);
    } else {
      let c = c0;
      if (c0 === '\\') {
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new BadPattern();
        c = chunk[0] as string;
      }
      if (c !== s[0]) return undefined;
      s = s.slice(1);
      chunk = chunk.slice(1);
    }
  }
  return s;
}

function getEsc(chunk: string): { r: number; rest: string } {
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') throw new BadPattern();
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const r = chunk.codePointAt(0) as number;
  const rest = chunk.slice(r > 0xffff ? 2 : 1);
  if (rest.length === 0) throw new BadPattern();
  return { r, rest };
}

function scanChunk(pattern: string): { star: boolean; chunk: string; rest: string } {
  let star = false;
  while (pattern.length > 0 && pattern[0] === '*') {
    pattern = pattern.slice(1);
    star = true;
  }
  let inrange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case '\\':
        if (i + 1 < pattern.length) i++;
        break;
      case '[':
        inrange = true;
        break;
      case ']':
        inrange = false;
        break;
      case '*':
        if (!inrange) break scan;
        break;
    }
  }
  return { star, chunk: pattern.slice(0, i), rest: pattern.slice(i) };
}

/** Flux's fork of Go's path.Match: `*` also matches `/`. Throws BadPattern. */
export function globMatch(pattern: string, name: string): boolean {
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk === '') return true;
    let t: string | undefined;
    let err: BadPattern | undefined;
    try {
      t = matchChunk(chunk, name);
    } catch (e) {
      if (!(e instanceof BadPattern)) throw e;
      err = e;
    }
    if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (err) throw err;
    if (star) {
      for (let i = 0; i < name.length; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2 !== undefined) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    return false;
  }
  return name.length === 0;
}

/**
 * Go (RE2) regular expressions in JavaScript. kustomize compiles user patterns with Go's `regexp` package:
 * patch and plugin target selectors (anchored as `^(?:p)$`), image names, replacement `[key=value]` target
 * paths. This translates RE2 syntax into an equivalent JavaScript RegExp (Unicode mode) and reports what
 * Go rejects with Go's wording (`error parsing regexp: missing closing ): ...`).
 *
 * Go semantics spelled out where JavaScript differs: `.` excludes only `\n`; `\s` is `[\t\n\f\r ]`; `$` is
 * the end of the text; flag groups `(?i)`, `(?s)`, `(?m)`, `(?U)`, `(?flags:…)` and `(?-flags)` apply
 * anywhere and end with their group; case folding follows Unicode simple case folding (`k`, `K`, `K`),
 * spelled out per character or, when the whole pattern folds, the JavaScript `i` flag; POSIX classes (also
 * negated); `\pL`, `\p{Greek}`; octal and `\x{…}` escapes; `\Q…\E`; `\A`, `\z`. Known approximation:
 * a negated `\P{…}` inside a bracket expression under case folding is not folded.
 */

/** A pattern Go's regexp.Compile rejects (or that kustomize-ts cannot translate). */
export class GoRegexpError extends Error {
  constructor(code: string, arg: string) {
    super(`error parsing regexp: ${code}: \`${arg}\``);
    this.name = 'GoRegexpError';
  }
}

type Range = readonly [number, number];

const POSIX: Record<string, readonly Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** Go's `\s`: `[\t\n\f\r ]` (JavaScript's `\s` also has `\v` and Unicode spaces). */
const GO_SPACE: readonly Range[] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const MAX_CP = 0x10ffff;
const PERL_RANGES: Record<string, readonly Range[]> = {
  d: POSIX.digit as Range[],
  s: GO_SPACE,
  w: POSIX.word as Range[],
};

// Characters that must be escaped to be literal in a JavaScript Unicode-mode pattern.
const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const PERL_CLASSES = new Set(['d', 'D', 's', 'S', 'w', 'W']);
/** `\a \f \t \n \r \v` as code points. */
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

function literal(ch: string): string {
  return JS_SYNTAX.has(ch) ? `\\${ch}` : ch;
}

function classLiteral(ch: string): string {
  return ch === '\\' || ch === ']' || ch === '[' || ch === '-' || ch === '^' ? `\\${ch}` : ch;
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** A code point as it stands inside a JavaScript class. */
function classChar(cp: number): string {
  if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) return hex(cp);
  return classLiteral(String.fromCodePoint(cp));
}

function rangesSource(ranges: readonly Range[]): string {
  let s = '';
  for (const [lo, hi] of ranges) s += lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`;
  return s;
}

/** The code points not in `ranges` (sorted, merged). */
function complement(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

/** The code point at index `i` of `s`; `i` is inside the string (0 past its end). */
function codePoint(s: string, i = 0): number {
  return s.codePointAt(i) ?? 0;
}

function isPunct(ch: string): boolean {
  const c = codePoint(ch);
  return c < 0x80 && !/[A-Za-z0-9]/.test(ch);
}

// ------------------------------------------------------------------------------------------------
// Case folding (Go's unicode.SimpleFold orbits, computed from JavaScript's Unicode case mapping)

let caseEdges: Map<number, number[]> | undefined;

/** Code points linked by a one-code-point upper/lower case mapping, both ways (built on first use). */
function edges(): Map<number, number[]> {
  if (caseEdges) return caseEdges;
  const m = new Map<number, number[]>();
  const link = (a: number, b: number): void => {
    const l = m.get(a);
    if (l) l.push(b);
    else m.set(a, [b]);
  };
  for (let cp = 0; cp < 0x20000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    for (const mapped of [ch.toLowerCase(), ch.toUpperCase()]) {
      const to = codePoint(mapped);
      if (to === cp || mapped.length !== String.fromCodePoint(to).length) continue;
      link(cp, to);
      link(to, cp);
    }
  }
  caseEdges = m;
  return m;
}

const orbitCache = new Map<number, number[]>();

/** The code points equal to `cp` under simple case folding, `cp` included. */
function foldOrbit(cp: number): number[] {
  let orbit = orbitCache.get(cp);
  if (orbit) return orbit;
  const e = edges();
  const seen = new Set<number>([cp]);
  const todo = [cp];
  while (todo.length > 0) {
    for (const n of e.get(todo.pop() as number) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        todo.push(n);
      }
    }
  }
  // A case mapping is not always a folding (`ı` upper-cases to `I`): keep what folds to the same.
  const same = new RegExp(`^${hex(cp)}$`, 'iu');
  orbit = [...seen].filter((n) => n === cp || same.test(String.fromCodePoint(n))).sort((a, b) => a - b);
  orbitCache.set(cp, orbit);
  return orbit;
}

let cased: number[] | undefined;

/** The code points with a non-trivial case-fold orbit, ascending. */
function casedCodePoints(): number[] {
  cased ??= [...edges().keys()].sort((a, b) => a - b);
  return cased;
}

function inRanges(cp: number, ranges: readonly Range[]): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** `ranges` with the case-fold orbit of every member added (Go's appendFoldedClass). */
function foldRanges(ranges: readonly Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const cp of casedCodePoints()) {
    if (inRanges(cp, ranges)) for (const o of foldOrbit(cp)) if (o !== cp) out.push([o, o]);
  }
  return out;
}

/** The code points outside `\p{prop}` that fold to one inside it. */
function foldedPropertyExtra(prop: string): Range[] {
  const re = new RegExp(`^\\p{${prop}}$`, 'u');
  const out: Range[] = [];
  for (const cp of casedCodePoints()) {
    if (!re.test(String.fromCodePoint(cp))) continue;
    for (const o of foldOrbit(cp)) if (!re.test(String.fromCodePoint(o))) out.push([o, o]);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Translation

interface Flags {
  /** `i`: case folding. */
  readonly fold: boolean;
  /** `s`: `.` matches `\n`. */
  readonly dotNL: boolean;
  /** `m`: `^` and `$` match at line boundaries. */
  readonly multiLine: boolean;
  /** `U`: repetitions are lazy by default. */
  readonly ungreedy: boolean;
}

const NO_FLAGS: Flags = { fold: false, dotNL: false, multiLine: false, ungreedy: false };

/** One item of a bracket expression: code point ranges, or a JavaScript class escape as it is. */
type ClassItem = { ranges: readonly Range[] } | { raw: string };

class Translator {
  private i = 0;
  private out = '';
  private flags: Flags = NO_FLAGS;
  private lastOpStart = -1;
  /** Whether an atom was emitted under case folding / without it. */
  sawFolded = false;
  sawUnfolded = false;

  /** `globalFold`: the whole pattern folds, so folding is the JavaScript `i` flag (no per-atom spelling). */
  constructor(
    private readonly p: string,
    private readonly globalFold: boolean,
  ) {}

  private get fold(): boolean {
    return this.flags.fold && !this.globalFold;
  }

  private noteAtom(): void {
    if (this.flags.fold) this.sawFolded = true;
    else this.sawUnfolded = true;
  }

  run(): RegExp {
    const p = this.p;
    // Flags saved at each open group, restored when it closes.
    const groups: Flags[] = [];
    // Whether the last emitted item can take a repetition operator, and whether it already has one.
    let atom = false;
    let repeated = false;
    while (this.i < p.length) {
      const c = p[this.i] as string;
      if (c === '*' || c === '+' || c === '?' || (c === '{' && this.repeatAt(this.i) !== undefined)) {
        this.repetition(atom, repeated);
        repeated = true;
        continue;
      }
      atom = this.item(c, groups);
      repeated = false;
    }
    if (groups.length > 0) throw new GoRegexpError('missing closing )', p);
    try {
      return new RegExp(this.out, this.globalFold ? 'iu' : 'u');
    } catch {
      throw new GoRegexpError('invalid or unsupported Perl syntax', p);
    }
  }

  /** Translates the item starting with `c` (not a repetition); returns whether a repetition may follow it. */
  private item(c: string, groups: Flags[]): boolean {
    switch (c) {
      case '\\':
        this.out += this.escape(false);
        this.noteAtom();
        return true;
      case '[':
        this.out += this.charClass();
        this.noteAtom();
        return true;
      case '(': {
        const saved = this.flags;
        if (this.group()) groups.push(saved);
        return false;
      }
      case ')': {
        const saved = groups.pop();
        if (saved === undefined) throw new GoRegexpError('unexpected )', this.p);
        this.flags = saved;
        this.out += ')';
        this.i++;
        return true;
      }
      case '|':
        this.out += '|';
        this.i++;
        return false;
      case '^':
      case '$':
        // Go lets an anchor take a repetition; JavaScript does not unless it is grouped.
        if (this.flags.multiLine) this.out += c === '^' ? '(?:(?<![\\s\\S])|(?<=\\n))' : '(?:(?![\\s\\S])|(?=\\n))';
        else this.out += `(?:${c})`;
        this.i++;
        return true;
      case '.':
        this.out += this.flags.dotNL ? '[\\s\\S]' : '[^\\n]';
        this.i++;
        return true;
      default: {
        const cp = codePoint(this.p, this.i);
        const ch = String.fromCodePoint(cp);
        this.out += this.literalCodePoint(cp, ch);
        this.noteAtom();
        this.i += ch.length;
        return true;
      }
    }
  }

  /** A repetition operator (`*`, `+`, `?`, `{n,m}`, each optionally followed by `?`) after an item. */
  private repetition(atom: boolean, repeated: boolean): void {
    const p = this.p;
    const start = this.i;
    const c = p[this.i] as string;
    let op: string;
    if (c === '{') {
      const rep = this.repeatAt(this.i) as { text: string; min: number; max: number };
      if (rep.min > 1000 || rep.max > 1000 || (rep.max >= 0 && rep.max < rep.min)) {
        throw new GoRegexpError('invalid repeat count', rep.text);
      }
      op = rep.text;
    } else op = c;
    this.i += op.length;
    let lazy = false;
    if (p[this.i] === '?') {
      lazy = true;
      this.i++;
    }
    if (repeated) throw new GoRegexpError('invalid nested repetition operator', p.slice(this.lastOpStart, this.i));
    if (!atom) throw new GoRegexpError('missing argument to repetition operator', p.slice(start, this.i));
    this.out += op + (lazy !== this.flags.ungreedy ? '?' : '');
    this.lastOpStart = start;
  }

  /** A literal code point, as its case-fold orbit when folding. */
  private literalCodePoint(cp: number, ch: string): string {
    if (this.fold) {
      const orbit = foldOrbit(cp);
      if (orbit.length > 1) return `[${orbit.map(classChar).join('')}]`;
    }
    if (cp < 0x20 || cp === 0x7f) return hex(cp);
    return literal(ch);
  }

  /** `{n}`, `{n,}`, `{n,m}` at position `at`, or undefined when the brace is a literal. */
  private repeatAt(at: number): { text: string; min: number; max: number } | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(at));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    return { text: m[0], min, max };
  }

  /** A `(` construct (Go's parsePerlFlags); true when it opens a group, false for a flag change `(?i)`. */
  private group(): boolean {
    const p = this.p;
    if (p[this.i + 1] !== '?') {
      this.out += '(';
      this.i++;
      return true;
    }
    const rest = p.slice(this.i);
    if ((rest.length > 4 && rest.startsWith('(?P<')) || (rest.length > 3 && rest.startsWith('(?<'))) {
      const end = rest.indexOf('>');
      if (end < 0) throw new GoRegexpError('invalid named capture', rest);
      const capture = rest.slice(0, end + 1);
      const name = rest.slice(rest[2] === 'P' ? 4 : 3, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new GoRegexpError('invalid named capture', capture);
      this.out += `(?<${name}>`;
      this.i += capture.length;
      return true;
    }
    // Flags: `(?flags)`, `(?flags:`, `(?-flags)`, `(?flags-flags:` (`(?:` has none).
    let fold = this.flags.fold;
    let dotNL = this.flags.dotNL;
    let multiLine = this.flags.multiLine;
    let ungreedy = this.flags.ungreedy;
    let on = true;
    let sawFlag = false;
    for (let j = 2; j < rest.length; j++) {
      const c = rest[j] as string;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        if (c === 'i') fold = on;
        else if (c === 'm') multiLine = on;
        else if (c === 's') dotNL = on;
        else ungreedy = on;
        sawFlag = true;
        continue;
      }
      if (c === '-' && on) {
        on = false;
        sawFlag = false;
        continue;
      }
      if ((c === ':' || c === ')') && (on || sawFlag)) {
        this.flags = { fold, dotNL, multiLine, ungreedy };
        this.i += j + 1;
        if (c === ')') return false;
        this.out += '(?:';
        return true;
      }
      throw new GoRegexpError('invalid or unsupported Perl syntax', rest.slice(0, j + 1));
    }
    throw new GoRegexpError('invalid or unsupported Perl syntax', rest);
  }

  /** An escape starting at `\` outside a class. Returns JavaScript source. */
  private escape(inClass: false): string;
  /** An escape starting at `\` inside a class: one code point, or a class to include as it is. */
  private escape(inClass: true): ClassItem;
  private escape(inClass: boolean): string | ClassItem {
    const p = this.p;
    const start = this.i;
    this.i++;
    if (this.i >= p.length) throw new GoRegexpError('trailing backslash at end of expression', '');
    const c = p[this.i] as string;
    this.i++;
    if (PERL_CLASSES.has(c)) return this.perlClass(c, inClass);
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return this.escapedCodePoint(simple, inClass);
    if (!inClass) {
      if (c === 'b' || c === 'B') return `\\${c}`;
      if (c === 'A') return '(?<![\\s\\S])';
      if (c === 'z') return '(?![\\s\\S])';
      if (c === 'Q') return this.quoted();
    }
    if (c === 'p' || c === 'P') return this.unicodeClass(c === 'P', start, inClass);
    if (c === 'x') return this.escapedCodePoint(this.hexEscape(start), inClass);
    if (c >= '0' && c <= '7') {
      // Octal: \0, \01, \012 (Go accepts \1-\7 only as the start of an octal escape with more digits).
      const m = /^[0-7]{0,2}/.exec(p.slice(this.i)) as RegExpExecArray;
      if (c !== '0' && m[0].length === 0) throw new GoRegexpError('invalid escape sequence', p.slice(start, this.i));
      this.i += m[0].length;
      return this.escapedCodePoint(parseInt(c + m[0], 8), inClass);
    }
    if (isPunct(c)) return this.escapedCodePoint(codePoint(c), inClass);
    throw new GoRegexpError('invalid escape sequence', p.slice(start, this.i));
  }

  /** An escaped code point: a one-character class item, or (outside a class) a literal. */
  private escapedCodePoint(cp: number, inClass: boolean): string | ClassItem {
    return inClass ? { ranges: [[cp, cp]] } : this.literalCodePoint(cp, String.fromCodePoint(cp));
  }

  /** The text of `\Q…\E` (or to the end of the pattern), after the `Q`, as literals. */
  private quoted(): string {
    const p = this.p;
    const end = p.indexOf('\\E', this.i);
    const text = end < 0 ? p.slice(this.i) : p.slice(this.i, end);
    this.i = end < 0 ? p.length : end + 2;
    let s = '';
    for (const ch of text) s += this.literalCodePoint(codePoint(ch), ch);
    return text === '' ? '' : `(?:${s})`;
  }

  /** The value of `\xHH` or `\x{H…}`, after the `x`. */
  private hexEscape(start: number): number {
    const p = this.p;
    // Go reads hex digits up to the first one that does not fit; the error names the text read so far.
    const bad = (upTo: number): GoRegexpError =>
      new GoRegexpError('invalid escape sequence', p.slice(start, Math.min(upTo, p.length)));
    const isHex = (ch: string | undefined): boolean => ch !== undefined && /^[0-9A-Fa-f]$/.test(ch);
    if (p[this.i] === '{') {
      let j = this.i + 1;
      let value = 0;
      for (; p[j] !== '}'; j++) {
        if (!isHex(p[j])) throw bad(j + 1);
        value = value * 16 + parseInt(p[j] as string, 16);
        if (value > MAX_CP) throw bad(j + 1);
      }
      if (j === this.i + 1) throw bad(j + 1);
      this.i = j + 1;
      return value;
    }
    if (!isHex(p[this.i]) || !isHex(p[this.i + 1])) throw bad(this.i + 2);
    this.i += 2;
    return parseInt(p.slice(this.i - 2, this.i), 16);
  }

  /** `\pL`, `\p{Name}`, `\PL`, `\p{^Name}` after the `p`/`P` (`negated` for `P`), folded when folding. */
  private unicodeClass(negated: boolean, start: number, inClass: boolean): string | ClassItem {
    const p = this.p;
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
    let neg = negated;
    if (name.startsWith('^')) {
      neg = !neg;
      name = name.slice(1);
    }
    if (name === 'Any') {
      if (inClass) return neg ? { ranges: [] } : { ranges: [[0, MAX_CP]] };
      return neg ? '[^\\s\\S]' : '[\\s\\S]';
    }
    const prop = name.length <= 2 ? name : `Script=${name}`;
    try {
      new RegExp(`\\p{${prop}}`, 'u');
    } catch {
      throw new GoRegexpError('invalid character class range', p.slice(start, this.i));
    }
    if (!this.flags.fold) {
      const src = `\\${neg ? 'P' : 'p'}{${prop}}`;
      return inClass ? { raw: src } : src;
    }
    // Folded: the property plus what folds into it (Go folds, then negates).
    const extra = rangesSource(foldedPropertyExtra(prop));
    if (!neg) return inClass ? { raw: `\\p{${prop}}${extra}` } : `[\\p{${prop}}${extra}]`;
    // Inside a bracket expression the negation cannot exclude the folded extras (an approximation).
    return inClass ? { raw: `\\P{${prop}}` } : `(?![\\p{${prop}}${extra}])[\\s\\S]`;
  }

  /** `\\d \\D \\s \\S \\w \\W`: ASCII classes in Go (`\\s` without `\\v`), folded and then negated. */
  private perlClass(c: string, inClass: boolean): string | ClassItem {
    const positive = PERL_RANGES[c.toLowerCase()] as readonly Range[];
    const folded = this.flags.fold ? foldRanges(positive) : positive;
    const ranges = c === c.toLowerCase() ? folded : complement(folded);
    return inClass ? { ranges } : `[${rangesSource(ranges)}]`;
  }

  /** A bracket expression starting at `[`. Returns JavaScript source. */
  private charClass(): string {
    const p = this.p;
    const start = this.i;
    this.i++;
    let negated = false;
    if (p[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let first = true;
    const items: ClassItems = { ranges: [], raw: '' };
    // The previous single character (for ranges), as a code point.
    let prev: number | undefined;
    for (;;) {
      if (this.i >= p.length) throw new GoRegexpError('missing closing ]', p.slice(start));
      const c = p[this.i] as string;
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      const posix = c === '[' && p[this.i + 1] === ':' ? this.posixClass() : undefined;
      if (posix !== undefined) {
        addClassItem(items, posix);
        prev = undefined;
      } else if (c === '-' && prev !== undefined && p[this.i + 1] !== ']' && this.i + 1 < p.length) {
        // The range replaces its low end, added as a single character.
        const hi = this.rangeEnd(prev);
        items.ranges.pop();
        items.ranges.push([prev, hi]);
        prev = undefined;
      } else if (c === '\\') {
        prev = addClassItem(items, this.escape(true));
      } else {
        const cp = codePoint(p, this.i);
        this.i += String.fromCodePoint(cp).length;
        prev = addClassItem(items, { ranges: [[cp, cp]] });
      }
    }
    return `[${negated ? '^' : ''}${rangesSource(this.fold ? foldRanges(items.ranges) : items.ranges)}${items.raw}]`;
  }

  /** `[:name:]` or `[:^name:]` at `[`; undefined (nothing read) when no `:]` follows. */
  private posixClass(): ClassItem | undefined {
    const p = this.p;
    const end = p.indexOf(':]', this.i + 2);
    if (end < 0) return undefined;
    let name = p.slice(this.i + 2, end);
    const neg = name.startsWith('^');
    if (neg) name = name.slice(1);
    const cls = Object.hasOwn(POSIX, name) ? POSIX[name] : undefined;
    if (cls === undefined) throw new GoRegexpError('invalid character class range', p.slice(this.i, end + 2));
    this.i = end + 2;
    return { ranges: neg ? complement(this.flags.fold ? foldRanges(cls) : cls) : cls };
  }

  /** The high end of the range `prev-hi`, read from its `-`; throws unless it is one code point not below `prev`. */
  private rangeEnd(prev: number): number {
    const p = this.p;
    this.i++;
    let hi: number | undefined;
    if (p[this.i] === '\\') {
      const save = this.i;
      const item = this.escape(true);
      const r = 'ranges' in item && item.ranges.length === 1 ? item.ranges[0] : undefined;
      hi = r !== undefined && r[0] === r[1] ? r[0] : undefined;
      if (hi === undefined) throw new GoRegexpError('invalid character class range', p.slice(save - 2, this.i));
    } else {
      hi = codePoint(p, this.i);
      this.i += String.fromCodePoint(hi).length;
    }
    if (hi < prev) {
      throw new GoRegexpError(
        'invalid character class range',
        `${String.fromCodePoint(prev)}-${String.fromCodePoint(hi)}`,
      );
    }
    return hi;
  }
}

/** What a bracket expression has gathered: code point ranges and JavaScript class escapes. */
interface ClassItems {
  ranges: Range[];
  raw: string;
}

/** Adds `item` to `items`; returns its code point when it is a single one (the possible low end of a range). */
function addClassItem(items: ClassItems, item: ClassItem): number | undefined {
  if ('raw' in item) {
    items.raw += item.raw;
    return undefined;
  }
  items.ranges.push(...item.ranges);
  const r = item.ranges[0];
  return item.ranges.length === 1 && r !== undefined && r[0] === r[1] ? r[0] : undefined;
}

const cache = new Map<string, RegExp | GoRegexpError>();

function translate(pattern: string): RegExp {
  const t = new Translator(pattern, false);
  const re = t.run();
  // Folding throughout: let JavaScript fold (exact for classes and properties too).
  if (t.sawFolded && !t.sawUnfolded) return new Translator(pattern, true).run();
  return re;
}

/** Compiles a Go regular expression. Throws {@link GoRegexpError} when Go would reject it. */
export function compileGoRegexp(pattern: string): RegExp {
  let r = cache.get(pattern);
  if (r === undefined) {
    try {
      r = translate(pattern);
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

/**
 * kustomize's target-selector regexp (`regexp.Compile("^(?:" + p + ")$")`); undefined for an empty
 * pattern, which matches everything. Throws {@link GoRegexpError}.
 */
export function compileAnchored(pattern: string): RegExp | undefined {
  if (pattern === '') return undefined;
  return compileGoRegexp(`^(?:${pattern})$`);
}

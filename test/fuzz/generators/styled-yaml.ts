/**
 * A random YAML writer: the same value written in many of the ways YAML allows (block or flow
 * collections, plain, quoted, multi-line quoted and block scalars with every chomping indicator, other
 * indentations, comments, anchors and aliases, explicit tags), so the parser meets the forms real files
 * use. It does not try to keep the value's types: whatever text it writes, the reference decides.
 */
import type { Rng } from '../rng.js';
import type { Value } from './resources.js';

/** The choices the writer makes. */
type Choices = Pick<Rng, 'chance' | 'pick' | 'weighted'>;

interface Style {
  indent: number;
  /** `key:\n  - a` (true) or `key:\n- a`. */
  indentSeq: boolean;
  flowChance: number;
  commentChance: number;
  quoteChance: number;
  anchorChance: number;
}

function isPlainSafe(s: string): boolean {
  if (s === '' || s !== s.trim()) return false;
  if (/[\n\r\t\u0085\u2028\u2029]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (/: |:$| #/.test(s)) return false;
  return true;
}

function isPlainSafeInFlow(s: string): boolean {
  return isPlainSafe(s) && !/[,[\]{}]/.test(s);
}

/** Escapes for a double-quoted scalar; sometimes with the less usual escapes go-yaml knows. */
function doubleQuote(s: string, rng: Choices): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += rng.chance(0.5) ? '\\t' : '\t';
    else if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x2028) out += '\\L';
    else if (c === 0x2029) out += '\\P';
    else if (c > 0x7e && rng.chance(0.2))
      out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else if (ch === '/' && rng.chance(0.3)) out += '\\/';
    else out += ch;
  }
  return out + '"';
}

function singleQuote(s: string): string {
  // A line break inside single quotes is written as an empty line (folding).
  return "'" + s.replace(/'/g, "''").replace(/\n/g, '\n\n') + "'";
}

/** A double-quoted scalar broken over lines at spaces, continuation lines at `indent` columns. */
function multiLineDouble(s: string, rng: Choices, indent: number): string | undefined {
  if (s.includes('\n') || !s.includes(' ')) return undefined;
  const words = s.split(' ');
  let out = '"';
  const pad = ' '.repeat(indent);
  words.forEach((w, i) => {
    const escaped = doubleQuote(w, rng).slice(1, -1);
    if (i === 0) out += escaped;
    else if (rng.chance(0.4)) out += `\n${pad}${escaped}`;
    else out += ` ${escaped}`;
  });
  return out + '"';
}

/** A literal or folded block scalar, or undefined when the value cannot be written so. */
function blockScalar(s: string, rng: Choices, indent: number): string | undefined {
  if (
    /[\r\u0085\u2028\u2029]/.test(s) ||
    /[^\S\n]\n|[^\S\n]$/.test(s) ||
    // eslint-disable-next-line no-control-regex -- a block scalar cannot hold control characters
    /[\u0000-\u0008\u000b-\u001f\u007f]/.test(s)
  ) {
    return undefined;
  }
  const body = s.replace(/\n+$/, '');
  const trailing = s.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? (rng.chance(0.5) ? '' : '+') : '+';
  if (chomp === '+' && trailing > 1 && rng.chance(0.5)) return undefined;
  const lines = body.split('\n');
  const needsIndicator = /^[ \t]/.test(body) || body === '';
  const pad = ' '.repeat(indent);
  const folded = !s.includes('\n') && rng.chance(0.4);
  let head = (folded ? '>' : '|') + (needsIndicator ? String(indent) : '') + chomp;
  if (rng.chance(0.1)) head += ' # block';
  let text = head + '\n' + lines.map((l) => (l === '' ? '' : pad + l)).join('\n');
  if (trailing > 0) text += '\n'.repeat(trailing - 1);
  return text;
}

class Writer {
  private anchors = 0;
  constructor(
    protected readonly rng: Choices,
    private readonly style: Style,
  ) {}

  /** A scalar in inline position (after `key: ` or `- `); may return a block scalar header + body. */
  scalar(v: Value, col: number, inFlow: boolean): string {
    const rng = this.rng;
    if (v === null) return rng.pick(['null', '~', '', 'Null', 'NULL']);
    if (typeof v === 'boolean')
      return rng.chance(0.8) ? String(v) : v ? rng.pick(['True', 'TRUE']) : rng.pick(['False', 'FALSE']);
    if (typeof v === 'number') {
      if (Number.isInteger(v) && Math.abs(v) < 1e15 && rng.chance(0.2)) {
        return rng.pick([`0x${v.toString(16)}`, `0o${Math.abs(v).toString(8)}`, `${v}.0`, `+${v}`, String(v)]);
      }
      return String(v);
    }
    if (typeof v !== 'string') return '';
    const s = v;
    const tag = rng.chance(0.03) ? rng.pick(['!!str ', '! ', '!custom ']) : '';
    const plainOk = inFlow ? isPlainSafeInFlow(s) : isPlainSafe(s);
    const choice = rng.weighted<string>([
      [plainOk ? 6 : 0, 'plain'],
      [2, 'double'],
      [1.5, 'single'],
      [inFlow ? 0 : 1.5, 'block'],
      [inFlow ? 0 : 1, 'multi'],
    ]);
    if (choice === 'plain') return tag + s;
    if (choice === 'single' && !s.includes('\n')) return tag + singleQuote(s);
    if (choice === 'block') {
      const b = blockScalar(s, rng, col + this.style.indent);
      if (b !== undefined) return tag + b;
    }
    if (choice === 'multi') {
      const m = multiLineDouble(s, rng, rng.pick([col + this.style.indent, col + 1, col, Math.max(0, col - 2), 0]));
      if (m !== undefined) return tag + m;
    }
    return tag + doubleQuote(s, rng);
  }

  key(k: string, inFlow: boolean): string {
    const ok = inFlow ? isPlainSafeInFlow(k) : isPlainSafe(k);
    if (ok && !this.rng.chance(this.style.quoteChance)) return k;
    return this.rng.chance(0.5) ? doubleQuote(k, this.rng) : singleQuote(k);
  }

  flow(v: Value): string {
    if (Array.isArray(v)) return '[' + v.map((x) => this.flow(x)).join(', ') + ']';
    if (v !== null && typeof v === 'object') {
      return (
        '{' +
        Object.entries(v)
          .map(([k, x]) => `${this.key(k, true)}: ${this.flow(x)}`)
          .join(', ') +
        '}'
      );
    }
    return this.scalar(v, 0, true);
  }

  private comment(): string {
    return this.rng.chance(this.style.commentChance) ? ' # ' + this.rng.pick(['note', 'x: y', '---', '"q"']) : '';
  }

  private isCollection(v: Value): v is Value[] | { [k: string]: Value } {
    return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
  }

  /** Lines of a block collection at column `col`. */
  block(v: Value, col: number): string {
    const pad = ' '.repeat(col);
    if (Array.isArray(v)) {
      return v
        .map((item) => {
          if (this.isCollection(item) && !this.rng.chance(this.style.flowChance)) {
            const inner = this.block(item, col + 2);
            // The first line of the item goes after `- `.
            return `${pad}- ${inner.slice(col + 2)}`;
          }
          return `${pad}- ${this.inline(item, col + 2)}${this.comment()}`;
        })
        .join('\n');
    }
    const obj = v as { [k: string]: Value };
    return Object.entries(obj)
      .map(([k, x]) => {
        const key = `${pad}${this.key(k, false)}:`;
        if (this.isCollection(x) && !this.rng.chance(this.style.flowChance)) {
          const anchor = this.rng.chance(this.style.anchorChance) ? ` &a${this.anchors++}` : '';
          const childCol = Array.isArray(x) && !this.style.indentSeq ? col : col + this.style.indent;
          return `${key}${anchor}${this.comment()}\n${this.block(x, childCol)}`;
        }
        const text = this.inline(x, col);
        return text === '' ? key : `${key} ${text}${text.includes('\n') ? '' : this.comment()}`;
      })
      .join('\n');
  }

  /** A value after `key: ` or `- `: a scalar or a flow collection. */
  inline(v: Value, col: number): string {
    if (v !== null && typeof v === 'object') return this.flow(v);
    return this.scalar(v, col, false);
  }
}

/** Writes `v` (a mapping) as one YAML document, in random style. */
export function styledYaml(v: Value, rng: Rng): string {
  const style: Style = {
    indent: rng.weighted([
      [8, 2],
      [2, 4],
      [1, 3],
    ]),
    indentSeq: rng.chance(0.5),
    flowChance: rng.pick([0, 0, 0.1, 0.3]),
    commentChance: rng.pick([0, 0, 0.05, 0.2]),
    quoteChance: rng.pick([0, 0.05, 0.3]),
    anchorChance: rng.pick([0, 0, 0, 0.05]),
  };
  const w = new Writer(rng, style);
  return w.block(v, 0) + '\n';
}

/** A seeded source that always takes the first choice: the writer's plainest forms. */
class FirstChoice implements Choices {
  chance(): boolean {
    return false;
  }
  pick<T>(items: readonly T[]): T {
    return items[0] as T;
  }
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const first = choices.find((c) => c[0] > 0) ?? choices[0];
    if (first === undefined) throw new Error('no choice');
    return first[1];
  }
}

/** The plain writer: strings that are not plain-safe or would read as another type are double-quoted. */
class PlainWriter extends Writer {
  override scalar(v: Value, col: number, inFlow: boolean): string {
    if (typeof v === 'string') {
      const block = !inFlow && v.includes('\n') ? blockScalar(v, this.rng, col + 2) : undefined;
      if (block !== undefined) return block;
      const looksTyped = /^(?:[-+.]?\d|true$|false$|null$|~$|yes$|no$|on$|off$|y$|n$)/i.test(v);
      return (inFlow ? isPlainSafeInFlow(v) : isPlainSafe(v)) && !looksTyped ? v : JSON.stringify(v);
    }
    return super.scalar(v, col, inFlow);
  }
  override key(k: string, inFlow: boolean): string {
    return (inFlow ? isPlainSafeInFlow(k) : isPlainSafe(k)) ? k : JSON.stringify(k);
  }
}

/** Writes `v` as plain block YAML, two-space indented (kustomization files and patches). */
export function plainYaml(v: Value): string {
  const style: Style = {
    indent: 2,
    indentSeq: false,
    flowChance: 0,
    commentChance: 0,
    quoteChance: 0,
    anchorChance: 0,
  };
  return new PlainWriter(new FirstChoice(), style).block(v, 0) + '\n';
}

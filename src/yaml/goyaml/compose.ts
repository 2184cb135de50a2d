/**
 * Events → syntax tree, as go-yaml's decoder builds its `yaml.Node` tree: one document at a time,
 * anchors registered when their node starts (so an alias may point at an enclosing node), unknown
 * aliases refused. Iterative: nesting is bounded only by the scanner's limits (10,000 levels).
 */
import type { AstMap, AstNode, AstSeq, ScalarStyleName } from '../ast.js';
import { isAllowedChar } from './chars.js';
import { E, Parser, type Event } from './parser.js';
import { GoYamlError, ScalarStyle } from './tokens.js';

export interface ComposedDocument {
  /** The document's root node (an empty document has an empty plain scalar). */
  root: AstNode;
  /** Offset of the document start (its `---`, or its first token). */
  start: number;
  /** The document began with `---`. */
  explicit: boolean;
  /** %YAML or %TAG directives preceded it. */
  directives: boolean;
}

export interface ComposeOptions {
  /** go-yaml v3 (kyaml) or v2 (sigs.k8s.io/yaml). */
  v3: boolean;
  /** Read `text[start, end)` only; node offsets stay those of `text`. */
  start?: number;
  end?: number;
}

const STYLE_NAMES: Record<ScalarStyle, ScalarStyleName> = {
  [ScalarStyle.Plain]: 'plain',
  [ScalarStyle.SingleQuoted]: 'single',
  [ScalarStyle.DoubleQuoted]: 'double',
  [ScalarStyle.Literal]: 'literal',
  [ScalarStyle.Folded]: 'folded',
};

const CORE_PREFIX = 'tag:yaml.org,2002:';

/** go-yaml's shortTag: `tag:yaml.org,2002:x` → `!!x`. */
function shortTag(tag: string): string {
  return tag.startsWith(CORE_PREFIX) ? '!!' + tag.slice(CORE_PREFIX.length) : tag;
}

/**
 * What go-yaml's reader refuses before parsing: characters outside YAML's printable set. Returns the
 * offset of the first one, or -1.
 */
export function firstDisallowedChar(text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c <= 0x7e) || c === 0x0a) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (!isAllowedChar(c)) return i;
  }
  return -1;
}

interface Frame {
  node: AstMap | AstSeq;
  key: AstNode | undefined;
}

/**
 * Reads the documents of `text` one at a time, like a go-yaml Decoder. `next()` returns the next
 * document or undefined at the end of the stream; it throws GoYamlError on invalid input (reported, as in
 * go-yaml, as soon as the scanner's look-ahead meets it).
 */
export class DocumentReader {
  private readonly parser: Parser;
  private readonly anchors = new Map<string, AstNode>();
  private started = false;
  private pending: Event | undefined;

  constructor(text: string, options: ComposeOptions) {
    const bad = firstDisallowedChar(text, options.start, options.end);
    if (bad >= 0) throw new GoYamlError('control characters are not allowed', 0, bad);
    this.parser = new Parser(text, options);
  }

  private peek(): Event {
    this.pending ??= this.parser.next();
    return this.pending;
  }

  private take(): Event {
    const e = this.peek();
    this.pending = undefined;
    return e;
  }

  next(): ComposedDocument | undefined {
    if (!this.started) {
      this.take(); // stream start
      this.started = true;
    }
    const e = this.peek();
    if (e.type === E.StreamEnd) return undefined;
    const start = this.take(); // document start
    const root = this.node();
    this.take(); // document end (the parser looks ahead past the document here)
    return {
      root,
      start: start.start.pos,
      explicit: start.implicit !== true,
      directives: start.directives === true,
    };
  }

  /** One node and everything under it. */
  private node(): AstNode {
    const stack: Frame[] = [];
    let result: AstNode | undefined;
    const attach = (n: AstNode): void => {
      const top = stack[stack.length - 1];
      if (top === undefined) result = n;
      else if (top.node.kind === 'seq') top.node.items.push(n);
      else if (top.key === undefined) top.key = n;
      else {
        top.node.items.push({ key: top.key, value: n });
        top.key = undefined;
      }
    };
    do {
      const e = this.take();
      switch (e.type) {
        case E.Scalar: {
          const n: AstNode = {
            kind: 'scalar',
            value: e.value ?? '',
            style: STYLE_NAMES[e.style ?? ScalarStyle.Plain],
            range: [e.start.pos, e.end.pos],
          };
          this.decorate(n, e);
          attach(n);
          break;
        }
        case E.Alias: {
          const name = e.anchor ?? '';
          const target = this.anchors.get(name);
          if (target === undefined) throw new GoYamlError(`unknown anchor '${name}' referenced`, 0, e.start.pos);
          attach({ kind: 'alias', name, target, range: [e.start.pos, e.end.pos] });
          break;
        }
        case E.SequenceStart:
        case E.MappingStart: {
          const n: AstMap | AstSeq =
            e.type === E.SequenceStart
              ? { kind: 'seq', items: [], flow: e.flow === true, range: [e.start.pos, e.end.pos] }
              : { kind: 'map', items: [], flow: e.flow === true, range: [e.start.pos, e.end.pos] };
          this.decorate(n, e);
          stack.push({ node: n, key: undefined });
          break;
        }
        case E.SequenceEnd:
        case E.MappingEnd: {
          const f = stack.pop() as Frame;
          closeRange(f.node, e);
          attach(f.node);
          break;
        }
        default:
          throw new GoYamlError(`unexpected event ${e.type}`, 0, e.start.pos);
      }
    } while (stack.length > 0);
    return result as AstNode;
  }

  private decorate(n: AstNode, e: Event): void {
    if (e.tag) n.tag = shortTag(e.tag);
    if (e.anchor !== undefined) {
      n.anchor = e.anchor;
      this.anchors.set(e.anchor, n);
    }
  }
}

/** A collection ends at its closing bracket (flow) or with its last child (block). */
function closeRange(n: AstMap | AstSeq, end: Event): void {
  if (n.flow) {
    n.range[1] = end.end.pos;
    return;
  }
  const last = n.kind === 'seq' ? n.items[n.items.length - 1] : n.items[n.items.length - 1]?.value;
  if (last) n.range[1] = Math.max(n.range[1], last.range[1]);
}

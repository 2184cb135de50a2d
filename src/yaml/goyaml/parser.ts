/**
 * The event parser of go-yaml (parserc.go, libyaml's state machine): tokens → events, with directives,
 * tag handles, implicit and explicit documents, block/flow collections and empty nodes. A state stack, no
 * recursion.
 */
import { Scanner, type ScannerOptions } from './scanner.js';
import { GoYamlError, ScalarStyle, T, type Mark, type Token } from './tokens.js';

export const enum E {
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  Alias,
  Scalar,
  SequenceStart,
  SequenceEnd,
  MappingStart,
  MappingEnd,
}

export interface Event {
  type: E;
  start: Mark;
  end: Mark;
  /** Anchor name (nodes) or the alias's anchor. */
  anchor?: string | undefined;
  /** The resolved tag (`tag:yaml.org,2002:str`, `!custom`, `!`), or '' when none. */
  tag?: string;
  value?: string;
  style?: ScalarStyle;
  /** Scalars: plain and untagged (or tagged `!`). Documents: no `---`. */
  implicit?: boolean;
  /** Collections: flow style. */
  flow?: boolean;
  /** Documents: %YAML/%TAG directives were given. */
  directives?: boolean;
}

const enum S {
  StreamStart,
  ImplicitDocumentStart,
  DocumentStart,
  DocumentContent,
  DocumentEnd,
  BlockNode,
  BlockSequenceFirstEntry,
  BlockSequenceEntry,
  IndentlessSequenceEntry,
  BlockMappingFirstKey,
  BlockMappingKey,
  BlockMappingValue,
  FlowSequenceFirstEntry,
  FlowSequenceEntry,
  FlowSequenceEntryMappingKey,
  FlowSequenceEntryMappingValue,
  FlowSequenceEntryMappingEnd,
  FlowMappingFirstKey,
  FlowMappingKey,
  FlowMappingValue,
  FlowMappingEmptyValue,
  End,
}

const DEFAULT_TAGS: readonly (readonly [string, string])[] = [
  ['!', '!'],
  ['!!', 'tag:yaml.org,2002:'],
];

export class Parser {
  private readonly scanner: Scanner;
  private state = S.StreamStart;
  private readonly states: S[] = [];
  private readonly marks: Mark[] = [];
  private tagDirectives: [string, string][] = [];

  constructor(text: string, options: ScannerOptions) {
    this.scanner = new Scanner(text, options);
  }

  private token(): Token {
    const t = this.scanner.peek();
    if (t === undefined) throw new GoYamlError('attempted to go past the end of stream', 0, 0);
    return t;
  }

  private skipToken(): void {
    this.scanner.next();
  }

  private error(problem: string, problemMark: Mark, contextMark?: Mark): never {
    // go-yaml prints the 0-based line of the context mark (or of the problem) for parser errors.
    const line = contextMark && contextMark.line !== 0 ? contextMark.line : problemMark.line;
    // go-yaml v2 prints the problem mark's line, else the context mark's.
    const v2Line = problemMark.line !== 0 ? problemMark.line : (contextMark?.line ?? 0);
    throw new GoYamlError(problem, line, problemMark.pos, v2Line);
  }

  private pop(): void {
    this.state = this.states.pop() as S;
  }

  /** The next event; throws GoYamlError on a syntax error. */
  next(): Event {
    switch (this.state) {
      case S.StreamStart:
        return this.streamStart();
      case S.ImplicitDocumentStart:
        return this.documentStart(true);
      case S.DocumentStart:
        return this.documentStart(false);
      case S.DocumentContent:
        return this.documentContent();
      case S.DocumentEnd:
        return this.documentEnd();
      case S.BlockNode:
        return this.node(true, false);
      case S.BlockSequenceFirstEntry:
        return this.blockSequenceEntry(true);
      case S.BlockSequenceEntry:
        return this.blockSequenceEntry(false);
      case S.IndentlessSequenceEntry:
        return this.indentlessSequenceEntry();
      case S.BlockMappingFirstKey:
        return this.blockMappingKey(true);
      case S.BlockMappingKey:
        return this.blockMappingKey(false);
      case S.BlockMappingValue:
        return this.blockMappingValue();
      case S.FlowSequenceFirstEntry:
        return this.flowSequenceEntry(true);
      case S.FlowSequenceEntry:
        return this.flowSequenceEntry(false);
      case S.FlowSequenceEntryMappingKey:
        return this.flowSequenceEntryMappingKey();
      case S.FlowSequenceEntryMappingValue:
        return this.flowSequenceEntryMappingValue();
      case S.FlowSequenceEntryMappingEnd:
        return this.flowSequenceEntryMappingEnd();
      case S.FlowMappingFirstKey:
        return this.flowMappingKey(true);
      case S.FlowMappingKey:
        return this.flowMappingKey(false);
      case S.FlowMappingValue:
        return this.flowMappingValue(false);
      case S.FlowMappingEmptyValue:
        return this.flowMappingValue(true);
      case S.End:
        throw new GoYamlError('attempted to go past the end of stream', 0, 0);
    }
  }

  private streamStart(): Event {
    const t = this.token();
    if (t.type !== T.StreamStart) this.error('did not find expected <stream-start>', t.start);
    this.state = S.ImplicitDocumentStart;
    this.skipToken();
    return { type: E.StreamStart, start: t.start, end: t.end };
  }

  private documentStart(implicit: boolean): Event {
    let t = this.token();
    if (!implicit) {
      while (t.type === T.DocumentEnd) {
        this.skipToken();
        t = this.token();
      }
    }
    if (
      implicit &&
      t.type !== T.VersionDirective &&
      t.type !== T.TagDirective &&
      t.type !== T.DocumentStart &&
      t.type !== T.StreamEnd
    ) {
      this.processDirectives();
      this.states.push(S.DocumentEnd);
      this.state = S.BlockNode;
      return { type: E.DocumentStart, start: t.start, end: t.end, implicit: true };
    }
    if (t.type !== T.StreamEnd) {
      const start = t.start;
      const directives = this.processDirectives();
      t = this.token();
      if (t.type !== T.DocumentStart) this.error('did not find expected <document start>', t.start);
      this.states.push(S.DocumentEnd);
      this.state = S.DocumentContent;
      this.skipToken();
      return { type: E.DocumentStart, start, end: t.end, implicit: false, directives };
    }
    this.state = S.End;
    this.skipToken();
    return { type: E.StreamEnd, start: t.start, end: t.end };
  }

  private documentContent(): Event {
    const t = this.token();
    if (
      t.type === T.VersionDirective ||
      t.type === T.TagDirective ||
      t.type === T.DocumentStart ||
      t.type === T.DocumentEnd ||
      t.type === T.StreamEnd
    ) {
      this.pop();
      return emptyScalar(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): Event {
    const t = this.token();
    let end = t.start;
    let implicit = true;
    if (t.type === T.DocumentEnd) {
      end = t.end;
      this.skipToken();
      implicit = false;
    }
    this.tagDirectives = [];
    this.state = S.DocumentStart;
    return { type: E.DocumentEnd, start: t.start, end, implicit };
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    let t = this.token();
    if (t.type === T.Alias) {
      this.pop();
      this.skipToken();
      return { type: E.Alias, start: t.start, end: t.end, anchor: t.value ?? '' };
    }
    const start = t.start;
    let end = t.start;
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    // The node's properties: an anchor and a tag, in either order.
    for (let k = 0; k < 2; k++) {
      if (t.type === T.Anchor && anchor === undefined) anchor = t.value ?? '';
      else if (t.type === T.Tag && tagToken === undefined) tagToken = t;
      else break;
      end = t.end;
      this.skipToken();
      t = this.token();
    }
    const tag = tagToken === undefined ? '' : this.resolveTag(tagToken, start);
    if (indentlessSequence && t.type === T.BlockEntry) {
      this.state = S.IndentlessSequenceEntry;
      return { type: E.SequenceStart, start, end: t.end, anchor, tag, implicit: tag === '', flow: false };
    }
    const content = this.nodeContent(t, block, start, anchor, tag);
    if (content !== undefined) return content;
    if (anchor !== undefined || tag !== '') {
      this.pop();
      return { type: E.Scalar, start, end, anchor, tag, value: '', style: ScalarStyle.Plain, implicit: tag === '' };
    }
    return this.error('did not find expected node content', t.start, start);
  }

  /** The event of a node's content token `t` (a scalar or a collection start); undefined when `t` is neither. */
  private nodeContent(
    t: Token,
    block: boolean,
    start: Mark,
    anchor: string | undefined,
    tag: string,
  ): Event | undefined {
    const implicit = tag === '';
    switch (t.type) {
      case T.Scalar: {
        const style = t.style ?? ScalarStyle.Plain;
        this.pop();
        this.skipToken();
        return {
          type: E.Scalar,
          start,
          end: t.end,
          anchor,
          tag,
          value: t.value ?? '',
          style,
          implicit: (tag === '' && style === ScalarStyle.Plain) || tag === '!',
        };
      }
      case T.FlowSequenceStart:
        this.state = S.FlowSequenceFirstEntry;
        return { type: E.SequenceStart, start, end: t.end, anchor, tag, implicit, flow: true };
      case T.FlowMappingStart:
        this.state = S.FlowMappingFirstKey;
        return { type: E.MappingStart, start, end: t.end, anchor, tag, implicit, flow: true };
      case T.BlockSequenceStart:
        if (!block) return undefined;
        this.state = S.BlockSequenceFirstEntry;
        return { type: E.SequenceStart, start, end: t.end, anchor, tag, implicit, flow: false };
      case T.BlockMappingStart:
        if (!block) return undefined;
        this.state = S.BlockMappingFirstKey;
        return { type: E.MappingStart, start, end: t.end, anchor, tag, implicit, flow: false };
      default:
        return undefined;
    }
  }

  /** A tag token's full tag, through the %TAG handles in force. */
  private resolveTag(t: Token, start: Mark): string {
    const handle = t.value ?? '';
    const suffix = t.suffix ?? '';
    if (handle === '') return suffix;
    for (const [h, prefix] of this.tagDirectives) if (h === handle) return prefix + suffix;
    return this.error('found undefined tag handle', t.start, start);
  }

  private blockSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.token().start);
      this.skipToken();
    }
    let t = this.token();
    if (t.type === T.BlockEntry) {
      const mark = t.end;
      this.skipToken();
      t = this.token();
      if (t.type !== T.BlockEntry && t.type !== T.BlockEnd) {
        this.states.push(S.BlockSequenceEntry);
        return this.node(true, false);
      }
      this.state = S.BlockSequenceEntry;
      return emptyScalar(mark);
    }
    if (t.type === T.BlockEnd) {
      this.pop();
      this.marks.pop();
      this.skipToken();
      return { type: E.SequenceEnd, start: t.start, end: t.end };
    }
    return this.error("did not find expected '-' indicator", t.start, this.marks.pop());
  }

  private indentlessSequenceEntry(): Event {
    let t = this.token();
    if (t.type === T.BlockEntry) {
      const mark = t.end;
      this.skipToken();
      t = this.token();
      if (t.type !== T.BlockEntry && t.type !== T.Key && t.type !== T.Value && t.type !== T.BlockEnd) {
        this.states.push(S.IndentlessSequenceEntry);
        return this.node(true, false);
      }
      this.state = S.IndentlessSequenceEntry;
      return emptyScalar(mark);
    }
    this.pop();
    return { type: E.SequenceEnd, start: t.start, end: t.start };
  }

  private blockMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.token().start);
      this.skipToken();
    }
    let t = this.token();
    if (t.type === T.Key) {
      const mark = t.end;
      this.skipToken();
      t = this.token();
      if (t.type !== T.Key && t.type !== T.Value && t.type !== T.BlockEnd) {
        this.states.push(S.BlockMappingValue);
        return this.node(true, true);
      }
      this.state = S.BlockMappingValue;
      return emptyScalar(mark);
    }
    if (t.type === T.BlockEnd) {
      this.pop();
      this.marks.pop();
      this.skipToken();
      return { type: E.MappingEnd, start: t.start, end: t.end };
    }
    return this.error('did not find expected key', t.start, this.marks.pop());
  }

  private blockMappingValue(): Event {
    let t = this.token();
    if (t.type === T.Value) {
      const mark = t.end;
      this.skipToken();
      t = this.token();
      if (t.type !== T.Key && t.type !== T.Value && t.type !== T.BlockEnd) {
        this.states.push(S.BlockMappingKey);
        return this.node(true, true);
      }
      this.state = S.BlockMappingKey;
      return emptyScalar(mark);
    }
    this.state = S.BlockMappingKey;
    return emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.token().start);
      this.skipToken();
    }
    let t = this.token();
    if (t.type !== T.FlowSequenceEnd) {
      if (!first) {
        if (t.type === T.FlowEntry) {
          this.skipToken();
          t = this.token();
        } else {
          this.error("did not find expected ',' or ']'", t.start, this.marks.pop());
        }
      }
      if (t.type === T.Key) {
        this.state = S.FlowSequenceEntryMappingKey;
        this.skipToken();
        return { type: E.MappingStart, start: t.start, end: t.end, implicit: true, flow: true, tag: '' };
      }
      if (t.type !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntry);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skipToken();
    return { type: E.SequenceEnd, start: t.start, end: t.end };
  }

  private flowSequenceEntryMappingKey(): Event {
    const t = this.token();
    if (t.type !== T.Value && t.type !== T.FlowEntry && t.type !== T.FlowSequenceEnd) {
      this.states.push(S.FlowSequenceEntryMappingValue);
      return this.node(false, false);
    }
    const mark = t.end;
    this.skipToken();
    this.state = S.FlowSequenceEntryMappingValue;
    return emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): Event {
    let t = this.token();
    if (t.type === T.Value) {
      this.skipToken();
      t = this.token();
      if (t.type !== T.FlowEntry && t.type !== T.FlowSequenceEnd) {
        this.states.push(S.FlowSequenceEntryMappingEnd);
        return this.node(false, false);
      }
    }
    this.state = S.FlowSequenceEntryMappingEnd;
    return emptyScalar(t.start);
  }

  private flowSequenceEntryMappingEnd(): Event {
    const t = this.token();
    this.state = S.FlowSequenceEntry;
    return { type: E.MappingEnd, start: t.start, end: t.start };
  }

  private flowMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.token().start);
      this.skipToken();
    }
    let t = this.token();
    if (t.type !== T.FlowMappingEnd) {
      if (!first) {
        if (t.type === T.FlowEntry) {
          this.skipToken();
          t = this.token();
        } else {
          this.error("did not find expected ',' or '}'", t.start, this.marks.pop());
        }
      }
      if (t.type === T.Key) {
        this.skipToken();
        t = this.token();
        if (t.type !== T.Value && t.type !== T.FlowEntry && t.type !== T.FlowMappingEnd) {
          this.states.push(S.FlowMappingValue);
          return this.node(false, false);
        }
        this.state = S.FlowMappingValue;
        return emptyScalar(t.start);
      }
      if (t.type !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingEmptyValue);
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skipToken();
    return { type: E.MappingEnd, start: t.start, end: t.end };
  }

  private flowMappingValue(empty: boolean): Event {
    let t = this.token();
    if (empty) {
      this.state = S.FlowMappingKey;
      return emptyScalar(t.start);
    }
    if (t.type === T.Value) {
      this.skipToken();
      t = this.token();
      if (t.type !== T.FlowEntry && t.type !== T.FlowMappingEnd) {
        this.states.push(S.FlowMappingKey);
        return this.node(false, false);
      }
    }
    this.state = S.FlowMappingKey;
    return emptyScalar(t.start);
  }

  /** %YAML and %TAG directives before a document; true when there were any. */
  private processDirectives(): boolean {
    let version = false;
    let any = false;
    let t = this.token();
    while (t.type === T.VersionDirective || t.type === T.TagDirective) {
      any = true;
      if (t.type === T.VersionDirective) {
        if (version) this.error('found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) this.error('found incompatible YAML document', t.start);
        version = true;
      } else {
        const handle = t.value ?? '';
        if (this.tagDirectives.some((d) => d[0] === handle)) this.error('found duplicate %TAG directive', t.start);
        this.tagDirectives.push([handle, t.suffix ?? '']);
      }
      this.skipToken();
      t = this.token();
    }
    for (const [handle, prefix] of DEFAULT_TAGS) {
      if (!this.tagDirectives.some((d) => d[0] === handle)) this.tagDirectives.push([handle, prefix]);
    }
    return any;
  }
}

function emptyScalar(mark: Mark): Event {
  return { type: E.Scalar, start: mark, end: mark, value: '', style: ScalarStyle.Plain, implicit: true, tag: '' };
}

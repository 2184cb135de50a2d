/** Tokens, marks and errors of the go-yaml-compatible scanner and parser. */

/** A position: code-unit offset into the text, and go-yaml's character index, 0-based line and column. */
export interface Mark {
  /** UTF-16 offset in the text. */
  readonly pos: number;
  /** Characters (code points) before this position, as go-yaml counts them. */
  readonly index: number;
  readonly line: number;
  /** Characters since the start of the line. */
  readonly column: number;
}

export const enum T {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

/** Scalar styles (go-yaml's yaml_*_SCALAR_STYLE). */
export const enum ScalarStyle {
  Plain = 1,
  SingleQuoted = 2,
  DoubleQuoted = 3,
  Literal = 4,
  Folded = 5,
}

export interface Token {
  type: T;
  start: Mark;
  end: Mark;
  /** Scalar text, anchor/alias name, tag handle, %TAG handle. */
  value?: string;
  /** Tag suffix, %TAG prefix. */
  suffix?: string;
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}

/**
 * A scanner, parser or composer error with go-yaml's wording. `mark` is where go-yaml would report it
 * (its message says `line N` from it); `at` is the best offset for a diagnostic.
 */
export class GoYamlError extends Error {
  constructor(
    /** go-yaml's problem text ("mapping values are not allowed in this context"). */
    readonly problem: string,
    /** 1-based line go-yaml prints, or 0 when it prints none. */
    readonly goLine: number,
    /** Offset of the problem in the text. */
    readonly at: number,
    /** The line go-yaml v2 prints (it prefers the problem mark where v3 prefers the context mark). */
    readonly goV2Line: number = goLine,
  ) {
    super(goLine > 0 ? `yaml: line ${goLine}: ${problem}` : `yaml: ${problem}`);
  }

  /** The message as go-yaml v2 (sigs.k8s.io/yaml, Helm) words it. */
  get v2Message(): string {
    return this.goV2Line > 0 ? `yaml: line ${this.goV2Line}: ${this.problem}` : `yaml: ${this.problem}`;
  }
}

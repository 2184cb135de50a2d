/**
 * Syntax tree → plain values (values.ts), as kustomize's Go stacks see a document:
 *
 * - `kyaml` (resources, patches): what kustomize's output step sees after kyaml read the node and
 *   round-tripped it through go-yaml v3 — top-level keys of a resource are their source text, other
 *   non-string keys are an error, `<<` keys are merged and dropped, annotation values keep their source
 *   text, folded (`>`) scalars get go-yaml v3's emitter quirk (an extra line break before a more-indented
 *   line), `!!binary` is decoded.
 * - `yaml11` (kustomization files, configs): sigs.k8s.io/yaml's YAML → JSON (go-yaml v2): YAML 1.1
 *   booleans, non-string keys converted to strings, `<<` applied in place, duplicate keys last-wins, keys
 *   in JSON (byte) order.
 *
 * Iterative (an explicit stack), so documents nested as deep as go-yaml allows (10,000 levels) convert.
 * Alias expansion is bounded (`yaml/alias-limit`); `__proto__` keys are stored as own properties.
 */
import type { Range } from '../diagnostics/diagnostic.js';
import type { AstMap, AstNode, AstPair, AstScalar, AstSeq, LineIndex } from './ast.js';
import {
  formatFloat32G,
  plainScalarTag,
  resolvePlainScalarChecked,
  resolveScalar,
  type ResolveMode,
  type TypedScalar,
} from './scalars.js';
import { goSharpV } from './go-text.js';
import { cloneValue, getField, hasField, setField, type YamlMap, type YamlValue } from './values.js';

/** A key that appears twice in one mapping (kustomize rejects such resources on output). */
export interface DuplicateKey {
  key: string;
  /** Where the second occurrence is. */
  range: import('../diagnostics/diagnostic.js').Range;
  /** 1-based line of the first occurrence. */
  firstLine: number;
  /** Where the map holding the key sits in the document (none inside anchors and merge keys). */
  at?: ValuePath;
  /** The value of the first occurrence, the one kyaml's field lookups find. */
  first?: YamlValue;
}

export type ConvertErrorCode =
  | 'yaml/alias-limit'
  | 'yaml/syntax'
  | 'yaml/unsupported-value'
  | 'yaml/duplicate-key'
  | 'yaml/merge-key';

/** A conversion failure with the node it concerns. */
export class ConvertError extends Error {
  constructor(
    readonly code: ConvertErrorCode,
    message: string,
    readonly node: AstNode | undefined,
  ) {
    super(message);
  }
}

export interface ConvertMode {
  kyaml: boolean;
  resolve: ResolveMode;
  annotationsAsText: boolean;
  maxAliasNodes: number;
  /** Upper bound on the nesting depth with aliases expanded. */
  maxDepth: number;
  dupError: boolean;
  defer: boolean;
}

/** Where a map sits, for the rules that depend on it. */
const enum Place {
  Other = 0,
  /** The root of a resource (a document, or an item of a `...List`). */
  ResourceRoot = 1,
  /** `metadata` of a resource root. */
  Metadata = 2,
  /** `metadata.annotations` of a resource root. */
  Annotations = 3,
  /** `items` of a `...List` resource root. */
  ListItems = 4,
  /** A value under `metadata.annotations` of a resource root. */
  AnnotationValue = 5,
}

interface Anchored {
  value: YamlValue;
  /** Number of values in the (expanded) subtree. */
  size: number;
  /** Height of the (expanded) subtree. */
  height: number;
}

/** A collection being converted. */
/** Keys and indexes from a document's root to one of its values. */
export type ValuePath = (string | number)[];

interface DeferredError {
  code: ConvertErrorCode;
  message: string;
  node: AstNode | undefined;
  path?: ValuePath;
  /** The value left at {@link path}: the error holds while the path still holds it (no transformer replaced it). */
  value?: YamlValue;
  /** Instead of {@link value}: the error holds while the map at {@link path} still has this key. */
  whileKey?: string;
  /** The node's text, when {@link value} (a null) is not it. */
  text?: string;
}

interface Frame {
  node: AstMap | AstSeq;
  depth: number;
  place: Place;
  out: YamlMap | YamlValue[];
  /** Next child (pair or item) to convert. */
  i: number;
  /** Maps: the key of the pair whose value is being converted, and where that value sits. */
  key: string | undefined;
  merging: boolean;
  /** kyaml: the first `<<` field was met (and dropped). */
  clearedMergeField: boolean;
  /** kyaml: index of a merge key that was not the first `<<` field, and of a kept `"<<"` field. */
  mergeKeyKept?: number;
  keptLtField?: number;
  /** kyaml: the `<<` entries, merged so that earlier ones win. */
  merged: YamlMap | undefined;
  isRoot: boolean;
  listRoot: boolean;
  jsonBefore: boolean;
  /** Anchored: counters when it started. */
  sizeBefore: number;
  deepestBefore: number;
}

const PENDING = Symbol('pending');

export class Converter {
  private readonly anchors = new Map<AstNode, Anchored>();
  private aliasNodes = 0;
  private size = 0;
  private deepest = 0;
  /**
   * Inside a `...List` document that kustomize expands through `Map()` and JSON (its items are new
   * resources parsed from JSON text): no folded-scalar quirk, annotation values are JSON text.
   */
  private json = false;
  private readonly stack: Frame[] = [];
  /** Open flow collections (`[...]`, `{...}`) around the node being converted. */
  private flowDepth = 0;
  readonly duplicates: DuplicateKey[] = [];
  /** The file is one kyaml document piece (a `List` there is unwrapped by kyaml's reader). */
  singlePiece = false;
  /** The first deferred output-time error that holds whatever happens to the document. */
  outputError: DeferredError | undefined;
  /**
   * Deferred errors met before it that hold only while their `value` is still at their `path` of the
   * document (the node may be dropped or replaced before output: a list entry whose merge key is null, a
   * tagged name a prefix rewrites).
   */
  readonly conditionalErrors: DeferredError[] = [];
  /**
   * Strings whose node is not a string in kyaml (a timestamp, a custom or `!!binary` tag): where they
   * sit, for transformers that refuse non-string nodes (vars in a list).
   */
  readonly nonStringScalars: { path: ValuePath; value: string; tag: string }[] = [];
  /** Set by {@link scalar}: the tag of the scalar just converted when it is not a string node for kyaml. */
  private nonStringTag: string | undefined;
  /** The anchored nodes an alias of the document being converted stands for (found when first needed). */
  private aliasTargets: { root: AstNode; targets: Set<AstNode> } | undefined;

  constructor(
    private readonly mode: ConvertMode,
    private readonly lines: LineIndex,
  ) {}

  /** The value of a document's root. */
  convertRoot(root: AstNode): YamlValue {
    const first = this.visit(root, 0, this.mode.kyaml ? Place.ResourceRoot : Place.Other);
    if (first !== PENDING) return first;
    for (;;) {
      const f = this.stack[this.stack.length - 1] as Frame;
      const child = this.nextChild(f);
      if (child !== undefined) {
        const v = this.visit(child.node, f.depth + 1, child.place);
        if (v !== PENDING) this.accept(f, v, child.node);
        continue;
      }
      const value = this.finish(f);
      this.stack.pop();
      const parent = this.stack[this.stack.length - 1];
      if (parent === undefined) return value;
      this.accept(parent, value, f.node);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Walking

  /** A scalar's or alias's value, or PENDING after pushing a frame for a collection. */
  private visit(node: AstNode, depth: number, place: Place): YamlValue | typeof PENDING {
    if (depth > this.deepest) this.deepest = depth;
    if (node.kind === 'alias') return this.alias(node, depth, place);
    this.size++;
    if (node.kind === 'scalar') {
      this.takeNonStringTag(); // (a key's, if any)
      const v = this.scalar(node, place === Place.AnnotationValue);
      const tag = this.takeNonStringTag();
      if (tag !== undefined && typeof v === 'string' && this.mode.kyaml) this.noteNonString(v, tag);
      if (node.anchor !== undefined) this.anchors.set(node, { value: v, size: 1, height: 0 });
      return v;
    }
    // An annotation value is the node's text: a collection has none (its content, even a key JSON
    // cannot hold, is never decoded), unless an alias elsewhere needs an anchor inside it.
    if (place === Place.AnnotationValue && this.mode.annotationsAsText && !this.json && !hasAnchor(node)) {
      if (this.mode.kyaml) checkMergeKeysWithin(node);
      return '';
    }
    this.push(node, depth, place);
    return PENDING;
  }

  private alias(node: AstNode & { kind: 'alias' }, depth: number, place: Place): YamlValue {
    const a = this.anchors.get(node.target);
    if (!a) throw new ConvertError('yaml/syntax', `anchor '${node.name}' value contains itself`, node);
    this.aliasNodes += a.size;
    this.size += a.size;
    if (this.aliasNodes > this.mode.maxAliasNodes) {
      throw new ConvertError(
        'yaml/alias-limit',
        `excessive aliasing: expanding aliases would produce more than ${this.mode.maxAliasNodes} values (possible alias bomb)`,
        node,
      );
    }
    if (depth + a.height > this.mode.maxDepth) {
      throw new ConvertError('yaml/syntax', `exceeded max depth of ${this.mode.maxDepth}`, node);
    }
    if (depth + a.height > this.deepest) this.deepest = depth + a.height;
    if (place === Place.AnnotationValue && this.mode.annotationsAsText) {
      // kustomize reads the (copied) node's text.
      if (this.json) return jsonText(a.value);
      return node.target.kind === 'scalar' ? node.target.value : '';
    }
    return cloneValue(a.value);
  }

  private push(node: AstMap | AstSeq, depth: number, place: Place): void {
    const f: Frame = {
      node,
      depth,
      place,
      out: node.kind === 'seq' ? [] : {},
      i: 0,
      key: undefined,
      merging: false,
      clearedMergeField: false,
      merged: undefined,
      isRoot: false,
      listRoot: false,
      jsonBefore: this.json,
      sizeBefore: this.size - 1,
      deepestBefore: this.deepest,
    };
    if (node.anchor !== undefined) this.deepest = depth;
    if (node.flow) this.flowDepth++;
    if (node.kind === 'map') {
      f.isRoot = place === Place.ResourceRoot;
      if (f.isRoot && this.mode.kyaml && hasListItems(node)) {
        f.listRoot = true;
        // kyaml's reader unwraps a `List` that is the only document of its file; kustomize expands any
        // other `...List` through Map() and JSON.
        if (!(depth === 0 && this.singlePiece && isUnwrappedListKind(node))) this.json = true;
      } else if (f.isRoot && this.json) {
        // An item of an expanded list: a map inside the list's Map(), keys must be strings.
        f.isRoot = false;
      }
    }
    this.stack.push(f);
  }

  /** The next child of a frame to convert (handling keys of maps on the way), or undefined when done. */
  private nextChild(f: Frame): { node: AstNode; place: Place } | undefined {
    if (f.node.kind === 'seq') {
      const item = f.node.items[f.i++];
      if (item === undefined) return undefined;
      return { node: item, place: f.place === Place.ListItems ? Place.ResourceRoot : Place.Other };
    }
    const items = f.node.items;
    while (f.i < items.length) {
      const pair = items[f.i++] as AstPair;
      const keyNode = deref(pair.key);
      // kyaml clears the first `<<` field of every mapping (any style) when it expands merge keys.
      const cleared = this.mode.kyaml && !f.clearedMergeField && keyNode.kind === 'scalar' && keyNode.value === '<<';
      if (cleared) f.clearedMergeField = true;
      if (isMergeKey(keyNode)) {
        if (this.mode.kyaml && f.merged !== undefined)
          throw new ConvertError('yaml/merge-key', 'duplicate merge key', pair.key);
        // A merge key after another `<<` field stays in kyaml's node: go-yaml's decoder then sees two keys
        // with the text `<<` when there is a third.
        if (this.mode.kyaml && !cleared) {
          f.mergeKeyKept = f.i - 1;
          if (f.keptLtField !== undefined) this.duplicate(f.node, f.i - 1, '<<');
        }
        f.merging = true;
        return { node: pair.value, place: Place.Other };
      }
      const key = this.mode.kyaml ? this.kyamlKey(keyNode, f.isRoot) : this.yaml11Key(keyNode);
      // An anchored key: an alias to it stands for the key's text.
      if (pair.key.anchor !== undefined) this.anchors.set(pair.key, { value: key, size: 1, height: 0 });
      if (cleared) continue;
      if (this.mode.kyaml && key === '<<') {
        if (f.mergeKeyKept !== undefined && f.keptLtField === undefined) this.duplicate(f.node, f.i - 1, '<<');
        f.keptLtField = f.i - 1;
      }
      f.merging = false;
      f.key = key;
      return { node: pair.value, place: this.childPlace(f, key) };
    }
    return undefined;
  }

  private childPlace(f: Frame, key: string): Place {
    if (!this.mode.kyaml) return Place.Other;
    if (f.place === Place.ResourceRoot) {
      if (key === 'metadata') return Place.Metadata;
      if (f.listRoot && key === 'items') return Place.ListItems;
      return Place.Other;
    }
    if (f.place === Place.Metadata && key === 'annotations') return Place.Annotations;
    if (f.place === Place.Annotations) return Place.AnnotationValue;
    return Place.Other;
  }

  /** Stores a converted child in its frame. */
  private accept(f: Frame, v: YamlValue, node: AstNode): void {
    if (Array.isArray(f.out)) {
      f.out.push(v);
      return;
    }
    const out = f.out;
    if (f.merging) {
      const src = mergeSources(v, node, this.mode.kyaml);
      if (this.mode.kyaml) f.merged = src;
      // go-yaml v2: applied in place, later keys override it and it overrides earlier ones.
      else for (const k of Object.keys(src)) setField(out, k, src[k] as YamlValue);
      return;
    }
    const key = f.key as string;
    if (hasField(out, key)) {
      // kustomize rebuilds the annotations map from its entries (SetAnnotations): a repeated key keeps
      // its last value there instead of failing the output.
      const rebuilt = f.place === Place.Annotations && this.mode.annotationsAsText;
      if (this.mode.kyaml && !rebuilt) {
        // kyaml's node keeps both entries and its field lookups find the first: a patch targets and
        // merges the first value (a resource with a repeated key fails on output anyway).
        this.duplicate(f.node as AstMap, f.i - 1, key, getField(out, key));
        return;
      }
      // go-yaml v2's strict decoding: any key already in the map (from a merge key too) is refused.
      if (this.mode.dupError) this.duplicate(f.node as AstMap, f.i - 1, key);
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- re-inserted below, at the end
      delete out[key];
    }
    let value = v;
    // Annotation values are strings made from the node's text; a collection has none.
    if (f.place === Place.Annotations && this.mode.annotationsAsText && typeof value !== 'string') {
      value = this.json ? jsonText(value) : '';
    }
    setField(out, key, value);
  }

  private finish(f: Frame): YamlValue {
    if (f.node.flow) this.flowDepth--;
    let value: YamlValue = f.out;
    if (!Array.isArray(f.out)) {
      const out = f.out;
      if (f.merged !== undefined) {
        for (const k of Object.keys(f.merged)) if (!hasField(out, k)) setField(out, k, f.merged[k] as YamlValue);
      }
      value = this.mode.kyaml ? out : sortKeysGo(out);
      this.json = f.jsonBefore;
    }
    if (f.node.anchor !== undefined) {
      this.anchors.set(f.node, {
        value,
        size: Math.max(1, this.size - f.sizeBefore),
        height: this.deepest - f.depth,
      });
      if (f.deepestBefore > this.deepest) this.deepest = f.deepestBefore;
    }
    return value;
  }

  // ------------------------------------------------------------------------------------------
  // Keys

  /** A problem kustomize meets only on output: deferred (with a fallback value) or thrown. */
  private outputTime<T>(
    code: ConvertErrorCode,
    message: string,
    node: AstNode | undefined,
    fallback: T,
    path?: ValuePath,
    condition: Pick<DeferredError, 'text' | 'whileKey'> = {},
  ): T {
    if (!this.mode.defer) throw new ConvertError(code, message, node);
    if (this.outputError !== undefined) return fallback;
    if (path === undefined) this.outputError = { code, message, node };
    else this.conditionalErrors.push({ code, message, node, path, value: fallback as YamlValue, ...condition });
    return fallback;
  }

  /** Where the value being converted sits in the document; undefined inside merge-key sources. */
  private currentPath(): ValuePath | undefined {
    const path: ValuePath = [];
    for (const f of this.stack) {
      if (f.merging || (f.node.anchor !== undefined && this.isAliased(f.node))) return undefined;
      if (f.node.kind === 'seq') path.push(f.i - 1);
      else path.push(f.key as string);
    }
    return path;
  }

  /** The tag of the scalar last converted if it is not a string node for kyaml (then forgotten). */
  private takeNonStringTag(): string | undefined {
    const tag = this.nonStringTag;
    this.nonStringTag = undefined;
    return tag;
  }

  private noteNonString(value: string, tag: string): void {
    const path = this.currentPath();
    if (path !== undefined && path.length > 0) this.nonStringScalars.push({ path, value, tag });
  }

  /** Whether an alias of the document stands for this anchored node (its value is then in two places). */
  private isAliased(node: AstNode): boolean {
    const root = this.stack[0]?.node;
    if (root === undefined) return true;
    if (this.aliasTargets?.root !== root) this.aliasTargets = { root, targets: aliasTargets(root) };
    return this.aliasTargets.targets.has(node);
  }

  private duplicate(n: AstMap, index: number, key: string, first?: YamlValue): void {
    const pair = n.items[index] as AstPair;
    let firstLine = 0;
    for (let i = 0; i < index; i++) {
      const p = n.items[i] as AstPair;
      const k = deref(p.key);
      if (k.kind === 'scalar' && k.value === key) {
        firstLine = this.lines.linePos(k.range[0]).line;
        break;
      }
    }
    if (this.mode.dupError) {
      throw new ConvertError(
        'yaml/duplicate-key',
        `mapping key ${JSON.stringify(key)} already defined at line ${firstLine}`,
        pair.key,
      );
    }
    const [s, e] = pair.key.range;
    const path = first === undefined ? undefined : this.currentPath();
    const at = path?.slice(0, -1);
    this.duplicates.push({
      key,
      range: rangeOf(this.lines, s, e),
      firstLine,
      ...(at && first !== undefined ? { at, first } : {}),
    });
  }

  /**
   * A collection used as a mapping key: kyaml keeps the node, and go-yaml fails only if the map is still
   * there when kustomize decodes the object for output (a transformer may replace it). The map holds the
   * key under its `%#v` text meanwhile.
   */
  private collectionKey(keyNode: AstNode, isRoot: boolean): string {
    const text = goSharpV(keyNode);
    if (!this.mode.defer || isRoot || this.json) {
      throw new ConvertError(
        'yaml/unsupported-value',
        'json: unsupported type: map[interface {}]interface {} (a collection used as a mapping key)',
        keyNode,
      );
    }
    const message = `yaml: invalid map key: ${text}`;
    const at = this.currentPath()?.slice(0, -1);
    return this.outputTime('yaml/unsupported-value', message, keyNode, text, at, { whileKey: text });
  }

  /**
   * A key as kustomize's output step reads it: the root map of a resource is decoded into
   * map[string]interface{} (any scalar key becomes its text; a null key is an error), other maps into
   * interface{} (a key that is not a string makes the map unserialisable to JSON).
   */
  private kyamlKey(keyNode: AstNode, isRoot: boolean): string {
    if (keyNode.kind !== 'scalar') return this.collectionKey(keyNode, isRoot);
    const text = keyNode.value;
    let tag = keyNode.tag;
    if (tag === '!') tag = undefined;
    // An empty plain key is written back quoted by kyaml's re-encoding: a string.
    if (text === '' && tag === undefined) return '';
    // go-yaml v3's Node.ShortTag() of the key.
    let kind: string;
    if (tag === '!!str') kind = 'str';
    else if (tag === undefined) kind = keyNode.style !== 'plain' ? 'str' : plainScalarTag(text, 'kyaml');
    else kind = tag;
    if (kind === 'str') return text;
    if (!isRoot) {
      return this.outputTime(
        'yaml/unsupported-value',
        `json: unsupported type: map[interface {}]interface {} (mapping key ${JSON.stringify(text)} is not a string)`,
        keyNode,
        text,
      );
    }
    // The root is decoded into map[string]interface{}: the key's text, a null key fails.
    if (kind === 'null' || kind === '!!null') {
      return this.outputTime(
        'yaml/unsupported-value',
        `mapping key ${JSON.stringify(text || 'null')} is not supported at the top of a resource`,
        keyNode,
        text,
      );
    }
    if (kind === '!!binary') return this.binary(text, keyNode);
    if (kind.startsWith('!!') && kind !== '!!merge') this.scalar(keyNode, false); // a refused tag fails as in go-yaml
    return text;
  }

  /** A key as sigs.k8s.io/yaml turns go-yaml v2's key into a JSON object key. */
  private yaml11Key(keyNode: AstNode): string {
    if (keyNode.kind !== 'scalar') {
      throw new ConvertError('yaml/unsupported-value', 'invalid map key: a collection used as a mapping key', keyNode);
    }
    const tag = keyNode.tag === '!' ? undefined : keyNode.tag;
    const text = keyNode.value;
    let r: TypedScalar | undefined;
    if (tag === undefined && keyNode.style === 'plain') r = resolveScalar(text, 'yaml11');
    else if (tag === '!!int' || tag === '!!float' || tag === '!!bool' || tag === '!!null' || tag === '!!timestamp') {
      r = resolveScalar(text, 'yaml11', tag.slice(2) as 'int');
      if (!r) throw new ConvertError('yaml/syntax', `cannot decode \`${text}\` as a ${tag}`, keyNode);
    } else if (tag === '!!binary') return this.binary(text, keyNode);
    else return text;
    switch (r?.tag) {
      case 'null':
        throw new ConvertError('yaml/unsupported-value', 'unsupported map key of type: <nil>', keyNode);
      case 'bool':
        return r.value ? 'true' : 'false';
      case 'int':
        if (typeof r.value === 'bigint' && r.value > 0x7fffffffffffffffn) {
          throw new ConvertError('yaml/unsupported-value', 'unsupported map key of type: uint64', keyNode);
        }
        return String(r.value);
      case 'float':
        return formatFloat32G(r.value);
      case 'str':
      case 'timestamp':
        return r.value;
      default:
        return text;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Scalars

  /** A resolved scalar's value; a timestamp Go's JSON encoder refuses is an error. */
  private checked(r: TypedScalar, n: AstScalar): YamlValue {
    if (r.tag === 'timestamp' && r.unencodable) {
      return this.outputTime(
        'yaml/unsupported-value',
        'json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: timezone hour outside of range [0,23]',
        n,
        r.value,
      );
    }
    return r.value;
  }

  /** A `!!binary` scalar; a value (not a key) that is not base64 fails only if it is still there on output. */
  private binary(text: string, node: AstNode, isValue = false): string {
    const b = decodeBase64(text);
    if (!b) {
      if (!this.mode.kyaml) throw new ConvertError('yaml/syntax', '!!binary value contains invalid base64 data', node);
      const message = 'yaml: !!binary value contains invalid base64 data';
      const path = isValue && !this.json ? this.currentPath() : undefined;
      return this.outputTime('yaml/syntax', message, node, text, path);
    }
    return goUtf8(b);
  }

  private scalar(n: AstScalar, annotation: boolean): YamlValue {
    const text = n.value;
    if (annotation && this.mode.annotationsAsText && !this.json) return text;
    let tag = n.tag;
    // The non-specific tag `!` is dropped by kyaml's re-encoding: the scalar resolves as untagged. For
    // go-yaml v2 (kustomization files) it makes the scalar a string.
    if (tag === '!') tag = this.mode.kyaml ? undefined : '!!str';
    if (tag !== undefined && tag !== '!!str') {
      this.nonStringTag = tag;
      switch (tag) {
        case '!!binary':
          return this.binary(text, n, true);
        case '!!int':
        case '!!float':
        case '!!bool':
        case '!!null':
        case '!!timestamp': {
          const r = resolveScalar(text, this.mode.resolve, tag.slice(2) as 'int');
          if (r === undefined) {
            if (!this.mode.kyaml) throw new ConvertError('yaml/syntax', `cannot decode \`${text}\` as a ${tag}`, n);
            const message = `yaml: cannot decode !!str \`${text}\` as a ${tag}`;
            // kyaml sees a `!!null` node as null (a merge drops a list entry keyed by it), and keeps any
            // other as the tagged text; the error comes only if the node is still there on output (a
            // transformer that sets the field, like a name prefix, replaces the node and its tag).
            if (this.json) return this.outputTime('yaml/syntax', message, n, text);
            if (tag !== '!!null') return this.outputTime('yaml/syntax', message, n, text, this.currentPath());
            return this.outputTime('yaml/syntax', message, n, null, this.currentPath(), { text });
          }
          return this.checked(r, n);
        }
        default:
          // Custom and non-specific tags: the value stays a string.
          return text;
      }
    }
    if (tag === undefined && n.style === 'plain') {
      // kyaml writes the node as YAML and reads it back. Inside a flow collection go-yaml's emitter
      // quotes an empty plain scalar and one with a `:` (a flow indicator), which then read back as
      // strings: "" instead of null, the text of a timestamp.
      if (this.flowDepth > 0 && this.mode.kyaml && !this.json && (text === '' || text.includes(':'))) {
        const resolved = plainScalarTag(text, 'kyaml');
        if (resolved !== 'str') this.nonStringTag = `!!${resolved}`;
        return text;
      }
      const v = resolvePlainScalarChecked(text, this.mode.resolve);
      // A timestamp is held as text (only a text starting with a digit can be one).
      if (typeof v === 'string' && isDigit(text.charCodeAt(0))) {
        if (plainScalarTag(text, this.mode.resolve) === 'timestamp') this.nonStringTag = '!!timestamp';
      }
      if (v === null || typeof v !== 'object') return v;
      return this.checked({ tag: 'timestamp', value: v.value as string, unencodable: v.unencodable }, n);
    }
    if (n.style === 'folded' && this.mode.kyaml && !this.json) return foldedRoundTrip(text);
    return text;
  }
}

/** The node an alias used as a key stands for (kyaml expands it in place). */
function deref(n: AstNode): AstNode {
  return n.kind === 'alias' ? n.target : n;
}

function isMergeKey(keyNode: AstNode): boolean {
  if (keyNode.kind !== 'scalar' || keyNode.value !== '<<') return false;
  return keyNode.tag === '!!merge' || ((keyNode.tag === undefined || keyNode.tag === '!') && keyNode.style === 'plain');
}

/** The maps a `<<` value stands for, merged so that earlier ones win. */
function mergeSources(v: YamlValue, node: AstNode, kyaml: boolean): YamlMap {
  if (kyaml) checkMergeValue(node);
  const result: YamlMap = {};
  const add = (m: YamlValue, at: AstNode): void => {
    if (m === null || typeof m !== 'object' || Array.isArray(m)) {
      throw new ConvertError('yaml/merge-key', 'map merge requires map or sequence of maps as the value', at);
    }
    for (const k of Object.keys(m)) if (!hasField(result, k)) setField(result, k, m[k] as YamlValue);
  };
  const target = deref(node);
  if (target.kind === 'seq' && Array.isArray(v)) {
    v.forEach((item, i) => {
      const itemNode = target.items[i] ?? node;
      if (deref(itemNode).kind === 'seq') {
        throw new ConvertError('yaml/merge-key', 'invalid map merge: received a nested sequence', itemNode);
      }
      add(item, itemNode);
    });
  } else add(v, node);
  return result;
}

/** kyaml's findMergeValues: a `<<` value must be a map, an alias to one, or a list of those. */
function checkMergeValue(node: AstNode, inList = false): void {
  const fail = (message: string, at: AstNode): never => {
    throw new ConvertError('yaml/merge-key', message, at);
  };
  if (node.kind === 'map') return;
  if (node.kind === 'alias') {
    if (node.target.kind !== 'map') fail('invalid map merge: received alias for a non-map value', node);
    return;
  }
  if (node.kind === 'seq' && !inList) {
    for (const item of node.items) {
      if (item.kind === 'seq') fail('invalid map merge: received a nested sequence', item);
      checkMergeValue(item, true);
    }
    return;
  }
  fail('map merge requires map or sequence of maps as the value', node);
}

/**
 * Checks the merge keys inside a collection whose value is not read (an annotation value): kyaml expands
 * the anchors and merge keys of the whole document when it reads it.
 */
function checkMergeKeysWithin(root: AstNode): void {
  const stack: AstNode[] = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.kind === 'seq') stack.push(...[...n.items].reverse());
    if (n.kind !== 'map') continue;
    for (let i = n.items.length - 1; i >= 0; i--) {
      const pair = n.items[i] as AstPair;
      stack.push(pair.value);
    }
    for (const pair of n.items) if (isMergeKey(deref(pair.key))) checkMergeValue(pair.value);
  }
}

function kindOf(n: AstMap): string | undefined {
  for (const p of n.items) {
    if (p.key.kind === 'scalar' && p.key.value === 'kind') return p.value.kind === 'scalar' ? p.value.value : undefined;
  }
  return undefined;
}

function hasKey(n: AstMap, key: string): boolean {
  return n.items.some((p) => p.key.kind === 'scalar' && p.key.value === key);
}

/** A `...List` with `items`: kustomize replaces it by its items. */
function hasListItems(n: AstMap): boolean {
  return (kindOf(n) ?? '').endsWith('List') && hasKey(n, 'items');
}

/** The kinds kyaml's reader unwraps itself (when the file is a single document). */
function isUnwrappedListKind(n: AstMap): boolean {
  const k = kindOf(n);
  return k === 'List' || k === 'ResourceList';
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The nodes the aliases inside `root` stand for. */
function aliasTargets(root: AstNode): Set<AstNode> {
  const out = new Set<AstNode>();
  const stack: AstNode[] = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.kind === 'alias') out.add(n.target);
    else if (n.kind === 'seq') stack.push(...n.items);
    else if (n.kind === 'map') for (const p of n.items) stack.push(p.key, p.value);
  }
  return out;
}

/** True when the node or a node inside it has an anchor. */
function hasAnchor(node: AstNode): boolean {
  if (node.anchor !== undefined) return true;
  if (node.kind === 'map') return node.items.some((p) => hasAnchor(p.key) || hasAnchor(p.value));
  if (node.kind === 'seq') return node.items.some(hasAnchor);
  return false;
}

/** An annotation value of an item of an expanded list: the JSON text of its value. */
function jsonText(v: YamlValue): YamlValue {
  if (v === null) return 'null';
  if (typeof v === 'object') return '';
  // JSON cannot encode it: kept as a number, the object fails when it is written out, as in kustomize.
  if (typeof v === 'number' && !Number.isFinite(v)) return v;
  // Go's JSON number text: shortest digits, exponent below 1e-6 and from 1e21 (as JavaScript writes them).
  return String(v);
}

/** Re-orders a map's keys as Go's encoding/json writes them (byte order). */
function sortKeysGo(m: YamlMap): YamlMap {
  const keys = Object.keys(m);
  if (keys.length < 2) return m;
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (compareCodePoints(keys[i - 1] as string, keys[i] as string) > 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return m;
  keys.sort(compareCodePoints);
  const out: YamlMap = {};
  for (const k of keys) setField(out, k, m[k] as YamlValue);
  return out;
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every BMP character in UTF-8 byte order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Converts a 0-based [start, end) offset pair into a Range. */
export function rangeOf(lc: LineIndex, start: number, end: number): Range {
  const s = lc.linePos(start);
  const e = lc.linePos(end);
  return {
    start: { line: s.line, column: s.col, offset: start },
    end: { line: e.line, column: e.col, offset: end },
  };
}

// ---------------------------------------------------------------------------------------------
// !!binary: Go's base64.StdEncoding.DecodeString (\r and \n ignored, padding required), the bytes then
// read as UTF-8 with each invalid byte replaced by U+FFFD (what encoding/json does).

const B64 = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

function decodeBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0) return undefined;
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const last = i + 4 === s.length;
    let bits = 0;
    for (let k = 0; k < 4; k++) {
      const c = s.charCodeAt(i + k);
      let v: number;
      if (c === 61 && last && k >= 4 - pad) v = 0;
      else {
        v = c < 128 ? (B64[c] as number) : -1;
        if (v < 0) return undefined;
      }
      bits = (bits << 6) | v;
    }
    out[o++] = (bits >> 16) & 0xff;
    if (o < out.length) out[o++] = (bits >> 8) & 0xff;
    if (o < out.length) out[o++] = bits & 0xff;
  }
  return out;
}

/** Bytes → string as Go's encoding/json sees them: invalid UTF-8 bytes become U+FFFD one by one. */
export function goUtf8(b: Uint8Array): string {
  let s = '';
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      s += String.fromCharCode(c);
      i++;
      continue;
    }
    let need = 0;
    let cp = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      cp = c & 0x1f;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      cp = c & 0x0f;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      cp = c & 0x07;
      min = 0x10000;
    }
    let ok = need > 0 && i + need < n;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const d = b[i + k];
        if (d === undefined || (d & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (d & 0x3f);
      }
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      s += '\ufffd';
      i++;
      continue;
    }
    s += String.fromCodePoint(cp);
    i += need + 1;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Folded scalars through go-yaml v3's emitter and parser (what kyaml's String() + Unmarshal do to a
// node whose style is folded). The emitter's check "is the next line more indented?" looks at the
// first character of the whole value instead of the next line, so a line break before a more-indented
// line gains an empty line, and a leading blank disables the empty lines that separate paragraphs.

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** go-yaml v3 would emit `v` in folded style (block scalars allowed: no trailing space, no space before a
 * line break, only printable characters or tabs). */
function v3FoldedAllowed(v: string): boolean {
  if (v.length === 0) return false;
  const n = v.length;
  if (v.charCodeAt(n - 1) === 0x20) return false;
  let prevSpace = false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x0a) {
      if (prevSpace) return false;
    } else if (
      c !== 0x09 &&
      !(c >= 0x20 && c <= 0x7e) &&
      !((c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff))
    ) {
      return false; // non-printable (incl. astral characters, which libyaml counts as non-printable)
    }
    prevSpace = c === 0x20;
  }
  return true;
}

/**
 * The value of a folded scalar after kyaml's String() and re-parse (go-yaml v3's emitter does not wrap
 * long lines: its default width is unlimited).
 */
export function foldedRoundTrip(v: string): string {
  if (!v3FoldedAllowed(v)) return v;
  const n = v.length;
  // Chomping indicator the emitter writes.
  const last = v.charCodeAt(n - 1);
  const chomp = last !== 0x0a ? 'strip' : n === 1 || v.charCodeAt(n - 2) === 0x0a ? 'keep' : 'clip';
  return readFoldedLines(emittedFoldedLines(v), chomp);
}

/** The content lines go-yaml v3's emitter writes for `v` in folded style ('' for an empty line). */
function emittedFoldedLines(v: string): string[] {
  const n = v.length;
  const lines: string[] = [];
  let cur = '';
  const c0 = v.charCodeAt(0);
  const firstBlankz = isBlank(c0) || c0 === 0x0a || c0 === 0x0d || c0 === 0x85 || c0 === 0x2028 || c0 === 0x2029;
  let breaks = true;
  let leadingSpaces = true;
  let segStart = 0;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x0a) {
      cur += v.slice(segStart, i);
      if (!breaks && !leadingSpaces && !firstBlankz) {
        lines.push(cur);
        cur = '';
      }
      lines.push(cur);
      cur = '';
      segStart = i + 1;
      breaks = true;
      continue;
    }
    if (breaks) leadingSpaces = isBlank(c);
    breaks = false;
  }
  cur += v.slice(segStart);
  if (!breaks) lines.push(cur);
  return lines;
}

/** The value of a folded block scalar of these content lines, read back as libyaml's scan_block_scalar does. */
function readFoldedLines(lines: readonly string[], chomp: 'strip' | 'keep' | 'clip'): string {
  let s = '';
  let i = 0;
  let trailing = 0;
  while (i < lines.length && lines[i] === '') {
    trailing++;
    i++;
  }
  let leadingBreak = false;
  let leadingBlank = false;
  for (; i < lines.length; ) {
    const line = lines[i] as string;
    const trailingBlank = isBlank(line.charCodeAt(0));
    if (leadingBreak && !leadingBlank && !trailingBlank) {
      if (trailing === 0) s += ' ';
    } else if (leadingBreak) s += '\n';
    if (trailing > 0) s += '\n'.repeat(trailing);
    trailing = 0;
    leadingBlank = trailingBlank;
    s += line;
    leadingBreak = true;
    i++;
    while (i < lines.length && lines[i] === '') {
      trailing++;
      i++;
    }
  }
  if (chomp !== 'strip' && leadingBreak) s += '\n';
  if (chomp === 'keep' && trailing > 0) s += '\n'.repeat(trailing);
  return s;
}

/**
 * How kustomize decodes a builtin plugin's config into the plugin's Go struct. The config document is
 * first written out as YAML (Resource.AsYAML: the value through JSON, then go-yaml v2 with sorted keys; in
 * the value model that is the value itself), and the plugin's Config method reads that text with one of
 * two decoders:
 *
 * - sigs.k8s.io/yaml (most plugins, {@link decodeSigsYaml}): go-yaml v2 reads the text, numbers and
 *   booleans bound for a string field are turned into their text (`5` → "5", `1.5` → "1.5" through
 *   float32, `true` → "true"), the result is written as JSON (keys sorted) and encoding/json fills the
 *   struct: keys match case-insensitively, unknown keys are ignored, and the first wrong type fails. The
 *   conversion looks for the field through the struct's own fields only: a field promoted from an embedded
 *   struct (FieldSpec's `kind` from resid.Gvk, a Selector's `name` from resid.ResId, everything of a
 *   generator's args) is not converted, nor anything under it, so a number there fails.
 * - go-yaml v3 (kyaml's yaml.Unmarshal: PrefixTransformer and SuffixTransformer, {@link decodeGoYamlV3}):
 *   keys match exactly, any scalar fits a string field as its text, a bool field takes true/false and the
 *   YAML 1.1 words (y, yes, on, n, no, off …, quoted or not), a null list item is dropped, and every type
 *   error is reported with the line of the value in that YAML text.
 */
import { emitDocument, formatNumber } from '../yaml/emit.js';
import { formatFloat32G, parseGoInt, plainScalarTag } from '../yaml/scalars.js';
import { isMap, setField, type YamlMap, type YamlValue } from '../yaml/values.js';
import { DocumentReader } from '../yaml/goyaml/compose.js';
import { LineIndex, type AstNode } from '../yaml/ast.js';
import { decodeGo, goTypeName, type GoStruct, type GoStructType, type GoType } from './gotype.js';

// ---------------------------------------------------------------------------------------------
// sigs.k8s.io/yaml

/** A field of `t` for the key `key`, as encoding/json matches it: the exact name, else case-insensitively. */
function fieldFor(t: GoStructType, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(t.fields, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(t.fields).find((f) => f.toLowerCase() === lower);
}

/** Go's FormatFloat(f, 'g', -1, 32) as sigs.k8s.io/yaml writes a float bound for a string. */
function float32Text(f: number): string {
  const s = formatFloat32G(f);
  return s === '.inf' ? '+Inf' : s === '-.inf' ? '-Inf' : s === '.nan' ? 'NaN' : s;
}

/** The text sigs.k8s.io/yaml gives a number go-yaml v2 read back from kustomize's YAML of the config. */
function numberText(n: number | bigint): string {
  const text = formatNumber(n);
  return /^-?\d+$/.test(text) && parseGoInt(text) !== undefined ? text : float32Text(Number(text));
}

/**
 * sigs.k8s.io/yaml's convertToJSONableObject: numbers and booleans bound for a string field become text.
 * `target` is the Go type the value is decoded into, undefined where the conversion has lost track of it.
 */
export function convertForStrings(v: YamlValue, target: GoType | undefined): YamlValue {
  if (Array.isArray(v)) return v.map((x) => convertForStrings(x, target?.t === 'list' ? target.of : undefined));
  if (isMap(v)) {
    const out: YamlMap = {};
    for (const k of Object.keys(v)) setField(out, k, convertForStrings(v[k] as YamlValue, memberTarget(target, k)));
    return out;
  }
  if (target?.t !== 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return numberText(v);
  return v;
}

/** The conversion target of the value under `key` in a map bound for `target`. */
function memberTarget(target: GoType | undefined, key: string): GoType | undefined {
  if (target?.t === 'map') return target.of;
  if (target?.t !== 'struct') return undefined;
  const f = fieldFor(target, key);
  if (f === undefined) return undefined;
  const via = target.embedded?.[f];
  // A promoted field: the value is matched against the embedded struct itself (Go's index[0]).
  if (via !== undefined) return target.embeds?.[via.split('.')[0] as string];
  return target.fields[f];
}

/**
 * Decodes a config value as sigs.k8s.io/yaml.Unmarshal fills the struct `t`. Throws GoDecodeError with
 * encoding/json's message (callers prefix `error unmarshaling JSON: while decoding JSON: `).
 */
export function decodeSigsYaml<T>(value: YamlValue, t: GoStruct<T>): T {
  return decodeGo(convertForStrings(value, t), t, { allowUnknown: true, sorted: true });
}

// ---------------------------------------------------------------------------------------------
// go-yaml v3

/** go-yaml v3's unmarshal errors, one `line N: …` text each. */
export class GoYamlV3TypeError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`yaml: unmarshal errors:\n  ${errors.join('\n  ')}`);
  }
}

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

interface V3Ctx {
  lines: LineIndex;
  errors: string[];
}

/** The short tag go-yaml v3 resolves a scalar to. */
function scalarTag(n: Extract<AstNode, { kind: 'scalar' }>): string {
  if (n.style !== 'plain') return 'str';
  return plainScalarTag(n.value, 'kyaml');
}

function terror(n: AstNode, tag: string, t: GoType, ctx: V3Ctx): void {
  let shown = '';
  if (n.kind === 'scalar') {
    const bytes = new TextEncoder().encode(n.value);
    const text = bytes.length > 10 ? `${new TextDecoder().decode(bytes.slice(0, 7))}...` : n.value;
    shown = ` \`${text}\``;
  }
  const line = ctx.lines.linePos(n.range[0]).line;
  ctx.errors.push(`line ${line}: cannot unmarshal !!${tag}${shown} into ${goTypeName(t)}`);
}

function v3Scalar(n: Extract<AstNode, { kind: 'scalar' }>, t: GoType, ctx: V3Ctx): YamlValue | undefined {
  const tag = scalarTag(n);
  if (tag === 'null') return undefined;
  if (t.t === 'string' || t.t === 'any') return n.value;
  if (t.t === 'bool') {
    if (tag === 'bool') return /^(?:true|True|TRUE)$/.test(n.value);
    if (tag === 'str' && YAML11_TRUE.has(n.value)) return true;
    if (tag === 'str' && YAML11_FALSE.has(n.value)) return false;
  }
  if (t.t === 'int' && tag === 'int') {
    const i = parseGoInt(n.value.replace(/_/g, ''));
    if (i !== undefined) return i;
  }
  terror(n, tag, t, ctx);
  return undefined;
}

function v3Node(n: AstNode, t: GoType, ctx: V3Ctx): YamlValue | undefined {
  if (n.kind === 'alias') return v3Node(n.target, t, ctx);
  if (n.kind === 'scalar') return v3Scalar(n, t, ctx);
  if (n.kind === 'seq') {
    if (t.t !== 'list') {
      terror(n, 'seq', t, ctx);
      return undefined;
    }
    const out: YamlValue[] = [];
    // Items that decode to nothing (null, or a type error) are dropped.
    for (const item of n.items) {
      const d = v3Node(item, t.of, ctx);
      if (d !== undefined) out.push(d);
    }
    return out;
  }
  if (t.t === 'struct') return v3Struct(n, t, ctx);
  if (t.t !== 'map') {
    terror(n, 'map', t, ctx);
    return undefined;
  }
  const out: YamlMap = {};
  for (const p of n.items) {
    if (p.key.kind !== 'scalar') continue;
    const d = v3Node(p.value, t.of, ctx);
    if (d !== undefined) setField(out, p.key.value, d);
  }
  return out;
}

function v3Struct(n: Extract<AstNode, { kind: 'map' }>, t: GoStructType, ctx: V3Ctx): YamlMap {
  const out: YamlMap = {};
  for (const p of n.items) {
    if (p.key.kind !== 'scalar' || !Object.prototype.hasOwnProperty.call(t.fields, p.key.value)) continue;
    const d = v3Node(p.value, t.fields[p.key.value] as GoType, ctx);
    if (d !== undefined) setField(out, p.key.value, d);
  }
  return out;
}

/**
 * Decodes a config as kyaml's yaml.Unmarshal (go-yaml v3) fills the struct `t` from the config's YAML text
 * (`emitDocument`, what Resource.AsYAML writes). Fields match by their exact names (embedded structs are
 * inline). Throws {@link GoYamlV3TypeError} with every type error.
 */
export function decodeGoYamlV3<T>(config: YamlMap, t: GoStruct<T>): T {
  const text = emitDocument(config);
  const doc = new DocumentReader(text, { v3: true }).next();
  const ctx: V3Ctx = { lines: new LineIndex(text), errors: [] };
  const root = doc?.root;
  const out = root?.kind === 'map' ? v3Struct(root, t, ctx) : {};
  if (ctx.errors.length > 0) throw new GoYamlV3TypeError(ctx.errors);
  return out as unknown as T;
}

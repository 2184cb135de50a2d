/**
 * kv: the key/value sources of ConfigMap and Secret generators (kustomize's api/kv, spec §8.2) — env
 * files (`envs`), `literals` and `files` (`path` or `key=path`), read in that order, with kustomize's
 * parsing rules and error texts. Values are kept as bytes or strings so binary files stay binary.
 */
import { BuildError } from '../../diagnostics/error.js';
import { goBytes, goQuote, goStrings } from '../go-format.js';

/** A value: a string (literals, env files) or raw bytes (file contents). */
export type KvValue = string | Uint8Array;

/** One key/value pair, in source order. */
export interface KvPair {
  key: string;
  value: KvValue;
}

/** The sources of one generator (kustomize's KvPairSources; `env` is already folded into `envs`). */
export interface KvSources {
  /** `key=value` strings. */
  literals?: readonly string[] | undefined;
  /** `path` or `key=path`. */
  files?: readonly string[] | undefined;
  /** Env files. */
  envs?: readonly string[] | undefined;
}

/** Reads a file relative to the kustomization root, under the load restrictor. Throws BuildError. */
export type KvFileReader = (path: string) => Uint8Array;

function kvError(message: string): BuildError {
  return new BuildError('generator/failed', message);
}

/** Go's unicode.IsSpace. */
function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function trimLeftGoSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes UTF-8, or returns undefined when the bytes are not valid UTF-8 (Go's utf8.Valid). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** bufio.Scanner's default maximum token size: a longer line silently ends the scan. */
const MAX_LINE = 64 * 1024;

/**
 * Parses an env file (kustomize's keyValuesFromLines): lines split at `\n` (a trailing `\r` dropped),
 * each line must be valid UTF-8, a BOM is stripped from the first line only, leading white space is
 * trimmed, empty and `#` lines are skipped, the rest split at the first `=` (no `=`: empty value) with
 * key and value kept verbatim. A line with an empty key is skipped. Throws BuildError.
 */
export function parseEnvFile(bytes: Uint8Array): KvPair[] {
  const out: KvPair[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    const next = end < 0 ? bytes.length : end + 1;
    if (end < 0) end = bytes.length;
    // Go's Scanner gives up (and kustomize ignores the error) on a line that does not fit its buffer.
    if (end - start >= MAX_LINE) break;
    let lineEnd = end;
    if (lineEnd > start && bytes[lineEnd - 1] === 0x0d) lineEnd--;
    let line = bytes.subarray(start, lineEnd);
    start = next;
    const text0 = decodeUtf8(line);
    if (text0 === undefined) {
      throw kvError(`line ${goBytes(line)} has invalid utf8 bytes : ${lenientUtf8.decode(line)}`);
    }
    let text = text0;
    if (lineNo === 0 && line.length >= 3 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) {
      line = line.subarray(3);
      text = text.slice(1);
    }
    lineNo++;
    text = trimLeftGoSpace(text);
    if (text.length === 0 || text.startsWith('#')) continue;
    const eq = text.indexOf('=');
    const key = eq < 0 ? text : text.slice(0, eq);
    const value = eq < 0 ? '' : text.slice(eq + 1);
    if (key.length === 0) continue;
    out.push({ key, value });
  }
  return out;
}

/**
 * Parses a literal source `key=value`: the key is the text before the first `=`, the value the rest with
 * one pair of matching outer quotes (`"` or `'`) removed. Throws BuildError.
 */
export function parseLiteralSource(source: string): KvPair {
  const eq = source.indexOf('=');
  if (eq <= 0) throw kvError(`invalid literal source ${source}, expected key=value`);
  let value = source.slice(eq + 1);
  if (value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'")) {
    value = value.slice(1, -1);
  }
  return { key: source.slice(0, eq), value };
}

/** Go's path.Base. */
function goPathBase(p: string): string {
  if (p === '') return '.';
  let s = p;
  while (s.length > 0 && s.endsWith('/')) s = s.slice(0, -1);
  const i = s.lastIndexOf('/');
  if (i >= 0) s = s.slice(i + 1);
  return s === '' ? '/' : s;
}

/**
 * Parses a file source: `path` (key = base name of the path) or `key=path`. Throws BuildError for an
 * empty key, an empty path, or more than one `=`.
 */
export function parseFileSource(source: string): { key: string; path: string } {
  const n = source.split('=').length - 1;
  if (n === 0) return { key: goPathBase(source), path: source };
  if (n === 1 && source.startsWith('=')) {
    throw kvError(`missing key name for file path ${goQuote(source.slice(1))} in source ${goQuote(source)}`);
  }
  if (n === 1 && source.endsWith('=')) {
    throw kvError(`missing file path for key name ${goQuote(source.slice(0, -1))} in source ${goQuote(source)}`);
  }
  if (n > 1) throw kvError(`source ${goQuote(source)} key name or file path contains '='`);
  const eq = source.indexOf('=');
  return { key: source.slice(0, eq), path: source.slice(eq + 1) };
}

function wrapped<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BuildError) throw err.wrap(prefix);
    throw err;
  }
}

/**
 * Collects the pairs of all sources in kustomize's order — env files, literals, files — with its error
 * prefixes (`env source files: [..]: `, `literal sources [..]: `, `file sources: [..]: `). Repeated keys
 * are not checked here (see {@link validatedDataMap}). Throws BuildError.
 */
export function loadKvPairs(sources: KvSources, read: KvFileReader): KvPair[] {
  const out: KvPair[] = [];
  wrapped(`env source files: ${goStrings(sources.envs)}: `, () => {
    for (const p of sources.envs ?? []) out.push(...parseEnvFile(read(p)));
  });
  wrapped(`literal sources ${goStrings(sources.literals)}: `, () => {
    for (const s of sources.literals ?? []) out.push(parseLiteralSource(s));
  });
  wrapped(`file sources: ${goStrings(sources.files)}: `, () => {
    for (const s of sources.files ?? []) {
      const { key, path } = parseFileSource(s);
      out.push({ key, value: read(path) });
    }
  });
  return out;
}

/**
 * kustomize's makeValidatedDataMap: loads the pairs (errors prefixed `loading KV pairs: `) and rejects a
 * repeated key with ``configmap <name> illegally repeats the key `<key>` `` (the same text for Secrets).
 * Keys are not validated otherwise. Returns the pairs in sorted key order.
 */
export function validatedDataMap(name: string, sources: KvSources, read: KvFileReader): KvPair[] {
  const pairs = wrapped('loading KV pairs: ', () => loadKvPairs(sources, read));
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.key)) throw kvError(`configmap ${name} illegally repeats the key \`${p.key}\``);
    seen.add(p.key);
  }
  return pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63) + B64.charAt((n >> 6) & 63) + B64.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63) + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += B64.charAt(n >> 18) + B64.charAt((n >> 12) & 63) + B64.charAt((n >> 6) & 63) + '=';
  }
  return out;
}

/**
 * kyaml's encodeBase64: base64 text of 70 characters or more is cut into 70-character lines, each
 * (the last too) ending with `\n`.
 */
export function encodeBase64Wrapped(bytes: Uint8Array): string {
  const enc = base64(bytes);
  if (enc.length < 70) return enc;
  let out = '';
  for (let i = 0; i < enc.length; i += 70) out += enc.slice(i, i + 70) + '\n';
  return out;
}

const encoder = new TextEncoder();

/** The bytes of a value. */
export function valueBytes(v: KvValue): Uint8Array {
  return typeof v === 'string' ? encoder.encode(v) : v;
}

/** The text of a value when it is valid UTF-8, else undefined (binary). */
export function valueText(v: KvValue): string | undefined {
  return typeof v === 'string' ? v : decodeUtf8(v);
}

/**
 * Quick fixes for findings whose fix is mechanical, as text edits that keep the file's layout and comments:
 * `flux/prune-disabled` (set or add `prune: true`), `flux/missing-depends-on` (add the dependency),
 * `kustomize/deprecated-field` (move `bases`, `patchesStrategicMerge`, `patchesJson6902`, `imageTags`,
 * `commonLabels` to their successors), `flux/deprecated-api` (the current apiVersion) and
 * `image/mutable-tag` (a TODO comment to pin the tag, since the version to pin is the author's choice).
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
  type TextEdit,
} from 'vscode-languageserver';
import { isMap, isPair, isScalar, isSeq, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { offsetAt, positionAt } from '../positions.js';
import type { ParsedText } from '../yaml-cursor.js';
import type { DiagnosticData } from './diagnostics.js';

type Fix = { title: string; edits: TextEdit[] };

interface FixContext {
  readonly parsed: ParsedText;
  readonly diagnostic: LspDiagnostic;
  readonly data: DiagnosticData;
  /** The document holding the diagnostic's start. */
  readonly doc: Document;
}

function range(text: string, start: number, end: number): LspRange {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

function rangeOfNode(n: unknown): [number, number, number] | undefined {
  return (n as { range?: [number, number, number] } | null)?.range;
}

function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
}

/** Start of the line holding `offset`, and that line's indentation. */
function lineStart(text: string, offset: number): { start: number; indent: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
  return { start, indent };
}

/** End of the line holding `offset` (after its newline; the text's end on the last line). */
function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

/** The column of a block map's keys (from its first pair). */
function mapIndent(text: string, map: YAMLMap): string | undefined {
  const first = map.items[0];
  const r = first ? rangeOfNode(first.key) : undefined;
  if (!r) return undefined;
  return ' '.repeat(r[0] - lineStart(text, r[0]).start);
}

/** Inserts `lines` (without indentation) as new keys of a block map, before its first key. */
function insertKeys(text: string, map: YAMLMap, lines: readonly string[]): TextEdit | undefined {
  const indent = mapIndent(text, map);
  const first = map.items[0];
  const r = first ? rangeOfNode(first.key) : undefined;
  if (indent === undefined || !r) return undefined;
  const at = lineStart(text, r[0]).start;
  return { range: range(text, at, at), newText: lines.map((l) => `${indent}${l}\n`).join('') };
}

function pruneFix(c: FixContext): Fix | undefined {
  const spec = pairOf(c.doc.contents, 'spec')?.value;
  if (!isMap(spec)) return undefined;
  const text = c.parsed.text;
  const prune = pairOf(spec, 'prune');
  const r = prune ? rangeOfNode(prune.value) : undefined;
  if (r) return { title: 'Set prune: true', edits: [{ range: range(text, r[0], r[1]), newText: 'true' }] };
  const edit = insertKeys(text, spec, ['prune: true']);
  return edit ? { title: 'Add prune: true', edits: [edit] } : undefined;
}

function dependsOnFix(c: FixContext): Fix | undefined {
  const owner = c.data.data?.['owner'];
  const id = c.data.data?.['id'];
  if (typeof owner !== 'string' || typeof id !== 'string') return undefined;
  const [ns = '', name = ''] = owner.split('/');
  const entry = ns === id.split('/')[0] ? [`- name: ${name}`] : [`- name: ${name}`, `  namespace: ${ns}`];
  const spec = pairOf(c.doc.contents, 'spec')?.value;
  if (!isMap(spec)) return undefined;
  const text = c.parsed.text;
  const title = `Add ${owner} to dependsOn`;
  const deps = pairOf(spec, 'dependsOn')?.value;
  if (isSeq(deps) && deps.items.length > 0) {
    const last = rangeOfNode(deps.items[deps.items.length - 1]);
    const firstR = rangeOfNode(deps.items[0]);
    if (!last || !firstR) return undefined;
    const dash = text.lastIndexOf('-', firstR[0]);
    const indent = ' '.repeat(dash - lineStart(text, dash).start);
    const at = lineEnd(text, Math.max(last[1] - 1, last[0]));
    return { title, edits: [{ range: range(text, at, at), newText: entry.map((l) => `${indent}${l}\n`).join('') }] };
  }
  const edit = insertKeys(text, spec, ['dependsOn:', ...entry.map((l) => `  ${l}`)]);
  return edit ? { title, edits: [edit] } : undefined;
}

/** The source text of a block sequence's items (plain one-line scalars only). */
function plainItems(seq: YAMLSeq): string[] | undefined {
  const out: string[] = [];
  for (const item of seq.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.includes('\n')) return undefined;
    out.push(item.value);
  }
  return out;
}

/** Replaces a top-level pair (all its lines) by `lines`. */
function replacePair(text: string, pair: Pair, lines: readonly string[]): TextEdit | undefined {
  const k = rangeOfNode(pair.key);
  const v = rangeOfNode(pair.value);
  if (!k) return undefined;
  const start = lineStart(text, k[0]).start;
  const end = lineEnd(text, Math.max(k[1], v ? v[1] - 1 : k[1]));
  return { range: range(text, start, end), newText: lines.map((l) => `${l}\n`).join('') };
}

/** Appends items to a top-level block sequence. */
function appendItems(text: string, seq: YAMLSeq, items: readonly string[]): TextEdit | undefined {
  const last = rangeOfNode(seq.items[seq.items.length - 1]);
  const first = rangeOfNode(seq.items[0]);
  if (!last || !first) return undefined;
  const dash = text.lastIndexOf('-', first[0]);
  const indent = ' '.repeat(dash - lineStart(text, dash).start);
  const at = lineEnd(text, Math.max(last[1] - 1, last[0]));
  return { range: range(text, at, at), newText: items.map((i) => `${indent}- ${i}\n`).join('') };
}

/** Moves a list field into its successor (appending when the successor exists, renaming otherwise). */
function moveList(
  text: string,
  doc: Document,
  from: string,
  to: string,
  asItem: (s: string) => string[],
): TextEdit[] | undefined {
  const pair = pairOf(doc.contents, from);
  if (!pair || !isSeq(pair.value)) return undefined;
  const entries = plainItems(pair.value);
  if (!entries) {
    if (pairOf(doc.contents, to)) return undefined;
    const k = rangeOfNode(pair.key);
    return k ? [{ range: range(text, k[0], k[1]), newText: to }] : undefined;
  }
  const items = entries.map(asItem);
  const target = pairOf(doc.contents, to)?.value;
  if (isSeq(target) && target.items.length > 0) {
    const moved = items.flatMap((lines) => lines.map((l, i) => (i === 0 ? l : `  ${l}`)));
    const add = appendItems(text, target, moved);
    const del = replacePair(text, pair, []);
    return add && del ? [add, del] : undefined;
  }
  if (pairOf(doc.contents, to)) return undefined;
  const edit = replacePair(text, pair, [
    `${to}:`,
    ...items.flatMap((lines) => lines.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`)),
  ]);
  return edit ? [edit] : undefined;
}

function commonLabelsFix(text: string, doc: Document): TextEdit[] | undefined {
  const pair = pairOf(doc.contents, 'commonLabels');
  if (!pair || !isMap(pair.value) || pairOf(doc.contents, 'labels')) return undefined;
  const lines: string[] = ['labels:', '  - pairs:'];
  for (const p of pair.value.items) {
    if (!isPair(p) || !isScalar(p.key) || !isScalar(p.value)) return undefined;
    const v = rangeOfNode(p.value);
    const k = rangeOfNode(p.key);
    if (!k || !v) return undefined;
    lines.push(`      ${text.slice(k[0], k[1])}: ${text.slice(v[0], v[1])}`);
  }
  lines.push('    includeSelectors: true');
  const edit = replacePair(text, pair, lines);
  return edit ? [edit] : undefined;
}

function deprecatedFieldFix(c: FixContext): Fix | undefined {
  const field = c.data.data?.['field'];
  const text = c.parsed.text;
  let edits: TextEdit[] | undefined;
  let to = '';
  if (field === 'bases') {
    to = 'resources';
    edits = moveList(text, c.doc, 'bases', to, (s) => [s]);
  } else if (field === 'patchesStrategicMerge') {
    to = 'patches';
    edits = moveList(text, c.doc, field, to, (s) => [`path: ${s}`]);
  } else if (field === 'patchesJson6902' || field === 'imageTags') {
    to = field === 'imageTags' ? 'images' : 'patches';
    const pair = pairOf(c.doc.contents, field);
    const k = pair ? rangeOfNode(pair.key) : undefined;
    if (k && !pairOf(c.doc.contents, to)) edits = [{ range: range(text, k[0], k[1]), newText: to }];
  } else if (field === 'commonLabels') {
    to = 'labels';
    edits = commonLabelsFix(text, c.doc);
  }
  return edits ? { title: `Replace ${String(field)} by ${to}`, edits } : undefined;
}

function apiVersionFix(c: FixContext): Fix | undefined {
  const replacement = c.data.data?.['replacement'];
  if (typeof replacement !== 'string' || !/^[\w.-]+\/[\w]+$/.test(replacement)) return undefined;
  const v = rangeOfNode(pairOf(c.doc.contents, 'apiVersion')?.value);
  if (!v) return undefined;
  return { title: `Use ${replacement}`, edits: [{ range: range(c.parsed.text, v[0], v[1]), newText: replacement }] };
}

function pinTodoFix(c: FixContext): Fix | undefined {
  const image = c.data.data?.['image'];
  if (typeof image !== 'string') return undefined;
  const text = c.parsed.text;
  const { start, indent } = lineStart(text, offsetAt(text, c.diagnostic.range.start));
  const line = text.slice(start, lineEnd(text, start));
  const dashIndent = /^\s*- /.test(line) ? `${indent}  ` : indent;
  const comment = `${dashIndent}# TODO(kustomize-ts): pin ${image} to a version tag or a digest\n`;
  if (text.slice(Math.max(0, start - comment.length), start) === comment) return undefined;
  return { title: `Leave a TODO to pin ${image}`, edits: [{ range: range(text, start, start), newText: comment }] };
}

const FIXES: Readonly<Record<string, (c: FixContext) => Fix | undefined>> = {
  'flux/prune-disabled': pruneFix,
  'flux/missing-depends-on': dependsOnFix,
  'kustomize/deprecated-field': deprecatedFieldFix,
  'flux/deprecated-api': apiVersionFix,
  'image/mutable-tag': pinTodoFix,
};

function docAt(parsed: ParsedText, offset: number): Document | undefined {
  return parsed.docs.find((d) => {
    const r = rangeOfNode(d.contents);
    return r !== undefined && offset >= r[0] && offset <= r[2];
  });
}

function isData(v: unknown): v is DiagnosticData {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';
}

/** Quick fixes for the diagnostics of a request (those the client sends back, in `uri`). */
export function codeActions(uri: string, parsed: ParsedText, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const data: unknown = d.data;
    if (!isData(data)) continue;
    const fix = FIXES[data.code];
    const doc = docAt(parsed, offsetAt(parsed.text, d.range.start));
    if (!fix || !doc) continue;
    const made = fix({ parsed, diagnostic: d, data, doc });
    if (!made) continue;
    out.push({
      title: made.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: made.edits } },
    });
  }
  return out;
}

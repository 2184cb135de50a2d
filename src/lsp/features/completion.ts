/**
 * Completion: kustomization fields (from the kustomization schema, with their descriptions), file and
 * folder paths in `resources`, `components`, patches and friends, Flux Kustomization names in `dependsOn`,
 * folders in a Flux Kustomization's `spec.path`, and `${VAR}` names from the postBuild substitutions of the
 * Flux Kustomizations that render the file.
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { dirname, isWithin, resolve } from '../../fs/path.js';
import type { FleetKustomization } from '../../flux/fleet/index.js';
import { getField, isMap, scalarString } from '../../yaml/values.js';
import { deprecatedFields } from '../../kustomization/load.js';
import { kustomizationFields, type KustomizationField } from '../kustomization-fields.generated.js';
import type { Analysis, Workspace } from '../workspace.js';
import { keyContext, type KeyContext, type ParsedText } from '../yaml-cursor.js';
import { offsetAt } from '../positions.js';
import { isKustomizationFile } from './hover.js';
import { fluxKustomizationsAt } from './definition.js';
import { buildsKustomization } from './units.js';

/** List fields of a kustomization whose entries are paths. */
const PATH_LISTS = new Set([
  'resources',
  'bases',
  'components',
  'patchesStrategicMerge',
  'crds',
  'configurations',
  'generators',
  'transformers',
  'validators',
]);

/** Fields of list items whose value is a path (`patches: - path: …`). */
const PATH_ITEM_FIELDS: Readonly<Record<string, string>> = {
  patches: 'path',
  patchesJson6902: 'path',
  replacements: 'path',
};

function fieldsAtPath(path: readonly (string | -1)[]): Readonly<Record<string, KustomizationField>> | undefined {
  let fields: Readonly<Record<string, KustomizationField>> | undefined = kustomizationFields;
  for (const seg of path) {
    if (seg === -1) continue;
    fields = fields?.[seg]?.fields;
  }
  return fields;
}

function keyItems(ctx: KeyContext): CompletionItem[] {
  const fields = fieldsAtPath(ctx.path);
  if (!fields) return [];
  return Object.entries(fields).map(([name, f]) => {
    const deprecated =
      f.deprecated === true || (ctx.path.length === 0 && deprecatedFields.some((d) => d.field === name));
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Field,
      detail: f.type,
      insertText: f.type === 'array' ? `${name}:\n  - ` : f.type === 'object' ? `${name}:\n  ` : `${name}: `,
    };
    if (f.description) item.documentation = { kind: 'markdown', value: f.description };
    if (deprecated) item.tags = [1];
    return item;
  });
}

/** Entries of the folder a partly typed path points into; they replace what was typed (before `position`). */
function pathItems(
  ws: Workspace,
  baseDir: string,
  typed: string,
  onlyDirs: boolean,
  position: Position,
): CompletionItem[] {
  const quote = /^["']/.test(typed) ? typed.charAt(0) : '';
  const dotSlash = typed.slice(quote.length).startsWith('./') ? './' : '';
  const clean = typed.slice(quote.length + dotSlash.length);
  const slash = clean.lastIndexOf('/');
  const dirPart = slash >= 0 ? clean.slice(0, slash + 1) : '';
  const dir = resolve(baseDir, dirPart === '' ? '.' : dirPart);
  let names: string[];
  try {
    names = ws.fs.readDir(dir);
  } catch {
    return [];
  }
  const items: CompletionItem[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const st = ws.fs.stat(resolve(dir, name));
    if (!st || (onlyDirs && st.type !== 'dir')) continue;
    if (st.type === 'file' && !/\.(ya?ml|json)$/.test(name) && name !== 'Kustomization') continue;
    const label = dotSlash + dirPart + name + (st.type === 'dir' ? '/' : '');
    items.push({
      label,
      kind: st.type === 'dir' ? CompletionItemKind.Folder : CompletionItemKind.File,
      filterText: quote + label,
      textEdit: {
        range: { start: { line: position.line, character: position.character - typed.length }, end: position },
        newText: quote + label,
      },
      ...(st.type === 'dir' ? { command: { title: 'more', command: 'editor.action.triggerSuggest' } } : {}),
    });
  }
  return items;
}

/** The Flux Kustomization names a `dependsOn` entry may name: those of the clusters defining this one. */
function dependsOnItems(a: Analysis, owners: readonly FleetKustomization[]): CompletionItem[] {
  const clusters = a.context.clusters.filter(
    (c) => owners.length === 0 || owners.some((k) => c.fleet.kustomizations.includes(k)),
  );
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const c of clusters) {
    for (const k of c.fleet.kustomizations) {
      if (k.synthetic || owners.some((o) => o.id === k.id) || seen.has(k.id)) continue;
      seen.add(k.id);
      items.push({ label: k.name, kind: CompletionItemKind.Reference, detail: `${k.namespace}/${k.name} (${c.name})` });
    }
  }
  return items;
}

/** Variables of a Flux Kustomization's postBuild: `substitute` and the keys of its `substituteFrom` objects. */
function variablesOf(a: Analysis, k: FleetKustomization): Map<string, string> {
  const out = new Map<string, string>();
  const pb = k.spec.postBuild;
  if (!pb) return out;
  for (const [name, value] of Object.entries(pb.substitute)) out.set(name, `${value} (substitute of ${k.id})`);
  for (const ref of pb.substituteFrom) {
    for (const o of a.objects) {
      const obj = o.object;
      const meta = getField(obj, 'metadata');
      if (scalarString(getField(obj, 'kind')) !== ref.kind || !isMap(meta)) continue;
      if (scalarString(getField(meta, 'name')) !== ref.name) continue;
      const ns = scalarString(getField(meta, 'namespace'));
      if (ns !== '' && ns !== k.namespace) continue;
      for (const field of ['data', 'stringData']) {
        const data = getField(obj, field);
        if (isMap(data))
          for (const key of Object.keys(data)) if (!out.has(key)) out.set(key, `${ref.kind} ${ref.name} of ${k.id}`);
      }
    }
  }
  return out;
}

/** `${VAR}` names for a file: from the Flux Kustomizations whose builds include its folder (all, if none). */
function variableItems(a: Analysis, file: string): CompletionItem[] {
  const dir = dirname(file);
  const ks = a.context.clusters.flatMap((c) => c.units.filter((u) => u.kustomization !== undefined));
  const rendering = ks.filter(
    (u) =>
      buildsKustomization(a, u, dir) ||
      u.objects.some((o) => o.origin.file === file) ||
      (u.dir !== undefined && isWithin(u.dir, file)),
  );
  const vars = new Map<string, string>();
  for (const u of rendering.length > 0 ? rendering : ks) {
    if (!u.kustomization) continue;
    for (const [k, v] of variablesOf(a, u.kustomization)) if (!vars.has(k)) vars.set(k, v);
  }
  return [...vars].map(([name, detail]) => ({
    label: name,
    kind: CompletionItemKind.Variable,
    detail,
    insertText: `${name}}`,
  }));
}

function isFluxKustomizationAt(parsed: ParsedText, offset: number): boolean {
  for (const doc of parsed.docs) {
    const r = (doc.contents as { range?: [number, number, number] } | null)?.range;
    if (!r || offset < r[0] || offset > r[2]) continue;
    const v: unknown = doc.toJS();
    if (!isMap(v)) return false;
    return (
      getField(v, 'kind') === 'Kustomization' &&
      scalarString(getField(v, 'apiVersion')).startsWith('kustomize.toolkit.fluxcd.io/')
    );
  }
  return false;
}

function kustomizationItems(ws: Workspace, file: string, ctx: KeyContext, position: Position): CompletionItem[] {
  const top = ctx.path[0];
  const dir = dirname(file);
  if (!ctx.afterColon && typeof top === 'string' && PATH_LISTS.has(top) && ctx.path.length === 2 && ctx.path[1] === -1)
    return pathItems(ws, dir, ctx.prefix, false, position);
  if (ctx.afterColon && typeof top === 'string' && PATH_ITEM_FIELDS[top] === ctx.key && ctx.path.length === 2)
    return pathItems(ws, dir, ctx.prefix, false, position);
  if (ctx.afterColon) return [];
  return keyItems(ctx);
}

/** Completion items at `position` of `file`. */
export function completion(ws: Workspace, file: string, parsed: ParsedText, position: Position): CompletionItem[] {
  const offset = offsetAt(parsed.text, position);
  const lineStart = offset - position.character;
  const before = parsed.text.slice(lineStart, offset);
  if (/\$\{\w*$/.test(before)) return variableItems(ws.analysis(), file);
  const ctx = keyContext(parsed.text, position.line, position.character);
  if (isKustomizationFile(file)) return kustomizationItems(ws, file, ctx, position);
  if (!isFluxKustomizationAt(parsed, offset)) return [];
  const p = ctx.path;
  if (ctx.afterColon && ctx.key === 'name' && p[0] === 'spec' && p[1] === 'dependsOn') {
    const a = ws.analysis();
    return dependsOnItems(a, fluxKustomizationsAt(a, file, offset));
  }
  if (ctx.afterColon && ctx.key === 'path' && p.length === 1 && p[0] === 'spec') {
    return pathItems(ws, ws.root, ctx.prefix, true, position);
  }
  return [];
}

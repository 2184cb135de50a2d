/**
 * Go to definition: a path in a kustomization file (resources, components, patches, generator files …) →
 * the file, or the kustomization file of the folder; a Flux Kustomization's `spec.path` → the kustomization
 * it builds; a `dependsOn` name → that Flux Kustomization's definition; `sourceRef.name` → the source; a
 * rendered field → the line that set its final value (a patch, an image transformer …).
 */
import type { Location as LspLocation } from 'vscode-languageserver';
import type { Range } from '../../diagnostics/diagnostic.js';
import { dirname, resolve } from '../../fs/path.js';
import type { FileSystem } from '../../fs/types.js';
import type { FleetKustomization } from '../../flux/fleet/index.js';
import { kustomizationFileNames } from '../../kustomization/load.js';
import { lspRange } from '../positions.js';
import { fileUri } from '../uri.js';
import type { Analysis, Workspace } from '../workspace.js';
import { cursorAt, valueRange, type CursorInfo, type ParsedText } from '../yaml-cursor.js';
import { isKustomizationFile } from './hover.js';
import { fieldsAt, setterOf } from './rendered.js';

function location(file: string, range?: Range): LspLocation {
  return { uri: fileUri(file), range: range ? lspRange({ range }) : lspRange({}) };
}

/** The kustomization file of a folder, if it has one. */
export function kustomizationFileIn(fs: FileSystem, dir: string): string | undefined {
  for (const name of kustomizationFileNames) {
    const f = resolve(dir, name);
    if (fs.stat(f)?.type === 'file') return f;
  }
  return undefined;
}

/** A path written in `fromDir`: the file, or the folder's kustomization file. */
function pathTarget(fs: FileSystem, fromDir: string, written: string): LspLocation | undefined {
  if (written === '' || /^[a-z]+:\/\//i.test(written)) return undefined;
  const abs = resolve(fromDir, written);
  const st = fs.stat(abs);
  if (st?.type === 'file') return location(abs);
  if (st?.type === 'dir') {
    const k = kustomizationFileIn(fs, abs);
    return k ? location(k) : undefined;
  }
  return undefined;
}

/** The Flux Kustomizations (one per cluster rendering it) defined at `offset` of `file`. */
export function fluxKustomizationsAt(a: Analysis, file: string, offset: number): FleetKustomization[] {
  const out: FleetKustomization[] = [];
  for (const c of a.context.clusters) {
    for (const k of c.fleet.kustomizations) {
      const d = k.definedIn;
      if (d?.file !== file || !d.range) continue;
      if (d.range.start.offset <= offset && offset <= d.range.end.offset) out.push(k);
    }
  }
  return out;
}

function fluxDefinition(ws: Workspace, a: Analysis, file: string, cursor: CursorInfo, offset: number): LspLocation[] {
  const value = cursor.scalar?.value;
  if (typeof value !== 'string') return [];
  const p = cursor.path.map(String);
  const owners = fluxKustomizationsAt(a, file, offset);
  const out: LspLocation[] = [];
  if (p[0] === 'spec' && p[1] === 'path' && p.length === 2) {
    for (const k of owners) {
      const dir = k.dir;
      const target = dir !== undefined ? (kustomizationFileIn(ws.fs, dir) ?? k.kustomization?.file) : undefined;
      if (target !== undefined) out.push(location(target));
    }
    if (out.length === 0) {
      const t = pathTarget(ws.fs, ws.root, value);
      if (t) out.push(t);
    }
  } else if (p[0] === 'spec' && p[1] === 'dependsOn' && p[3] === 'name') {
    for (const c of a.context.clusters) {
      const self = owners.find((k) => c.fleet.kustomizations.includes(k));
      if (!self) continue;
      const dep = self.spec.dependsOn[Number(p[2])];
      const target = c.fleet.kustomizations.find(
        (k) => k.name === value && k.namespace === (dep?.namespace ?? self.namespace),
      );
      if (target?.definedIn) out.push(location(target.definedIn.file, target.definedIn.range));
    }
  } else if (p[0] === 'spec' && p[1] === 'sourceRef' && p[2] === 'name') {
    for (const c of a.context.clusters) {
      const self = owners.find((k) => c.fleet.kustomizations.includes(k));
      if (!self) continue;
      const src = c.fleet.sources.find(
        (s) => s.name === value && s.kind === self.source.kind && s.namespace === self.source.namespace,
      );
      const def = src ? c.objectOf(src.object) : undefined;
      if (def) out.push(location(def.origin.file, def.origin.range));
    }
  }
  return dedupe(out);
}

function dedupe(locations: LspLocation[]): LspLocation[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const k = `${l.uri}:${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The lines that set the final values of the field at `offset` (other than the field itself). */
function setters(a: Analysis, file: string, cursor: CursorInfo, offset: number): LspLocation[] {
  const out: LspLocation[] = [];
  for (const hit of fieldsAt(a.objects, file, cursor.docIndex, cursor.path, offset, valueRange(cursor))) {
    const loc = setterOf(hit);
    if (!loc || (loc.file === file && loc.range && loc.range.start.offset <= offset && offset <= loc.range.end.offset))
      continue;
    out.push(location(loc.file, loc.range));
  }
  return dedupe(out);
}

/** The definitions of what is at `offset` of `file`. */
export function definition(ws: Workspace, file: string, parsed: ParsedText, offset: number): LspLocation[] {
  const cursor = cursorAt(parsed, offset);
  if (!cursor) return [];
  if (isKustomizationFile(file)) {
    const value = cursor.scalar?.value;
    if (cursor.on !== 'value' || typeof value !== 'string') return [];
    const t = pathTarget(ws.fs, dirname(file), value);
    return t ? [t] : [];
  }
  const a = ws.analysis();
  const flux = fluxDefinition(ws, a, file, cursor, offset);
  if (flux.length > 0) return flux;
  return setters(a, file, cursor, offset);
}

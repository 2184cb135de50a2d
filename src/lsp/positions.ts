/**
 * Positions between the library (1-based lines and columns, 0-based offsets) and the protocol (0-based
 * lines and characters).
 */
import type { Position as LspPosition, Range as LspRange } from 'vscode-languageserver';
import type { Range } from '../diagnostics/diagnostic.js';

/** The LSP range of a finding or location; its start's first character when it has no end, the file's start without position. */
export function lspRange(d: {
  range?: Range | undefined;
  line?: number | undefined;
  column?: number | undefined;
}): LspRange {
  const line = Math.max(0, (d.range?.start.line ?? d.line ?? 1) - 1);
  const character = Math.max(0, (d.range?.start.column ?? d.column ?? 1) - 1);
  const end = d.range?.end;
  return {
    start: { line, character },
    end: end
      ? { line: Math.max(0, end.line - 1), character: Math.max(0, end.column - 1) }
      : { line, character: character + 1 },
  };
}

/** The LSP position of a 0-based offset in `text`. */
export function positionAt(text: string, offset: number): LspPosition {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** The 0-based offset of an LSP position in `text`. */
export function offsetAt(text: string, p: LspPosition): number {
  let start = 0;
  for (let l = 0; l < p.line; l++) {
    const i = text.indexOf('\n', start);
    if (i === -1) return text.length;
    start = i + 1;
  }
  const lineEnd = text.indexOf('\n', start);
  return Math.min(start + p.character, lineEnd === -1 ? text.length : lineEnd);
}

/** The range of offsets [start, end) in `text`. */
export function rangeOf(text: string, start: number, end: number): LspRange {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

/**
 * `$(VAR)` expansion in one string (kustomize's refvar.DoReplacements): `$(NAME)` is replaced by the
 * var's value, `$$` is an escaped `$`, anything else after `$` is copied. When the whole string is one
 * `$(NAME)`, the value itself is returned, keeping its type.
 */
import { goFormatFloatG, formatNumber } from '../../yaml/emit.js';

/** A var value kustomize can substitute (kustomize's "primitive" values). */
export type VarValue = string | number | bigint | boolean;

/** Maps a var name to its value, or to the literal `$(NAME)` when unknown. */
export type VarMapping = (name: string) => VarValue;

/** Go's `fmt.Sprintf("%v", value)` for the values kustomize substitutes. */
export function formatVarValue(v: VarValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (Number.isInteger(v)) return formatNumber(v);
  return goFormatFloatG(v);
}

/** Expands the var references in `input`. */
export function doReplacements(input: string, mapping: VarMapping): VarValue {
  if (!input.includes('$')) return input;
  let buf = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input.charCodeAt(cursor) !== 36 /* $ */ || cursor + 1 >= input.length) continue;
    buf += input.slice(checkpoint, cursor);
    const next = input[cursor + 1] as string;
    let advance = 1;
    if (next === '$') {
      buf += '$';
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) {
        buf += '$(';
      } else {
        const name = input.slice(cursor + 2, close);
        const mapped = mapping(name);
        if (close === input.length - 1 && cursor === 0) return mapped;
        buf += formatVarValue(mapped);
        advance = close - cursor;
      }
    } else {
      buf += '$' + next;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return buf + input.slice(checkpoint);
}

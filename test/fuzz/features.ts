/**
 * What a (minimized) case uses, read from its files: the kustomization fields and the YAML constructs.
 * Together with the outcome it is the class under which differences are deduplicated.
 */
import type { FuzzCase } from './case.js';

const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** YAML constructs, each with the pattern that spots it in source text. */
const YAML_FEATURES: [string, RegExp][] = [
  ['doc-separator-run', /^---[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\n)*---/m],
  ['doc-end-marker', /^\.\.\.(?:[ \t]|$)/m],
  ['directive', /^%/m],
  ['crlf', /\r\n/],
  ['lone-cr', /\r(?!\n)/],
  ['bom', /\ufeff/],
  ['nel-ls-ps', /[\u0085\u2028\u2029]/],
  ['tab', /\t/],
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  ['control-char', /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/],
  ['block-scalar', /[:-][ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$/m],
  ['no-final-newline', /[^\n]$/],
  ['anchor', /(^|[\s[{,])&[^\s]/m],
  ['alias', /(^|[\s[{,:])\*[^\s]/m],
  ['merge-key', /^\s*(?:- )?["']?<<["']?\s*:/m],
  ['tag', /(^|[\s[{,:])!/m],
  ['flow-collection', /:[ \t]+[[{]|^[ \t]*-[ \t]+[[{]/m],
  ['explicit-key', /^\s*\?(?:[ \t]|$)/m],
  ['double-quoted-escape', /"[^"\n]*\\/],
  ['multi-line-quoted', /(["'])[^"'\n]*\n[^"'\n]*\1/],
  ['timestamp', /\d{4}-\d\d?-\d\d?(?:[Tt ]|$)/m],
  [
    'number-form',
    /:\s+[-+]?(?:0x[0-9a-fA-F]+|0o?[0-7]+|\d[\d_]*\.\d*(?:e[-+]?\d+)?|\.\d+|\d+e[-+]?\d+|\.inf|\.nan)\s*$/im,
  ],
  ['yaml11-bool', /:\s+(?:y|n|yes|no|on|off|Yes|No|On|Off|YES|NO|ON|OFF)\s*$/m],
  ['null-form', /:\s+(?:~|null|Null|NULL)\s*$/m],
  ['comment', /(^|\s)#/m],
];

/** Top-level keys of a kustomization text (a rough read: lines starting in column 0). */
function topKeys(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/^([A-Za-z][A-Za-z0-9]*)\s*:/gm)) keys.add(m[1] as string);
  keys.delete('apiVersion');
  keys.delete('kind');
  keys.delete('metadata');
  return [...keys];
}

/** Sorted feature names of a case. */
export function features(c: FuzzCase): string[] {
  const out = new Set<string>();
  for (const [path, text] of Object.entries(c.files)) {
    if (KUSTOMIZATION.test(path)) {
      for (const k of topKeys(text)) out.add(`field:${k}`);
    }
    const prefix = KUSTOMIZATION.test(path) ? 'k-' : '';
    for (const [name, re] of YAML_FEATURES) if (re.test(text)) out.add(prefix + name);
  }
  return [...out].sort();
}

/** A short stable hash (FNV-1a, hex). */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

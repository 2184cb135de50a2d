/**
 * YAML-level mutations of a file's text, one per construct where go-yaml and other YAML readers part
 * ways: document separators and end markers, line endings, block scalars at the end of the file,
 * multi-line quoted scalars, NEL/LS/PS, tabs and control characters, escapes, timestamps and tags in
 * flow collections, directives, duplicate and merge keys, anchors, deep nesting, comments, indentation.
 * Each mutation keeps the text mostly valid; the reference decides what it means.
 */
import type { Rng } from '../rng.js';

export type TextMutation = (text: string, rng: Rng) => string;

function lines(text: string): string[] {
  return text.split('\n');
}

/** Index of a random line matching `re`, or -1. */
function pickLine(ls: string[], re: RegExp, rng: Rng): number {
  const idx = ls.map((l, i) => (re.test(l) ? i : -1)).filter((i) => i >= 0);
  return idx.length === 0 ? -1 : rng.pick(idx);
}

const SIMPLE_PAIR = /^(\s*(?:- )?)([A-Za-z0-9_./-]+):[ ]+([^\s#'"|>&*!{[][^#]*?)\s*$/;

/** Replaces the value of a random `key: value` line. */
function replaceValue(text: string, rng: Rng, make: (indent: number, old: string) => string): string {
  const ls = lines(text);
  const i = pickLine(ls, SIMPLE_PAIR, rng);
  if (i < 0) return text;
  const m = SIMPLE_PAIR.exec(ls[i] as string) as RegExpExecArray;
  const lead = m[1] as string;
  ls[i] = `${lead}${m[2]}: ${make(lead.length, m[3] as string)}`;
  return ls.join('\n');
}

export const TEXT_MUTATIONS: Record<string, TextMutation> = {
  /** A separator followed by more separators, blank lines, comments, `...`. */
  'separator-run': (text, rng) => {
    const extra = rng.pick([
      '---\n',
      '--- \n',
      '---\t\n',
      '--- # c\n',
      '...\n',
      '...\n---\n',
      '# c\n---\n',
      '\n---\n',
      '---\n---\n',
      '--- |\n  x\n',
    ]);
    const ls = lines(text);
    const seps = ls.map((l, i) => (/^---/.test(l) ? i : -1)).filter((i) => i >= 0);
    const at = seps.length > 0 && rng.chance(0.7) ? rng.pick(seps) + 1 : rng.chance(0.5) ? 0 : ls.length;
    ls.splice(at, 0, extra.replace(/\n$/, ''));
    return ls.join('\n');
  },
  /** `---` with content on the same line, or a document that is only `...`/`---`. */
  'separator-content': (text, rng) =>
    rng.pick(['--- {}\n', '--- !!map\n', '---\n...\n', '--- # only\n', '--- >\n  text\n', '---\n{}\n---\n']) + text,
  crlf: (text, rng) =>
    rng.chance(0.7) ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, () => (rng.chance(0.3) ? '\r\n' : '\n')),
  'lone-cr': (text, rng) => text.replace(/\n/g, () => (rng.chance(0.2) ? '\r' : '\n')),
  'no-final-newline': (text) => text.replace(/\n+$/, ''),
  'extra-final-newlines': (text, rng) => text + '\n'.repeat(rng.range(1, 3)) + (rng.chance(0.3) ? '  ' : ''),
  bom: (text, rng) => (rng.chance(0.7) ? '\ufeff' + text : text.replace(/^---\n/m, '---\n\ufeff')),
  'trailing-space': (text, rng) =>
    text.replace(/\n/g, () => (rng.chance(0.3) ? rng.pick([' ', '  ', '\t']) + '\n' : '\n')),
  comment: (text, rng) => {
    const ls = lines(text);
    const i = rng.int(ls.length);
    if (rng.chance(0.5)) ls.splice(i, 0, ' '.repeat(rng.int(6)) + rng.pick(['# c', '#', '# --- ', '#: x']));
    else if (ls[i] !== undefined && !/["'|>]/.test(ls[i])) ls[i] += rng.pick([' # c', ' #', '\t# c']);
    return ls.join('\n');
  },
  /** A value turned into a block scalar (any chomping), possibly the last thing of the file. */
  'block-scalar-eof': (text, rng) => {
    const out = replaceValue(
      text,
      rng,
      (ind, old) =>
        `${rng.pick(['|', '|-', '|+', '>', '>-', '>+', '|2'])}\n${' '.repeat(ind + 2)}${old}${rng.chance(0.5) ? `\n${' '.repeat(ind + 2)}more` : ''}`,
    );
    return rng.chance(0.5) ? out.replace(/\n+$/, '') : out;
  },
  'block-scalar-end': (text, rng) =>
    text.replace(/\n*$/, '') +
    `\n${rng.pick(['note', 'extra'])}: ${rng.pick(['|', '|-', '|+', '>', '>-', '>+'])}\n  line one\n  line two${rng.pick(['', '\n', '\n\n', '\n  ', '\n\n\n'])}`,
  /** A double- or single-quoted scalar continued on lines indented no deeper than its key. */
  'multi-line-quoted': (text, rng) =>
    replaceValue(text, rng, (ind, old) => {
      const q = rng.chance(0.6) ? '"' : "'";
      const pad = ' '.repeat(rng.pick([0, ind, ind + 1, ind + 2, Math.max(0, ind - 1)]));
      return `${q}${old.replace(/["'\\]/g, '')} first\n${pad}second${rng.chance(0.3) ? '\n\n' + pad + 'third' : ''}${q}`;
    }),
  'plain-multi-line': (text, rng) =>
    replaceValue(
      text,
      rng,
      (ind, old) => `${old} a\n${' '.repeat(ind + rng.range(1, 3))}b${rng.chance(0.3) ? ' #c' : ''}`,
    ),
  'nel-ls-ps': (text, rng) =>
    replaceValue(text, rng, (_, old) => {
      const ch = rng.pick(['\u0085', '\u2028', '\u2029']);
      return rng.pick([`${old}${ch}x`, `"${old}${ch}x"`, `'${old}${ch}x'`, `${ch}${old}`, `${old} ${ch}`]);
    }),
  tab: (text, rng) => {
    const ls = lines(text);
    const i = rng.int(ls.length);
    const l = ls[i] ?? '';
    ls[i] = rng.pick([`\t${l}`, l.replace(/^(\s*)/, '$1\t'), l.replace(': ', ':\t'), `${l}\t`, l.replace(/ /, '\t')]);
    return ls.join('\n');
  },
  'control-char': (text, rng) =>
    replaceValue(text, rng, (_, old) => {
      const ch = rng.pick([
        '\u0001',
        '\u0007',
        '\u001b',
        '\u007f',
        '\u0080',
        '\u009f',
        '\u00a0',
        '\ufeff',
        '\ufffe',
        '\u000b',
        '\u000c',
      ]);
      return rng.pick([`${old}${ch}`, `"${old}${ch}"`, `'${ch}${old}'`]);
    }),
  escape: (text, rng) =>
    replaceValue(
      text,
      rng,
      (_, old) =>
        `"${old.replace(/["\\]/g, '')}${rng.pick(['\\x41', '\\u00e9', '\\U0001F600', '\\ud800', '\\udc00', '\\ud83d\\ude00', '\\/', "\\'", '\\e', '\\N', '\\_', '\\L', '\\P', '\\0', '\\a', '\\t', '\\ ', '\\\n  cont', '\\x7f', '\\x85', '\\z'])}"`,
    ),
  'number-like': (text, rng) =>
    replaceValue(text, rng, () =>
      rng.pick([
        '0x1F',
        '0o17',
        '017',
        '08',
        '1_000',
        '1e3',
        '1E3',
        '1.0',
        '.5',
        '+1',
        '-0',
        '.inf',
        '-.Inf',
        '.NaN',
        '1:20',
        '190:20:30',
        '0b101',
        '12345678901234567890',
        '9007199254740993',
        '1e400',
        '0.1e-7',
        '6.8523015e+5',
        'yes',
        'No',
        'ON',
        'off',
        'y',
        'N',
        'TRUE',
        'False',
        '~',
        'null',
        'NULL',
        '',
        '<<',
        '=',
      ]),
    ),
  timestamp: (text, rng) =>
    replaceValue(text, rng, () => {
      const t = rng.pick([
        '2001-12-14t21:59:43.10-05:00',
        '2001-12-14 21:59:43.10',
        '2002-12-14',
        '2001-12-15T02:59:43.1Z',
        '2001-12-14 21:59:43.123456789 -5',
        '2001-1-1',
        '2001-12-14T21:59:43+25:00',
      ]);
      return rng.pick([t, `[${t}, x]`, `{a: ${t}}`, `[${t}]`, `"${t}"`, `!!timestamp ${t}`]);
    }),
  'flow-tag-comma': (text, rng) =>
    replaceValue(text, rng, () =>
      rng.pick([
        '[!!str, a]',
        '[!!str , a]',
        '[a, !!str]',
        '{!!str : x}',
        '[!!null , x]',
        '[!custom, a]',
        '[! , a]',
        '{a: !!str}',
        '[!!int 1, !!str 2]',
      ]),
    ),
  tag: (text, rng) =>
    replaceValue(
      text,
      rng,
      (_, old) =>
        `${rng.pick(['!!str', '!!int', '!!float', '!!bool', '!!null', '!!binary', '!!timestamp', '!custom', '!', '!<tag:yaml.org,2002:str>', '!!map', '!!seq'])} ${old}`,
    ),
  directive: (text, rng) =>
    rng.pick([
      '%YAML 1.1\n---\n',
      '%YAML 1.2\n---\n',
      '%TAG ! tag:example.com,2000:\n---\n',
      '%TAG !e! tag:example.com,2000:\n---\n',
      '%FOO bar\n---\n',
      '%YAML 1.1\n%YAML 1.1\n---\n',
    ]) + text.replace(/^---\n/, ''),
  'duplicate-key': (text, rng) => {
    const ls = lines(text);
    const i = pickLine(ls, SIMPLE_PAIR, rng);
    if (i < 0) return text;
    const m = SIMPLE_PAIR.exec(ls[i] as string) as RegExpExecArray;
    const indent = (m[1] as string).replace('- ', '  ');
    const dup = `${indent}${rng.chance(0.3) ? `"${m[2]}"` : m[2]}: ${rng.pick(['dup', '2', 'x y'])}`;
    ls.splice(i + 1, 0, dup);
    return ls.join('\n');
  },
  'merge-key': (text, rng) => {
    const ls = lines(text);
    const i = pickLine(ls, /^(\s*)[A-Za-z]+:\s*$/, rng);
    if (i < 0) return text;
    const indent = ' '.repeat((ls[i] as string).length - (ls[i] as string).trimStart().length + 2);
    ls.splice(
      i + 1,
      0,
      indent +
        rng.pick([
          '<<: {merged: yes}',
          '"<<": quoted',
          "'<<': {a: b}",
          '<<: [{a: 1}, {b: 2}]',
          '<<: 1',
          '<<: [{a: 1}, [x]]',
          '<<: null',
          '<<: {}',
        ]),
    );
    return ls.join('\n');
  },
  'anchor-alias': (text, rng) => {
    const ls = lines(text);
    const i = pickLine(ls, SIMPLE_PAIR, rng);
    if (i < 0) return text;
    ls[i] = (ls[i] as string).replace(/: /, ': &anc ');
    const indent = (ls[i].match(/^\s*/) as RegExpMatchArray)[0].replace('-', ' ');
    ls.splice(
      i + 1,
      0,
      `${indent}${rng.pick(['aliased', 'copy'])}: ${rng.pick(['*anc', '[*anc, *anc]', '{k: *anc}', '*missing'])}`,
    );
    return ls.join('\n');
  },
  'deep-nesting': (text, rng) => {
    const depth = rng.pick([5, 50, 200, 900, 1100, 5000, 10001, 12000]);
    const flow = rng.chance(0.5);
    const body = flow
      ? '['.repeat(depth) + ']'.repeat(depth)
      : Array.from({ length: Math.min(depth, 2000) }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v';
    return text.replace(/\n*$/, '') + `\ndeep: ${flow ? body : '\n ' + body.replace(/\n/g, '\n ')}\n`;
  },
  'explicit-key': (text, rng) =>
    replaceValue(
      text,
      rng,
      (ind, old) => `\n${' '.repeat(ind + 2)}? ${rng.pick(['k', '[a, b]', ''])}\n${' '.repeat(ind + 2)}: ${old}`,
    ),
  'empty-value': (text, rng) => replaceValue(text, rng, () => rng.pick(['', '# nothing', '""', "''", '[]', '{}'])),
  reindent: (text, rng) => {
    const factor = rng.pick([2, 3]);
    return text.replace(/^( +)/gm, (s) =>
      ' '.repeat(s.length * factor > 60 ? s.length : (s.length * factor) / 2 + s.length / 2),
    );
  },
};

export const TEXT_MUTATION_NAMES = Object.keys(TEXT_MUTATIONS);

/** Applies `count` random mutations; returns the text and the mutation names. */
export function mutateText(text: string, rng: Rng, count: number): { text: string; applied: string[] } {
  let t = text;
  const applied: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = rng.pick(TEXT_MUTATION_NAMES);
    const next = (TEXT_MUTATIONS[name] as TextMutation)(t, rng);
    if (next !== t) {
      t = next;
      applied.push(name);
    }
  }
  return { text: t, applied };
}

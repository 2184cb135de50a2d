/**
 * `.Files` of a chart as Helm's engine gives it to templates: every file that is not a template, the
 * values, Chart.yaml or a subchart, with `Get`, `GetBytes`, `Glob` (gobwas/glob patterns with `/` as
 * separator: `*`, `**`, `?`, `[a-z]`, `[!a]`, `{a,b}`), `Lines`, `AsConfig` and `AsSecrets`.
 */
import { GO_TYPE, goFunc, typedSlice, type GoMap, type GoValue } from '../template/index.js';
import type { BufferedFile } from './types.js';

const decoder = new TextDecoder('utf-8');

/** Builds the `.Files` value; `toYaml` is Helm's toYAML (for AsConfig/AsSecrets). */
export function filesValue(files: readonly BufferedFile[], toYaml: (v: GoValue) => string): GoMap {
  const m = new Map<string, Uint8Array>();
  for (const f of files) m.set(f.name, f.data);
  return filesMap(m, toYaml);
}

function filesMap(m: Map<string, Uint8Array>, toYaml: (v: GoValue) => string): GoMap {
  const out: GoMap = {};
  for (const [k, v] of m)
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  const getBytes = (name: string): Uint8Array => m.get(name) ?? new Uint8Array(0);
  const asMap = (encode: (b: Uint8Array) => string): string => {
    const mm: GoMap = {};
    for (const [k, v] of m) mm[k.slice(k.lastIndexOf('/') + 1)] = encode(v);
    return toYaml(mm);
  };
  out[GO_TYPE] = {
    name: 'engine.files',
    elem: '[]uint8',
    underlying: 'map[string][]uint8',
    methods: {
      GetBytes: goFunc('func(string) []uint8', getBytes),
      Get: goFunc('func(string) string', (name: string) => decoder.decode(getBytes(name))),
      Glob: goFunc('func(string) engine.files', (pattern: string) => {
        const re = globRegExp(pattern) ?? /^.*$/s;
        const sub = new Map<string, Uint8Array>();
        for (const [k, v] of m) if (re.test(k)) sub.set(k, v);
        return filesMap(sub, toYaml);
      }),
      AsConfig: goFunc('func() string', () => asMap((b) => decoder.decode(b))),
      AsSecrets: goFunc('func() string', () => asMap(base64)),
      Lines: goFunc('func(string) []string', (path: string) => {
        const b = m.get(path);
        if (!b || b.length === 0) return typedSlice('string', []);
        let s = decoder.decode(b);
        if (s.endsWith('\n')) s = s.slice(0, -1);
        return typedSlice('string', s.split('\n'));
      }),
    },
  };
  return out;
}

function base64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

/** A gobwas/glob pattern (separator `/`) as a RegExp, or undefined when it does not compile. */
export function globRegExp(pattern: string): RegExp | undefined {
  let i = 0;
  const parse = (inAlt: boolean): string | undefined => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i] as string;
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      if (c === '*') {
        if (pattern[i] === '*') {
          i++;
          out += '.*';
        } else out += '[^/]*';
      } else if (c === '?') out += '[^/]';
      else if (c === '\\') {
        if (i >= pattern.length) return undefined;
        out += escapeRe(pattern[i++] as string);
      } else if (c === '[') {
        const end = pattern.indexOf(']', i);
        if (end < 0) return undefined;
        let body = pattern.slice(i, end);
        i = end + 1;
        const neg = body.startsWith('!');
        if (neg) body = body.slice(1);
        if (body === '') return undefined;
        out += `[${neg ? '^' : ''}${body.replace(/[\\\]^]/g, (x) => '\\' + x)}]`;
      } else if (c === '{') {
        const alts: string[] = [];
        for (;;) {
          const a = parse(true);
          if (a === undefined) return undefined;
          alts.push(a);
          const d = pattern[i++];
          if (d === '}') break;
          if (d !== ',') return undefined;
        }
        out += `(?:${alts.join('|')})`;
      } else if (c === '}' || c === ']') {
        return undefined;
      } else out += escapeRe(c);
    }
    return inAlt ? undefined : out;
  };
  const body = parse(false);
  return body === undefined ? undefined : new RegExp(`^${body}$`, 's');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

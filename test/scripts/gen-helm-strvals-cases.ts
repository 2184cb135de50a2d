/**
 * Extracts the test tables of Helm's pkg/strvals/parser_test.go (Helm v3.21.4, Apache-2.0) into
 * test/helm/data/strvals-cases.json: the inputs, the values Helm's tests expect and whether they expect
 * an error. Run `npx tsx test/scripts/gen-helm-strvals-cases.ts HELM_CHECKOUT/pkg/strvals/parser_test.go`.
 */
/// <reference types="node" />
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared.js';

type Go = null | boolean | number | string | Go[] | { [k: string]: Go };

/** A small parser of Go composite literals (maps, slices, structs, strings, numbers, bools, nil). */
class GoLiteral {
  i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    for (;;) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
      if (this.s.startsWith('//', this.i)) this.i = this.s.indexOf('\n', this.i);
      else return;
    }
  }

  value(): Go {
    this.ws();
    const s = this.s;
    if (s.startsWith('map[string]interface{}{', this.i)) {
      this.i += 'map[string]interface{}'.length;
      return this.composite(true);
    }
    const slice = /^\[\](map\[string\]interface\{\}|interface\{\}|string|int)\{/.exec(s.slice(this.i));
    if (slice) {
      this.i += slice[0].length - 1;
      return this.composite(false, slice[1]?.startsWith('map') === true);
    }
    if (s[this.i] === '{') return this.composite(false);
    if (s[this.i] === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(s.slice(this.i)) as RegExpExecArray;
      this.i += m[0].length;
      return JSON.parse(m[0]) as string;
    }
    if (s[this.i] === '`') {
      const end = s.indexOf('`', this.i + 1);
      const v = s.slice(this.i + 1, end);
      this.i = end + 1;
      return v;
    }
    const m = /^(nil|true|false|-?[0-9]+(?:\.[0-9]+)?|int64\(([0-9-]+)\))/.exec(s.slice(this.i));
    if (!m) throw new Error(`cannot parse Go literal at: ${s.slice(this.i, this.i + 40)}`);
    this.i += m[0].length;
    if (m[1] === 'nil') return null;
    if (m[1] === 'true' || m[1] === 'false') return m[1] === 'true';
    return Number(m[2] ?? m[1]);
  }

  /** `{...}`: a map (keys are string literals), a slice, or a struct (positional or `field: value`). */
  private composite(isMap: boolean, elemMaps = false): Go[] | { [k: string]: Go } {
    this.i++; // {
    const items: Go[] = [];
    const fields: { [k: string]: Go } = {};
    let keyed = isMap;
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return keyed ? fields : items;
      }
      const field = /^([a-zA-Z_][a-zA-Z0-9_]*):\s/.exec(this.s.slice(this.i));
      if (elemMaps && this.s[this.i] === '{') {
        items.push(this.composite(true));
      } else if (field && !isMap) {
        keyed = true;
        this.i += field[0].length;
        fields[field[1] as string] = this.value();
      } else {
        const v = this.value();
        this.ws();
        if (this.s[this.i] === ':') {
          this.i++;
          keyed = true;
          fields[v as string] = this.value();
        } else items.push(v);
      }
      this.ws();
      if (this.s[this.i] === ',') this.i++;
    }
  }
}

/** The table of `NAME := []struct{...}{ ... }` inside a test function, as objects. */
function table(src: string, fn: string, name: string, fieldNames: string[]): { [k: string]: Go }[] {
  const start = src.indexOf(`func ${fn}(`);
  const at = src.indexOf(`${name} := []struct {`, start);
  const body = src.indexOf('}{', at) + 1;
  const rows = new GoLiteral(src.slice(body)).value() as Go[];
  return rows.map((r) => {
    if (Array.isArray(r)) return Object.fromEntries(fieldNames.map((f, i) => [f, r[i] ?? null]));
    return r as { [k: string]: Go };
  });
}

const file = process.argv[2];
if (!file) {
  console.error('usage: gen-helm-strvals-cases.ts PATH/TO/helm/pkg/strvals/parser_test.go');
  process.exit(2);
}
const src = readFileSync(file, 'utf8');
const out = {
  source:
    'helm/helm v3.21.4 pkg/strvals/parser_test.go (Apache-2.0), extracted by test/scripts/gen-helm-strvals-cases.ts',
  set: table(src, 'TestParseSet', 'tests', ['str', 'expect', 'err']),
  setString: table(src, 'TestParseSet', 'testsString', ['str', 'expect', 'err']),
  json: table(src, 'TestParseJSON', 'tests', ['input', 'got', 'expect', 'err']),
};
writeFileSync(join(repoRoot, 'test/helm/data/strvals-cases.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.set.length} --set, ${out.setString.length} --set-string, ${out.json.length} --set-json cases`);

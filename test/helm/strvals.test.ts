/**
 * `--set`, `--set-string` and `--set-json` parsing against Helm's own strvals test tables
 * (test/helm/data/strvals-cases.json, extracted from Helm v3.21.4 by gen-helm-strvals-cases.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSetInto, parseSetJsonInto, parseSetStringInto } from '../../src/helm/chart/strvals.js';
import type { HelmMap, HelmValue } from '../../src/helm/chart/values-model.js';
import { repoRoot } from '../helpers/shared.js';

interface Row {
  str?: string;
  input?: string;
  got?: HelmMap | null;
  expect: HelmMap | null;
  err: boolean | null;
}
const data = JSON.parse(readFileSync(join(repoRoot, 'test/helm/data/strvals-cases.json'), 'utf8')) as Record<
  'set' | 'setString' | 'json',
  Row[]
>;

/** Helm's tests compare YAML renderings, where int and int64 look alike: compare int64 as numbers. */
function plain(v: HelmValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function check(row: Row, parse: (s: string, dest: HelmMap) => void, dest: HelmMap): void {
  const input = (row.str ?? row.input) as string;
  if (row.err === true) {
    expect(() => parse(input, dest)).toThrow();
    return;
  }
  parse(input, dest);
  expect(plain(dest)).toEqual(row.expect ?? {});
}

describe('--set (Helm TestParseSet)', () => {
  for (const row of data.set) it(JSON.stringify(row.str), () => check(row, parseSetInto, {}));
});
describe('--set-string (Helm TestParseSet)', () => {
  for (const row of data.setString) it(JSON.stringify(row.str), () => check(row, parseSetStringInto, {}));
});
describe('--set-json (Helm TestParseJSON)', () => {
  for (const row of data.json)
    it(JSON.stringify(row.input), () => check(row, parseSetJsonInto, structuredClone(row.got ?? {})));
});

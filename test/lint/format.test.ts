/**
 * Output formats: text (grouped by file, summary line), JSON (`{"diagnostics": [...]}`) and SARIF 2.1.0,
 * validated against the official SARIF 2.1.0 JSON Schema (draft-04, as shipped in Microsoft's MIT-licensed
 * @microsoft/jest-sarif package), against a schema of the spec's required properties
 * (test/fixtures/sarif-2.1.0-required.schema.json), and against the rules GitHub code scanning applies
 * (ruleId/ruleIndex into the driver's rules, regions).
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/lint.js';
import { makeDiagnostic as diagnostic, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatJson, formatText, toSarif } from '../../src/lint/format.js';
import { ruleMetas } from '../../src/lint/rules/index.js';
import { nodeFs } from '../../src/node/index.js';
import { repoRoot } from '../helpers/shared.js';

const range = (line: number, column: number) => ({
  start: { line, column, offset: 0 },
  end: { line, column: column + 4, offset: 4 },
});
const sample: Diagnostic[] = [
  {
    ...diagnostic('flux/prune-disabled', 'warning', 'Kustomization flux-system/apps has prune: false', {
      file: 'clusters/c1/apps.yaml',
      range: range(12, 3),
    }),
    kustomization: 'flux-system/apps',
    cluster: 'clusters/c1',
  },
  diagnostic('image/mutable-tag', 'warning', 'Pod web runs image nginx:latest', {
    file: 'apps/pod.yaml',
    range: range(9, 14),
  }),
  diagnostic('kustomize/build-error', 'error', 'missing file', { file: 'apps/kustomization.yaml', range: range(3, 5) }),
  diagnostic('flux/render-failed', 'error', 'cluster folder does not exist'),
];

/** A finding that sums up several objects (schema/unknown-kind: one per kind, with the count). */
const summary: Diagnostic = {
  ...diagnostic('schema/unknown-kind', 'info', 'Gadget a and 2 more objects in 2 files: no schema (...)', {
    file: 'apps/gadgets.yaml',
    range: range(2, 7),
    path: '/kind',
  }),
  count: 3,
};

describe('text format', () => {
  it('one line per finding, grouped by file, then a summary', () => {
    expect(formatText(sample)).toBe(
      [
        'apps/kustomization.yaml:3:5: error: missing file [kustomize/build-error]',
        '',
        'apps/pod.yaml:9:14: warning: Pod web runs image nginx:latest [image/mutable-tag]',
        '',
        'clusters/c1/apps.yaml:12:3: warning: Kustomization flux-system/apps has prune: false (clusters/c1 flux-system/apps) [flux/prune-disabled]',
        '',
        'error: cluster folder does not exist [flux/render-failed]',
        '',
        '4 problems (2 errors, 2 warnings, 0 infos)',
        '',
      ].join('\n'),
    );
  });
  it('says so when there is nothing', () => expect(formatText([])).toBe('no problems\n'));
});

describe('json format', () => {
  it('{"version": 1, "diagnostics": [...]} with code, severity, message, file, line, column, end, kustomization, cluster', () => {
    const doc = JSON.parse(formatJson(sample)) as { version: number; diagnostics: Record<string, unknown>[] };
    expect(doc.version).toBe(1);
    expect(doc.diagnostics[2]).toEqual({
      code: 'flux/prune-disabled',
      severity: 'warning',
      message: 'Kustomization flux-system/apps has prune: false',
      file: 'clusters/c1/apps.yaml',
      line: 12,
      column: 3,
      endLine: 12,
      endColumn: 7,
      kustomization: 'flux-system/apps',
      cluster: 'clusters/c1',
    });
    expect(doc.diagnostics.map((d) => d.code)).toEqual([
      'kustomize/build-error',
      'image/mutable-tag',
      'flux/prune-disabled',
      'flux/render-failed',
    ]);
  });
  it('a summary finding carries its count', () => {
    const doc = JSON.parse(formatJson([summary])) as { diagnostics: Record<string, unknown>[] };
    expect(doc.diagnostics[0]).toMatchObject({ code: 'schema/unknown-kind', line: 2, column: 7, count: 3 });
    const plain = JSON.parse(formatJson(sample)) as { diagnostics: Record<string, unknown>[] };
    expect(plain.diagnostics[0]).not.toHaveProperty('count');
  });
});

describe('sarif format', () => {
  const schema = JSON.parse(
    readFileSync(join(repoRoot, 'test/fixtures/sarif-2.1.0-required.schema.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    formats: {
      uri: (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && !/\s/.test(s),
      'uri-reference': (s: string) => !/\s/.test(s),
    },
  });
  const validate = ajv.compile(schema);
  // The official schema (SARIF 2.1.0 rtm.5, JSON Schema draft-04).
  const officialPath = createRequire(import.meta.url).resolve(
    '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
  );
  const official = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(
    JSON.parse(readFileSync(officialPath, 'utf8')) as object,
  );
  const fixture = lint(join(repoRoot, 'fixtures/fleet-infra-mistakes'), { fs: nodeFs() }).diagnostics;

  it('a summary finding carries its count as occurrenceCount', () => {
    const results = toSarif([summary, ...sample], { rules: ruleMetas }).runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.occurrenceCount])).toEqual([
      ['schema/unknown-kind', 3],
      ['kustomize/build-error', undefined],
      ['image/mutable-tag', undefined],
      ['flux/prune-disabled', undefined],
      ['flux/render-failed', undefined],
    ]);
  });

  it('the schema rejects what the spec forbids (startLine 0, an unknown property, a bad level)', () => {
    const log = JSON.parse(JSON.stringify(toSarif(sample, { rules: ruleMetas }))) as {
      runs: { results: Record<string, unknown>[] }[];
    };
    const r = log.runs[0]?.results[0] as {
      locations: { physicalLocation: { region: { startLine: number } } }[];
    } & Record<string, unknown>;
    (r.locations[0] as { physicalLocation: { region: { startLine: number } } }).physicalLocation.region.startLine = 0;
    r['severity'] = 'error';
    r['level'] = 'fatal';
    expect(validate(log)).toBe(false);
    expect(validate.errors?.length).toBeGreaterThanOrEqual(3);
    expect(official(log)).toBe(false);
  });

  for (const [name, diags] of [
    ['a sample', sample],
    ['a summary finding', [summary]],
    ['fixtures/fleet-infra-mistakes', fixture],
  ] as const) {
    it(`${name}: valid SARIF 2.1.0`, () => {
      const log = toSarif(diags, {
        rules: ruleMetas,
        version: '0.1.0',
        srcRoot: 'file:///repo/',
        docsBaseUrl: 'https://example.com/kustomize-ts/blob/main/',
      });
      const ok = validate(JSON.parse(JSON.stringify(log)));
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
      const okOfficial = official(JSON.parse(JSON.stringify(log)));
      expect(official.errors ?? [], JSON.stringify(official.errors)).toEqual([]);
      expect(okOfficial).toBe(true);
    });
    it(`${name}: what GitHub code scanning needs (rule metadata, ruleIndex, regions, fingerprints)`, () => {
      const log = toSarif(diags, { rules: ruleMetas });
      const run = log.runs[0];
      expect(run).toBeDefined();
      const rules = run?.tool.driver.rules ?? [];
      for (const m of ruleMetas)
        expect(rules.some((r) => r.id === m.id && r.shortDescription.text === m.description)).toBe(true);
      expect(run?.results.length).toBe(diags.length);
      for (const r of run?.results ?? []) {
        expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
        expect(Object.keys(r.partialFingerprints).length).toBe(1);
        for (const l of r.locations ?? []) {
          expect(l.physicalLocation.artifactLocation.uri.startsWith('/')).toBe(false);
          expect(l.physicalLocation.region?.startLine).toBeGreaterThanOrEqual(1);
        }
      }
      const levels = new Set(run?.results.map((r) => r.level));
      for (const l of levels) expect(['error', 'warning', 'note']).toContain(l);
    });
  }
});

/**
 * HelmRelease values and release names against the tables of fluxcd/pkg (ChartValuesFromReferences) and
 * helm-controller (ShortenName), transcribed in data/values-from.yaml.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { shortenReleaseName } from '../../../src/flux/helm/release-name.js';
import { readHelmReleaseSpec } from '../../../src/flux/helm/spec.js';
import { composeValues } from '../../../src/flux/helm/values.js';
import type { ClusterObject } from '../../../src/flux/substitute.js';
import type { YamlMap } from '../../../src/yaml/values.js';

interface Resource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  data: Record<string, string>;
}
interface ValuesCase {
  name: string;
  resources?: Resource[];
  references: YamlMap[];
  values?: YamlMap;
  want?: YamlMap;
  wantErr?: boolean;
}
const data = parse(readFileSync(join(import.meta.dirname, 'data/values-from.yaml'), 'utf8')) as {
  valuesFrom: ValuesCase[];
  shortName: { name: string; expected: string }[];
};

/** The object as the API server stores it: Secret data base64-encoded. */
function stored(r: Resource): YamlMap {
  const encode = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  const entries = Object.entries(r.data).map(([k, v]): [string, string] => [k, r.kind === 'Secret' ? encode(v) : v]);
  return {
    apiVersion: 'v1',
    kind: r.kind,
    metadata: { name: r.name, namespace: 'default' },
    data: Object.fromEntries(entries),
  };
}

function release(c: ValuesCase): YamlMap {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'test', namespace: 'default' },
    spec: { ...(c.values ? { values: c.values } : {}), valuesFrom: c.references },
  };
}

describe('valuesFrom (fluxcd/pkg ChartValuesFromReferences)', () => {
  it.each(data.valuesFrom)('$name', (c) => {
    const objects = (c.resources ?? []).map(stored);
    const lookup = (kind: string, namespace: string, name: string): ClusterObject | undefined => {
      const object = objects.find(
        (o) => o.kind === kind && (o.metadata as YamlMap).name === name && namespace === 'default',
      );
      return object ? { object } : undefined;
    };
    const r = composeValues(readHelmReleaseSpec(release(c)), lookup, undefined);
    if (c.wantErr) {
      expect(r.ok).toBe(false);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['helm/values-from']);
      return;
    }
    expect(r.ok).toBe(true);
    expect(r.values).toEqual(c.want);
  });

  it('says why a reference fails, in the controller words, at the entry', () => {
    const r = composeValues(
      readHelmReleaseSpec(release({ name: '', references: [{ kind: 'Secret', name: 'gone' }] })),
      () => undefined,
      undefined,
    );
    expect(r.diagnostics.map((d) => [d.severity, d.path, d.message])).toEqual([
      [
        'error',
        '/spec/valuesFrom/0',
        "HelmRelease default/test: could not resolve Secret chart values reference 'default/gone' with key 'values.yaml': resource not found",
      ],
    ]);
  });

  it('reads stringData over data, as the API server merges them', () => {
    const secret: YamlMap = {
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      data: { 'values.yaml': Buffer.from('a: 1\nb: 1\n').toString('base64') },
      stringData: { 'values.yaml': 'a: 2\n' },
    };
    const r = composeValues(
      readHelmReleaseSpec(release({ name: '', references: [{ kind: 'Secret', name: 's' }] })),
      () => ({ object: secret }),
      undefined,
    );
    expect(r.values).toEqual({ a: 2 });
  });
});

describe('release name (helm-controller ShortenName)', () => {
  it.each(data.shortName)('$name', ({ name, expected }) => {
    expect(shortenReleaseName(name)).toBe(expected);
  });

  it('defaults to [targetNamespace-]name, then shortens', () => {
    const spec = (s: YamlMap): string =>
      readHelmReleaseSpec({
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        metadata: { name: 'app', namespace: 'ns' },
        spec: s,
      }).releaseName;
    expect([
      spec({}),
      spec({ targetNamespace: 'prod' }),
      spec({ releaseName: 'given', targetNamespace: 'prod' }),
    ]).toEqual(['app', 'prod-app', 'given']);
  });
});

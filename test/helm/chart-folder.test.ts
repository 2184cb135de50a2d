/** The chart folder loader: the layouts it reads and the version it picks for a range. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/fs/memory.js';
import { chartCandidates, chartFolderLoader, pickChartVersion } from '../../src/helm/chart/chart-folder.js';
import { hasShared, sharedDir } from '../helpers/shared.js';

const chartYaml = (name: string, version: string): string => `apiVersion: v2\nname: ${name}\nversion: ${version}\n`;

const files: Record<string, string | Uint8Array> = {
  '/charts/own/Chart.yaml': chartYaml('own', '2.0.0'),
  '/charts/nested/1.0.0/Chart.yaml': chartYaml('nested', '1.0.0'),
  '/charts/nested/1.5.0/Chart.yaml': chartYaml('nested', '1.5.0'),
  '/charts/nested/notes/README': 'not a version\n',
  '/charts/app-4.1.1/Chart.yaml': chartYaml('app', '4.1.1'),
  '/charts/app-4.2.0-rc.1/Chart.yaml': chartYaml('app', '4.2.0-rc.1'),
  '/charts/app-3.7.3/Chart.yaml': chartYaml('app', '3.7.3'),
  '/charts/app-template-1.0.0/Chart.yaml': chartYaml('app-template', '1.0.0'),
  '/charts/broken-1.0.0/README': 'no Chart.yaml\n',
};

describe('chartCandidates', () => {
  const fs = memoryFs(files);
  it.each([
    ['own', [['2.0.0', '/charts/own']]],
    [
      'nested',
      [
        ['1.0.0', '/charts/nested/1.0.0'],
        ['1.5.0', '/charts/nested/1.5.0'],
      ],
    ],
    [
      'app',
      [
        ['3.7.3', '/charts/app-3.7.3'],
        ['4.1.1', '/charts/app-4.1.1'],
        ['4.2.0-rc.1', '/charts/app-4.2.0-rc.1'],
      ],
    ],
    ['app-template', [['1.0.0', '/charts/app-template-1.0.0']]],
    ['broken', []],
  ])('%s', (name, expected) => {
    expect(chartCandidates(fs, '/charts', name).map((c) => [c.version, c.path])).toEqual(expected);
  });
});

describe('pickChartVersion (Masterminds constraints, highest match)', () => {
  const candidates = chartCandidates(memoryFs(files), '/charts', 'app');
  it.each([
    ['*', '4.1.1'],
    ['', '4.1.1'],
    ['4.x', '4.1.1'],
    ['>=4.0.0-0', '4.2.0-rc.1'],
    ['3.7.3', '3.7.3'],
    ['^3.0.0', '3.7.3'],
    ['5.x', undefined],
  ])('%s → %s', (range, version) => {
    expect(pickChartVersion(candidates, range)?.version).toBe(version);
  });
});

describe('chartFolderLoader', () => {
  it('loads the picked chart once and gives the same chart for every release', () => {
    const load = chartFolderLoader(memoryFs(files), '/charts');
    const a = load({ name: 'nested', version: '1.x' });
    expect(a?.metadata.version).toBe('1.5.0');
    expect(load({ name: 'nested', version: '>=1.1.0' })).toBe(a);
    expect(load({ name: 'nested', version: '2.x' })).toBeUndefined();
    expect(load({ name: '../etc' })).toBeUndefined();
  });

  it.skipIf(!hasShared)('reads NAME-VERSION.tgz archives (a chart of ../shared)', () => {
    const tgz = readFileSync(
      join(sharedDir, 'helm-conformance/charts/helm-testcharts/chart-with-lib-dep/charts/common-0.0.5.tgz'),
    );
    const load = chartFolderLoader(memoryFs({ '/charts/common-0.0.5.tgz': tgz }), '/charts');
    expect(load({ name: 'common', version: '~0.0.1' })?.metadata).toMatchObject({ name: 'common', version: '0.0.5' });
  });
});

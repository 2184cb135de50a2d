import { defineConfig, type Options } from 'tsup';

// Published entries: the browser-safe core ("."), the Node file-system adapter ("./node") — ESM and
// CommonJS with type declarations — the vitest helpers ("./vitest", ESM only like vitest itself, which
// stays external as an optional peer dependency) and the CLI (bin).
const configs: Options[] = [
  {
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
    // lodash-es is ESM only: bundle the few functions used, so the CommonJS build needs no require(esm).
    noExternal: ['lodash-es'],
  },
  {
    entry: { 'vitest/index': 'src/vitest/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'node20',
    external: ['vitest'],
  },
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];

// `KTS_BUILD=cli tsup` (npm run build:cli) builds the CLI alone, for the benchmarks.
export default defineConfig(
  process.env.KTS_BUILD === 'cli' ? configs.filter((c) => c.entry && 'cli' in c.entry) : configs,
);

import { defineConfig, type Options } from 'tsup';

/** Names the CLI's V8 code caches: unique to each build (see src/cli/code-cache.ts). */
const buildId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

// Published entries: the browser-safe core ("."), the Node file-system adapter ("./node") — ESM and
// CommonJS with type declarations — the vitest helpers ("./vitest", ESM only like vitest itself, which
// stays external as an optional peer dependency) and the CLI (bin). No source maps: the package ships
// dist/ only, so maps would point at sources a user does not have. lodash-es is ESM only and its index
// loads every one of its 600+ modules: each entry bundles the few functions used (imported one by one).
//
// The library entries are split: code they share (FsError, KustomizeError, the engine) lives in one chunk
// per format, so a class has one identity whichever entries a user imports (`instanceof` works across
// `kustomize-ts` and `kustomize-ts/node`).
const library: Options = {
  dts: true,
  sourcemap: false,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // lodash-es is ESM only: bundle the few functions used, so the CommonJS build needs no require(esm).
  noExternal: ['lodash-es'],
  external: ['vitest'],
};

const configs: Options[] = [
  {
    ...library,
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'vitest/index': 'src/vitest/index.ts' },
    format: ['esm'],
    clean: true,
  },
  {
    ...library,
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
    format: ['cjs'],
    clean: false,
  },
  // The CLI: two CommonJS programs with every dependency bundled (`build` alone, and every command, each
  // command's modules evaluated only when it runs), ASCII-only and without comments so they load fast,
  // and the launcher (bin) that loads them with a V8 code cache.
  {
    entry: { 'cli/build': 'src/cli/program-build.ts', 'cli/all': 'src/cli/program.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    noExternal: [/./],
    minifyWhitespace: true,
    minifySyntax: true,
    esbuildOptions(o) {
      o.charset = 'ascii';
      o.legalComments = 'none';
    },
  },
  {
    entry: { cli: 'src/cli/launcher.ts' },
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    define: { KTS_BUILD_ID: JSON.stringify(buildId) },
    banner: { js: '#!/usr/bin/env node' },
  },
];

// `KTS_BUILD=cli tsup` (npm run build:cli) builds the CLI alone, for the benchmarks.
export default defineConfig(
  process.env.KTS_BUILD === 'cli'
    ? configs.filter((c) => c.entry !== undefined && Object.keys(c.entry).some((k) => k.startsWith('cli')))
    : configs,
);

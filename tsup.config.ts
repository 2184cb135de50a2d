import { defineConfig, type Options } from 'tsup';

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

export default defineConfig([
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
  {
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: ['lodash-es'],
  },
]);

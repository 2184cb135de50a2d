import { defineConfig } from 'tsup';

// Published entries: the browser-safe core ("."), the Node file-system adapter ("./node"), the vitest
// helpers ("./vitest", vitest stays external: an optional peer dependency) and the CLI (bin).
// ESM and CommonJS, each with type declarations.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'vitest/index': 'src/vitest/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
    treeshake: true,
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
]);

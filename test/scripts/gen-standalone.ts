/**
 * Precompiles the built-in schemas into ajv standalone validator code (see src/validate/standalone.ts; the
 * same as `kustomize-ts precompile`).
 *
 *   npx tsx test/scripts/gen-standalone.ts [--strict] [--kinds apps/v1/Deployment,v1/Secret] [--out FILE]
 *
 * Default output: dist/precompiled/validators[-strict].js (+ .d.ts). About 1.6 MB minified (120 KB gzipped)
 * per mode for all kinds, versus 280 KB of schema text compiled on demand; validators are compiled without
 * `verbose`, so "did you mean" hints for unknown fields are omitted.
 */
/// <reference types="node" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { standaloneModule, standaloneTypes } from '../../src/validate/standalone.js';
import { repoRoot } from './shared.js';

export { allBuiltinKinds, standaloneModule } from '../../src/validate/standalone.js';

if (process.argv[1]?.endsWith('gen-standalone.ts')) {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const kindsArg = args[args.indexOf('--kinds') + 1];
  const kinds = args.includes('--kinds') && kindsArg ? kindsArg.split(',') : undefined;
  const outArg = args[args.indexOf('--out') + 1];
  const out =
    args.includes('--out') && outArg
      ? resolve(outArg)
      : resolve(repoRoot, `dist/precompiled/validators${strict ? '-strict' : ''}.js`);
  const code = standaloneModule({ strict, ...(kinds ? { kinds } : {}) });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  // Types for a published subpath (e.g. `kustomize-ts/precompiled`).
  const dts = out.replace(/\.m?js$/, '.d.ts');
  if (dts !== out) {
    writeFileSync(dts, standaloneTypes(strict));
  }
  console.log(`wrote ${out} (${code.length} bytes)`);
}

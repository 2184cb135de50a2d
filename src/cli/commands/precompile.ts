/// <reference types="node" />
/** `kustomize-ts precompile -o FILE`: schema validators compiled ahead of time, for pages without `new Function`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allBuiltinKinds, standaloneModule, standaloneTypes } from '../../validate/standalone.js';
import { UsageError, type Io } from '../io.js';

export const precompileHelp = `Usage: kustomize-ts precompile -o FILE [options]

Writes an ES module (and FILE's .d.ts) exporting \`precompiled\`: validators for the built-in schemas
(Kubernetes 1.36 and Flux kinds) compiled ahead of time. Pass it as \`validate(objects, { precompiled })\` or
\`lint(root, { precompiled })\` where a Content-Security-Policy forbids \`new Function\` (browser pages,
webviews). Custom resources validated against CRDs still compile at run time.

Options:
  -o, --output FILE       the module to write (e.g. src/generated/validators.js)
  --strict                reject unknown fields (kubeconform's -strict)
  --kinds LIST            only these apiVersion/kind, comma-separated (e.g. apps/v1/Deployment,v1/Secret)
  --list-kinds            print every built-in apiVersion/kind and exit
  -h, --help              show this help

Exit status: 0 written, 1 an unknown kind, 2 bad usage.`;

export function runPrecompileCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: 'string', short: 'o' },
      strict: { type: 'boolean' },
      kinds: { type: 'string' },
      'list-kinds': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(precompileHelp + '\n');
    return 0;
  }
  if (values['list-kinds']) {
    io.out(allBuiltinKinds().join('\n') + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ''}`);
  if (!values.output) throw new UsageError('precompile needs -o FILE');
  const strict = values.strict === true;
  const kinds = values.kinds
    ? values.kinds
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
    : undefined;
  let code: string;
  try {
    code = standaloneModule({ strict, ...(kinds ? { kinds } : {}) });
  } catch (err) {
    io.err(`error: ${(err as Error).message}\n`);
    return 1;
  }
  const out = resolve(values.output);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  const dts = out.replace(/\.m?js$/, '.d.ts');
  if (dts !== out) writeFileSync(dts, standaloneTypes(strict));
  io.err(
    `wrote ${values.output} (${code.length} bytes, ${kinds?.length ?? allBuiltinKinds().length} kinds, ${strict ? 'strict' : 'plain'})\n`,
  );
  return 0;
}

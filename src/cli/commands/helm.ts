/// <reference types="node" />
/**
 * `kustomize-ts helm template [NAME] CHART`: prints what `helm template` prints. Loaded lazily by main.ts
 * (only this command needs the Helm engine).
 */
import { parseArgs } from 'node:util';
import { helmTemplate, type HelmTemplateOptions } from '../../helm/chart/index.js';
import { schemaCacheLoader } from '../../helm/chart/schema-cache.js';
import { resolve } from '../../fs/path.js';
import { nodeFs, hostPath } from '../../node/node-fs.js';
import { UsageError, type Io } from '../io.js';
import { helmHelp } from './helm-help.js';

/** Parses `template` arguments (Helm's flag names) into the chart path and options. */
export function parseHelmTemplateArgs(
  argv: string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { chart: string; options: HelmTemplateOptions } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      values: { type: 'string', short: 'f', multiple: true },
      set: { type: 'string', multiple: true },
      'set-string': { type: 'string', multiple: true },
      'set-json': { type: 'string', multiple: true },
      'set-file': { type: 'string', multiple: true },
      namespace: { type: 'string', short: 'n' },
      'kube-version': { type: 'string' },
      'api-versions': { type: 'string', short: 'a', multiple: true },
      'include-crds': { type: 'boolean' },
      'skip-tests': { type: 'boolean' },
      'no-hooks': { type: 'boolean' },
      'show-only': { type: 'string', short: 's', multiple: true },
      'is-upgrade': { type: 'boolean' },
      'skip-schema-validation': { type: 'boolean' },
      'schema-cache': { type: 'string' },
      'release-name': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length === 0) throw new UsageError('"helm template" requires at least 1 argument');
  if (positionals.length > 2) {
    throw new UsageError(`expected at most two arguments, unexpected arguments: ${positionals.slice(2).join(', ')}`);
  }
  const csv = (list: string[] | undefined): string[] => (list ?? []).flatMap((s) => s.split(','));
  const chart = (positionals.length === 2 ? positionals[1] : positionals[0]) as string;
  const options: HelmTemplateOptions = {
    cwd,
    releaseName: positionals.length === 2 ? (positionals[0] as string) : 'release-name',
    valueFiles: csv(values.values),
    set: values.set ?? [],
    setString: values['set-string'] ?? [],
    setJson: values['set-json'] ?? [],
    setFile: values['set-file'] ?? [],
    namespace: values.namespace ?? 'default',
    apiVersions: csv(values['api-versions']),
    includeCrds: values['include-crds'] === true,
    skipTests: values['skip-tests'] === true,
    noHooks: values['no-hooks'] === true,
    showOnly: values['show-only'] ?? [],
    isUpgrade: values['is-upgrade'] === true,
    skipSchemaValidation: values['skip-schema-validation'] === true,
  };
  if (values['kube-version'] !== undefined) options.kubeVersion = values['kube-version'];
  const cache = values['schema-cache'] ?? env.HELM_OFFLINE_SCHEMA_CACHE;
  if (cache !== undefined && cache !== '') options.schemaLoader = schemaCacheLoader(nodeFs(), resolve(cwd, cache));
  return { chart, options };
}

export function runHelmCommand(argv: string[], io: Io): number {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || rest.includes('--help') || rest.includes('-h')) {
    io.out(helmHelp + '\n');
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'template') throw new UsageError(`unknown helm command "${sub}" (supported: template)`);
  const { chart, options } = parseHelmTemplateArgs(rest, hostPath('.'));
  const out = helmTemplate(nodeFs(), chart, options);
  if (out.stderr) io.err(out.stderr);
  if (out.error !== undefined) {
    io.err(`Error: ${out.error}\n`);
    return 1;
  }
  io.out(out.stdout);
  return 0;
}

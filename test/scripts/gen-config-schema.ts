/**
 * Writes schemas/config.schema.json, the JSON schema of the configuration file, from src/config/schema.ts
 * (test/config/config.test.ts keeps them equal). Run `npx tsx test/scripts/gen-config-schema.ts`.
 */
/// <reference types="node" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../../src/config/schema.js';
import { repoRoot } from './shared.js';

/** The file's text. */
export function configSchemaJson(): string {
  return JSON.stringify(configSchema(), null, 2) + '\n';
}

if (process.argv[1]?.endsWith('gen-config-schema.ts')) {
  mkdirSync(join(repoRoot, 'schemas'), { recursive: true });
  writeFileSync(join(repoRoot, 'schemas/config.schema.json'), configSchemaJson());
  console.log('wrote schemas/config.schema.json');
}

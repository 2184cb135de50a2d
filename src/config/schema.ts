/**
 * The JSON schema of the configuration file (`kustomize-ts.config.yaml` or `.kustomize-ts.yaml`). It is the
 * one description of the file: the loader validates with it (load.ts), and `schemas/config.schema.json`,
 * which editors use for completion and hover, is written from it (test/scripts/gen-config-schema.ts; a test
 * keeps the two equal).
 */
import { ruleMetas } from '../lint/rules/index.js';

/** The subset of JSON Schema the configuration schema uses (and load.ts interprets). */
export interface ConfigSchemaNode {
  readonly type?: 'object' | 'array' | 'string' | 'boolean';
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly properties?: Readonly<Record<string, ConfigSchemaNode>>;
  readonly additionalProperties?: boolean | ConfigSchemaNode;
  readonly items?: ConfigSchemaNode;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly $ref?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
}

/** The root of the schema. */
export interface ConfigSchema extends ConfigSchemaNode {
  readonly $schema: string;
  readonly $id: string;
  readonly title: string;
  readonly definitions: Readonly<Record<string, ConfigSchemaNode>>;
}

/** Where the schema is published (the `$id`; also raw in the repository and in the npm package). */
export const CONFIG_SCHEMA_URL =
  'https://raw.githubusercontent.com/kustomize-ts/kustomize-ts/main/schemas/config.schema.json';

const stringList = (description: string): ConfigSchemaNode => ({
  type: 'array',
  items: { type: 'string' },
  description,
});

function rulesProperty(): ConfigSchemaNode {
  const properties: Record<string, ConfigSchemaNode> = {};
  for (const m of [...ruleMetas].sort((a, b) => a.id.localeCompare(b.id))) {
    properties[m.id] = {
      $ref: '#/definitions/ruleSetting',
      description: `${m.description} Default: ${m.recommended ? m.defaultSeverity : 'off'}.`,
    };
  }
  return {
    type: 'object',
    description: 'Rule settings by rule id: off, or the severity its findings get (info, warning, error).',
    properties,
    additionalProperties: false,
  };
}

/** The schema, built from the rule registry (every rule id completes in editors). */
export function configSchema(): ConfigSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_URL,
    title: 'kustomize-ts configuration (kustomize-ts.config.yaml, .kustomize-ts.yaml)',
    type: 'object',
    description: 'Settings of kustomize-ts lint and validate. Paths are relative to the folder of this file.',
    properties: {
      rules: rulesProperty(),
      ignore: stringList(
        'Paths to leave out (globs such as "archive/**" or "**/__golden__/**"): their files are not linted or validated and findings in them are dropped.',
      ),
      clusters: stringList('Cluster folders to lint. Default: every cluster found under the root.'),
      sources: {
        type: 'object',
        description:
          'Local folders of Flux sources: NAME, NAMESPACE/NAME or KIND/NAMESPACE/NAME → folder. Default: flux-system is the root.',
        additionalProperties: { type: 'string' },
      },
      kubernetesVersion: {
        type: 'string',
        pattern: '^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$',
        description: 'The Kubernetes version deprecated and removed apiVersions are judged against. Default: 1.36.',
        examples: ['1.33'],
      },
      schemaLocations: stringList(
        'More schemas for custom resources: CRD files or folders of them, folders of JSON schemas named GROUP/KIND_VERSION.json or KIND_VERSION.json (a CRD catalogue checked out locally), or kubeconform-style templates such as "schemas/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json".',
      ),
      strict: {
        type: 'boolean',
        description: 'Report fields the schema does not know (kubeconform -strict). Default: false.',
      },
      skipKinds: stringList('Kinds not validated against schemas: KIND or APIVERSION/KIND (kubeconform -skip).'),
      minSeverity: {
        type: 'string',
        enum: ['info', 'warning', 'error'],
        description: 'Leave findings below this severity out of the report. Default: info (everything).',
      },
      strictSubstitute: {
        type: 'boolean',
        description: 'Undefined ${VAR} in postBuild substitution fail the Kustomization (Flux ≥ 2.9). Default: true.',
      },
    },
    additionalProperties: false,
    definitions: {
      ruleSetting: { type: 'string', enum: ['off', 'info', 'warning', 'error'] },
    },
  };
}

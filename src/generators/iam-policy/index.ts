/**
 * iam-policy: kustomize's builtin IAMPolicyGenerator (only through `generators:`; api/filters/
 * iampolicygenerator). For `cloud: gke` it makes one ServiceAccount annotated with the GCP service
 * account; the object is written as YAML text and parsed, as kustomize does, so values are typed by the
 * YAML rules (a name `0777` becomes the number 511). No hash suffix.
 */
import { BuildError } from '../../diagnostics/error.js';
import { embedding, goString, named, struct, type GoStruct } from '../../kustomization/gotype.js';
import { Resource } from '../../resources/resource.js';
import { goResourceMeta } from '../../resources/go-meta.js';
import { parseYamlStream } from '../../yaml/parse.js';
import { isMap } from '../../yaml/values.js';
import { decodePluginConfig } from '../common.js';
import type { GeneratorPlugin } from '../types.js';

/** The IAMPolicyGenerator config (kustomize's IAMPolicyGeneratorArgs). */
export interface IamPolicyGeneratorConfig {
  /** Cloud provider; only `gke` is supported. */
  cloud?: string;
  /** The Kubernetes service account to create. */
  kubernetesService?: { name?: string; namespace?: string };
  /** The cloud service account it maps to. */
  serviceAccount?: { name?: string; projectId?: string };
}

/** kustomize's IAMPolicyGeneratorPlugin: IAMPolicyGeneratorArgs embedded (its own fields are named). */
const pluginType: GoStruct<IamPolicyGeneratorConfig> = embedding(
  'IAMPolicyGeneratorPlugin',
  {},
  {
    IAMPolicyGeneratorArgs: struct('IAMPolicyGeneratorArgs', {
      cloud: named(goString, 'types.Cloud'),
      kubernetesService: struct('KubernetesService', { name: goString, namespace: goString }),
      serviceAccount: struct('ServiceAccount', { name: goString, projectId: goString }),
    }),
  },
);

export const iamPolicyGenerator: GeneratorPlugin<IamPolicyGeneratorConfig> = {
  kind: 'IAMPolicyGenerator',
  configure: (raw) => decodePluginConfig(raw, pluginType),
  generate(c, kt) {
    if (c.cloud !== 'gke')
      throw new BuildError('generator/failed', `cloud provider ${c.cloud ?? ''} not supported yet`, { file: kt.file });
    let text =
      '\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n' +
      `    iam.gke.io/gcp-service-account: ${c.serviceAccount?.name ?? ''}@${c.serviceAccount?.projectId ?? ''}.iam.gserviceaccount.com\n` +
      `  name: ${c.kubernetesService?.name ?? ''}\n`;
    if (c.kubernetesService?.namespace) text += `\n  namespace: ${c.kubernetesService.namespace}`;
    const stream = parseYamlStream(text, { file: kt.file });
    const err = stream.errors[0];
    if (err) throw new BuildError('generator/failed', `yaml: ${err.message}`, { file: kt.file });
    const doc = stream.documents[0]?.value;
    if (!isMap(doc))
      throw new BuildError('generator/failed', 'IAMPolicyGenerator produced no object', { file: kt.file });
    const meta = doc.metadata;
    const name = isMap(meta) ? meta.name : undefined;
    if (name === undefined || name === null || name === '')
      throw new BuildError('generator/failed', `missing metadata.name in object ${goResourceMeta(doc)}`, {
        file: kt.file,
      });
    const r = new Resource(doc, { file: kt.file }, kt.build.schema.isClusterScoped);
    r.behavior = 'unspecified';
    return [r];
  },
};

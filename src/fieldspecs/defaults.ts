/**
 * kustomize v5.6.0's default field specs (api/internal/konfig/builtinpluginconsts), as data (spec §6.3,
 * §7.2). Order within each table is kustomize's.
 */
import type { FieldSpec, NameBackReferences, TransformerConfig } from './types.js';

const fs = (path: string, create = false, gvk: { group?: string; version?: string; kind?: string } = {}): FieldSpec => ({
  ...gvk,
  path,
  ...(create ? { create: true } : {}),
});

export const namePrefixFieldSpecs: FieldSpec[] = [fs('metadata/name')];
export const nameSuffixFieldSpecs: FieldSpec[] = [fs('metadata/name')];

export const namespaceFieldSpecs: FieldSpec[] = [
  fs('metadata/name', true, { kind: 'Namespace' }),
  fs('spec/service/namespace', true, { group: 'apiregistration.k8s.io', kind: 'APIService' }),
  fs('spec/conversion/webhook/clientConfig/service/namespace', false, {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
  }),
];

const affinityPaths = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** Label selectors only (the part of commonLabels that is not a template/metadata label). */
export const selectorLabelFieldSpecs: FieldSpec[] = [
  fs('spec/selector', true, { version: 'v1', kind: 'Service' }),
  fs('spec/selector', true, { version: 'v1', kind: 'ReplicationController' }),
  fs('spec/selector/matchLabels', true, { kind: 'Deployment' }),
  ...affinityPaths.map((p) => fs(p, false, { group: 'apps', kind: 'Deployment' })),
  fs('spec/selector/matchLabels', true, { kind: 'ReplicaSet' }),
  fs('spec/selector/matchLabels', true, { kind: 'DaemonSet' }),
  fs('spec/selector/matchLabels', true, { group: 'apps', kind: 'StatefulSet' }),
  ...affinityPaths.map((p) => fs(p, false, { group: 'apps', kind: 'StatefulSet' })),
  fs('spec/selector/matchLabels', false, { group: 'batch', kind: 'Job' }),
  fs('spec/jobTemplate/spec/selector/matchLabels', false, { group: 'batch', kind: 'CronJob' }),
  fs('spec/selector/matchLabels', false, { group: 'policy', kind: 'PodDisruptionBudget' }),
  fs('spec/podSelector/matchLabels', false, { group: 'networking.k8s.io', kind: 'NetworkPolicy' }),
  fs('spec/ingress/from/podSelector/matchLabels', false, { group: 'networking.k8s.io', kind: 'NetworkPolicy' }),
  fs('spec/egress/to/podSelector/matchLabels', false, { group: 'networking.k8s.io', kind: 'NetworkPolicy' }),
];

/**
 * Metadata and pod-template labels (kustomize's metadataLabelsFieldSpecs): the `templateLabels` table,
 * also the second half of `commonLabels`.
 */
export const templateLabelFieldSpecs: FieldSpec[] = [
  fs('metadata/labels', true),
  fs('spec/template/metadata/labels', true, { version: 'v1', kind: 'ReplicationController' }),
  fs('spec/template/metadata/labels', true, { kind: 'Deployment' }),
  fs('spec/template/metadata/labels', true, { kind: 'ReplicaSet' }),
  fs('spec/template/metadata/labels', true, { kind: 'DaemonSet' }),
  fs('spec/template/metadata/labels', true, { group: 'apps', kind: 'StatefulSet' }),
  fs('spec/volumeClaimTemplates[]/metadata/labels', true, { group: 'apps', kind: 'StatefulSet' }),
  fs('spec/template/metadata/labels', true, { group: 'batch', kind: 'Job' }),
  fs('spec/jobTemplate/metadata/labels', true, { group: 'batch', kind: 'CronJob' }),
  fs('spec/jobTemplate/spec/template/metadata/labels', true, { group: 'batch', kind: 'CronJob' }),
];

export const metadataLabelsFieldSpec: FieldSpec = fs('metadata/labels', true);

/** commonLabels = selectors, then metadata and template labels (kustomize's commonlabels.go order). */
export const commonLabelsFieldSpecs: FieldSpec[] = [...selectorLabelFieldSpecs, ...templateLabelFieldSpecs];

export const commonAnnotationsFieldSpecs: FieldSpec[] = [
  fs('metadata/annotations', true),
  fs('spec/template/metadata/annotations', true, { version: 'v1', kind: 'ReplicationController' }),
  fs('spec/template/metadata/annotations', true, { kind: 'Deployment' }),
  fs('spec/template/metadata/annotations', true, { kind: 'ReplicaSet' }),
  fs('spec/template/metadata/annotations', true, { kind: 'DaemonSet' }),
  fs('spec/template/metadata/annotations', true, { group: 'apps', kind: 'StatefulSet' }),
  fs('spec/template/metadata/annotations', true, { group: 'batch', kind: 'Job' }),
  fs('spec/jobTemplate/metadata/annotations', true, { group: 'batch', kind: 'CronJob' }),
  fs('spec/jobTemplate/spec/template/metadata/annotations', true, { group: 'batch', kind: 'CronJob' }),
];

export const imagesFieldSpecs: FieldSpec[] = [
  fs('spec/containers[]/image', true),
  fs('spec/initContainers[]/image', true),
  fs('spec/template/spec/containers[]/image', true),
  fs('spec/template/spec/initContainers[]/image', true),
];

export const replicasFieldSpecs: FieldSpec[] = [
  fs('spec/replicas', true, { kind: 'Deployment' }),
  fs('spec/replicas', true, { kind: 'ReplicationController' }),
  fs('spec/replicas', true, { kind: 'ReplicaSet' }),
  fs('spec/replicas', true, { kind: 'StatefulSet' }),
];

// ------------------------------------------------------------------------------------------------
// varReference

const podSpecVarPaths = (prefix: string): string[] =>
  ['containers', 'initContainers'].flatMap((c) =>
    ['args', 'command', 'env/value', 'volumeMounts/mountPath'].map((p) => `${prefix}${c}/${p}`),
  );

export const varReferenceFieldSpecs: FieldSpec[] = [
  ...['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job'].flatMap((kind) => [
    ...podSpecVarPaths('spec/template/spec/').map((p) => fs(p, false, { kind })),
    fs('spec/template/spec/volumes/nfs/server', false, { kind }),
  ]),
  fs('spec/template/metadata/annotations', false, { kind: 'Deployment' }),
  ...podSpecVarPaths('spec/jobTemplate/spec/template/spec/').map((p) => fs(p, false, { kind: 'CronJob' })),
  fs('spec/jobTemplate/spec/template/volumes/nfs/server', false, { kind: 'CronJob' }),
  ...podSpecVarPaths('spec/').map((p) => fs(p, false, { kind: 'Pod' })),
  fs('spec/volumes/nfs/server', false, { kind: 'Pod' }),
  fs('spec/rules/host', false, { kind: 'Ingress' }),
  fs('spec/tls/hosts', false, { kind: 'Ingress' }),
  fs('spec/tls/secretName', false, { kind: 'Ingress' }),
  fs('spec/ports/port', false, { kind: 'Service' }),
  fs('spec/ports/targetPort', false, { kind: 'Service' }),
  fs('spec/volumeClaimTemplates/spec/nfs/server', false, { kind: 'StatefulSet' }),
  fs('spec/nfs/server', false, { kind: 'PersistentVolume' }),
  fs('metadata/labels'),
  fs('metadata/annotations'),
];

// ------------------------------------------------------------------------------------------------
// nameReference (spec §6.3)

const podSpecConfigMapPaths = [
  'volumes/configMap/name',
  'volumes/projected/sources/configMap/name',
  'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name',
];
const podSpecSecretPaths = [
  'volumes/secret/secretName',
  'volumes/projected/sources/secret/name',
  'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
];

/** Pod-spec owners and where their pod spec is. */
const podSpecOwners: { kind: string; version?: string; group?: string; prefix: string }[] = [
  { kind: 'Pod', version: 'v1', prefix: 'spec/' },
  { kind: 'PodTemplate', version: 'v1', prefix: 'template/spec/' },
  { kind: 'Deployment', prefix: 'spec/template/spec/' },
  { kind: 'ReplicaSet', prefix: 'spec/template/spec/' },
  { kind: 'DaemonSet', prefix: 'spec/template/spec/' },
  { kind: 'StatefulSet', prefix: 'spec/template/spec/' },
  { kind: 'Job', prefix: 'spec/template/spec/' },
  { kind: 'CronJob', prefix: 'spec/jobTemplate/spec/template/spec/' },
];

const podSpecRefs = (paths: string[]): FieldSpec[] =>
  podSpecOwners.flatMap((o) =>
    paths.map((p) =>
      fs(o.prefix + p, false, { kind: o.kind, ...(o.version ? { version: o.version } : {}), ...(o.group ? { group: o.group } : {}) }),
    ),
  );

const workloads = ['StatefulSet', 'Deployment', 'ReplicationController', 'Job', 'DaemonSet'];

export const nameReferenceFieldSpecs: NameBackReferences[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    kind,
    fieldSpecs: [fs('spec/scaleTargetRef/name', false, { kind: 'HorizontalPodAutoscaler' })],
  })),
  {
    kind: 'ConfigMap',
    version: 'v1',
    fieldSpecs: [
      ...podSpecRefs(podSpecConfigMapPaths),
      fs('spec/configSource/configMap', false, { kind: 'Node' }),
      fs('rules/resourceNames', false, { kind: 'Role' }),
      fs('rules/resourceNames', false, { kind: 'ClusterRole' }),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', false, { kind: 'Ingress' }),
    ],
  },
  {
    kind: 'Secret',
    version: 'v1',
    fieldSpecs: [
      ...podSpecRefs(podSpecSecretPaths),
      fs('spec/tls/secretName', false, { kind: 'Ingress' }),
      fs('metadata/annotations/ingress.kubernetes.io\\/auth-secret', false, { kind: 'Ingress' }),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', false, { kind: 'Ingress' }),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', false, { kind: 'Ingress' }),
      fs('imagePullSecrets/name', false, { kind: 'ServiceAccount' }),
      fs('parameters/secretName', false, { kind: 'StorageClass' }),
      fs('parameters/adminSecretName', false, { kind: 'StorageClass' }),
      fs('parameters/userSecretName', false, { kind: 'StorageClass' }),
      fs('parameters/secretRef', false, { kind: 'StorageClass' }),
      fs('rules/resourceNames', false, { kind: 'Role' }),
      fs('rules/resourceNames', false, { kind: 'ClusterRole' }),
      fs('spec/template/spec/containers/env/valueFrom/secretKeyRef/name', false, {
        group: 'serving.knative.dev',
        version: 'v1',
        kind: 'Service',
      }),
      fs('spec/azureFile/secretName', false, { kind: 'PersistentVolume' }),
    ],
  },
  {
    kind: 'Service',
    version: 'v1',
    fieldSpecs: [
      fs('spec/serviceName', false, { group: 'apps', kind: 'StatefulSet' }),
      fs('spec/rules/http/paths/backend/serviceName', false, { kind: 'Ingress' }),
      fs('spec/backend/serviceName', false, { kind: 'Ingress' }),
      fs('spec/rules/http/paths/backend/service/name', false, { kind: 'Ingress' }),
      fs('spec/defaultBackend/service/name', false, { kind: 'Ingress' }),
      fs('spec/service/name', false, { group: 'apiregistration.k8s.io', kind: 'APIService' }),
      fs('webhooks/clientConfig/service', false, { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' }),
      fs('webhooks/clientConfig/service', false, { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' }),
    ],
  },
  {
    kind: 'Role',
    group: 'rbac.authorization.k8s.io',
    fieldSpecs: [fs('roleRef/name', false, { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' })],
  },
  {
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    fieldSpecs: [
      fs('roleRef/name', false, { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' }),
      fs('roleRef/name', false, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }),
    ],
  },
  {
    kind: 'ServiceAccount',
    version: 'v1',
    fieldSpecs: [
      fs('subjects', false, { group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' }),
      fs('subjects', false, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }),
      fs('spec/serviceAccountName', false, { kind: 'Pod' }),
      ...workloads.map((kind) => fs('spec/template/spec/serviceAccountName', false, { kind })),
      fs('spec/jobTemplate/spec/template/spec/serviceAccountName', false, { kind: 'CronJob' }),
    ],
  },
  {
    kind: 'PersistentVolumeClaim',
    version: 'v1',
    fieldSpecs: [
      fs('spec/volumes/persistentVolumeClaim/claimName', false, { kind: 'Pod' }),
      ...workloads.map((kind) => fs('spec/template/spec/volumes/persistentVolumeClaim/claimName', false, { kind })),
      fs('spec/jobTemplate/spec/template/spec/volumes/persistentVolumeClaim/claimName', false, { kind: 'CronJob' }),
    ],
  },
  {
    kind: 'PersistentVolume',
    version: 'v1',
    fieldSpecs: [
      fs('spec/volumeName', false, { kind: 'PersistentVolumeClaim' }),
      fs('rules/resourceNames', false, { kind: 'ClusterRole' }),
    ],
  },
  {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    version: 'v1',
    fieldSpecs: [
      fs('spec/storageClassName', false, { kind: 'PersistentVolume' }),
      fs('spec/storageClassName', false, { kind: 'PersistentVolumeClaim' }),
      fs('spec/volumeClaimTemplates/spec/storageClassName', false, { kind: 'StatefulSet' }),
    ],
  },
  {
    kind: 'PriorityClass',
    group: 'scheduling.k8s.io',
    version: 'v1',
    fieldSpecs: [
      fs('spec/priorityClassName', false, { kind: 'Pod' }),
      ...workloads.map((kind) => fs('spec/template/spec/priorityClassName', false, { kind })),
      fs('spec/jobTemplate/spec/template/spec/priorityClassName', false, { kind: 'CronJob' }),
    ],
  },
  {
    // kustomize's default config spells the group with its version (sic): it never matches (spec §6.2).
    kind: 'IngressClass',
    group: 'networking.k8s.io/v1',
    version: 'v1',
    fieldSpecs: [fs('spec/ingressClassName', false, { kind: 'Ingress' })],
  },
  {
    kind: 'ValidatingAdmissionPolicy',
    group: 'admissionregistration.k8s.io',
    fieldSpecs: [fs('spec/policyName', false, { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicyBinding' })],
  },
];

/** A fresh copy of the default tables. */
export function defaultTransformerConfig(): TransformerConfig {
  return {
    namePrefix: namePrefixFieldSpecs.slice(),
    nameSuffix: nameSuffixFieldSpecs.slice(),
    nameSpace: namespaceFieldSpecs.slice(),
    commonLabels: commonLabelsFieldSpecs.slice(),
    templateLabels: templateLabelFieldSpecs.slice(),
    labels: [],
    commonAnnotations: commonAnnotationsFieldSpecs.slice(),
    nameReference: nameReferenceFieldSpecs.map((n) => ({ ...n, fieldSpecs: n.fieldSpecs.slice() })),
    varReference: varReferenceFieldSpecs.slice(),
    images: imagesFieldSpecs.slice(),
    replicas: replicasFieldSpecs.slice(),
  };
}

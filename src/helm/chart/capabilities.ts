/**
 * `.Capabilities` as `helm template` builds it (client-only): Helm's default Kubernetes version (v1.36.0
 * for Helm v3.21, built against client-go v0.36), the API group versions client-go registers (plus any
 * `--api-versions`), and Helm's version. `parseKubeVersion` reads `--kube-version` as
 * k8s.io/apimachinery's ParseGeneric does.
 */
import { GO_TYPE, GoStruct, goFunc, type GoSlice, type GoStructType } from '../template/index.js';

/** A Kubernetes version as Helm's chartutil.KubeVersion holds it. */
export interface KubeVersion {
  /** `v1.36.0` */
  version: string;
  major: string;
  minor: string;
}

/** The Helm version `helm template` reports (Helm v3.21.4: the corpus's reference). */
export const HELM_VERSION = 'v3.21.4';

/** `helm template`'s default Kubernetes version (chartutil.DefaultCapabilities for Helm v3.21). */
export const DEFAULT_KUBE_VERSION: KubeVersion = { version: 'v1.36.0', major: '1', minor: '36' };

/** The group versions of client-go v0.36's scheme and apiextensions (chartutil.DefaultVersionSet). */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1alpha1',
  'certificates.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1alpha1',
  'rbac.authorization.k8s.io/v1beta1',
  'resource.k8s.io/v1',
  'resource.k8s.io/v1alpha3',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1beta2',
  'scheduling.k8s.io/v1',
  'scheduling.k8s.io/v1alpha2',
  'scheduling.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storage.k8s.io/v1beta1',
  'storagemigration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
  'apiextensions.k8s.io/v1beta1',
];

/**
 * Helm's ParseKubeVersion (apimachinery's ParseGeneric): `v` optional, at least major.minor, extra text
 * after the numbers ignored. Throws with apimachinery's message.
 */
export function parseKubeVersion(text: string): KubeVersion {
  const m = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/s.exec(text);
  if (!m) throw new Error(`could not parse "${text}" as version`);
  const parts = (m[1] as string).split('.');
  if (parts.length < 2) throw new Error(`illegal version string "${text}"`);
  const nums = parts.map((p) => BigInt(p));
  if (nums.some((n) => n >= 2n ** 64n)) throw new Error(`illegal version string "${text}"`);
  return { version: 'v' + nums.join('.'), major: String(nums[0]), minor: String(nums[1]) };
}

const KUBE_VERSION_TYPE: GoStructType = {
  name: 'chartutil.KubeVersion',
  fields: [
    { name: 'Version', type: 'string' },
    { name: 'Major', type: 'string' },
    { name: 'Minor', type: 'string' },
  ],
  methods: {
    String: { signature: 'func() string', fn: (self) => self.fields.Version ?? '' },
    GitVersion: { signature: 'func() string', fn: (self) => self.fields.Version ?? '' },
  },
};

const BUILD_INFO_TYPE: GoStructType = {
  name: 'version.BuildInfo',
  fields: [
    { name: 'Version', type: 'string', json: 'version', omitEmpty: true },
    { name: 'GitCommit', type: 'string', json: 'git_commit', omitEmpty: true },
    { name: 'GitTreeState', type: 'string', json: 'git_tree_state', omitEmpty: true },
    { name: 'GoVersion', type: 'string', json: 'go_version', omitEmpty: true },
  ],
};

const CAPABILITIES_TYPE: GoStructType = {
  name: '*chartutil.Capabilities',
  pointer: true,
  fields: [
    { name: 'KubeVersion', type: 'chartutil.KubeVersion' },
    { name: 'APIVersions', type: 'chartutil.VersionSet' },
    { name: 'HelmVersion', type: 'version.BuildInfo' },
  ],
};

/** The `.Capabilities` value of a render. */
export function capabilitiesValue(kube: KubeVersion, apiVersions: readonly string[]): GoStruct {
  const set = [...apiVersions];
  const versions: GoSlice = [...set];
  versions[GO_TYPE] = {
    name: 'chartutil.VersionSet',
    elem: 'string',
    underlying: '[]string',
    methods: { Has: goFunc('func(string) bool', (v: string) => set.includes(v)) },
  };
  return new GoStruct(CAPABILITIES_TYPE, {
    KubeVersion: new GoStruct(KUBE_VERSION_TYPE, { Version: kube.version, Major: kube.major, Minor: kube.minor }),
    APIVersions: versions,
    HelmVersion: new GoStruct(BUILD_INFO_TYPE, {
      Version: HELM_VERSION,
      GitCommit: '',
      GitTreeState: '',
      GoVersion: '',
    }),
  });
}

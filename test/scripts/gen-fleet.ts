/**
 * Writes a synthetic Flux repository with N app Kustomizations, for benchmarks (not a test fixture):
 *
 *   npx tsx test/scripts/gen-fleet.ts N OUTDIR
 *
 * Layout (deterministic for a given N):
 * - `clusters/fleet/`: the bootstrap (GitRepository + Kustomization `flux-system`), the infrastructure
 *   Kustomizations (`crds`: CustomResourceDefinitions; `cluster-config`: the `cluster-vars` ConfigMap that every
 *   app reads through `substituteFrom`) and one Kustomization per group of 100 apps (`group-NNN`).
 * - `fleet/group-NNN/`: the Flux Kustomizations of 100 apps: `path` to their own overlay, `targetNamespace`,
 *   `dependsOn` chains of 5 (plus `crds`), `postBuild.substitute` + `substituteFrom`, and on some of them
 *   Flux `patches`, `components` and `namePrefix`.
 * - `apps/app-NNNNN/`: a kustomization over one of 16 shared bases, with a strategic-merge patch, a JSON 6902
 *   patch, a ConfigMap generator, labels and a shared component (one in three).
 * - `bases/web-K/`: Deployment, Service, ServiceAccount, a custom resource of the CRD; `components/`: two
 *   components (monitoring, ingress) shared by many apps; `infrastructure/`: the CRDs and the ConfigMap.
 *
 * The same content is what `gen-fleet.ts` wrote before when `OUTDIR/.gen-fleet` holds the same stamp, so a
 * benchmark can call {@link generateFleet} every run and pay only once.
 */
/// <reference types="node" />
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generated content changes (old copies are regenerated). */
const VERSION = 5;
const GROUP = 100;
const CHAIN = 5;
const BASES = 16;
const TEAMS = 25;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const appName = (i: number): string => `app-${pad(i, 5)}`;
const groupName = (g: number): string => `group-${pad(g, 3)}`;

function kustomization(body: string): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${body}`;
}

function fluxKustomization(name: string, path: string, spec: string): string {
  return `---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 30m
  path: ${path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${spec}`;
}

function bootstrapFiles(groups: number): Record<string, string> {
  const groupKs = Array.from({ length: groups }, (_, g) =>
    fluxKustomization(groupName(g), `./fleet/${groupName(g)}`, '  dependsOn:\n    - name: cluster-config\n'),
  ).join('');
  return {
    'clusters/fleet/flux-system/gotk-sync.yaml': `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  ref:
    branch: main
  url: https://example.com/fleet.git
${fluxKustomization('flux-system', './clusters/fleet', '')}`,
    'clusters/fleet/flux-system/kustomization.yaml': kustomization('resources:\n  - gotk-sync.yaml\n'),
    'clusters/fleet/infrastructure.yaml':
      fluxKustomization('crds', './infrastructure/crds', '  wait: true\n') +
      fluxKustomization('cluster-config', './infrastructure/config', '  wait: true\n  dependsOn:\n    - name: crds\n'),
    'clusters/fleet/groups.yaml': groupKs,
    'clusters/fleet/kustomization.yaml': kustomization(
      'resources:\n  - flux-system\n  - infrastructure.yaml\n  - groups.yaml\n',
    ),
  };
}

function crdFile(kind: string, plural: string): string {
  const props = Array.from(
    { length: 40 },
    (_, i) => `                field${pad(i, 2)}:
                  description: Setting ${i} of the ${kind}; the controller reads it at every reconcile.
                  type: ${i % 3 === 0 ? 'integer' : 'string'}
`,
  ).join('');
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.example.com
spec:
  group: example.com
  names:
    kind: ${kind}
    listKind: ${kind}List
    plural: ${plural}
    singular: ${kind.toLowerCase()}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                image:
                  type: string
${props}`;
}

function infrastructureFiles(): Record<string, string> {
  return {
    'infrastructure/crds/widgets.yaml': crdFile('Widget', 'widgets'),
    'infrastructure/crds/gadgets.yaml': crdFile('Gadget', 'gadgets'),
    'infrastructure/crds/kustomization.yaml': kustomization('resources:\n  - widgets.yaml\n  - gadgets.yaml\n'),
    'infrastructure/config/cluster-vars.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: cluster-vars
  namespace: flux-system
data:
  CLUSTER: fleet
  DOMAIN: fleet.example.com
  REGISTRY: registry.example.com
`,
    'infrastructure/config/kustomization.yaml': kustomization('resources:\n  - cluster-vars.yaml\n'),
  };
}

function baseFiles(k: number): Record<string, string> {
  const dir = `bases/web-${k}`;
  return {
    [`${dir}/kustomization.yaml`]: kustomization(
      'resources:\n  - deployment.yaml\n  - service.yaml\n  - serviceaccount.yaml\n  - widget.yaml\n',
    ),
    [`${dir}/deployment.yaml`]: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${k}
  labels:
    app.kubernetes.io/name: web-${k}
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: web-${k}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web-${k}
    spec:
      serviceAccountName: web-${k}
      containers:
        - name: web-${k}
          image: \${REGISTRY}/web-${k}:1.${k}.0
          args: [--listen=:${8000 + k}, --workers=${2 + k}]
          ports:
            - name: http-${k}
              containerPort: ${8000 + k}
          env:
            - name: CLUSTER_${k}
              value: \${CLUSTER}
          envFrom:
            - configMapRef:
                name: app-config
          resources:
            requests:
              cpu: ${10 + k}m
              memory: ${64 + k}Mi
          readinessProbe:
            httpGet:
              path: /healthz/${k}
              port: http-${k}
`,
    [`${dir}/service.yaml`]: `apiVersion: v1
kind: Service
metadata:
  name: web-${k}
spec:
  selector:
    app.kubernetes.io/name: web-${k}
  ports:
    - name: http-${k}
      port: ${80 + k}
      targetPort: http-${k}
`,
    [`${dir}/serviceaccount.yaml`]: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web-${k}
`,
    [`${dir}/widget.yaml`]: `apiVersion: example.com/v1
kind: Widget
metadata:
  name: web-${k}
spec:
  image: \${REGISTRY}/widget:${k}
  field01: base-${k}
`,
  };
}

function componentFiles(): Record<string, string> {
  return {
    'components/monitoring/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
  - servicemonitor.yaml
patches:
  - target:
      kind: Deployment
    patch: |
      - op: add
        path: /spec/template/metadata/annotations
        value:
          prometheus.io/scrape: "true"
`,
    'components/monitoring/servicemonitor.yaml': `apiVersion: example.com/v1
kind: Gadget
metadata:
  name: web-metrics
spec:
  field00: 15
`,
    'components/ingress/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources:
  - ingress.yaml
`,
    'components/ingress/ingress.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - host: \${APP}.\${DOMAIN}
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: \${SERVICE}
                port:
                  name: \${SERVICE_PORT}
`,
  };
}

function appFiles(i: number): Record<string, string> {
  const name = appName(i);
  const dir = `apps/${name}`;
  const k = i % BASES;
  const components = i % 3 === 0 ? 'components:\n  - ../../components/monitoring\n' : '';
  return {
    [`${dir}/kustomization.yaml`]: kustomization(`resources:
  - ../../bases/web-${k}
${components}labels:
  - pairs:
      app.kubernetes.io/instance: ${name}
    includeSelectors: false
configMapGenerator:
  - name: app-config
    literals:
      - APP_NAME=${name}
      - LOG_LEVEL=${i % 2 === 0 ? 'info' : 'debug'}
patches:
  - path: deployment-patch.yaml
  - target:
      kind: Service
      name: web-${k}
    patch: |
      - op: add
        path: /metadata/annotations
        value:
          example.com/owner: team-${i % TEAMS}
`),
    [`${dir}/deployment-patch.yaml`]: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${k}
spec:
  replicas: \${REPLICAS:=1}
  template:
    spec:
      containers:
        - name: web-${k}
          resources:
            limits:
              memory: ${128 + (i % 4) * 64}Mi
`,
  };
}

function appKustomization(i: number): string {
  const name = appName(i);
  const deps = ['crds', ...(i % CHAIN !== 0 ? [appName(i - 1)] : [])];
  let spec = `  targetNamespace: ${name}
  wait: true
  dependsOn:
${deps.map((d) => `    - name: ${d}\n`).join('')}  postBuild:
    substitute:
      APP: ${name}
      SERVICE: ${i % 4 === 1 ? `${name}-` : ''}web-${i % BASES}
      SERVICE_PORT: http-${i % BASES}
      REPLICAS: "${1 + (i % 3)}"
    substituteFrom:
      - kind: ConfigMap
        name: cluster-vars
`;
  if (i % 4 === 1) spec += `  namePrefix: ${name}-\n`;
  if (i % 5 === 2) spec += '  components:\n    - ../../components/ingress\n';
  if (i % 2 === 0)
    spec += `  patches:
    - target:
        kind: Deployment
      patch: |
        - op: add
          path: /metadata/annotations
          value:
            fleet.example.com/app: ${name}
`;
  return fluxKustomization(name, `./apps/${name}`, spec);
}

function groupFiles(g: number, n: number): Record<string, string> {
  const first = g * GROUP;
  const last = Math.min(n, first + GROUP);
  const docs: string[] = [];
  for (let i = first; i < last; i++) docs.push(appKustomization(i));
  return {
    [`fleet/${groupName(g)}/kustomization.yaml`]: kustomization('resources:\n  - apps.yaml\n'),
    [`fleet/${groupName(g)}/apps.yaml`]: docs.join(''),
  };
}

/** Every file of the fleet with `n` apps, by path relative to the root. */
export function fleetFiles(n: number): Record<string, string> {
  const groups = Math.ceil(n / GROUP);
  const files: Record<string, string> = { ...bootstrapFiles(groups), ...infrastructureFiles(), ...componentFiles() };
  for (let k = 0; k < BASES; k++) Object.assign(files, baseFiles(k));
  for (let g = 0; g < groups; g++) Object.assign(files, groupFiles(g, n));
  for (let i = 0; i < n; i++) Object.assign(files, appFiles(i));
  return files;
}

/** The number of Flux Kustomizations a fleet of `n` apps renders (apps, groups, infrastructure, bootstrap). */
export function fleetKustomizationCount(n: number): number {
  return n + Math.ceil(n / GROUP) + 3;
}

/** Writes the fleet of `n` apps to `dir` (unless it is already there), and returns `dir`. */
export function generateFleet(n: number, dir: string): string {
  const stamp = join(dir, '.gen-fleet');
  const want = `${VERSION} ${n}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return dir;
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(fleetFiles(n))) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  writeFileSync(stamp, want);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2]);
  const out = process.argv[3];
  if (!Number.isInteger(n) || n <= 0 || out === undefined) {
    console.error('usage: tsx test/scripts/gen-fleet.ts N OUTDIR');
    process.exit(2);
  }
  generateFleet(n, out);
  console.log(`${out}: ${fleetKustomizationCount(n)} Flux Kustomizations (${n} apps)`);
}

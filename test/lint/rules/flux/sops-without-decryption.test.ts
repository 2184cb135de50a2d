import { bootstrap, fluxKs } from '../../helpers.js';
import { ruleCases } from '../../rule-cases.js';

const secret = {
  'apps/kustomization.yaml': 'resources:\n  - secret.yaml\n',
  'apps/secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: creds
  namespace: default
stringData:
  password: ENC[AES256_GCM,data:abc=,iv:x=,tag:y=,type:str]
sops:
  mac: ENC[AES256_GCM,data:m=,iv:x=,tag:y=,type:str]
  version: 3.9.0
`,
};

ruleCases('flux/sops-without-decryption', [
  {
    name: 'an encrypted Secret without spec.decryption (reported on sops)',
    files: { ...bootstrap(), ...secret, 'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n') },
    expected: ['apps/secret.yaml:8:1'],
  },
  {
    name: 'with spec.decryption',
    files: {
      ...bootstrap(),
      ...secret,
      'clusters/c1/apps.yaml': fluxKs('apps', '  path: ./apps\n  prune: true\n  decryption:\n    provider: sops\n'),
    },
    expected: [],
  },
]);

/**
 * Resource accumulation (spec §2.2, §2.4, §2.6, §3.1, §3.3) against the reference kustomize: reading
 * resource files (empty documents, List flattening and its order), diamonds, the load restrictor and
 * symlinks, `bases`, ID conflicts. One test per case folder in accumulation-cases/ (expected outputs by
 * test/scripts/gen-expected.ts).
 */
import { fileURLToPath } from 'node:url';
import { runReferenceCases } from '../helpers/reference-cases.js';

runReferenceCases(
  'resource accumulation (reference cases)',
  fileURLToPath(new URL('./accumulation-cases', import.meta.url)),
);

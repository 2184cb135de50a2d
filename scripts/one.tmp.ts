import * as fsm from 'node:fs'; import * as cp from 'node:child_process';
import { loadReferenceCases, buildReferenceCase } from '/work/wt/vars-meta/test/helpers/reference-cases.js';
const [dir, name] = process.argv.slice(2);
for (const c of loadReferenceCases(dir!)) {
  if (name && c.name !== name) continue;
  const g = buildReferenceCase(c);
  if (c.expected !== undefined && g.yaml === c.expected) continue;
  if (c.expectedError !== undefined && g.error === c.expectedError) continue;
  console.log('=== ' + c.name);
  if (c.expected === undefined) { console.log('exp err:', c.expectedError, '\ngot err:', g.error); continue; }
  if (g.error) { console.log('got err:', g.error); continue; }

  fsm.writeFileSync('/tmp/exp.yaml', c.expected); fsm.writeFileSync('/tmp/got.yaml', g.yaml);
  console.log(cp.spawnSync('diff', ['/tmp/exp.yaml', '/tmp/got.yaml'], {encoding: 'utf8'}).stdout.split('\n').slice(0, 30).join('\n'));
}

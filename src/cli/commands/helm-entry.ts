/**
 * `kustomize-ts helm ...`: its help without loading the Helm engine, else `helm template` through the engine
 * (loaded only when a chart is rendered).
 */
import type { Io } from '../io.js';
import { ExitCode } from '../exit-codes.js';
import { helmHelp } from './helm-help.js';

export async function runHelmEntry(rest: string[], io: Io): Promise<number> {
  if (rest.length === 0 || rest.includes('--help') || rest.includes('-h')) {
    io.out(helmHelp + '\n');
    return rest.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  const { runHelmCommand } = await import('./helm.js');
  return runHelmCommand(rest, io);
}

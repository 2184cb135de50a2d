/** Reading the examples of a lint rule's doc page (see test/meta/lint-rule-docs.test.ts). */
import { bootstrap } from './helpers.js';

/** The files and expected text lines of one section of a rule page. */
export function docExample(
  doc: string,
  heading: string,
): { files: Record<string, string>; text: string[] | undefined } {
  const start = doc.indexOf(`${heading}\n`);
  const files: Record<string, string> = {};
  if (start < 0) return { files, text: undefined };
  const rest = doc.slice(start + heading.length + 1);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  let text: string[] | undefined;
  for (const m of section.matchAll(/^```(\w+)(?: +(\S+))?\n([\s\S]*?)^```$/gm)) {
    const [, lang, path, body] = m as unknown as [string, string, string | undefined, string];
    if (lang === 'yaml' && path) files[path] = body;
    if (lang === 'text') text = body.trimEnd() === '' ? [] : body.trimEnd().split('\n');
  }
  if (
    Object.keys(files).some((p) => p.startsWith('clusters/my-cluster/')) &&
    !Object.keys(files).some((p) => p.startsWith('clusters/my-cluster/flux-system/'))
  ) {
    Object.assign(files, bootstrap('my-cluster'));
  }
  return { files, text };
}

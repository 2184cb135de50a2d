/**
 * kyaml's path splitting (utils.PathSplitter, utils.SmarterPathSplitter), shared by field-spec paths
 * (`spec/template/metadata/labels`, split on `/`), ValueAdd target paths (`/`), and replacement and var
 * field paths (`spec.containers.[name=app].image`, split on `.`).
 */

/** kyaml's PathSplitter: split on `delim`, a trailing `\` escapes the delimiter; a leading empty part is dropped. */
export function pathSplitter(path: string, delim: string): string[] {
  let ps = path.split(delim);
  if (ps.length > 1 && ps[0] === '') ps = ps.slice(1);
  const res: string[] = [ps[0] as string];
  for (let i = 1; i < ps.length; i++) {
    const last = res.length - 1;
    const prev = res[last] as string;
    if (prev.endsWith('\\')) res[last] = prev.slice(0, -1) + delim + (ps[i] as string);
    else res.push(ps[i] as string);
  }
  return res;
}

/** Go's strings.Trim(s, "[]"). */
function trimBrackets(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === '[' || s[a] === ']')) a++;
  while (b > a && (s[b - 1] === '[' || s[b - 1] === ']')) b--;
  return s.slice(a, b);
}

/**
 * kyaml's SmarterPathSplitter: like {@link pathSplitter}, but a `[...]` group spanning delimiters is one
 * part (kept whole when it is a `[k=v]` selector, else without its brackets: `[a.b]` → `a.b`).
 */
export function smarterPathSplitter(path: string, delim = '.'): string[] {
  const split = pathSplitter(path, delim);
  const out: string[] = [];
  for (let i = 0; i < split.length; i++) {
    const elem = split[i] as string;
    if (elem.startsWith('[') && !elem.endsWith(']')) {
      const bracketed = [elem];
      while (i < split.length - 1) {
        i++;
        bracketed.push(split[i] as string);
        if ((split[i] as string).endsWith(']')) break;
      }
      const joined = bracketed.join(delim);
      out.push(joined.includes('=') ? joined : trimBrackets(joined));
    } else out.push(elem);
  }
  return out;
}

#!/usr/bin/env bash
# The independent check of the conformance corpus through the CLI (one process per case, as a user runs it):
# for each case, `kustomize-ts build` with the case's flags, compared byte for byte with the reference's
# stdout, or expected to fail when the reference failed. Prints failing cases, then "N passed, M failed".
#   npm run build && test/scripts/conformance-cli.sh [CORPUS_DIR [VERSION]]
# VERSION is passed as --kustomize-version; default: 5.8 for conformance-v5.8 (the default corpus), 5.6 otherwise.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus="${1:-$here/../shared/conformance-v5.8}"
case "$(basename "$corpus")" in conformance-v5.8) version="${2:-5.8}" ;; *) version="${2:-5.6}" ;; esac
cli="$here/dist/cli.cjs"
[ -f "$cli" ] || { echo "build first: npm run build" >&2; exit 2; }
pass=0; fail=0
while IFS= read -r casejson; do
  dir="$(dirname "$casejson")"
  run="$(node -e 'const c=require(process.argv[1]);process.stdout.write(c.run)' "$casejson")"
  mapfile -t flags < <(node -e 'const c=require(process.argv[1]);for(const f of c.flags||[])console.log(f)' "$casejson")
  # A case whose input/ is absent (an empty file system) builds a directory that does not exist.
  out="$(cd "$dir" && node "$cli" build "input/$run" --kustomize-version "$version" "${flags[@]}" 2>/dev/null; echo "rc=$?")"
  rc="${out##*rc=}"; out="${out%rc=*}"
  if [ -f "$dir/expected-error.txt" ]; then
    if [ "$rc" != 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL ${dir#$corpus/} (reference fails, ours succeeded)"; fi
  else
    if [ "$rc" = 0 ] && cmp -s <(printf '%s' "$out") "$dir/expected.yaml"; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL ${dir#$corpus/} (exit $rc)"; fi
  fi
done < <(find "$corpus" -name case.json | sort)
echo "$pass passed, $fail failed"

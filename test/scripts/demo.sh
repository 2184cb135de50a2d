#!/usr/bin/env bash
# `npm run demo`: renders the seed example (fixtures/fleet-infra, a Flux repository with staging and
# production overlays) with the built CLI, and shows what else it does with it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cli=(node dist/cli.cjs)
root=fixtures/fleet-infra
section() { printf '\n\033[1m### %s\033[0m\n' "$*"; }

for env in staging production; do
  section "kustomize-ts build $root/apps/$env"
  "${cli[@]}" build "$root/apps/$env"
  section "kustomize-ts build $root/infrastructure/$env"
  "${cli[@]}" build "$root/infrastructure/$env"
done

section "kustomize-ts graph $root --cluster clusters/production   (Flux dependsOn graph)"
"${cli[@]}" graph "$root" --cluster clusters/production

section "kustomize-ts fleet $root --cluster clusters/production --format json   (per Kustomization)"
"${cli[@]}" fleet "$root" --cluster clusters/production --format json \
  | node -e 'const d=JSON.parse(require("fs").readFileSync(0,"utf8")); for (const k of d.kustomizations) console.log(`${k.namespace}/${k.name}  path=${k.path}  objects=${k.objects.length}  dependsOn=[${k.dependsOn.join(", ")}]`)'

section "kustomize-ts diff $root/apps/staging $root/apps/production --normalize-names   (what a promotion changes)"
"${cli[@]}" diff "$root/apps/staging" "$root/apps/production" --normalize-names || true

section "kustomize-ts lint $root"
"${cli[@]}" lint "$root"

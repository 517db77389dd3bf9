#!/usr/bin/env bash
# Step 3 of every mlgate action: install the runtime dependencies next to the action, only when they
# are not there already (restored by actions/cache, or a checkout of mlgate itself).
set -euo pipefail

root="$(cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this from a composite action step}/../.." && pwd)"

# The packages scripts/build.mjs leaves out of the bundle; everything else is inside dist/.
# test/actions keeps this list and the build's external list in step.
runtime=(onnxruntime-node @duckdb/node-bindings)

missing=()
check() {
  missing=()
  local p
  for p in "${runtime[@]}"; do
    [ -f "$root/node_modules/$p/package.json" ] || missing+=("$p")
  done
}

check
if [ "${#missing[@]}" -eq 0 ]; then
  echo "mlgate: runtime dependencies present in $root/node_modules"
  exit 0
fi

echo "mlgate: installing runtime dependencies (missing: ${missing[*]})"
# onnxruntime-node's install script would fetch CUDA binaries from outside the npm registry.
export ONNXRUNTIME_NODE_INSTALL=skip
(cd "$root" && npm ci --omit=dev --no-audit --no-fund)

check
if [ "${#missing[@]}" -ne 0 ]; then
  echo "::error::mlgate: npm ci finished but ${missing[*]} is still missing from $root/node_modules" >&2
  exit 1
fi

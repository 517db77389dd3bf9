#!/usr/bin/env bash
# Step 3 of every mlgate action: install the runtime dependencies next to the action, only when they
# are not there already (restored by actions/cache, or a checkout of mlgate itself). Only the native
# packages the bundle leaves external (scripts/action/runtime.mjs), at the versions and integrity
# hashes of mlgate's package-lock.json: everything else is inside dist/.
set -euo pipefail

root="$(cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this from a composite action step}/../.." && pwd)"
runtime="$root/scripts/action/runtime.mjs"

missing="$(node "$runtime" missing "$root")"
if [ -z "$missing" ]; then
  echo "mlgate: runtime dependencies present in $root/node_modules"
  exit 0
fi

echo "mlgate: installing runtime dependencies (missing: $missing)"
temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
if command -v cygpath >/dev/null 2>&1; then temp="$(cygpath -u "$temp")"; fi
stage="$(mktemp -d "$temp/mlgate-runtime-XXXXXX")"
trap 'rm -rf "$stage"' EXIT

node "$runtime" manifest "$root" "$stage"
# No install scripts: onnxruntime-node's would fetch CUDA binaries from outside the npm registry
# (ONNXRUNTIME_NODE_INSTALL=skip says the same to npm versions that run it anyway).
export ONNXRUNTIME_NODE_INSTALL=skip
(cd "$stage" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund)
# Other platforms' onnxruntime binaries would triple the cache for nothing.
node "$root/scripts/action/prune-native.mjs" "$stage/node_modules"
rm -f "$stage/node_modules/.package-lock.json"
if [ -e "$root/node_modules" ]; then
  cp -R "$stage/node_modules/." "$root/node_modules/"
else
  mv "$stage/node_modules" "$root/node_modules"
fi

missing="$(node "$runtime" missing "$root")"
if [ -n "$missing" ]; then
  echo "::error::mlgate: npm ci finished but $missing is still missing from $root/node_modules" >&2
  exit 1
fi

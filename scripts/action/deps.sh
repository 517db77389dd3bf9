#!/usr/bin/env bash
# Step 1 of every mlgate action: can this runner run mlgate at all (Node version, platform), where do
# the runtime dependencies live, and the actions/cache key for them. hashFiles() only sees the
# workspace, never the action's own folder, so the key is computed here.
set -euo pipefail

root="$(cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this from a composite action step}/../.." && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "::error::mlgate: this runner (${RUNNER_OS:-$(uname -s)} ${RUNNER_ARCH:-$(uname -m)}) has no node on PATH; add \`uses: actions/setup-node\` with \`node-version: 22\` before the mlgate step" >&2
  exit 2
fi
# Node version and platform, with the sentence that names the runner and the fix (src/core/runtime-support.ts).
status=0
node "$root/dist/preflight.js" || status=$?
if [ "$status" -ne 0 ]; then exit 2; fi

lock="$root/package-lock.json"
if [ ! -f "$lock" ]; then
  echo "::error::mlgate: $lock is missing, so the action's checkout is incomplete" >&2
  exit 1
fi

# The key follows the runtime packages' own lockfile (scripts/action/runtime.mjs), so a new mlgate
# release that does not change them keeps the cache. Native packages are per OS and CPU; the Node
# major guards against a runner image switching Node under a warm cache.
runtime_sha="$(node "$root/scripts/action/runtime.mjs" key "$root")"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"

# actions/cache on Windows wants a native path, not Git Bash's /d/a/...
if command -v cygpath >/dev/null 2>&1; then root="$(cygpath -m "$root")"; fi

{
  echo "root=$root"
  echo "path=$root/node_modules"
  echo "key=mlgate-runtime-v2-$os-$arch-node$node_major-$runtime_sha"
} >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

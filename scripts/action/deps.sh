#!/usr/bin/env bash
# Step 1 of every mlgate action: where the runtime dependencies live and the actions/cache key for
# them. hashFiles() only sees the workspace, never the action's own folder, so the key is computed
# here from the action repository's lockfile with sha256sum.
set -euo pipefail

root="$(cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this from a composite action step}/../.." && pwd)"
lock="$root/package-lock.json"
if [ ! -f "$lock" ]; then
  echo "::error::mlgate: $lock is missing, so the action's checkout is incomplete" >&2
  exit 1
fi

if command -v sha256sum >/dev/null 2>&1; then
  lock_sha="$(sha256sum "$lock" | cut -d' ' -f1)"
else
  # macOS runners ship shasum, not sha256sum.
  lock_sha="$(shasum -a 256 "$lock" | cut -d' ' -f1)"
fi

# Native packages (onnxruntime-node, DuckDB) are per OS and CPU; the Node major guards against a
# runner image switching Node under a warm cache.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"

# actions/cache on Windows wants a native path, not Git Bash's /d/a/...
if command -v cygpath >/dev/null 2>&1; then root="$(cygpath -m "$root")"; fi

{
  echo "root=$root"
  echo "path=$root/node_modules"
  echo "key=mlgate-deps-v1-$os-$arch-node$node_major-$lock_sha"
} >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

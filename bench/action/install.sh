#!/usr/bin/env bash
# What an mlgate action pays before the gate runs: scripts/action/install.sh in a folder shaped like
# the action's checkout (actions/, scripts/action/, dist/, package-lock.json), timed
#   cold:      empty npm cache, no node_modules (a runner's first run, or a new lockfile)
#   npm-warm:  no node_modules, npm's cache filled by the cold run (what a self-hosted runner may have)
#   cached:    node_modules restored (actions/cache hit): install.sh only checks
# and, for comparison, the previous install (`npm ci --omit=dev` of the whole package as of BEFORE_REF,
# default ffe2e92^, the commit before this change) cold.
# Bytes: what npm downloaded (its cache folder), node_modules on disk, and the node_modules archive
# actions/cache would upload (tar + zstd, as the action does), with the time to unpack it.
# Usage: bash bench/action/install.sh [OUT_DIR]   (default bench/out/action)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${1:-bench/out/action}"
rm -rf "$out" && mkdir -p "$out"
out="$(cd "$out" && pwd)"

mkdir -p "$out/action/scripts"
cp -R actions "$out/action/actions"
cp -R scripts/action "$out/action/scripts/action"
cp package.json package-lock.json .npmrc "$out/action/"
MLGATE_DIST_DIR="$(realpath --relative-to="$root" "$out/action/dist")" node scripts/build.mjs

mb() { du -sm "$1" | cut -f1; }
timed() { # label, then the command; prints "label seconds"
  local label="$1" start end
  shift
  start=$(date +%s.%N)
  "$@" >"$out/$label.log" 2>&1
  end=$(date +%s.%N)
  printf '%s %.1f\n' "$label" "$(echo "$end - $start" | bc)"
}

export GITHUB_ACTION_PATH="$out/action/actions/data-validation" RUNNER_TEMP="$out/runner-temp"
mkdir -p "$RUNNER_TEMP"
echo "load: $(uptime | sed 's/.*load average: //')"

export npm_config_cache="$out/npm-cache"
timed cold bash scripts/action/install.sh
echo "  npm downloaded (cache folder): $(mb "$npm_config_cache") MB; node_modules: $(mb "$out/action/node_modules") MB"
tar -C "$out/action" -cf - node_modules | zstd -q -T0 -o "$out/cache.tar.zst"
echo "  cache archive (tar + zstd): $(mb "$out/cache.tar.zst") MB"

timed cached bash scripts/action/install.sh
rm -rf "$out/action/node_modules"
timed unpack tar -C "$out/action" --use-compress-program=unzstd -xf "$out/cache.tar.zst"
rm -rf "$out/action/node_modules"
timed npm-warm bash scripts/action/install.sh

# Before: the whole package without dev dependencies, cold, as install.sh did it.
before="$out/before" && mkdir -p "$before"
for f in package.json package-lock.json .npmrc; do git show "${BEFORE_REF:-ffe2e92^}:$f" >"$before/$f"; done
rm -rf "$npm_config_cache"
export ONNXRUNTIME_NODE_INSTALL=skip
timed before-cold bash -c "cd '$before' && npm ci --omit=dev --no-audit --no-fund"
echo "  npm downloaded: $(mb "$npm_config_cache") MB; node_modules: $(mb "$before/node_modules") MB"
tar -C "$before" -cf - node_modules | zstd -q -T0 -o "$out/before.tar.zst"
echo "  cache archive (tar + zstd): $(mb "$out/before.tar.zst") MB"
echo "load: $(uptime | sed 's/.*load average: //')"

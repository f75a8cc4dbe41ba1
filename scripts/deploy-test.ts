// npm run test:deploy — docs/deployment.md, followed step by step on this machine, then torn down:
// a least-privilege PostgreSQL role, the production settings file, two instances on loopback run
// the way deploy/systemd/rollcall@.service runs them (same settings file, PORT per instance, one
// node process, SIGTERM to stop), nginx on high ports with a self-signed certificate, health
// through nginx, backup + verify + restore into a second database, a routine QR rotation with a
// rolling restart while marks run (0 refused), a compromise rotation (old codes refused at once),
// and a stop within 10 s. Needs: a production build (`npm run build`), nginx, openssl, psql,
// pg_dump, and PostgreSQL at TEST_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
//
// Every command in quotes below is the one docs/deployment.md shows, with this run's names. The
// documented `.env` in the app folder is passed to the commands as their environment instead
// (what loading it does), so this repository's own `.env`, if any, is never touched.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";
import pg from "pg";
import { Agent, request as undiciRequest } from "undici";
import { createSession, issueTokenPair } from "../lib/auth/sessions";
import { systemClock } from "../lib/clock";
import { parseConfig } from "../lib/config";
import { createDb, type Db } from "../lib/db";
import { qrKeyId } from "../lib/qr/token";
import { cryptoRandom } from "../lib/random";
import { freePort, PG_ADMIN_URL, ROOT } from "../tests/support/test-server";

const started = performance.now();
const id = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const work = path.join(ROOT, ".tmp", `deploy-test-${id}`);
const role = `rollcall_dt_${id}`;
const dbName = `rollcall_dt_${id}`;
const copyName = `rollcall_dt_copy_${id}`;
const rolePassword = randomBytes(18).toString("hex");
const envFile = path.join(work, "rollcall.env");
const tls = new Agent({ connect: { rejectUnauthorized: false } }); // the throw-away self-signed certificate
const checks: string[] = [];

function step(name: string) {
  console.log(`\n==> ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
function ok(what: string) {
  checks.push(what);
  console.log(`  ✓ ${what}`);
}
function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`FAILED: ${message}`);
}

function pgUrl(database: string, user?: { name: string; password: string }): string {
  const url = new URL(PG_ADMIN_URL);
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  url.pathname = `/${database}`;
  return url.toString();
}
const appDbUrl = () => pgUrl(dbName, { name: role, password: rolePassword });

/** The settings file as the environment of a command (what `.env` in the app folder does). */
function settings(): Record<string, string> {
  return parseEnv(fs.readFileSync(envFile, "utf8")) as Record<string, string>;
}

/** A documented shell command, run in the app folder. */
function sh(command: string, opts: { env?: Record<string, string>; input?: string; withSettings?: boolean } = {}): string {
  console.log(`  $ ${command.replace(rolePassword, "…")}`);
  const env = { ...process.env, ...(opts.withSettings === false ? {} : fs.existsSync(envFile) ? settings() : {}), ...opts.env };
  return execFileSync("bash", ["-c", command], { cwd: ROOT, env, input: opts.input, encoding: "utf8", stdio: ["pipe", "pipe", "inherit"], maxBuffer: 16 << 20 });
}

/** The result a command prints last (a pretty-printed object), after any log lines. */
function lastJson(stdout: string): unknown {
  return JSON.parse(stdout.slice(stdout.lastIndexOf("\n{\n") + 1));
}

// --- instances, as deploy/systemd/rollcall@.service runs them ------------------------------------
interface Instance {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}
const instances = new Map<number, Instance>();

function unitCommand(): { exec: string; args: string[] } {
  const unit = fs.readFileSync(path.join(ROOT, "deploy/systemd/rollcall@.service"), "utf8");
  const exec = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(/\s+/);
  assert(/^TimeoutStopSec=15$/m.test(unit) && /^Restart=on-failure$/m.test(unit) && /^EnvironmentFile=/m.test(unit), "the unit restarts on failure, reads the settings file and waits 15 s on stop");
  return { exec: process.execPath, args: exec.slice(1) }; // this machine's node for /usr/bin/node
}

async function startInstance(port: number): Promise<void> {
  const { exec, args } = unitCommand();
  const child = spawn(exec, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), ...settings(), PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    // the journal, as systemd would keep it: printed when the test fails
    stdio: ["ignore", fs.openSync(path.join(work, `instance-${port}.log`), "a"), fs.openSync(path.join(work, `instance-${port}.log`), "a")],
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  instances.set(port, { port, child, exited });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${port} exited at start`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    assert(Date.now() < deadline, `instance ${port} did not become healthy`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `systemctl stop rollcall@PORT`: SIGTERM, and the time until the process has exited. */
async function stopInstance(port: number): Promise<{ seconds: number; code: number | null }> {
  const instance = instances.get(port)!;
  const t0 = performance.now();
  instance.child.kill("SIGTERM");
  const code = await Promise.race([instance.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000))]);
  if (code === "timeout") {
    instance.child.kill("SIGKILL"); // what systemd does after TimeoutStopSec
    throw new Error(`instance ${port} did not stop within 15 s`);
  }
  instances.delete(port);
  return { seconds: (performance.now() - t0) / 1000, code };
}

// --- HTTP through nginx -----------------------------------------------------------------------------
let base = "";
async function api(method: string, p: string, opts: { token?: string; json?: unknown; to?: string } = {}) {
  const url = new URL(p, opts.to ?? base).toString();
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.json !== undefined) headers["content-type"] = "application/json";
  const res = await undiciRequest(url, { method: method as "GET", headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json), dispatcher: url.startsWith("https:") ? tls : undefined });
  const text = await res.body.text();
  let body: any = text; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode, body, text };
}

// --- teardown -----------------------------------------------------------------------------------------
let nginx: ChildProcess | undefined;
let db: Db | undefined;
async function teardown() {
  step("teardown");
  for (const port of [...instances.keys()]) await stopInstance(port).catch(() => instances.get(port)?.child.kill("SIGKILL"));
  if (nginx && nginx.exitCode === null) {
    nginx.kill("SIGQUIT");
    await new Promise((r) => nginx!.once("exit", r));
  }
  await db?.$disconnect();
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  for (const name of [dbName, copyName]) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS "${role}"`);
  await admin.end();
  fs.rmSync(work, { recursive: true, force: true });
}

async function main() {
  assert(fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")), "no production build: run `npm run build` first");
  for (const tool of ["nginx", "openssl", "psql", "pg_dump", "pg_restore"]) {
    try {
      execFileSync("bash", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    } catch {
      throw new Error(`${tool} is not installed`);
    }
  }
  fs.mkdirSync(work, { recursive: true });
  const [portA, portB, httpPort, httpsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  base = `https://localhost:${httpsPort}`;

  step("1. PostgreSQL: a role that owns its one database (deploy/postgresql/create-database.sql)");
  sh(`psql "${PG_ADMIN_URL}" -v role=${role} -v database=${dbName} -v password=${rolePassword} -f deploy/postgresql/create-database.sql`, { withSettings: false });
  const roleRow = execFileSync("psql", [PG_ADMIN_URL, "-tAc", `SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = '${role}'`], { encoding: "utf8" }).trim();
  assert(roleRow === "f|f|f", `the role is neither superuser nor CREATEDB nor CREATEROLE (got ${roleRow})`);
  ok("least-privilege role: no SUPERUSER, CREATEDB or CREATEROLE");

  step("2. settings: npm run env:production");
  sh(`npm run --silent env:production -- --app-url ${base} --database-url "${appDbUrl()}" --backup-dir ${path.join(work, "backups")} --out ${envFile}`, { withSettings: false });
  assert((fs.statSync(envFile).mode & 0o777) === 0o600, "the settings file is 0600");
  const config = parseConfig({ ...settings(), NODE_ENV: "production" });
  assert(config.HOST === "127.0.0.1" && config.APP_ENV === "production", "instances listen on loopback, in production mode");
  ok("settings file written 0600, accepted by the production rules, HOST=127.0.0.1");

  step("3. database schema and the first admin");
  sh("npm run --silent db:migrate >/dev/null 2>&1");
  const adminEmail = `admin.${id}@example.edu`;
  const adminPassword = `Deploy-${randomBytes(9).toString("base64url")}-7`;
  sh(`npm run --silent admin:create -- --email ${adminEmail}`, { input: `${adminPassword}\n` });
  ok("migrated as the role; admin created with the password on standard input");

  step("4. two instances on loopback (deploy/systemd/rollcall@.service: rollcall@PORT)");
  await Promise.all([startInstance(portA), startInstance(portB)]);
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  if (outside) {
    const reached = await fetch(`http://${outside}:${portA}/api/health`).then(
      () => true,
      () => false,
    );
    assert(!reached, `an instance answered on ${outside}: it must listen on loopback only`);
    ok(`instances refuse connections on ${outside} (loopback only)`);
  }

  step("5. nginx with TLS in front (npm run nginx:render)");
  const nginxDir = path.join(work, "nginx");
  fs.mkdirSync(nginxDir, { recursive: true });
  sh(`openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout ${nginxDir}/key.pem -out ${nginxDir}/cert.pem 2>/dev/null`, { withSettings: false });
  sh(
    `npm run --silent nginx:render -- --upstreams 127.0.0.1:${portA},127.0.0.1:${portB} --cert ${nginxDir}/cert.pem --key ${nginxDir}/key.pem --prefix ${nginxDir} --http-port ${httpPort} --https-port ${httpsPort} --listen 127.0.0.1 --out ${nginxDir}/nginx.conf`,
    { withSettings: false },
  );
  sh(`nginx -t -q -c ${nginxDir}/nginx.conf -p ${nginxDir}`, { withSettings: false });
  nginx = spawn("nginx", ["-c", `${nginxDir}/nginx.conf`, "-p", nginxDir, "-g", "daemon off;"], { stdio: "inherit" });
  for (let i = 0; ; i++) {
    const health = await api("GET", "/api/health").catch(() => null);
    if (health?.status === 200) {
      assert(health.body.status === "ok" && health.body.database === "ok" && health.body.migrations?.state === "up_to_date", `health through nginx: ${health.text}`);
      break;
    }
    assert(i < 100, "nginx did not come up");
    await new Promise((r) => setTimeout(r, 100));
  }
  ok("GET /api/health through nginx: status ok, database ok, migrations up_to_date");

  // what the load needs: an admin signed in through nginx, an open event, students with tokens
  const login = await api("POST", "/api/auth/login", { json: { email: adminEmail, password: adminPassword } });
  assert(login.status === 200, `admin login through nginx: ${login.text}`);
  const admin = login.body.access_token as string;
  const now = Date.now();
  const event = await api("POST", "/api/events", {
    token: admin,
    json: { title: "Deployment test lecture", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3 * 3600_000).toISOString(), late_after_minutes: 120 },
  });
  assert(event.status === 201, `event: ${event.text}`);
  db = await createDb(appDbUrl());
  const ctx = { db, clock: systemClock, random: cryptoRandom, config, ip: "cli", userAgent: "deploy-test", deviceId: null, requestId: id };
  const hash = await (await import("bcrypt")).default.hash(randomBytes(12).toString("hex"), 4);
  const students: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const user = await db.user.create({ data: { email: `s${i}.${id}@example.edu`, fullName: `Student ${i}`, passwordHash: hash, role: "student", status: "active" }, select: { id: true, role: true } });
    const session = await createSession(ctx, db, user);
    students.push((await issueTokenPair(ctx, db, user, session.id)).access_token);
  }
  let nextStudent = 0;
  const issueAndMark = async () => {
    const code = await api("POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: event.body.id } });
    if (code.status !== 201) return { ok: false, detail: `issue ${code.status} ${code.text.slice(0, 200)}` };
    const mark = await api("POST", "/api/attendance/mark", { token: students[nextStudent++]!, json: { qr_payload: code.body.qr_payload } });
    return mark.status === 201 ? { ok: true, payload: code.body.qr_payload as string } : { ok: false, detail: `mark ${mark.status} ${mark.text.slice(0, 200)}` };
  };

  step("6. backup, verify, restore into a second database");
  const backupOut = sh("npm run --silent db:backup");
  const backupFile = (lastJson(backupOut) as { file: string }).file;
  assert((fs.statSync(backupFile).mode & 0o777) === 0o600 && (fs.statSync(path.dirname(backupFile)).mode & 0o777) === 0o700, "backup 0600 in a 0700 folder");
  const verified = lastJson(sh(`npm run --silent db:verify -- ${backupFile}`)) as { ok: boolean };
  assert(verified.ok, "db:verify");
  sh(`psql "${PG_ADMIN_URL}" -v role=${role} -v database=${copyName} -v existing_role=1 -f deploy/postgresql/create-database.sql`, { withSettings: false });
  sh(`npm run --silent db:restore -- ${backupFile} >/dev/null`, { env: { DATABASE_URL: pgUrl(copyName, { name: role, password: rolePassword }) } });
  const copy = await createDb(pgUrl(copyName, { name: role, password: rolePassword }));
  try {
    const unfinished = await copy.backupRun.count({ where: { finishedAt: null } });
    const own = await copy.backupRun.findFirst({ where: { file: backupFile } });
    assert(unfinished === 0 && own?.ok === true, "the restored copy shows the run that produced it as successful");
    assert((await copy.user.count()) === (await db.user.count()), "the restored copy has every user");
  } finally {
    await copy.$disconnect();
  }
  const scheduled = await db.backupRun.count({ where: { instanceId: { not: null } } });
  assert(scheduled === 1, `the same BACKUP_DIR on both instances made ${scheduled} scheduled backups (expected 1)`);
  ok("db:backup (0600 in 0700, to BACKUP_DIR) → db:verify → db:restore into a second database; history consistent; 1 scheduled backup for 2 instances");

  step("7. routine QR rotation with a rolling restart while marks run");
  const oldKey = qrKeyId(settings().QR_SIGNING_SECRET!);
  let running = true;
  const results: { ok: boolean; detail?: string }[] = [];
  const load = (async () => {
    while (running) {
      results.push(await issueAndMark().catch((e: Error) => ({ ok: false, detail: e.message })));
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  await new Promise((r) => setTimeout(r, 2_000));
  sh(`npm run --silent secrets:rotate-qr -- --routine --file ${envFile}`);
  for (const port of [portA, portB]) {
    // systemctl restart rollcall@PORT, then wait for its health before the next one
    const stop = await stopInstance(port);
    assert(stop.code === 0 && stop.seconds < 10, `instance ${port} stopped in ${stop.seconds.toFixed(1)} s with code ${stop.code}`);
    await startInstance(port);
  }
  await new Promise((r) => setTimeout(r, 3_000));
  running = false;
  await load;
  const refused = results.filter((r) => !r.ok);
  assert(refused.length === 0, `${refused.length} of ${results.length} issue→mark pairs failed: ${refused.slice(0, 3).map((r) => r.detail).join(" | ")}`);
  const after = await issueAndMark();
  assert(after.ok && after.payload!.split(".")[1] === qrKeyId(settings().QR_SIGNING_SECRET!) && oldKey !== after.payload!.split(".")[1], "codes are signed with the new key after the restart");
  ok(`routine rotation, rolling restart: ${results.length} of ${results.length} issue→mark pairs through nginx succeeded (0 refused); new key in use`);

  step("8. compromise: revoke at once, then restart");
  const before = await api("POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: event.body.id } });
  assert(before.status === 201, "a live code before the compromise");
  sh(`npm run --silent secrets:rotate-qr -- --compromise --file ${envFile}`);
  for (const port of [portA, portB]) {
    const res = await api("POST", "/api/attendance/mark", { to: `http://127.0.0.1:${port}`, token: students[nextStudent++]!, json: { qr_payload: before.body.qr_payload } });
    assert(res.status === 410 && res.body.error?.code === "qr_revoked", `instance ${port} refuses the old code before any restart (got ${res.status} ${res.text.slice(0, 120)})`);
  }
  for (const port of [portA, portB]) {
    await stopInstance(port);
    await startInstance(port);
  }
  const fresh = await issueAndMark();
  assert(fresh.ok, `issue and mark after the restart: ${fresh.detail}`);
  ok("compromise rotation: both instances refused the old code at once; new codes work after the restart");

  step("9. stop within 10 s while marks run");
  running = true;
  results.length = 0;
  const finalLoad = (async () => {
    while (running) {
      results.push(await issueAndMark().catch((e: Error) => ({ ok: false, detail: e.message })));
    }
  })();
  await new Promise((r) => setTimeout(r, 1_000));
  const stopA = await stopInstance(portA);
  await new Promise((r) => setTimeout(r, 1_000));
  running = false;
  await finalLoad;
  assert(stopA.code === 0 && stopA.seconds < 10, `stop took ${stopA.seconds.toFixed(1)} s (code ${stopA.code})`);
  const lost = results.filter((r) => !r.ok);
  assert(lost.length === 0, `${lost.length} requests lost through nginx while an instance stopped: ${lost[0]?.detail}`);
  ok(`SIGTERM under load: exited 0 in ${stopA.seconds.toFixed(1)} s; ${results.length} issue→mark pairs through nginx, none lost`);
}

main()
  .then(
    async () => {
      await teardown();
      console.log(`\ndeploy test: ${checks.length} checks passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      process.exit(0);
    },
    async (error: unknown) => {
      console.error(`\n${error instanceof Error ? error.message : String(error)}`);
      const logs = fs.existsSync(work) ? fs.readdirSync(work).filter((f) => f.endsWith(".log")).map((f) => path.join(work, f)) : [];
      if (fs.existsSync(path.join(work, "nginx", "error.log"))) logs.push(path.join(work, "nginx", "error.log"));
      for (const log of logs) {
        const lines = fs.readFileSync(log, "utf8").trim().split("\n").filter((l) => !l.includes('"level":"info"'));
        console.error(`--- ${log} (last 15 lines)\n${lines.slice(-15).join("\n")}`);
      }
      await teardown().catch((e: unknown) => console.error("teardown:", e));
      console.error(`deploy test FAILED after ${((performance.now() - started) / 1000).toFixed(0)} s`);
      process.exit(1);
    },
  );

// npm run test:deploy — docs/deployment.md, followed step by step on this machine, then torn down:
// split PostgreSQL roles (owner for migrations, runtime for the instances), the production
// settings file with the database URLs given on standard input, the first release installed from
// a release tarball (`npm run release`), two instances on loopback run the way
// deploy/systemd/rollcall@.service runs them (same settings file, PORT per instance, one node
// process from the `current` release, SIGTERM to stop), nginx on high ports with a self-signed
// certificate connecting from 127.0.0.2, health through nginx, a forged X-Forwarded-For from
// 127.0.0.1 ignored, backup + verify (with `ps` sampled: no password on any command line) +
// restore into a second database, a failed backup whose password appears nowhere (logs,
// backup_runs, notifications, /api/admin/metrics, CLI output), an instance on the restored copy
// refusing the production backup folder, the runtime role refused DROP and TRUNCATE, a routine QR
// rotation with a rolling restart while marks run (0 refused), a compromise rotation (old codes
// refused at once), a stop within 10 s, and an upgrade to a new release under load with no 5xx
// on any page or chunk. Needs: a production build (`npm run build`), nginx, openssl, psql,
// pg_dump, pg_restore, and PostgreSQL at TEST_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
//
// Every command in quotes below is the one docs/deployment.md shows, with this run's names. The
// deployment's root (the doc's /opt/rollcall) is a folder of this run; its `.env` is also passed
// to the commands as their environment, so this repository's own `.env`, if any, is never read.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
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
/** the doc's /opt/rollcall: releases/, current, static/, .env, migrate.env */
const app = path.join(work, "rollcall");
const runtimeRole = `rollcall_dt_${id}`;
const ownerRole = `${runtimeRole}_owner`;
const dbName = `rollcall_dt_${id}`;
const copyName = `rollcall_dt_copy_${id}`;
const strangerRole = `rollcall_dt_stranger_${id}`;
const envFile = path.join(app, ".env");
const migrateEnvFile = path.join(app, "migrate.env");
const tls = new Agent({ connect: { rejectUnauthorized: false } }); // the throw-away self-signed certificate
const checks: string[] = [];
let runtimePassword = "";
let ownerPassword = "";

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
const secrets = () => [runtimePassword, ownerPassword].filter(Boolean);
/** Text that must never hold a database password. */
function assertNoPassword(text: string, where: string) {
  for (const secret of secrets()) assert(!text.includes(secret), `a database password appears in ${where}`);
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
const runtimeUrl = (database = dbName) => pgUrl(database, { name: runtimeRole, password: runtimePassword });
const ownerUrl = (database = dbName) => pgUrl(database, { name: ownerRole, password: ownerPassword });
const current = () => path.join(app, "current");

/** The settings file as the environment of a command (what `.env` in the app folder does). */
function settings(): Record<string, string> {
  return parseEnv(fs.readFileSync(envFile, "utf8")) as Record<string, string>;
}

const quiet = (text: string) => secrets().reduce((t, s) => t.replaceAll(s, "…"), text);

/** A documented shell command (in this checkout unless `cwd`), its output returned (stdout, and stderr with `all`). */
function sh(command: string, opts: { env?: Record<string, string>; input?: string; withSettings?: boolean; cwd?: string; all?: boolean } = {}): string {
  console.log(`  $ ${quiet(command)}`);
  const env = { ...process.env, ...(opts.withSettings === false ? {} : fs.existsSync(envFile) ? settings() : {}), ...opts.env };
  const wrapped = opts.all ? `(${command}) 2>&1` : command;
  return execFileSync("bash", ["-c", wrapped], { cwd: opts.cwd ?? ROOT, env, input: opts.input, encoding: "utf8", stdio: ["pipe", "pipe", opts.all ? "pipe" : "inherit"], maxBuffer: 16 << 20 });
}

/** A command expected to fail: its exit code and everything it printed. */
function shFailing(command: string, opts: { env?: Record<string, string>; cwd?: string } = {}): { code: number; output: string } {
  try {
    return { code: 0, output: sh(command, { ...opts, all: true }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** The result a command prints last (a pretty-printed object), after any log lines. */
function lastJson(stdout: string): unknown {
  return JSON.parse(stdout.slice(stdout.lastIndexOf("\n{\n") + 1));
}

function adminSql(sql: string, database = dbName): string {
  return execFileSync("psql", [pgUrl(database), "-v", "ON_ERROR_STOP=1", "-tAc", sql], { encoding: "utf8" }).trim();
}

/** psql as the runtime role, the password in the environment (as the app's tools pass it). */
function runtimeSql(sql: string): { ok: boolean; output: string } {
  try {
    const out = execFileSync("psql", [pgUrl(dbName, { name: runtimeRole, password: "" }).replace(":@", "@"), "-tAc", sql], { encoding: "utf8", env: { ...process.env, PGPASSWORD: runtimePassword }, stdio: ["ignore", "pipe", "pipe"] });
    return { ok: true, output: out };
  } catch (error) {
    return { ok: false, output: String((error as { stderr: string }).stderr) };
  }
}

async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    assert(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// --- instances, as deploy/systemd/rollcall@.service runs them ------------------------------------
interface Instance {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}
const instances = new Map<number, Instance>();
/** Ports whose process, when it exits, is started again (what `systemctl restart rollcall@PORT` does). */
const supervised = new Set<number>();
const supervisorErrors: string[] = [];
const pidFile = (port: number) => path.join(work, "run", `rollcall@${port}.pid`);
const logFile = (port: number) => path.join(work, `instance-${port}.log`);

function unitCommand(): { exec: string; args: string[] } {
  const unit = fs.readFileSync(path.join(ROOT, "deploy/systemd/rollcall@.service"), "utf8");
  const exec = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(/\s+/);
  assert(/^TimeoutStopSec=15$/m.test(unit) && /^Restart=on-failure$/m.test(unit) && /^EnvironmentFile=/m.test(unit), "the unit restarts on failure, reads the settings file and waits 15 s on stop");
  assert(/^WorkingDirectory=\/opt\/rollcall\/current$/m.test(unit), "the unit runs the current release");
  return { exec: process.execPath, args: exec.slice(1) }; // this machine's node for /usr/bin/node
}

/** Spawn the instance on `port` from the current release (systemd resolves `current` when it starts the unit). */
function spawnInstance(port: number, env: Record<string, string> = {}): Instance {
  const { exec, args } = unitCommand();
  const out = fs.openSync(logFile(port), "a"); // the journal, as systemd would keep it
  const child = spawn(exec, args, {
    cwd: fs.realpathSync(current()),
    env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), ...settings(), ...env, PORT: String(port), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  fs.writeFileSync(pidFile(port), String(child.pid));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const instance = { port, child, exited };
  instances.set(port, instance);
  void exited.then(() => {
    if (instances.get(port) === instance && supervised.has(port)) {
      try {
        spawnInstance(port, env);
      } catch (error) {
        supervisorErrors.push(String(error));
      }
    }
  });
  return instance;
}

async function startInstance(port: number, env: Record<string, string> = {}): Promise<void> {
  const { child } = spawnInstance(port, env);
  const deadline = Date.now() + 90_000;
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
  supervised.delete(port);
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

// --- HTTP ---------------------------------------------------------------------------------------------
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

/** A failed login from a chosen local source address, with a forged X-Forwarded-For (node:http binds the source). */
function forgedLogin(url: string, from: string, email: string): Promise<number> {
  const target = new URL("/api/auth/login", url);
  const body = JSON.stringify({ email, password: "not-the-password-1A!" });
  const mod = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        method: "POST",
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        localAddress: from,
        rejectUnauthorized: false,
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-forwarded-for": "203.0.113.77" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// --- teardown -----------------------------------------------------------------------------------------
let nginx: ChildProcess | undefined;
let db: Db | undefined;
async function teardown() {
  step("teardown");
  supervised.clear();
  for (const port of [...instances.keys()]) await stopInstance(port).catch(() => instances.get(port)?.child.kill("SIGKILL"));
  if (nginx && nginx.exitCode === null) {
    nginx.kill("SIGQUIT");
    await new Promise((r) => nginx!.once("exit", r));
  }
  await db?.$disconnect();
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  for (const name of [dbName, copyName]) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  for (const name of [runtimeRole, ownerRole, strangerRole]) await admin.query(`DROP ROLE IF EXISTS "${name}"`);
  await admin.end();
  fs.rmSync(work, { recursive: true, force: true });
}

async function main() {
  assert(fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")), "no production build: run `npm run build` first");
  for (const tool of ["nginx", "openssl", "psql", "pg_dump", "pg_restore", "ps"]) {
    try {
      execFileSync("bash", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    } catch {
      throw new Error(`${tool} is not installed`);
    }
  }
  fs.mkdirSync(path.join(work, "run"), { recursive: true });
  fs.mkdirSync(app, { recursive: true });
  const [portA, portB, portCopy, httpPort, httpsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  base = `https://localhost:${httpsPort}`;
  const backupDir = path.join(work, "backups");

  step("1. PostgreSQL: an owner role and a runtime role (deploy/postgresql/create-database.sql)");
  const created = sh(`psql -q "${PG_ADMIN_URL}" -v app=${runtimeRole} -v database=${dbName} -f deploy/postgresql/create-database.sql`, { withSettings: false });
  runtimePassword = /runtime role \S+ password ([0-9a-f]{64})/.exec(created)?.[1] ?? "";
  ownerPassword = /owner role \S+ password ([0-9a-f]{64})/.exec(created)?.[1] ?? "";
  assert(runtimePassword && ownerPassword && runtimePassword !== ownerPassword, "the script shows two generated 64-hex passwords");
  for (const r of [runtimeRole, ownerRole]) {
    const attrs = adminSql(`SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = '${r}'`, "postgres");
    assert(attrs === "f|f|f", `${r} is neither superuser nor CREATEDB nor CREATEROLE (got ${attrs})`);
  }
  ok("two roles, passwords generated in SQL and shown once; neither SUPERUSER, CREATEDB nor CREATEROLE");

  step("2. settings: npm run env:production (database URLs on standard input, never argv)");
  sh(`npm run --silent env:production -- --app-url ${base} --backup-dir ${backupDir} --out ${envFile} --migration-env ${migrateEnvFile}`, {
    withSettings: false,
    input: `${runtimeUrl()}\n${ownerUrl()}\n`,
  });
  assert((fs.statSync(envFile).mode & 0o777) === 0o600 && (fs.statSync(migrateEnvFile).mode & 0o777) === 0o600, "both settings files are 0600");
  assert(!fs.readFileSync(envFile, "utf8").includes(ownerPassword), "the instances' settings file does not hold the owner's password");
  // a check every 2 s instead of 300, so the test need not wait for a scheduled backup
  fs.appendFileSync(envFile, "BACKUP_CHECK_SECONDS=2\n");
  const config = parseConfig({ ...settings(), NODE_ENV: "production" });
  assert(config.HOST === "127.0.0.1" && config.APP_ENV === "production", "instances listen on loopback, in production mode");
  assert(config.TRUSTED_PROXIES.join(",") === "127.0.0.2", `only nginx's own address is trusted (got ${config.TRUSTED_PROXIES.join(",")})`);
  const refused = shFailing(`npm run --silent env:production -- --app-url ${base} --database-url postgresql://x:y@h/d --out ${path.join(work, "argv.env")}`);
  assert(refused.code !== 0 && /no longer accepted/.test(refused.output), "env:production refuses a database URL on the command line");
  ok("settings 0600 (runtime URL in .env, owner URL apart in migrate.env), TRUSTED_PROXIES=127.0.0.2, HOST=127.0.0.1; --database-url refused");

  step("3. the first release, from a release tarball (npm run release:pack, npm run release)");
  const packed = sh(`npm run --silent release:pack -- --out ${work} --version v1`, { withSettings: false }).trim().split("\n").at(-1)!;
  sh(`npm run --silent release -- --root ${app} --tarball ${packed}`, { withSettings: false });
  assert(fs.readlinkSync(current()) === path.join("releases", "v1"), "current -> releases/v1");
  const owned = adminSql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'");
  assert(owned === ownerRole, `every table is the owner role's (got ${owned})`);
  const adminEmail = `admin.${id}@example.edu`;
  const adminPassword = `Deploy-${randomBytes(9).toString("base64url")}-7`;
  sh(`npm run --silent admin:create -- --email ${adminEmail}`, { input: `${adminPassword}\n`, cwd: current() });
  ok("release v1 installed (hard-linked node_modules, prebuilt), migrated as the owner role; admin created with the password on standard input");

  step("4. the runtime role: no DROP, no TRUNCATE, no new tables; nobody else may connect");
  const drop = runtimeSql("DROP TABLE users");
  const truncate = runtimeSql("TRUNCATE attendance_records");
  const create = runtimeSql("CREATE TABLE public.intruder (x int)");
  assert(!drop.ok && /must be owner/.test(drop.output), `DROP refused: ${drop.output}`);
  assert(!truncate.ok && /permission denied/.test(truncate.output), `TRUNCATE refused: ${truncate.output}`);
  assert(!create.ok && /permission denied/.test(create.output), `CREATE TABLE refused: ${create.output}`);
  assert(runtimeSql("SELECT count(*) FROM users").ok, "the runtime role reads the app's tables");
  adminSql(`CREATE ROLE "${strangerRole}" LOGIN`, "postgres");
  let strangerIn = true;
  try {
    execFileSync("psql", [pgUrl(dbName, { name: strangerRole, password: "" }).replace(":@", "@"), "-tAc", "SELECT 1"], { stdio: "ignore" });
  } catch {
    strangerIn = false;
  }
  assert(!strangerIn, "a role without the grant cannot connect to the app's database (CONNECT revoked from PUBLIC)");
  ok("runtime role refused DROP TABLE, TRUNCATE and CREATE TABLE; another role refused CONNECT");

  step("5. two instances on loopback (deploy/systemd/rollcall@.service: rollcall@PORT, from current)");
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

  step("6. nginx with TLS in front, connecting from 127.0.0.2 (npm run nginx:render)");
  const nginxDir = path.join(work, "nginx");
  fs.mkdirSync(nginxDir, { recursive: true });
  sh(`openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout ${nginxDir}/key.pem -out ${nginxDir}/cert.pem 2>/dev/null`, { withSettings: false });
  sh(
    `npm run --silent nginx:render -- --upstreams 127.0.0.1:${portA},127.0.0.1:${portB} --cert ${nginxDir}/cert.pem --key ${nginxDir}/key.pem --prefix ${nginxDir} --static-root ${app}/static --http-port ${httpPort} --https-port ${httpsPort} --listen 127.0.0.1 --out ${nginxDir}/nginx.conf`,
    { withSettings: false },
  );
  sh(`nginx -t -q -c ${nginxDir}/nginx.conf -p ${nginxDir}`, { withSettings: false });
  nginx = spawn("nginx", ["-c", `${nginxDir}/nginx.conf`, "-p", nginxDir, "-g", "daemon off;"], { stdio: "inherit" });
  for (let i = 0; ; i++) {
    const health = await api("GET", "/api/health").catch(() => null);
    if (health?.status === 200) {
      assert(health.body.status === "ok" && health.body.database === "ok" && health.body.migrations?.state === "up_to_date", `health through nginx: ${health.text}`);
      assert(health.body.build?.release === "v1", `health names the release: ${health.text}`);
      break;
    }
    assert(i < 100, "nginx did not come up");
    await new Promise((r) => setTimeout(r, 100));
  }
  ok("GET /api/health through nginx: status ok, database ok, migrations up_to_date, release v1");

  db = await createDb(runtimeUrl()); // the test's own reads and writes, as the runtime role
  const auditIpOf = async (email: string) =>
    (await until(() => db!.auditLog.findFirst({ where: { action: "login_failed", details: { contains: email } }, select: { ipAddress: true } }), (r) => r !== null, `the audit entry for ${email}`))!.ipAddress;
  const direct = `direct.${id}@example.edu`;
  const proxied = `proxied.${id}@example.edu`;
  assert((await forgedLogin(`http://127.0.0.1:${portA}`, "127.0.0.1", direct)) === 401, "a failed login straight to an instance");
  assert((await forgedLogin(base.replace("localhost", "127.0.0.1"), "127.0.0.9", proxied)) === 401, "a failed login through nginx");
  const directIp = await auditIpOf(direct);
  const proxiedIp = await auditIpOf(proxied);
  assert(directIp === "127.0.0.1", `a local process on 127.0.0.1 cannot forge X-Forwarded-For (audited as ${directIp})`);
  assert(proxiedIp === "127.0.0.9", `through nginx the client's own address is audited (got ${proxiedIp})`);
  ok("forged X-Forwarded-For from 127.0.0.1 straight to an instance ignored (audited 127.0.0.1); through nginx the client's address (127.0.0.9), its forgery dropped");

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
  const ctx = { db, clock: systemClock, random: cryptoRandom, config, ip: "cli", userAgent: "deploy-test", deviceId: null, requestId: id };
  const hash = await (await import("bcrypt")).default.hash(randomBytes(12).toString("hex"), 4);
  const students: string[] = [];
  // 25 at a time: each is three round trips to PostgreSQL, which one after another only wait
  for (let i = 0; i < 1000; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: 25 }, async (_, k) => {
        const user = await db!.user.create({ data: { email: `s${i + k}.${id}@example.edu`, fullName: `Student ${i + k}`, passwordHash: hash, role: "student", status: "active" }, select: { id: true, role: true } });
        const session = await createSession(ctx, db!, user);
        return (await issueTokenPair(ctx, db!, user, session.id)).access_token;
      }),
    );
    students.push(...batch);
  }
  let nextStudent = 0;
  const issueAndMark = async () => {
    const code = await api("POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: event.body.id } });
    if (code.status !== 201) return { ok: false, detail: `issue ${code.status} ${code.text.slice(0, 200)}` };
    const mark = await api("POST", "/api/attendance/mark", { token: students[nextStudent++]!, json: { qr_payload: code.body.qr_payload } });
    return mark.status === 201 ? { ok: true, payload: code.body.qr_payload as string } : { ok: false, detail: `mark ${mark.status} ${mark.text.slice(0, 200)}` };
  };

  step("7. backup and verify with `ps` watched, then restore into a second database");
  const psLog = path.join(work, "ps.log");
  const sampler = spawn("bash", ["-c", `while :; do ps -eo args; sleep 0.01; done > ${psLog}`], { stdio: "ignore" });
  let backupFile: string;
  try {
    const backupOut = sh("npm run --silent db:backup", { cwd: current() });
    backupFile = (lastJson(backupOut) as { file: string }).file;
    const verified = lastJson(sh(`npm run --silent db:verify -- ${backupFile}`, { cwd: current() })) as { ok: boolean };
    assert(verified.ok, "db:verify");
  } finally {
    sampler.kill("SIGTERM");
  }
  const sampled = fs.readFileSync(psLog, "utf8");
  assert(/\bpg_dump\b/.test(sampled) && /\b(pg_restore|psql)\b/.test(sampled), "the sampler saw pg_dump and the verification's tools running");
  assertNoPassword(sampled, "`ps` output during backup and verify");
  ok(`\`ps\` sampled ${sampled.split("\n").filter((l) => /\b(pg_dump|pg_restore|psql) /.test(l)).length} tool command lines during backup and verify: no password`);
  assert(path.basename(backupFile).includes(`.${(await db.installation.findFirstOrThrow()).id}.`), "the backup's name carries the installation id");
  assert((fs.statSync(backupFile).mode & 0o777) === 0o600 && (fs.statSync(path.dirname(backupFile)).mode & 0o777) === 0o700, "backup 0600 in a 0700 folder");
  sh(`psql -q "${PG_ADMIN_URL}" -v app=${runtimeRole} -v database=${copyName} -v existing_roles=1 -f deploy/postgresql/create-database.sql`, { withSettings: false });
  const restored = lastJson(
    sh(`npm run --silent db:restore -- ${backupFile}`, { cwd: current(), env: { DATABASE_URL: runtimeUrl(copyName), MIGRATION_DATABASE_URL: ownerUrl(copyName) } }),
  ) as { installation_id: string; restored_from: string };
  const copy = await createDb(runtimeUrl(copyName));
  try {
    const unfinished = await copy.backupRun.count({ where: { finishedAt: null } });
    const own = await copy.backupRun.findFirst({ where: { file: backupFile } });
    assert(unfinished === 0 && own?.ok === true, "the restored copy shows the run that produced it as successful");
    assert((await copy.user.count()) === (await db.user.count()), "the restored copy has every user");
    const identity = await copy.installation.findFirstOrThrow();
    assert(identity.id === restored.installation_id && identity.restoredFrom === (await db.installation.findFirstOrThrow()).id, "the copy is a new installation that knows where it came from");
  } finally {
    await copy.$disconnect();
  }
  const scheduled = await db.backupRun.count({ where: { instanceId: { not: null } } });
  assert(scheduled === 1, `the same BACKUP_DIR on both instances made ${scheduled} scheduled backups (expected 1)`);
  ok("db:backup (0600 in 0700, named with the installation id) → db:verify → db:restore (as the owner) into a second database, a new installation id; 1 scheduled backup for 2 instances");

  step("8. an instance started on the restored copy with the production settings refuses the production BACKUP_DIR");
  const productionFiles = fs.readdirSync(backupDir).sort();
  adminSql("UPDATE backup_runs SET started_at = started_at - interval '25 hours', finished_at = finished_at - interval '25 hours'", copyName); // a backup is due there
  const copyDb = await createDb(runtimeUrl(copyName));
  // the copy holds production's own scheduled run (restored with it): wait for a run the copy's instance starts
  const restoredRuns = (await copyDb.backupRun.findMany({ select: { id: true } })).map((r) => r.id);
  await startInstance(portCopy, { DATABASE_URL: runtimeUrl(copyName) });
  try {
    const refusal = await until(
      () => copyDb.backupRun.findFirst({ where: { instanceId: { not: null }, id: { notIn: restoredRuns } }, orderBy: { startedAt: "desc" } }),
      (r) => r?.finishedAt != null,
      "the copy's scheduled backup",
    );
    assert(refusal!.ok === false && /Refusing to back up into .*holds \d+ backup\(s\) of installation/.test(refusal!.error ?? ""), `the copy refused, saying why: ${refusal!.error}`);
    assert(JSON.stringify(fs.readdirSync(backupDir).sort()) === JSON.stringify(productionFiles), "nothing was written to or pruned from the production folder");
  } finally {
    await copyDb.$disconnect();
    await stopInstance(portCopy);
  }
  ok("the restored-copy instance refused the production BACKUP_DIR, naming both installations; the folder is untouched");

  step("9. a failed backup publishes no password: logs, backup_runs, notifications, /api/admin/metrics, CLI output");
  adminSql("CREATE TABLE public.unreadable_by_the_app (x int)"); // the superuser's: the runtime role cannot read it, so pg_dump fails
  const cli = shFailing("npm run --silent db:backup", { cwd: current() });
  assert(cli.code !== 0 && /permission denied/.test(cli.output), `the CLI backup failed on the unreadable table: ${quiet(cli.output).slice(0, 300)}`);
  assertNoPassword(cli.output, "the CLI's output");
  adminSql("UPDATE backup_runs SET started_at = started_at - interval '25 hours'"); // the next scheduled one is due
  const failedRun = await until(
    () => db!.backupRun.findFirst({ where: { instanceId: { not: null }, ok: false, finishedAt: { not: null } } }),
    (r) => r !== null,
    "a failed scheduled backup",
  );
  assert(/permission denied/.test(failedRun!.error ?? ""), `the stored error says what failed: ${failedRun!.error}`);
  adminSql("DROP TABLE public.unreadable_by_the_app");
  const runs = JSON.stringify(await db.backupRun.findMany());
  const notes = JSON.stringify(await db.notification.findMany({ where: { type: "backup_failed" } }));
  assert(JSON.parse(notes).length >= 2, "admins were notified of both failures");
  const metricsThrough = await api("GET", "/api/admin/metrics", { token: admin });
  assert(metricsThrough.status === 200 && metricsThrough.body.backup.last.ok === false, `the dashboard shows the failed backup: ${metricsThrough.text.slice(0, 200)}`);
  const logs = [portA, portB, portCopy].map((p) => fs.readFileSync(logFile(p), "utf8")).join("\n");
  assert(/"msg":"backup failed"/.test(logs), "the instance logged the failed backup");
  for (const [text, where] of [[runs, "backup_runs"], [notes, "notifications"], [metricsThrough.text, "/api/admin/metrics"], [logs, "the instances' logs"]] as const) assertNoPassword(text, where);
  ok("pg_dump failed (permission denied) from the CLI and on schedule: no password in the CLI output, the logs, backup_runs, notifications or /api/admin/metrics");

  for (const port of [portA, portB]) {
    const own = await api("GET", "/api/admin/metrics", { to: `http://127.0.0.1:${port}`, token: admin });
    assert(own.status === 200 && own.body.instance.name.endsWith(`:${port}`) && own.body.instances.length >= 2, `metrics scraped from ${port} name that instance: ${own.text.slice(0, 200)}`);
  }
  ok("each instance's /api/admin/metrics names itself (host:port) and lists the running instances");

  step("10. routine QR rotation with a rolling restart while marks run");
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
  sh(`npm run --silent secrets:rotate-qr -- --routine --file ${envFile}`, { cwd: current() });
  for (const port of [portA, portB]) {
    // systemctl restart rollcall@PORT, then wait for its health before the next one
    const stop = await stopInstance(port);
    assert(stop.code === 0 && stop.seconds < 10, `instance ${port} stopped in ${stop.seconds.toFixed(1)} s with code ${stop.code}`);
    await startInstance(port);
  }
  await new Promise((r) => setTimeout(r, 3_000));
  running = false;
  await load;
  const refusedPairs = results.filter((r) => !r.ok);
  assert(refusedPairs.length === 0, `${refusedPairs.length} of ${results.length} issue→mark pairs failed: ${refusedPairs.slice(0, 3).map((r) => r.detail).join(" | ")}`);
  const after = await issueAndMark();
  assert(after.ok && after.payload!.split(".")[1] === qrKeyId(settings().QR_SIGNING_SECRET!) && oldKey !== after.payload!.split(".")[1], "codes are signed with the new key after the restart");
  ok(`routine rotation, rolling restart: ${results.length} of ${results.length} issue→mark pairs through nginx succeeded (0 refused); new key in use`);

  step("11. compromise: revoke at once, then restart");
  const before = await api("POST", "/api/admin/qr-sessions", { token: admin, json: { event_id: event.body.id } });
  assert(before.status === 201, "a live code before the compromise");
  sh(`npm run --silent secrets:rotate-qr -- --compromise --file ${envFile}`, { cwd: current() });
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

  step("12. stop within 10 s while marks run");
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
  await startInstance(portA);

  step("13. upgrade to a new release while marks and page loads run (npm run release)");
  // the new version: this source with a changed client component, so its chunks get new names
  const source = path.join(work, "source-v2");
  fs.mkdirSync(source);
  sh(`tar --exclude=./node_modules --exclude=./.next --exclude=./.tmp --exclude=./.git --exclude=./generated -cf - . | tar -C ${source} -xf -`, { withSettings: false });
  // a checkout that built before keeps Next.js's build cache, which the release's build starts from
  if (fs.existsSync(path.join(ROOT, ".next", "cache"))) fs.cpSync(path.join(ROOT, ".next", "cache"), path.join(source, ".next", "cache"), { recursive: true });
  const form = path.join(source, "components/auth/LoginForm.tsx");
  fs.writeFileSync(form, fs.readFileSync(form, "utf8").replace('<form method="post"', '<form method="post" data-release="v2"'));
  const chunksOf = (html: string) => [...new Set([...html.matchAll(/\/_next\/static\/[^"'\s)]+\.(?:js|css)/g)].map((m) => m[0]))];
  const v1Chunks = chunksOf((await api("GET", "/login")).text);
  assert(v1Chunks.length > 3, "the login page names its chunks");
  const problems: string[] = [];
  let pages = 0;
  let chunks = 0;
  running = true;
  results.length = 0;
  const marks = (async () => {
    while (running) {
      results.push(await issueAndMark().catch((e: Error) => ({ ok: false, detail: e.message })));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  // a student opening the login page: the page, then every chunk it names (as a browser would)
  const pageLoads = (async () => {
    while (running) {
      const page = await api("GET", "/login").catch((e: Error) => ({ status: 0, text: e.message }));
      pages++;
      if (page.status !== 200) problems.push(`/login ${page.status}`);
      for (const chunk of page.status === 200 ? chunksOf(page.text) : []) {
        const res = await api("GET", chunk).catch((e: Error) => ({ status: 0, text: e.message }));
        chunks++;
        if (res.status !== 200) problems.push(`${chunk} ${res.status}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  supervised.add(portA).add(portB);
  const releaseLog = path.join(work, "release-v2.log");
  const release = spawn(
    "bash",
    ["-c", `npm run --silent release -- --root ${app} --source ${source} --version v2 --ports ${portA},${portB} --restart 'kill -TERM $(cat ${path.join(work, "run")}/rollcall@{port}.pid)' > ${releaseLog} 2>&1`],
    { cwd: ROOT, stdio: "ignore", env: { ...process.env } },
  );
  const releaseCode = await new Promise<number | null>((r) => release.once("exit", r));
  await new Promise((r) => setTimeout(r, 2_000)); // a last round of page loads from the new release only
  running = false;
  await Promise.all([marks, pageLoads]);
  supervised.clear();
  assert(releaseCode === 0, `npm run release failed:\n${fs.readFileSync(releaseLog, "utf8").split("\n").slice(-15).join("\n")}`);
  assert(fs.readFileSync(releaseLog, "utf8").includes("starting from the build cache"), "the release's build started from the checkout's build cache");
  assert(supervisorErrors.length === 0, `restarts: ${supervisorErrors.join("; ")}`);
  assert(problems.length === 0, `${problems.length} page or chunk loads failed during the upgrade: ${problems.slice(0, 5).join(" | ")}`);
  const markFailures = results.filter((r) => !r.ok);
  assert(markFailures.length === 0, `${markFailures.length} of ${results.length} issue→mark pairs failed during the upgrade: ${markFailures[0]?.detail}`);
  const v2Build = fs.readFileSync(path.join(app, "releases", "v2", ".next", "BUILD_ID"), "utf8").trim();
  for (const port of [portA, portB]) {
    const health = await api("GET", "/api/health", { to: `http://127.0.0.1:${port}` });
    assert(health.body.build?.id === v2Build && health.body.build?.release === "v2", `instance ${port} runs v2: ${health.text}`);
  }
  const newPage = (await api("GET", "/login")).text;
  assert(newPage.includes('data-release="v2"'), "the login page comes from the new release");
  const newChunks = chunksOf(newPage).filter((c) => !v1Chunks.includes(c));
  assert(newChunks.length > 0, "the new release's login page names chunks the old one did not");
  for (const chunk of v1Chunks) assert((await api("GET", chunk)).status === 200, `the old release's chunk ${chunk} is still served`);
  ok(`upgrade v1 → v2 (built beside v1, migrated, chunks published, instances restarted one by one): ${pages} page loads and ${chunks} chunk loads, no 5xx and no missing chunk; ${results.length} issue→mark pairs, none failed; old chunks still served`);
}

main()
  .then(
    async () => {
      await teardown();
      console.log(`\ndeploy test: ${checks.length} checks passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      process.exit(0);
    },
    async (error: unknown) => {
      console.error(`\n${quiet(error instanceof Error ? error.message : String(error))}`);
      const logs = fs.existsSync(work) ? fs.readdirSync(work).filter((f) => f.endsWith(".log") && f !== "ps.log").map((f) => path.join(work, f)) : [];
      if (fs.existsSync(path.join(work, "nginx", "error.log"))) logs.push(path.join(work, "nginx", "error.log"));
      for (const log of logs) {
        const lines = fs.readFileSync(log, "utf8").trim().split("\n").filter((l) => !l.includes('"level":"info"') && !l.includes('"level":"debug"'));
        console.error(`--- ${log} (last 15 lines)\n${quiet(lines.slice(-15).join("\n"))}`);
      }
      await teardown().catch((e: unknown) => console.error("teardown:", e));
      console.error(`deploy test FAILED after ${((performance.now() - started) / 1000).toFixed(0)} s`);
      process.exit(1);
    },
  );

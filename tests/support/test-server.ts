// Starts a real Rollcall server (the production build: server.ts compiled with the app) on a fresh database.
// Used by the integration suites' global setup, the e2e web server and the benchmark's smoke test.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { copySqliteTemplate, createPostgresFromTemplate, databaseUrl, migrateWithCli } from "./migrated-template";

export type Provider = "sqlite" | "postgresql";
export const ROOT = path.resolve(__dirname, "../..");
/** server.ts as `npm run build` compiled it (scripts/build-server.mjs): what `npm start` and the systemd unit run */
export const SERVER_BUNDLE = ".next/rollcall-server.cjs";
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  provider: Provider;
  url: string;
  drop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** A new, migrated database (a copy of the migrated template, tests/support/migrated-template.ts), or an
 *  empty one with `migrated: false`. Tests never rely on leftovers. */
export async function createTestDatabase(provider: Provider, label = "int", { migrated = true } = {}): Promise<TestDatabase> {
  const id = `${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  let db: TestDatabase;
  if (provider === "postgresql") {
    const name = `rollcall_test_${id}`;
    if (migrated) await createPostgresFromTemplate(ROOT, PG_ADMIN_URL, name);
    else {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
    }
    db = {
      provider,
      url: databaseUrl(PG_ADMIN_URL, name),
      async drop() {
        const c = new pg.Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  } else {
    const dir = path.join(ROOT, ".tmp", id);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (migrated) copySqliteTemplate(ROOT, path.join(dir, "rollcall.db"));
    db = {
      provider,
      url: `file:${path.join(dir, "rollcall.db")}`,
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  return db;
}

/** `prisma migrate deploy` on `databaseUrl`, as `npm run db:migrate` does */
export function migrate(databaseUrl: string): void {
  migrateWithCli(ROOT, databaseUrl);
}

export interface ServerEnv {
  DATABASE_URL: string;
  SECRET_KEY: string;
  QR_SIGNING_SECRET: string;
  NEXTAUTH_SECRET: string;
  APP_URL: string;
  [key: string]: string;
}

export interface TestServer {
  url: string;
  port: number;
  env: ServerEnv;
  /** the server's process id (a test can signal it) */
  pid: number;
  /** resolves with the exit code (null when killed by a signal) once the process has exited */
  exited: Promise<number | null>;
  /** the last 200,000 characters the server wrote to stdout and stderr */
  output(): string;
  stop(): Promise<void>;
}

export function testSecrets() {
  const hex = () => randomBytes(32).toString("hex");
  return { SECRET_KEY: hex(), QR_SIGNING_SECRET: hex(), NEXTAUTH_SECRET: hex() };
}

/** Spawn `server.ts` (production mode, APP_ENV=test) and wait until /api/health answers. */
export async function startServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  /** "healthy": wait for 200 from /api/health; "listening": any HTTP answer will do */
  readiness: "healthy" | "listening" = "healthy",
): Promise<TestServer> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) || !fs.existsSync(path.join(ROOT, SERVER_BUNDLE))) {
    throw new Error("No production build: run `npm run build` before the integration tests.");
  }
  const port = Number(extraEnv.PORT) || (await freePort());
  const env: ServerEnv = {
    ...testSecrets(),
    DATABASE_URL: databaseUrl,
    // a domain name, not 127.0.0.1: browsers (and so Rollcall) allow passkeys only on domains.
    // Clients still connect to 127.0.0.1; APP_URL is only what the app calls itself.
    APP_URL: `http://localhost:${port}`,
    APP_ENV: "test",
    BCRYPT_ROUNDS: "4",
    LOG_LEVEL: "warn",
    TRUSTED_PROXIES: "127.0.0.1",
    HOST: "0.0.0.0",
    ...extraEnv,
    PORT: String(port),
  };
  // What `npm start` runs, as one process: a runner that kills the process we started
  // (Playwright's web server, a timed-out test) really stops the server.
  const child: ChildProcess = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const signal = (sig: NodeJS.Signals) => child.kill(sig);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  // ROLLCALL_SERVER_LOG=1 shows the server's own log (for debugging tests and the benchmark)
  const echo = Boolean(process.env.ROLLCALL_SERVER_LOG);
  // Whatever the server logs as an error (an unhandled error behind a 500, with its request id)
  // is kept in .tmp/server-errors.log, so a failure in a long run can be read afterwards.
  // (errors go to stderr, so each stream keeps its own unfinished line)
  const pending = { out: "", err: "" };
  const keepErrors = (stream: "out" | "err", d: Buffer | string) => {
    const lines = (pending[stream] + d).split("\n");
    pending[stream] = lines.pop()!.slice(-100_000);
    const errors = lines.filter((l) => l.includes('"level":"error"') || l.includes('"level":"fatal"'));
    if (errors.length) fs.appendFileSync(path.join(ROOT, ".tmp", "server-errors.log"), errors.map((l) => `${port} ${l}\n`).join(""));
  };
  child.stdout!.on("data", (d) => {
    output = (output + d).slice(-200_000);
    keepErrors("out", d);
    if (echo) process.stderr.write(d);
  });
  child.stderr!.on("data", (d) => {
    output = (output + d).slice(-200_000);
    keepErrors("err", d);
    if (echo) process.stderr.write(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`test server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok || readiness === "listening") break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      signal("SIGKILL");
      throw new Error(`test server did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    env,
    pid: child.pid!,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

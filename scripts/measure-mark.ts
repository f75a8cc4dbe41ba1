// Measure the server time of POST /api/attendance/mark: a production build on a fresh database,
// N students each marking once, sequentially; server time from the request log's `ms`.
// usage: npx tsx scripts/measure-mark.ts [--provider sqlite|postgresql] [--n 300]
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { createSession, issueTokenPair } from "../lib/auth/sessions";
import { systemClock } from "../lib/clock";
import { parseConfig } from "../lib/config";
import { createDb } from "../lib/db";
import { cryptoRandom } from "../lib/random";
import { createTestDatabase, freePort, ROOT, testSecrets, type Provider } from "../tests/support/test-server";

const { values } = parseArgs({ options: { provider: { type: "string", default: "sqlite" }, n: { type: "string", default: "300" } } });
const N = Number(values.n);

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function main() {
  const db = await createTestDatabase(values.provider as Provider, "bench");
  const port = await freePort();
  const env = { ...testSecrets(), DATABASE_URL: db.url, APP_URL: `http://127.0.0.1:${port}`, APP_ENV: "test", BCRYPT_ROUNDS: "4", LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1" };
  const serverMs: number[] = [];
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], { cwd: ROOT, env: { ...process.env, NODE_ENV: "production", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  let buf = "";
  child.stdout.on("data", (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (line.includes('"/api/attendance/mark"')) serverMs.push(JSON.parse(line).duration_ms);
    }
  });
  const base = `http://127.0.0.1:${port}`;
  for (let t = 0; ; t++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const config = parseConfig(env);
  const prisma = await createDb(db.url);
  const ctx = { db: prisma, clock: systemClock, random: cryptoRandom, config, ip: "cli", userAgent: "bench", deviceId: null, requestId: "bench" };
  const admin = await prisma.user.create({ data: { email: "admin@bench.test", passwordHash: "x", fullName: "Admin", role: "admin", status: "active" } });
  const adminToken = (await issueTokenPair(ctx, prisma, { id: admin.id, role: "admin" }, (await createSession(ctx, prisma, { id: admin.id, role: "admin" })).id)).access_token;
  const tokens: string[] = [];
  for (let i = 0; i < N; i++) {
    const u = await prisma.user.create({ data: { email: `s${i}@bench.test`, passwordHash: "x", fullName: `Student ${i}`, role: "student", status: "active" } });
    tokens.push((await issueTokenPair(ctx, prisma, { id: u.id, role: "student" }, (await createSession(ctx, prisma, { id: u.id, role: "student" })).id)).access_token);
  }
  const post = (p: string, body: unknown, token: string) =>
    fetch(`${base}${p}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, cookie: `rc_device=bench${Math.random().toString(36).slice(2, 14).padEnd(12, "0")}` }, body: JSON.stringify(body) });
  const now = Date.now();
  const event = await (await post("/api/events", { title: "Bench", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3600_000).toISOString() }, adminToken)).json();
  let code = await (await post("/api/admin/qr-sessions", { event_id: event.id }, adminToken)).json();
  let issued = Date.now();
  const client: number[] = [];
  for (let i = 0; i < N; i++) {
    if (Date.now() - issued > 30_000) {
      code = await (await post("/api/admin/qr-sessions", { event_id: event.id }, adminToken)).json();
      issued = Date.now();
    }
    const t = performance.now();
    const res = await post("/api/attendance/mark", { qr_payload: code.qr_url }, tokens[i]!);
    client.push(performance.now() - t);
    if (res.status !== 201) throw new Error(`mark ${i}: ${res.status} ${await res.text()}`);
  }
  await new Promise((r) => setTimeout(r, 300));
  console.log(JSON.stringify({ provider: values.provider, marks: N, server_ms: { p50: pct(serverMs, 50), p90: pct(serverMs, 90), p99: pct(serverMs, 99), max: Math.max(...serverMs), p99_after_warmup: pct(serverMs.slice(20), 99) }, client_ms: { p50: +pct(client, 50).toFixed(1), p99: +pct(client, 99).toFixed(1) } }));
  await prisma.$disconnect();
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await db.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Login latency against a production build at BCRYPT_ROUNDS=12, next to a bare bcrypt.compare
// at the same cost (docs/design.md#performance: "login: bcrypt time + < 15 ms").
// Usage: npm run build && npx tsx scripts/bench-login.ts [--n 20]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import bcrypt from "bcrypt";
import { createDb } from "../lib/db";
import { createTestDatabase, startServer } from "../tests/support/test-server";

const ROUNDS = 12;
const PASSWORD = "Bench-Login-Pass-12!";

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { n: s.length, min: s[0]!, median: q(0.5), p95: q(0.95), max: s[s.length - 1]!, mean };
}
const fmt = (x: ReturnType<typeof stats>) =>
  `n=${x.n} min=${x.min.toFixed(1)} median=${x.median.toFixed(1)} mean=${x.mean.toFixed(1)} p95=${x.p95.toFixed(1)} max=${x.max.toFixed(1)} ms`;

async function main() {
  const { values } = parseArgs({ options: { n: { type: "string", default: "20" } } });
  const n = Number(values.n);
  const database = await createTestDatabase("sqlite", "bench");
  const db = await createDb(database.url);
  const email = "bench@rollcall.test";
  const hash = await bcrypt.hash(PASSWORD, ROUNDS);
  await db.user.create({ data: { email, passwordHash: hash, fullName: "Bench", role: "student", status: "active" } });
  // The same login against a cost-4 hash (bcrypt ≈ 1 ms): what the login costs besides bcrypt.
  const cheapEmail = "bench-cheap@rollcall.test";
  await db.user.create({ data: { email: cheapEmail, passwordHash: await bcrypt.hash(PASSWORD, 4), fullName: "Bench", role: "student", status: "active" } });
  await db.$disconnect();
  const server = await startServer(database.url, { BCRYPT_ROUNDS: String(ROUNDS), LOG_LEVEL: "warn" });
  try {
    const login = async (who = email) => {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: who, password: PASSWORD }) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`login answered ${res.status}`);
      return performance.now() - t;
    };
    const compare = async () => {
      const t = performance.now();
      await bcrypt.compare(PASSWORD, hash);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) await login(); // warm up routes and the connection pool
    for (let i = 0; i < 3; i++) await compare();
    // Interleaved, so load from other processes on a shared machine hits both series alike.
    const logins: number[] = [];
    const compares: number[] = [];
    const cheap: number[] = [];
    for (let i = 0; i < n; i++) {
      logins.push(await login());
      compares.push(await compare());
      cheap.push(await login(cheapEmail));
    }
    const l = stats(logins);
    const c = stats(compares);
    console.log(`login (HTTP, production build, BCRYPT_ROUNDS=${ROUNDS}): ${fmt(l)}`);
    console.log(`bare bcrypt.compare (cost ${ROUNDS}, native):          ${fmt(c)}`);
    console.log(`login overhead over bcrypt (median): ${(l.median - c.median).toFixed(1)} ms`);
    console.log(`login with a cost-4 hash (everything but bcrypt, incl. HTTP): ${fmt(stats(cheap))}`);
  } finally {
    await server.stop();
    await database.drop();
    fs.rmSync(path.join(process.cwd(), ".tmp", "bench-login"), { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The campus scenario (issue 20, `--scenarios campus`, not in the default run): a college after a
// year. The database holds one academic year of a 30,000-student college (campus-plan.ts: 1,000
// courses of 30 weekly sessions, ~17.5 M marks, the audit trail and notifications of excuses,
// joins, drops, warnings and projected codes), seeded in bulk before the servers start
// (campus-seed.ts). Then, within the same minute, 10 lecture halls of 300 students check in on
// their course's live session with the real rotating codes, the 10 lecturers open their term
// report every 2.5 s, and 5 students a second open their home page's data. `--explain` prints
// the query plans of the hot queries afterwards (campus-explain.ts).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";
import { prepareTokenPair } from "../../lib/auth/sessions";
import { addDays, systemClock } from "../../lib/clock";
import { parseConfig } from "../../lib/config";
import type { Ctx } from "../../lib/context";
import { createDb, providerOf, type Db } from "../../lib/db";
import { sqliteFileOf } from "../../lib/db-url";
import { cryptoRandom, shortId } from "../../lib/random";
import { PG_ADMIN_URL, type Provider } from "../../tests/support/test-server";
import { clientIp, steady, LoadClient } from "./client";
import { startCluster, type Cluster } from "./cluster";
import { explainHotQueries } from "./campus-explain";
import { HALLS, LATE_AFTER_MINUTES, campusEmail, campusIds, campusPlan, courseWords, type CampusPlan } from "./campus-plan";
import { databaseSize, gib, seedCampusDatabase, type CampusSeeded } from "./campus-seed";
import { markAll, markOk } from "./scenarios";
import { BENCH_PASSWORD, countDuplicates, type Seed, type SeededUser } from "./seed";
import { Recorder, table, type ScenarioResult } from "./stats";

const SECONDS = 60;
/** each lecturer opens the term report this often */
const REPORT_EVERY_SECONDS = 2.5;
const HOME_READS_PER_SECOND = 5;
/** distinct students who open their home page during the minute */
const HOME_READERS = 300;
const now = () => performance.now();

export interface CampusOptions {
  provider: Provider;
  instances: number;
  proxy: boolean;
  bcryptRounds: number;
  scale: number;
  explain: boolean;
  json?: string;
}

interface People {
  signedIn: number;
  admin: SeededUser;
  /** hall h's lecturer */
  lecturers: SeededUser[];
  /** hall h's students */
  halls: SeededUser[][];
  readers: SeededUser[];
}

/** CPU seconds a process has used so far (Linux /proc; null elsewhere). */
function cpuSeconds(pid: number): number | null {
  try {
    // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15 (clock ticks, 100 a second)
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** API sessions and access tokens for the people the minute needs, written in bulk (the accounts exist). */
async function signIn(ctx: Ctx, plan: CampusPlan, run: string): Promise<People> {
  const ids = campusIds(run);
  const persons = new Map<number, "admin" | "instructor" | "student">([[0, "admin"]]);
  const student = (s: number) => 1 + plan.staff + s;
  for (let h = 0; h < HALLS; h++) {
    persons.set(1 + plan.courses[h]!.instructor, "instructor");
    for (let k = 0; k < plan.hallSeats; k++) persons.set(student(plan.courses[h]!.first + k), "student");
  }
  const readerIndexes = Array.from({ length: Math.min(HOME_READERS, plan.students) }, (_, i) => Math.floor((i * plan.students) / Math.min(HOME_READERS, plan.students)));
  for (const s of readerIndexes) persons.set(student(s), "student");
  const at = ctx.clock.now();
  const signed = new Map<number, SeededUser>();
  const entries = [...persons];
  for (let i = 0; i < entries.length; i += 1000) {
    const slice = entries.slice(i, i + 1000);
    const prepared = await Promise.all(
      slice.map(async ([person, role]) => {
        const sessionId = randomUUID().replaceAll("-", "");
        const tokens = await prepareTokenPair(ctx, { id: ids.user(person), role }, sessionId);
        return { person, sessionId, tokens };
      }),
    );
    await ctx.db.authSession.createMany({
      data: prepared.map((p) => ({ id: p.sessionId, userId: ids.user(p.person), kind: "api" as const, createdAt: at, lastUsedAt: at, expiresAt: addDays(at, ctx.config.REFRESH_TOKEN_EXPIRE_DAYS), ipAddress: ctx.ip, userAgent: ctx.userAgent })),
    });
    await ctx.db.refreshToken.createMany({ data: prepared.map((p) => ({ sessionId: p.sessionId, ...p.tokens.refreshRow })) });
    for (const p of prepared) signed.set(p.person, { id: ids.user(p.person), email: campusEmail(p.person, plan.staff), accessToken: p.tokens.pair.access_token, refreshToken: p.tokens.pair.refresh_token });
  }
  return {
    signedIn: signed.size,
    admin: signed.get(0)!,
    lecturers: Array.from({ length: HALLS }, (_, h) => signed.get(1 + plan.courses[h]!.instructor)!),
    halls: Array.from({ length: HALLS }, (_, h) => Array.from({ length: plan.hallSeats }, (_, k) => signed.get(student(plan.courses[h]!.first + k))!)),
    readers: readerIndexes.map((s) => signed.get(student(s))!),
  };
}

/** Each hall's live session: the 31st of its course, started five minutes ago, check-in open. */
async function openLiveSessions(db: Db, plan: CampusPlan, run: string): Promise<string[]> {
  const ids = campusIds(run);
  const t = Date.now();
  const live: string[] = [];
  for (let h = 0; h < HALLS; h++) {
    const course = plan.courses[h]!;
    const words = courseWords(course);
    const event = await db.event.create({
      data: {
        id: shortId(cryptoRandom), title: `${words.code} week 31`, location: words.room, startsAt: new Date(t - 5 * 60_000), endsAt: new Date(t + 85 * 60_000), lateAfterMinutes: LATE_AFTER_MINUTES,
        courseId: ids.course(h), createdById: ids.user(1 + course.instructor), checkinOpenedAt: new Date(t - 60_000),
      },
      select: { id: true },
    });
    live.push(event.id);
  }
  return live;
}

interface Minute {
  results: ScenarioResult[];
  /** halls whose projector could not issue its first code (their students could not mark) */
  failedHalls: string[];
}

async function theMinute(client: LoadClient, db: Db, plan: CampusPlan, run: string, people: People, live: string[], rotation: number): Promise<Minute> {
  const ids = campusIds(run);
  const seats = plan.hallSeats;
  const marks = new Recorder("campus", `POST /api/attendance/mark (${HALLS} halls × ${seats} in ${SECONDS} s)`, markOk);
  const reports = new Recorder("campus", `GET /api/courses/{id}/report (${seats} × 31), ${HALLS} lecturers every ${REPORT_EVERY_SECONDS} s`);
  const homes = new Recorder("campus", `GET /api/attendance/me (student home, ${HOME_READS_PER_SECOND}/s)`);
  const readReport = (h: number) => async () => {
    const t = now();
    const res = await client.request("GET", `/api/courses/${ids.course(h)}/report`, { token: people.lecturers[h]!.accessToken, ip: clientIp(6, h) });
    reports.record(t, now(), res.status, res.body);
  };
  const readHome = async (i: number) => {
    const reader = people.readers[i % people.readers.length]!;
    const t = now();
    const res = await client.request("GET", "/api/attendance/me", { token: reader.accessToken, ip: clientIp(4, i % people.readers.length) });
    homes.record(t, now(), res.status, res.body);
  };
  const seedOf = (h: number): Seed => ({ db, admin: people.lecturers[h]!, students: people.halls[h]!, eventId: live[h]! });
  const failedHalls: string[] = [];
  await Promise.all([
    // a hall whose first code cannot be issued is reported, not allowed to end the others' minute
    ...live.map((eventId, h) =>
      markAll(client, seedOf(h), people.halls[h]!, SECONDS, "campus", rotation, eventId, { recorder: marks, firstIp: h * seats }).catch((error: unknown) => {
        failedHalls.push(`hall ${h + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }),
    ),
    // the lecturers do not all press at the same instant
    ...live.map((_, h) => new Promise((r) => setTimeout(r, (h * REPORT_EVERY_SECONDS * 1000) / HALLS)).then(() => steady(1 / REPORT_EVERY_SECONDS, SECONDS, readReport(h)))),
    steady(HOME_READS_PER_SECOND, SECONDS, readHome),
  ]);
  return { results: [marks.result(), reports.result(), homes.result()], failedHalls };
}

/** Unmeasured: every route the minute uses is compiled and warm (a throw-away event, a seminar's report, one home). */
async function warmUp(client: LoadClient, db: Db, plan: CampusPlan, run: string, people: People, rotation: number) {
  const ids = campusIds(run);
  const admin = people.admin;
  const t = Date.now();
  const event = await db.event.create({ data: { id: shortId(cryptoRandom), title: "Campus warm-up", startsAt: new Date(t - 60_000), endsAt: new Date(t + 3_600_000), lateAfterMinutes: 60, createdById: admin.id, checkinOpenedAt: new Date(t - 60_000) }, select: { id: true } });
  await markAll(client, { db, admin, students: people.readers, eventId: event.id }, people.readers.slice(-20), 1, "warm-up", rotation, event.id, { firstIp: 40_000 });
  const smallest = plan.courses.slice(HALLS).reduce((a, b) => (b.seats < a.seats ? b : a), plan.courses[HALLS]!);
  await client.request("GET", `/api/courses/${ids.course(smallest.index)}/report`, { token: admin.accessToken });
  await client.request("GET", "/api/attendance/me", { token: people.readers[0]!.accessToken });
}

function printTargets({ results, failedHalls }: Minute, duplicates: number) {
  const [marks, report, home] = results as [ScenarioResult, ScenarioResult, ScenarioResult];
  for (const [label, r, pct, limit, extra] of [
    ["marks POST /api/attendance/mark", marks, "p99_ms", 100, failedHalls.length],
    ["report GET /api/courses/{id}/report", report, "p95_ms", 150, 0],
    ["student home GET /api/attendance/me", home, "p95_ms", 100, 0],
  ] as const) {
    const halls = extra ? ` (and ${extra} hall${extra > 1 ? "s" : ""} could not start)` : "";
    console.log(`target campus ${label}: ${pct.slice(0, 3)} ${r[pct]} ms < ${limit} ms, 0 errors${halls} → ${r[pct] < limit && r.errors === 0 && !extra ? "met" : "NOT met"}`);
  }
  console.log(`target campus duplicates: ${duplicates} → ${duplicates === 0 ? "met" : "NOT met"}`);
}

/** A database the scenario made, dropped without the cluster (an interrupted seed: no server runs yet). */
async function dropDatabase(url: string): Promise<void> {
  if (providerOf(url) === "sqlite") {
    fs.rmSync(path.dirname(sqliteFileOf(url)), { recursive: true, force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** `npm run bench -- --scenarios campus [--campus-scale 0.02] [--explain]`: seeds, measures, prints; stops everything it started. */
export async function runCampusBench(opts: CampusOptions): Promise<void> {
  const plan = campusPlan(opts.scale);
  console.log(
    `Rollcall bench campus: a year of ${plan.students.toLocaleString("en")} students, ${plan.staff} lecturers, ${plan.courses.length} courses, ` +
      `${plan.enrolments.toLocaleString("en")} enrolments (scale ${opts.scale}); db=${opts.provider}, instances=${opts.instances}`,
  );
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
  const passwordHash = await hashPassword(BENCH_PASSWORD, opts.bcryptRounds);
  let seeded: CampusSeeded | undefined;
  let databaseUrl: string | undefined;
  let cluster: Cluster | undefined;
  let client: LoadClient | undefined;
  let db: Db | undefined;
  // interrupted (Ctrl-C, SIGTERM), a run still stops its servers and drops its gigabytes
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`campus: ${signal}: stopping the servers and dropping the database`);
    const cleanup = cluster ? cluster.stop() : databaseUrl ? dropDatabase(databaseUrl) : Promise.resolve();
    void cleanup.catch((error: unknown) => console.error(error)).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    cluster = await startCluster({
      provider: opts.provider, instances: opts.instances, proxy: opts.proxy, bcryptRounds: opts.bcryptRounds,
      prepare: async (url) => {
        databaseUrl = url;
        seeded = await seedCampusDatabase(url, plan, passwordHash);
      },
    });
    const { run } = seeded!;
    const config = parseConfig(cluster.env);
    db = await createDb(config.DATABASE_URL);
    const ctx: Ctx = { db, clock: systemClock, random: cryptoRandom, config, ip: "127.0.0.1", userAgent: "rollcall-bench", deviceId: null, requestId: randomUUID() };
    const t1 = performance.now();
    const people = await signIn(ctx, plan, run);
    const live = await openLiveSessions(db, plan, run);
    console.log(`signed in ${people.signedIn} people (API sessions) and opened ${HALLS} live sessions in ${((performance.now() - t1) / 1000).toFixed(1)} s; target=${cluster.url}`);
    client = new LoadClient(cluster.url);
    await warmUp(client, db, plan, run, people, config.QR_ROTATION_SECONDS);
    const load = os.loadavg()[0]!;
    const cpuBefore = cluster.pids.map(cpuSeconds);
    const t2 = performance.now();
    const minute = await theMinute(client, db, plan, run, people, live, config.QR_ROTATION_SECONDS);
    const { results } = minute;
    const wall = (performance.now() - t2) / 1000;
    const cpu = cluster.pids.map((pid, i) => {
      const [before, after] = [cpuBefore[i], cpuSeconds(pid)];
      return before === null || before === undefined || after === null ? null : after - before;
    });
    const duplicates = await countDuplicates(db, live);
    const marked = await db.attendanceRecord.count({ where: { eventId: { in: live } } });
    const metrics = await client.request("GET", "/api/admin/metrics", { token: people.admin.accessToken });
    const loop = (metrics.body as { event_loop?: { max_delay_ms: number; p99_delay_ms: number } | null }).event_loop;

    console.log(`\n${table(results)}\n`);
    for (const failure of minute.failedHalls) console.log(`could not start: ${failure}`);
    console.log(`load average before the minute: ${load.toFixed(1)} (${os.cpus().length} cores)`);
    if (cpu.every((c) => c !== null)) console.log(`server CPU during the minute (${wall.toFixed(0)} s): ${cpu.map((c) => `${c!.toFixed(1)} s`).join(" + ")} (the work asked of the app, whatever else runs on the machine)`);
    console.log(`marks in the live sessions: ${marked} of ${HALLS * plan.hallSeats}; duplicates (attendance rows per user and event beyond one): ${duplicates}`);
    if (loop) console.log(`event loop after campus: longest stall ${loop.max_delay_ms} ms, p99 delay ${loop.p99_delay_ms} ms (one instance)`);
    const size = await databaseSize(config.DATABASE_URL);
    console.log(`campus database: seeded in ${seeded!.seconds.toFixed(1)} s, ${gib(seeded!.sizeBytes)} on disk after seeding, ${gib(size)} after the minute`);
    printTargets(minute, duplicates);
    if (opts.explain) await explainHotQueries(config, { plan, run, hall: 0, liveEventId: live[0]!, reader: people.readers[0]!, lecturer: people.lecturers[0]! });
    if (opts.json) {
      const report = { scenarios: results, failed_halls: minute.failedHalls, duplicates, db: opts.provider, instances: opts.instances, load_average_before: load, server_cpu_seconds: cpu, minute_seconds: wall, campus: { scale: opts.scale, students: plan.students, courses: plan.courses.length, enrolments: plan.enrolments, rows: seeded!.rows, seed_seconds: seeded!.seconds, seed_steps: seeded!.steps, size_bytes_after_seed: seeded!.sizeBytes, size_bytes_after: size }, machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version }, at: new Date().toISOString() };
      fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
      fs.writeFileSync(opts.json, JSON.stringify(report, null, 2));
      console.log(`wrote ${opts.json}`);
    }
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await client?.close();
    await db?.$disconnect();
    await cluster?.stop();
  }
}

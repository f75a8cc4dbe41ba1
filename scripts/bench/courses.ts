// The courses scenario (issue 13): a course with N enrolled students and 40 past sessions; a big
// hall marks on the course's live session while the lecturer's live roster (every enrolled
// student) and the term report are read; then a 5,000-row roster CSV import.
import iconv from "iconv-lite";
import { cryptoRandom, shortId } from "../../lib/random";
import { clientIp, steady, type LoadClient } from "./client";
import { markAll } from "./scenarios";
import type { Seed, SeededUser } from "./seed";
import { Recorder } from "./stats";

const PAST_SESSIONS = 40;
const IMPORT_ROWS = 5000;
const EXPORT_ROUNDS = 10;
const DAY = 86_400_000;
const now = () => performance.now();

/** A course with `students` enrolled long ago, 40 weekly past sessions with ~90 % of marks, and a live session. */
export async function seedCourse(seed: Seed, students: SeededUser[]) {
  const db = seed.db;
  const t = Date.now();
  const courseId = shortId(cryptoRandom);
  await db.course.create({ data: { id: courseId, code: `BENCH-${courseId.slice(0, 4)}`, title: "Bench course", termLabel: "Bench term", createdById: seed.admin.id } });
  const enrolledAt = new Date(t - (PAST_SESSIONS + 2) * 7 * DAY);
  for (let i = 0; i < students.length; i += 1000) {
    await db.enrollment.createMany({
      data: students.slice(i, i + 1000).map((s, j) => ({ courseId, email: s.email, fullName: `Bench student ${i + j}`, studentNumber: `B${i + j}`, userId: s.id, source: "import" as const, enrolledAt })),
    });
  }
  const sessions = Array.from({ length: PAST_SESSIONS }, (_, k) => {
    const startsAt = new Date(t - (PAST_SESSIONS - k) * 7 * DAY);
    return { id: shortId(cryptoRandom), title: "Bench course lecture", startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000), courseId, createdById: seed.admin.id, checkinOpenedAt: startsAt, lowAttendanceCheckedAt: new Date(t) };
  });
  await db.event.createMany({ data: sessions });
  const marks = sessions.flatMap((s, k) =>
    students.flatMap((st, i) => {
      const r = (i * 7 + k * 3) % 10; // 70 % present, 10 % late, 10 % excused, 10 % absent
      if (r === 9) return [];
      const status = r < 7 ? ("present" as const) : r === 7 ? ("late" as const) : ("excused" as const);
      return [{ userId: st.id, eventId: s.id, markedAt: new Date(s.startsAt.getTime() + 60_000), status, method: status === "excused" ? ("manual" as const) : ("scan" as const) }];
    }),
  );
  for (let i = 0; i < marks.length; i += 2000) await db.attendanceRecord.createMany({ data: marks.slice(i, i + 2000) });
  const live = await db.event.create({
    data: { id: shortId(cryptoRandom), title: "Bench course live lecture", startsAt: new Date(t - 5 * 60_000), endsAt: new Date(t + 3 * 3600_000), lateAfterMinutes: 60, courseId, createdById: seed.admin.id, checkinOpenedAt: new Date(t - 60_000) },
    select: { id: true },
  });
  return { courseId, liveEventId: live.id, marks: marks.length };
}

export async function courseScenario(client: LoadClient, seed: Seed, students: SeededUser[], seconds: number, rotation: number) {
  const t0 = Date.now();
  const course = await seedCourse(seed, students);
  console.log(`seeded a course: ${students.length} enrolled, ${PAST_SESSIONS} past sessions, ${course.marks} marks in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const admin = seed.admin.accessToken;
  const roster = new Recorder("course big hall", `GET /api/events/{id}/attendance (${students.length} enrolled)`);
  const report = new Recorder("course big hall", `GET /api/courses/{id}/report (${students.length} × ${PAST_SESSIONS + 1})`);
  const read = (rec: Recorder, path: string) => async () => {
    const t = now();
    const res = await client.request("GET", path, { token: admin, ip: clientIp(5, 0) });
    rec.record(t, now(), res.status, res.body);
  };
  // unmeasured: compile both routes once
  await read(new Recorder("", ""), `/api/courses/${course.courseId}/report`)();
  await read(new Recorder("", ""), `/api/events/${course.liveEventId}/attendance`)();
  const [marks] = await Promise.all([
    markAll(client, seed, students, seconds, "course big hall", rotation, course.liveEventId),
    steady(2, seconds, read(roster, `/api/events/${course.liveEventId}/attendance`)),
    steady(1, seconds, read(report, `/api/courses/${course.courseId}/report`)),
  ]);

  // the exports a lecturer takes after class (issue 22): one after another, as one lecturer would
  const exports = [
    new Recorder("exports", `GET /api/courses/{id}/report.csv (${students.length} × ${PAST_SESSIONS + 1})`),
    new Recorder("exports", `GET /api/courses/{id}/report.xlsx (${students.length} × ${PAST_SESSIONS + 1})`),
    new Recorder("exports", `GET /api/events/{id}/attendance.csv (${students.length} enrolled)`),
  ] as const;
  const exportPaths = [`/api/courses/${course.courseId}/report.csv`, `/api/courses/${course.courseId}/report.xlsx`, `/api/events/${course.liveEventId}/attendance.csv`];
  for (let round = 0; round < EXPORT_ROUNDS; round++) {
    for (const [k, path] of exportPaths.entries()) await read(exports[k]!, path)();
  }

  // Excel's default "CSV": Windows-1252, semicolons, accented names (issue 22)
  const imported = new Recorder("roster import", `POST /api/courses/{id}/enrollments/import (${IMPORT_ROWS} rows, Windows-1252)`);
  const target = await client.request("POST", "/api/courses", { json: { code: `IMP-${shortId().slice(0, 5)}`, title: "Import bench", term_label: "Bench term" }, token: admin });
  const csv = ["E-Mail;Nachname;Vorname;Matrikelnummer", ...Array.from({ length: IMPORT_ROWS }, (_, i) => `import${i}.${shortId().slice(0, 6)}@bench.rollcall.test;Müller-Lüdenscheidt ${i};Zoë;I${i}`)].join("\r\n");
  const t = now();
  const res = await client.request("POST", `/api/courses/${(target.body as { id: string }).id}/enrollments/import?dry_run=false`, { text: { body: iconv.encode(csv, "win1252"), type: "text/csv" }, token: admin });
  imported.record(t, now(), res.status, res.body);
  return [marks.result(), roster.result(), report.result(), ...exports.map((e) => e.result()), imported.result()];
}

const LECTURERS = 10;

/**
 * Overload (issue 20): the course big hall again, on a course of its own, while 10 lecturers
 * refresh its term report 10 times a second in all. Marks must not notice (p99 < 150 ms, no
 * errors); a report either comes back (200) or is refused at once with 503 busy and a
 * Retry-After header, and none takes longer than 2 s. A 503 without Retry-After is an error.
 */
export async function overloadScenario(client: LoadClient, seed: Seed, students: SeededUser[], seconds: number, rotation: number) {
  const course = await seedCourse(seed, students);
  const admin = seed.admin.accessToken;
  const report = new Recorder("overload", `GET /api/courses/{id}/report (${students.length} × ${PAST_SESSIONS + 1}), ${LECTURERS} lecturers, 10/s`, (s) => s === 200 || s === 503);
  let slowest = 0;
  const read = async (i: number) => {
    const t = now();
    const res = await client.request("GET", `/api/courses/${course.courseId}/report`, { token: admin, ip: clientIp(6, i % LECTURERS) });
    const end = now();
    slowest = Math.max(slowest, end - t);
    const refusedWithoutRetry = res.status === 503 && !res.retryAfter;
    report.record(t, end, refusedWithoutRetry ? "network_error" : res.status, res.body);
  };
  await read(0); // unmeasured: compile the route
  const [marks] = await Promise.all([markAll(client, seed, students, seconds, "overload", rotation, course.liveEventId), steady(10, seconds, read)]);
  const result = report.result();
  console.log(`overload: slowest report answer ${Math.round(slowest)} ms (target: none over 2,000 ms)`);
  return [marks.result(), { ...result, endpoint: `${result.endpoint}, slowest ${Math.round(slowest)} ms` }];
}

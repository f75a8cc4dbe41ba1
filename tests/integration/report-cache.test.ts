// The term report is built once per course version and reused while nothing changed
// (docs/performance.md#the-term-report): every kind of change to what it shows — a scan, a
// manual mark, an excuse, a removal, an enrolment, a drop, a new session, a stopped check-in, a
// deleted account, even a write that bypasses the app — bumps the course's report version in its
// own transaction (database triggers), and the next report shows it. Reads bump nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { del, get, post } from "../support/api";
import { createCourse, importCsv } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, tokensFor } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});
const o = () => ({ token: admin.token });
const iso = (s: number) => new Date(Date.now() + s * 1000).toISOString();

type Report = { generated_at: string; sessions: { id: string; held: boolean }[]; students: { email: string; cells: (string | null)[]; rate: number | null }[] };

async function version(courseId: string): Promise<number> {
  const db = await testDb();
  return (await db.courseReportVersion.findUniqueOrThrow({ where: { courseId } })).version;
}

async function report(courseId: string): Promise<Report> {
  const res = await get(`/api/courses/${courseId}/report`, o());
  expect(res.status, res.text).toBe(200);
  return res.body as Report;
}

/** The change bumps the version, and the next report differs as `expectChange` says. */
async function expectBump(courseId: string, change: () => Promise<unknown>, expectChange: (r: Report) => void) {
  const before = await version(courseId);
  await change();
  expect(await version(courseId)).toBeGreaterThan(before);
  expectChange(await report(courseId));
}

const cellsOf = (r: Report, email: string) => r.students.find((s) => s.email === email)?.cells;

describe("the term report's cache", () => {
  it("follows every change to sessions, roster and marks, and nothing else", async () => {
    const course = await createCourse(admin.token);
    const [ada, bob] = await Promise.all([createUser({ fullName: "Ada Cache" }), createUser({ fullName: "Bob Cache" })]);
    await importCsv(admin.token, course.id, `email,name\n${ada.email},${ada.fullName}\n${bob.email},${bob.fullName}\n`);
    // held while they were enrolled: started before, closed by stopping its check-in
    const past = await post("/api/events", { title: "Past", starts_at: iso(-7200), ends_at: iso(7200), course_id: course.id }, o());
    expect(past.status, past.text).toBe(201);
    expect((await post(`/api/events/${past.body.id}/checkin/start`, undefined, o())).status).toBe(200);
    expect((await post(`/api/events/${past.body.id}/checkin/stop`, undefined, o())).status).toBe(200);
    const live = (await post("/api/events", { title: "Live", starts_at: iso(-60), ends_at: iso(7200), course_id: course.id }, o())).body.id as string;

    const first = await report(course.id);
    expect(cellsOf(first, ada.email)).toEqual(["A", null]);
    // reads change nothing: the same version, the same report, a new generated_at
    const v = await version(course.id);
    const again = await report(course.id);
    expect(await version(course.id)).toBe(v);
    expect({ ...again, generated_at: "" }).toEqual({ ...first, generated_at: "" });

    const code = (await post("/api/admin/qr-sessions", { event_id: live }, o())).body;
    const adaToken = (await tokensFor(ada)).access_token;
    await expectBump(course.id, () => post("/api/attendance/mark", { qr_payload: code.qr_payload }, { token: adaToken }), (r) => expect(cellsOf(r, ada.email)).toEqual(["A", "P"]));
    await expectBump(course.id, () => post(`/api/events/${past.body.id}/attendance`, { user_id: bob.id, status: "excused", reason: "ill" }, o()), (r) => expect(cellsOf(r, bob.email)).toEqual(["E", null]));
    await expectBump(course.id, () => post(`/api/events/${past.body.id}/attendance/unmark`, { user_id: bob.id, reason: "wrong student" }, o()), (r) => expect(cellsOf(r, bob.email)).toEqual(["A", null]));

    // a write behind the app's back (an operator's SQL) is seen too
    const db = await testDb();
    await expectBump(course.id, () => db.attendanceRecord.updateMany({ where: { userId: ada.id, eventId: live }, data: { status: "late" } }), (r) => expect(cellsOf(r, ada.email)).toEqual(["A", "L"]));

    const cyEmail = uniqueEmail("cy");
    let enrollmentId = "";
    await expectBump(course.id, async () => {
      const enrolled = await post(`/api/courses/${course.id}/enrollments`, { email: cyEmail, full_name: "Cy Cache" }, o());
      expect(enrolled.status, enrolled.text).toBe(201);
      enrollmentId = enrolled.body.enrollment.id;
    }, (r) => expect(cellsOf(r, cyEmail)).toEqual(["A", null]));
    await expectBump(course.id, async () => {
      const dropped = await del(`/api/courses/${course.id}/enrollments/${enrollmentId}`, o());
      expect(dropped.status, dropped.text).toBe(200);
    }, (r) => expect(cellsOf(r, cyEmail)).toBeUndefined());

    await expectBump(course.id, () => post(`/api/events/${live}/checkin/stop`, undefined, o()), (r) => expect(r.sessions.map((s) => s.held)).toEqual([true, true]));
    await expectBump(course.id, () => post("/api/events", { title: "Next", starts_at: iso(86_400), ends_at: iso(90_000), course_id: course.id }, o()), (r) => expect(r.sessions).toHaveLength(3));

    // an account deleted: its marks go with it (a cascade in the database)
    await expectBump(course.id, () => db.user.delete({ where: { id: ada.id } }), (r) => expect(cellsOf(r, ada.email)).toEqual(["A", "A", null]));
  });

  it("a mark on an event outside any course bumps no course", async () => {
    const course = await createCourse(admin.token);
    const v = await version(course.id);
    const standalone = (await post("/api/events", { title: "Standalone", starts_at: iso(-60), ends_at: iso(3600) }, o())).body.id as string;
    const code = (await post("/api/admin/qr-sessions", { event_id: standalone }, o())).body;
    const student = await createUser();
    expect((await post("/api/attendance/mark", { qr_payload: code.qr_payload }, { token: (await tokensFor(student)).access_token })).status).toBe(201);
    expect(await version(course.id)).toBe(v);
  });
});

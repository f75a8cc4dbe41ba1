// The term report and one session as files people open in Excel (docs/courses.md#reports):
// the .xlsx read back with exceljs and checked cell by cell against a fixture worked out by
// hand; the CSV with its byte-order mark, separator and college-zone headers (a 00:30 Berlin
// session and a 23:30 New York session, on servers set to those zones and languages); the
// per-session export with every enrolled student, absent ones included.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { get, post, request } from "../support/api";
import { createCourse } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser } from "../support/factories";
import { startServer, type TestServer } from "../support/test-server";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
let berlin: TestServer;
let newYork: TestServer;
beforeAll(async () => {
  admin = await createAdminWithToken();
  // two more servers on the same database, as colleges in those zones and languages run them
  const env = inject("serverEnv");
  [berlin, newYork] = await Promise.all([
    startServer(env.DATABASE_URL, { ...env, PORT: "", COLLEGE_TIMEZONE: "Europe/Berlin", COLLEGE_LOCALE: "de-DE" }),
    startServer(env.DATABASE_URL, { ...env, PORT: "", COLLEGE_TIMEZONE: "America/New_York", COLLEGE_LOCALE: "en-US" }),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([berlin?.stop(), newYork?.stop()]);
});
const o = () => ({ token: admin.token });
const BOM = "\uFEFF";

async function session(courseId: string, startsAt: string, minutes = 60) {
  const res = await post("/api/events", { title: "Lecture", starts_at: startsAt, ends_at: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString(), course_id: courseId }, o());
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}
const mark = async (eventId: string, who: { user_id: string } | { email: string }, status: "present" | "late" | "excused") =>
  expect((await post(`/api/events/${eventId}/attendance`, { ...who, status, reason: "register" }, o())).status).toBe(201);

/**
 * The fixture, on the main test server (zone UTC, language en-GB). Worked out by hand:
 *                 Mon 3 Nov 09:00   Mon 3 Nov 14:00   Mon 10 Nov 09:00   (and one to come)
 *   Zoe Adams          P                 L                 A             2 came / 3 held = 66.67 %
 *   Chloé Émond        –                 –                 P             enrolled 5 Nov: 1/1 = 100 %
 *   Łukasz Nowak       E                 A                 A             1/3 = 33.33 %
 *   Émile Zola         P                 P                 P             no account yet: 3/3 = 100 %
 * Sorted by family name as English does it: Adams, Émond, Nowak, Zola (not Zola before Łukasz by code point).
 */
async function fixture() {
  const course = await createCourse(admin.token, { threshold_percent: 75 });
  const db = await testDb();
  const [zoe, chloe, lukasz] = await Promise.all([createUser({ fullName: "Zoe Adams" }), createUser({ fullName: "Chloé Émond" }), createUser({ fullName: "Łukasz Nowak" })]);
  for (const u of [zoe, chloe, lukasz]) expect((await post(`/api/courses/${course.id}/enrollments`, { user_id: u.id }, o())).status).toBe(201);
  const emile = uniqueEmail("emile");
  expect((await post(`/api/courses/${course.id}/enrollments`, { email: emile, full_name: "Émile Zola", student_number: "Z-9" }, o())).status).toBe(201);
  await db.enrollment.updateMany({ where: { courseId: course.id }, data: { enrolledAt: new Date("2025-10-01T00:00:00Z") } });
  await db.enrollment.updateMany({ where: { courseId: course.id, userId: chloe!.id }, data: { enrolledAt: new Date("2025-11-05T12:00:00Z") } });
  const s1 = await session(course.id, "2025-11-03T09:00:00Z");
  const s2 = await session(course.id, "2025-11-03T14:00:00Z");
  const s3 = await session(course.id, "2025-11-10T09:00:00Z");
  await session(course.id, new Date(Date.now() + 10 * 86_400_000).toISOString());
  await mark(s1, { user_id: zoe!.id }, "present");
  await mark(s2, { user_id: zoe!.id }, "late");
  await mark(s3, { user_id: chloe!.id }, "present");
  await mark(s1, { user_id: lukasz!.id }, "excused");
  for (const s of [s1, s2, s3]) await mark(s, { email: emile }, "present");
  return { course, zoe: zoe!, chloe: chloe!, lukasz: lukasz!, emile };
}

describe("the term report as an Excel workbook", () => {
  it("has a summary sheet and the course's sheet, frozen header row and name column, unique college-zone headers, every cell as worked out by hand", async () => {
    const { course, zoe, chloe, lukasz, emile } = await fixture();
    const res = await get(`/api/courses/${course.id}/report.xlsx`, o());
    expect(res.status, res.text).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toContain(`filename="${course.code}-2026_Autumn-attendance.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", course.code]);

    const values = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    const sheet = wb.getWorksheet(course.code)!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    expect(values(sheet)).toEqual([
      ["Name", "Email", "Student number", "2025-11-03 09:00", "2025-11-03 14:00", "2025-11-10 09:00", "Present", "Late", "Excused", "Absent", "Attended", "Held", "Rate %"],
      ["Zoe Adams", zoe.email, undefined, "P", "L", "A", 1, 1, 0, 1, 2, 3, 0.6667],
      ["Chloé Émond", chloe.email, undefined, "–", "–", "P", 1, 0, 0, 0, 1, 1, 1],
      ["Łukasz Nowak", lukasz.email, undefined, "E", "A", "A", 0, 0, 1, 2, 0, 3, 0.3333],
      ["Émile Zola", emile, "Z-9", "P", "P", "P", 3, 0, 0, 0, 3, 3, 1],
    ]);
    expect(sheet.getCell("M2").numFmt).toBe("0%");

    const summary = wb.getWorksheet("Summary")!;
    expect(summary.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const [header, row, , note] = values(summary);
    expect(header).toEqual(["Course", "Title", "Term", "Threshold %", "Students", "No account yet", "Sessions held", "Average rate", "Below threshold"]);
    expect(row!.slice(0, 7)).toEqual([course.code, "Algorithms", "2026 Autumn", 75, 4, 1, 3]);
    expect(row![7]).toBeCloseTo((0.6667 + 1 + 0.3333 + 1) / 4, 10);
    expect(row![8]).toBe(2); // Zoe (66.67 %) and Łukasz (33.33 %) are under 75 %
    expect(String(note![0])).toContain("Times are in UTC");
  });

  it("puts several courses of a term in one workbook, one sheet each", async () => {
    const term = `Term ${Date.now().toString(36)}`;
    const [a, b] = [await createCourse(admin.token, { term_label: term }), await createCourse(admin.token, { term_label: term })];
    const res = await get(`/api/courses/report.xlsx?term=${encodeURIComponent(term)}`, o());
    expect(res.status, res.text).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", ...[a.code, b.code].sort()]);
    expect((await get(`/api/courses/report.xlsx?course_id=${a.id}&course_id=${b.id}`, o())).status).toBe(200);
    expect((await get(`/api/courses/report.xlsx?term=${encodeURIComponent(`${term} none`)}`, o())).status).toBe(404);
    expect((await get("/api/courses/report.xlsx", o())).status).toBe(400);
  });
});

describe("the term report as CSV", () => {
  it("starts with a byte-order mark, separates with , or ; as asked, heads sessions in the college's zone, held ones only by default", async () => {
    const { course, zoe, emile } = await fixture();
    const res = await get(`/api/courses/${course.id}/report.csv`, o());
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.text.startsWith(BOM)).toBe(true);
    const lines = res.text.slice(1).split("\r\n");
    expect(lines[0]).toBe('"Name","Email","Student number","2025-11-03 09:00","2025-11-03 14:00","2025-11-10 09:00","Present","Late","Excused","Absent","Attended","Held","Rate %"');
    expect(lines.slice(1, 5).map((l) => l.split('","')[0])).toEqual(['"Zoe Adams', '"Chloé Émond', '"Łukasz Nowak', '"Émile Zola']);
    expect(lines[1]).toBe(`"Zoe Adams","${zoe.email}","","P","L","A","1","1","0","1","2","3","66.7"`);
    expect(lines[4]).toBe(`"Émile Zola","${emile}","Z-9","P","P","P","3","0","0","0","3","3","100"`);

    const semi = await get(`/api/courses/${course.id}/report.csv?separator=%3B&sessions=all`, o());
    const semiHeader = semi.text.slice(1).split("\r\n")[0]!.split('";"');
    expect(semiHeader).toHaveLength(14); // the session still to come is a column too
    expect((await get(`/api/courses/${course.id}/report.csv?separator=%7C`, o())).status).toBe(400);
  });

  it("dates a 00:30 Berlin session and a 23:30 New York session by their own wall clocks, with each college's separator and decimals", async () => {
    const course = await createCourse(admin.token);
    const student = await createUser({ fullName: "Ada Lovelace" });
    expect((await post(`/api/courses/${course.id}/enrollments`, { user_id: student.id }, o())).status).toBe(201);
    await (await testDb()).enrollment.updateMany({ where: { courseId: course.id }, data: { enrolledAt: new Date("2025-12-01T00:00:00Z") } });
    const berlinNight = await session(course.id, "2025-12-06T23:30:00Z"); // Sun 7 Dec 00:30 in Berlin
    await session(course.id, "2025-12-08T04:30:00Z"); // Sun 7 Dec 23:30 in New York
    await session(course.id, "2025-12-09T10:00:00Z");
    await mark(berlinNight, { user_id: student.id }, "present");
    await mark((await session(course.id, "2025-12-10T10:00:00Z")), { user_id: student.id }, "present");

    const from = (server: TestServer) => request("GET", new URL(`/api/courses/${course.id}/report.csv`, server.url).toString(), o());
    const [de, us] = await Promise.all([from(berlin), from(newYork)]);
    expect(de.text.startsWith(BOM) && us.text.startsWith(BOM)).toBe(true);
    const [deHeader, deRow] = de.text.slice(1).split("\r\n");
    const [usHeader, usRow] = us.text.slice(1).split("\r\n");
    expect(deHeader).toBe('"Name";"Email";"Student number";"2025-12-07 00:30";"2025-12-08 05:30";"2025-12-09 11:00";"2025-12-10 11:00";"Present";"Late";"Excused";"Absent";"Attended";"Held";"Rate %"');
    expect(usHeader).toBe('"Name","Email","Student number","2025-12-06 18:30","2025-12-07 23:30","2025-12-09 05:00","2025-12-10 05:00","Present","Late","Excused","Absent","Attended","Held","Rate %"');
    expect(deRow!.endsWith('"2";"0";"0";"2";"2";"4";"50"')).toBe(true);
    expect(usRow!.endsWith('"2","0","0","2","2","4","50"')).toBe(true);
  });
});

describe("one session as CSV", () => {
  it("lists the whole roster with each status — absent and no account included — then walk-ins, times in the college's zone, methods in words, named after the course and start", async () => {
    const course = await createCourse(admin.token);
    const [ada, bob] = await Promise.all([createUser({ fullName: "Ada Lovelace" }), createUser({ fullName: "Bob Absent" })]);
    for (const u of [ada, bob]) expect((await post(`/api/courses/${course.id}/enrollments`, { user_id: u.id }, o())).status).toBe(201);
    const noAccount = uniqueEmail("noacc");
    expect((await post(`/api/courses/${course.id}/enrollments`, { email: noAccount, full_name: "Zed Noaccount" }, o())).status).toBe(201);
    await (await testDb()).enrollment.updateMany({ where: { courseId: course.id }, data: { enrolledAt: new Date("2025-11-01T00:00:00Z") } });
    const eventId = await session(course.id, "2025-12-07T10:00:00Z", 90);
    await mark(eventId, { user_id: ada!.id }, "late");
    const walkIn = await createUser({ fullName: "Wanda Walkin" });
    await mark(eventId, { user_id: walkIn.id }, "present");

    const res = await get(`/api/events/${eventId}/attendance.csv`, o());
    expect(res.status, res.text).toBe(200);
    expect(res.headers["content-disposition"]).toContain(`filename="${course.code}-2025-12-07-1000.csv"`);
    expect(res.text.startsWith(BOM)).toBe(true);
    const rows = res.text.slice(1).trim().split("\r\n").map((l) => l.slice(1, -1).split('","'));
    expect(rows[0]).toEqual(["Name", "Email", "Student number", "Status", "Account", "On the roster", "Marked at (UTC)", "How", "Reason", "Shared device"]);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(rows.slice(1).map((r) => r[0])).toEqual(["Bob Absent", "Ada Lovelace", "Zed Noaccount", "Wanda Walkin"]); // Absent, Lovelace, Noaccount; the walk-in last
    expect(byName.get("Bob Absent")!.slice(3, 8)).toEqual(["absent", "yes", "yes", "", ""]);
    expect(byName.get("Zed Noaccount")!.slice(3, 6)).toEqual(["absent", "no account yet", "yes"]);
    expect(byName.get("Ada Lovelace")!.slice(3, 6)).toEqual(["late", "yes", "yes"]);
    expect(byName.get("Ada Lovelace")![6]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(byName.get("Ada Lovelace")!.slice(7, 9)).toEqual(["manual", "register"]);
    expect(byName.get("Wanda Walkin")!.slice(3, 6)).toEqual(["present", "yes", "no (walk-in)"]);

    const berlinCsv = await request("GET", new URL(`/api/events/${eventId}/attendance.csv`, berlin.url).toString(), o());
    expect(berlinCsv.headers["content-disposition"]).toContain(`filename="${course.code}-2025-12-07-1100.csv"`);
    expect(berlinCsv.text.slice(1).split("\r\n")[0]).toContain('"Status";"Account"');
  });
});

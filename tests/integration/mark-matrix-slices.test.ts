// The term report's marks are read in slices of enrolments (lib/courses/read-mark-matrix.ts), so
// SQLite never holds the event loop for a whole term at once. Read in slices of 2, 3 and 1,000,
// a course of 7 students × 3 sessions gives the same lines, and each line is the one worked out
// by hand from the marks made through the API (accounts and enrolments without one).
import { beforeAll, describe, expect, inject, it } from "vitest";
import { readMarkMatrix } from "@/lib/courses/read-mark-matrix";
import { post } from "../support/api";
import { createCourse } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken } from "../support/factories";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});
const o = () => ({ token: admin.token });
const iso = (s: number) => new Date(Date.now() + s * 1000).toISOString();

// student i, session j: p present, l late, e excused, . no mark
const PATTERN = ["plp", "...", "lee", "p.p", "e..", "ppl", ".l."];
const STATUS = { p: "present", l: "late", e: "excused" } as const;

describe(`the mark matrix read in slices (${inject("provider")})`, () => {
  it("gives the same hand-computed lines in slices of 2, 3 and 1,000 enrolments", async () => {
    const course = await createCourse(admin.token);
    const sessions: string[] = [];
    for (const offset of [-3, -2, -1]) {
      const res = await post("/api/events", { title: "Lecture", starts_at: iso(offset * 86_400), ends_at: iso(offset * 86_400 + 3600), course_id: course.id }, o());
      expect(res.status, res.text).toBe(201);
      sessions.push(res.body.id as string);
    }
    const enrolments: string[] = [];
    for (const [i, pattern] of PATTERN.entries()) {
      const res = await post(`/api/courses/${course.id}/enrollments`, { email: uniqueEmail(`slice${i}`), full_name: `Student ${i}` }, o());
      expect(res.status, res.text).toBe(201);
      const enrollmentId = res.body.enrollment.id as string;
      enrolments.push(enrollmentId);
      for (const [j, letter] of [...pattern].entries()) {
        if (letter === ".") continue;
        const marked = await post(`/api/events/${sessions[j]}/attendance`, { enrollment_id: enrollmentId, status: STATUS[letter as keyof typeof STATUS], reason: "paper register" }, o());
        expect(marked.status, marked.text).toBe(201);
      }
    }
    const db = await testDb();
    const expected = new Map(enrolments.map((id, i) => [id, PATTERN[i]!]));
    for (const slice of [2, 3, 1000]) {
      const matrix = await readMarkMatrix(db, course.id, undefined, slice);
      expect(matrix.sessionIds).toEqual(sessions);
      expect(matrix.lines).toEqual(expected);
    }
    // one student's own line, sliced or not
    expect((await readMarkMatrix(db, course.id, { enrollmentId: enrolments[2]! }, 1)).lines).toEqual(new Map([[enrolments[2]!, "lee"]]));
    // a course with no sessions has no lines to read
    const empty = await createCourse(admin.token);
    await post(`/api/courses/${empty.id}/enrollments`, { email: uniqueEmail("nosessions"), full_name: "No Sessions" }, o());
    expect(await readMarkMatrix(db, empty.id, undefined, 1)).toEqual({ sessionIds: [], lines: new Map() });
  });
});

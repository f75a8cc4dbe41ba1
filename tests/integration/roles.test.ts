// Staff roles with least privilege (issue 23, docs/design.md#roles-and-permissions): instructors
// run their own courses, teaching assistants help in one, admins grant staff roles with a proof of
// presence; a course keeps an instructor even when its instructors leave at once.
import { describe, expect, inject, it } from "vitest";
import { del, expectError, get, patch, post } from "../support/api";
import { createCourse } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser, stepUp, tokensFor, type TestUser } from "../support/factories";
import { createWaitingSignup } from "../support/signups";

const hour = 3_600_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

async function withToken(role: "student" | "instructor" | "admin") {
  const user = await createUser({ role });
  return { user, token: (await tokensFor(user)).access_token };
}

async function addStaff(token: string, courseId: string, user: TestUser, role: "instructor" | "assistant") {
  const res = await post(`/api/courses/${courseId}/staff`, { user_id: user.id, role }, { token });
  expect(res.status, res.text).toBe(201);
  return res;
}

describe(`roles: instructors and teaching assistants (${inject("provider")})`, () => {
  it("an instructor creates a course, sees only their own, and runs it; another instructor cannot even see it", async () => {
    const mine = await withToken("instructor");
    const other = await withToken("instructor");
    const course = await createCourse(mine.token);
    const seen = await get(`/api/courses/${course.id}`, { token: mine.token });
    expect(seen.body).toMatchObject({ is_instructor: true, my_role: "instructor" });
    const list = await get("/api/courses", { token: other.token });
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(course.id);
    expectError(await get(`/api/courses/${course.id}/report`, { token: other.token }), 404, "course_not_found");
    expectError(await get(`/api/courses/${course.id}`, { token: other.token }), 404, "course_not_found");
    // instructors have no college-wide views
    expectError(await get("/api/admin/users", { token: mine.token }), 403, "forbidden");
    expectError(await get("/api/admin/audit-logs", { token: mine.token }), 403, "forbidden");
    expectError(await get("/api/admin/metrics", { token: mine.token }), 403, "forbidden");
    // but can find people to enrol or add to their staff, with no status or sessions
    const found = await get(`/api/people?q=${encodeURIComponent(other.user.email)}`, { token: mine.token });
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([{ id: other.user.id, email: other.user.email, full_name: other.user.fullName, role: "instructor" }]);
    // /api/auth/me says instructor
    expect((await get("/api/auth/me", { token: mine.token })).body.role).toBe("instructor");
  });

  it("a teaching assistant projects, marks and excuses and reads the report, but changes no roster, staff or course", async () => {
    const lead = await withToken("instructor");
    const ta = await withToken("student");
    const student = await createUser({ role: "student" });
    const course = await createCourse(lead.token);
    await addStaff(lead.token, course.id, ta.user, "assistant");
    expect((await post(`/api/courses/${course.id}/enrollments`, { user_id: student.id }, { token: lead.token })).status).toBe(201);
    const ev = await post("/api/events", { title: "Lecture", starts_at: iso(-60_000), ends_at: iso(hour), course_id: course.id }, { token: lead.token });
    expect(ev.status, ev.text).toBe(201);

    expect((await get(`/api/courses/${course.id}`, { token: ta.token })).body.my_role).toBe("assistant");
    expect((await post(`/api/events/${ev.body.id}/checkin/start`, undefined, { token: ta.token })).status).toBe(200);
    expect((await post("/api/admin/qr-sessions", { event_id: ev.body.id }, { token: ta.token })).status).toBe(201);
    const marked = await post(`/api/events/${ev.body.id}/attendance`, { user_id: student.id, status: "excused", reason: "doctor's note" }, { token: ta.token });
    expect(marked.status, marked.text).toBe(201);
    expect((await get(`/api/events/${ev.body.id}/attendance`, { token: ta.token })).status).toBe(200);
    expect((await get(`/api/courses/${course.id}/report`, { token: ta.token })).status).toBe(200);
    expect((await get(`/api/courses/${course.id}/enrollments`, { token: ta.token })).status).toBe(200);

    expectError(await post(`/api/courses/${course.id}/enrollments/import`, undefined, { token: ta.token }), 403, "forbidden");
    expectError(await post(`/api/courses/${course.id}/enrollments`, { user_id: student.id }, { token: ta.token }), 403, "forbidden");
    expectError(await post(`/api/courses/${course.id}/staff`, { user_id: student.id, role: "assistant" }, { token: ta.token }), 403, "forbidden");
    expectError(await del(`/api/courses/${course.id}?confirm=true`, { token: ta.token }), 403, "forbidden");
    expectError(await del(`/api/events/${ev.body.id}?confirm=true`, { token: ta.token }), 403, "forbidden");
    expectError(await post(`/api/events/${ev.body.id}/attendance/unmark`, { user_id: student.id, reason: "oops" }, { token: ta.token }), 403, "forbidden");
    expectError(await patch(`/api/courses/${course.id}`, { title: "Renamed" }, { token: ta.token }), 403, "forbidden");
    // the TA's lists hold their course and its session, nothing else
    expect((await get("/api/courses", { token: ta.token })).body.items.map((c: { id: string }) => c.id)).toEqual([course.id]);
    expect((await get("/api/events", { token: ta.token })).body.events.map((e: { id: string }) => e.id)).toEqual([ev.body.id]);
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "course_staff_changed", targetId: course.id } })).toBe(1);
  });

  it("only staff accounts become instructors of a course; a course keeps its last instructor", async () => {
    const lead = await withToken("instructor");
    const course = await createCourse(lead.token);
    const student = await createUser({ role: "student" });
    const refused = expectError(await post(`/api/courses/${course.id}/staff`, { user_id: student.id, role: "instructor" }, { token: lead.token }), 400, "validation_failed");
    expect(JSON.stringify(refused.details)).toContain("not_staff");
    expectError(await del(`/api/courses/${course.id}/staff/${lead.user.id}`, { token: lead.token }), 409, "last_instructor");
    expectError(await post(`/api/courses/${course.id}/staff`, { user_id: lead.user.id, role: "assistant" }, { token: lead.token }), 409, "last_instructor");
    // an instructor row of an account demoted to student counts for nothing
    const { token: adminToken } = await createAdminWithToken();
    const second = await withToken("instructor");
    await addStaff(lead.token, course.id, second.user, "instructor");
    expect((await patch(`/api/admin/users/${second.user.id}`, { role: "student" }, { token: adminToken })).status).toBe(200);
    const again = (await tokensFor({ ...second.user, role: "student" })).access_token;
    expectError(await get(`/api/courses/${course.id}/report`, { token: again }), 404, "course_not_found");
  });

  it("30 instructors leaving the same course at once leave exactly one", async () => {
    const { user: admin, token: adminToken } = await createAdminWithToken();
    const course = await createCourse(adminToken);
    const team = await Promise.all(Array.from({ length: 30 }, () => withToken("instructor")));
    for (const m of team) await addStaff(adminToken, course.id, m.user, "instructor");
    // the admin who created it steps back: the 30 are its only instructors
    expect((await del(`/api/courses/${course.id}/staff/${admin.id}`, { token: adminToken })).status).toBe(200);
    // half remove themselves, half turn themselves into assistants, all at once
    const answers = await Promise.all(
      team.map((m, i) =>
        i % 2 === 0
          ? del(`/api/courses/${course.id}/staff/${m.user.id}`, { token: m.token })
          : post(`/api/courses/${course.id}/staff`, { user_id: m.user.id, role: "assistant" }, { token: m.token }),
      ),
    );
    const others = answers.filter((r) => r.status !== 200 && !(r.status === 409 && r.body.error.code === "last_instructor")).map((r) => `${r.status} ${r.text}`);
    expect(others).toEqual([]);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(29);
    const db = await testDb();
    expect(await db.courseInstructor.count({ where: { courseId: course.id, role: "instructor" } })).toBe(1);
  });

  it("adding the same person 30 times at once makes one staff row", async () => {
    const lead = await withToken("instructor");
    const course = await createCourse(lead.token);
    const ta = await createUser({ role: "student" });
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(`/api/courses/${course.id}/staff`, { user_id: ta.id, role: "assistant" }, { token: lead.token })));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(29);
    const db = await testDb();
    expect(await db.courseInstructor.count({ where: { courseId: course.id, userId: ta.id } })).toBe(1);
  });

  it("an event without a course is run by its creator and admins", async () => {
    const creator = await withToken("instructor");
    const other = await withToken("instructor");
    const { token: adminToken } = await createAdminWithToken();
    const ev = await post("/api/events", { title: "Open day", starts_at: iso(-60_000), ends_at: iso(hour) }, { token: creator.token });
    expect(ev.status, ev.text).toBe(201);
    expect((await post(`/api/events/${ev.body.id}/checkin/start`, undefined, { token: creator.token })).status).toBe(200);
    expectError(await get(`/api/events/${ev.body.id}`, { token: other.token }), 404, "event_not_found");
    expect((await get(`/api/events/${ev.body.id}`, { token: adminToken })).status).toBe(200);
    // moving it into a course its creator does not teach is refused like the course did not exist
    const foreign = await createCourse(adminToken);
    expectError(await patch(`/api/events/${ev.body.id}`, { course_id: foreign.id }, { token: creator.token }), 404, "course_not_found");
    // students create no events
    const student = await withToken("student");
    expectError(await post("/api/events", { title: "x", starts_at: iso(0), ends_at: iso(hour) }, { token: student.token }), 403, "forbidden");
  });

  it("making someone an instructor needs an admin and a fresh proof of presence", async () => {
    const { token: adminToken } = await createAdminWithToken();
    const person = await createUser({ role: "student" });
    expectError(await patch(`/api/admin/users/${person.id}`, { role: "instructor" }, { token: adminToken }), 403, "step_up_required");
    await stepUp(adminToken);
    const made = await patch(`/api/admin/users/${person.id}`, { role: "instructor" }, { token: adminToken });
    expect(made.status, made.text).toBe(200);
    expect(made.body.user.role).toBe("instructor");
    const instructor = await withToken("instructor");
    expectError(await patch(`/api/admin/users/${person.id}`, { role: "admin" }, { token: instructor.token }), 403, "forbidden");
  });

  it("approving a signup as instructor is an admin's guarded choice; instructors decide no signup naming none of their courses", async () => {
    const { token: adminToken } = await createAdminWithToken();
    const instructor = await withToken("instructor");
    const signup = async () => (await createWaitingSignup({ email: uniqueEmail("role"), fullName: "New Lecturer" })).approval_request.id;
    const id = await signup();
    expectError(await post(`/api/admin/approval-requests/${id}/decide`, { decision: "approved", approved_role: "instructor" }, { token: adminToken }), 403, "step_up_required");
    await stepUp(adminToken);
    const ok = await post(`/api/admin/approval-requests/${id}/decide`, { decision: "approved", approved_role: "instructor" }, { token: adminToken });
    expect(ok.body.approval_request).toMatchObject({ status: "approved", approved_role: "instructor" });
    // an instructor sees no signup that names no course of theirs, and cannot decide it, alone or in bulk
    const other = await signup();
    const listed = await get("/api/admin/approval-requests?status=pending", { token: instructor.token });
    expect(listed.body.items.map((i: { id: string }) => i.id)).not.toContain(other);
    expectError(await post(`/api/admin/approval-requests/${other}/decide`, { decision: "approved", approved_role: "student" }, { token: instructor.token }), 403, "forbidden");
    const bulk = await post("/api/admin/approval-requests/decide-bulk", { ids: [other], decision: "approved", approved_role: "student" }, { token: instructor.token });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results).toEqual([expect.objectContaining({ id: other, ok: false, status: 403, error: expect.objectContaining({ code: "forbidden" }) })]);
    const db = await testDb();
    expect((await db.approvalRequest.findUniqueOrThrow({ where: { id: other } })).status).toBe("pending");
  });
});

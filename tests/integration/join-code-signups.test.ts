// Students who are not on the roster (docs/courses.md#students-not-on-the-roster): a signup (or
// the waiting page) gives a course's join code; the approval request names the course, waits
// until its next session ends, is listed to and decided by that course's instructors (not by the
// instructors of other courses), and approving enrols the student. Without a code the 3-minute
// window stays. 20 parallel sends of the code from the waiting page name the course once.
import { describe, expect, it } from "vitest";
import { expectError, get, post } from "../support/api";
import { testDb, uniqueEmail } from "../support/db";
import { createUser, tokensFor } from "../support/factories";
import { eventually } from "../support/poll";
import { createWaitingSignup, SIGNUP_PASSWORD, tokenIn, verificationMail } from "../support/signups";

async function instructor() {
  const user = await createUser({ role: "instructor" });
  return { user, token: (await tokensFor(user)).access_token };
}

/** A course taught by `teacher`, with a join code and, unless told otherwise, a session ending in `endsInMinutes`. */
async function courseWithCode(teacher: { token: string }, endsInMinutes: number | null = 150) {
  const code = `JC${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
  const course = await post("/api/courses", { code, title: "Signals", term_label: "2027 Spring" }, { token: teacher.token });
  expect(course.status, course.text).toBe(201);
  const join = await post(`/api/courses/${course.body.id}/join-code`, { action: "rotate" }, { token: teacher.token });
  expect(join.status, join.text).toBe(200);
  let session: { ends_at: string } | null = null;
  if (endsInMinutes !== null) {
    const now = Date.now();
    const made = await post("/api/events", { title: `${code} next`, starts_at: new Date(now + (endsInMinutes - 90) * 60_000).toISOString(), ends_at: new Date(now + endsInMinutes * 60_000).toISOString(), course_id: course.body.id }, { token: teacher.token });
    expect(made.status, made.text).toBe(201);
    session = made.body;
  }
  return { id: course.body.id as string, code, title: "Signals", joinCode: join.body.join_code as string, session };
}

/** Sign up with a join code and confirm from the real mail: the verify-email answer. */
async function signUpWithCode(joinCode: string, fullName = "Nia Noroster") {
  const email = uniqueEmail("joiner");
  const since = new Date();
  // typed as people type it: lower case, a dash
  const typed = `${joinCode.slice(0, 4).toLowerCase()}-${joinCode.slice(4)}`;
  const res = await post("/api/auth/signup", { email, password: SIGNUP_PASSWORD, full_name: fullName, join_code: typed });
  expect(res.status, res.text).toBe(202);
  const verified = await post("/api/auth/verify-email", { token: tokenIn(await verificationMail(email, since), "/verify-email") });
  expect(verified.status, verified.text).toBe(200);
  return { email, verified };
}

describe("a signup with a course's join code", () => {
  it("is decided by that course's instructors, waits until its next session ends, and approving enrols the student", async () => {
    const teacher = await instructor();
    const other = await instructor();
    const course = await courseWithCode(teacher);
    const elsewhere = await courseWithCode(other);
    const { email, verified } = await signUpWithCode(course.joinCode);
    expect(verified.body).toMatchObject({ status: "pending", approval_request: { status: "pending", course: { id: course.id, code: course.code, title: course.title } } });
    expect(verified.body.approval_request.expires_at).toBe(course.session!.ends_at);
    const requestId = verified.body.approval_request.id as string;
    const status = await post("/api/auth/signup/status", { status_token: verified.body.status_token });
    expect(status.body.approval_request.course).toEqual({ id: course.id, code: course.code, title: course.title });

    // listed to the course's instructor (with the course), not to another course's
    const mine = await get("/api/admin/approval-requests?status=pending&limit=200", { token: teacher.token });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.items.filter((i: { id: string }) => i.id === requestId)).toEqual([expect.objectContaining({ course: { id: course.id, code: course.code, title: course.title } })]);
    const theirs = await get("/api/admin/approval-requests?status=pending&limit=200", { token: other.token });
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(requestId);
    expect(elsewhere.id).not.toBe(course.id);
    // another course's instructor: the request is not theirs to see
    expectError(await post(`/api/admin/approval-requests/${requestId}/decide`, { decision: "approved", approved_role: "student" }, { token: other.token }), 404, "approval_not_found");
    // the instructor's digest counts it (the batched "students are waiting" notice)
    const db = await testDb();
    const digest = await eventually("the instructor's signup digest", () => db.notification.findFirst({ where: { userId: teacher.user.id, type: "approval_requested" } }));
    expect(digest.body).toContain("Nia Noroster");

    const decided = await post(`/api/admin/approval-requests/${requestId}/decide`, { decision: "approved", approved_role: "student" }, { token: teacher.token });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.approval_request).toMatchObject({ status: "approved", approved_role: "student", course: { id: course.id } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect([user.status, user.role]).toEqual(["active", "student"]);
    const enrolment = await db.enrollment.findUniqueOrThrow({ where: { courseId_email: { courseId: course.id, email } } });
    expect([enrolment.userId, enrolment.source, enrolment.droppedAt, enrolment.fullName]).toEqual([user.id, "join_code", null, "Nia Noroster"]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "approval_decided", targetId: requestId } });
    expect(audit.actorId).toBe(teacher.user.id);
    expect(JSON.parse(audit.details)).toMatchObject({ decision: "approved", course_id: course.id, course_code: course.code, enrollment_id: enrolment.id });
    const login = await post("/api/auth/login", { email, password: SIGNUP_PASSWORD });
    expect(login.status, login.text).toBe(200);
    // the course's instructor cannot grant staff rights from a course signup
    const second = await signUpWithCode(course.joinCode, "Ola Other");
    const staff = await post(`/api/admin/approval-requests/${second.verified.body.approval_request.id}/decide`, { decision: "approved", approved_role: "admin" }, { token: teacher.token });
    expect(staff.status).toBe(403);
  });

  it("a wrong code is refused in plain words and nothing is written; without a code the 3-minute window stays; no session ahead: a week", async () => {
    const email = uniqueEmail("wrongcode");
    const wrong = expectError(await post("/api/auth/signup", { email, password: SIGNUP_PASSWORD, full_name: "Wren Wrong", join_code: "NOPE1234" }), 404, "join_code_invalid");
    expect(wrong.message).toContain("join code");
    const db = await testDb();
    expect(await db.pendingSignup.count({ where: { email } })).toBe(0);
    expectError(await post("/api/auth/signup", { email, password: SIGNUP_PASSWORD, full_name: "Wren Wrong", join_code: "!!" }), 400, "validation_failed");

    const plain = await createWaitingSignup();
    const requested = Date.parse(plain.approval_request.requested_at);
    expect(Date.parse(plain.approval_request.expires_at) - requested).toBe(3 * 60_000);

    const teacher = await instructor();
    const unscheduled = await courseWithCode(teacher, null);
    const { verified } = await signUpWithCode(unscheduled.joinCode);
    const waits = Date.parse(verified.body.approval_request.expires_at) - Date.parse(verified.body.approval_request.requested_at);
    expect(waits).toBe(7 * 86_400_000);
  });
});

describe("the waiting page names a course", () => {
  it("20 parallel sends of the join code name the course once; the request then waits for the course and its instructors decide", async () => {
    const teacher = await instructor();
    const course = await courseWithCode(teacher);
    const waiting = await createWaitingSignup({ fullName: "Pat Pending" });
    const sends = await Promise.all(Array.from({ length: 20 }, () => post("/api/auth/signup/course", { status_token: waiting.status_token, join_code: course.joinCode })));
    expect(sends.map((s) => s.status)).toEqual(Array(20).fill(200));
    expect(sends.filter((s) => s.body.course_named === true)).toHaveLength(1);
    for (const s of sends) expect(s.body.approval_request).toMatchObject({ id: waiting.approval_request.id, status: "pending", course: { id: course.id }, expires_at: course.session!.ends_at });
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "signup_course_named", targetId: waiting.approval_request.id } })).toBe(1);
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: waiting.approval_request.id } });
    expect([request.courseId, request.expiresAt.toISOString()]).toEqual([course.id, course.session!.ends_at]);

    // another course's code now: refused; a forged token: refused
    const other = await courseWithCode(teacher);
    expectError(await post("/api/auth/signup/course", { status_token: waiting.status_token, join_code: other.joinCode }), 409, "conflict");
    expectError(await post("/api/auth/signup/course", { status_token: `${waiting.status_token}x`, join_code: course.joinCode }), 400, "status_token_invalid");
    expectError(await post("/api/auth/signup/course", { status_token: waiting.status_token, join_code: "NOPE1234" }), 404, "join_code_invalid");

    const decided = await post(`/api/admin/approval-requests/${waiting.approval_request.id}/decide`, { decision: "approved", approved_role: "student" }, { token: teacher.token });
    expect(decided.status, decided.text).toBe(200);
    expect(await db.enrollment.count({ where: { courseId: course.id, email: waiting.email, droppedAt: null } })).toBe(1);
    // decided: the code can no longer be changed
    expectError(await post("/api/auth/signup/course", { status_token: waiting.status_token, join_code: course.joinCode }), 409, "approval_already_decided");
  });
});

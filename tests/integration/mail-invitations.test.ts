// Invitations to sign up (docs/courses.md#invitations): one mail per enrolled student without an
// account, naming the course and the lecturer, with a signup link that fills in the address;
// re-sendable after an hour; 30 at once mail once; rate-limited per course.
import { describe, expect, inject, it } from "vitest";
import { expectError, get, post, request } from "../support/api";
import { createCourse, importCsv, rosterCsv } from "../support/courses";
import { testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createStudentWithToken, createUser } from "../support/factories";
import { firstLink, mailsTo, waitForMail } from "../support/mailbox";

async function courseWithRoster(emails: string[]) {
  const lecturer = await createAdminWithToken();
  const course = await createCourse(lecturer.token);
  const imported = await importCsv(lecturer.token, course.id, rosterCsv(emails));
  expect(imported.status, imported.text).toBe(200);
  const roster = await get(`/api/courses/${course.id}/enrollments`, { token: lecturer.token });
  const idOf = (email: string) => roster.body.items.find((e: { email: string }) => e.email === email).id as string;
  return { lecturer, course, idOf };
}

const invite = (token: string, courseId: string, body: unknown = {}) => post(`/api/courses/${courseId}/invitations`, body, { token });

describe(`invitations (${inject("provider")})`, () => {
  it("invites every enrolled student without an account: course, lecturer, a signup link with the address; the roster says when", async () => {
    const [ada, bo, signedUp] = [uniqueEmail("ada"), uniqueEmail("bo"), uniqueEmail("member")];
    await createUser({ email: signedUp });
    const { lecturer, course, idOf } = await courseWithRoster([ada, bo, signedUp]);
    const res = await invite(lecturer.token, course.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body.invited.map((i: { email: string }) => i.email).sort()).toEqual([ada, bo].sort());
    expect(res.body).toMatchObject({ already_signed_up: 1, recently_invited: 0, not_found: 0, resend_after_minutes: 60 });

    const mail = await waitForMail({ to: ada, subject: `invites you to sign up for ${course.code}` });
    expect(mail.subject).toContain(lecturer.user.fullName);
    expect(mail.text).toContain(`${course.code} ${course.title}`);
    expect(mail.text).toMatch(/put this address on the roster/);
    const link = new URL(firstLink(mail, "/signup"));
    expect(link.searchParams.get("email")).toBe(ada);
    const page = await get(link.pathname + link.search);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${ada}"`); // the form starts with the invited address
    await waitForMail({ to: bo, subject: "invites you to sign up" });
    expect(await mailsTo(signedUp)).toHaveLength(0);

    const roster = await get(`/api/courses/${course.id}/enrollments`, { token: lecturer.token });
    const row = roster.body.items.find((e: { id: string }) => e.id === idOf(ada));
    expect(row.invited_at).toBe(res.body.invited[0].invited_at);
    const db = await testDb();
    expect(await db.auditLog.count({ where: { action: "students_invited", targetId: course.id } })).toBe(1);
  });

  it("picked students only; again within the hour: nobody; after the hour: re-sent", async () => {
    const [ada, bo] = [uniqueEmail("ada"), uniqueEmail("bo")];
    const { lecturer, course, idOf } = await courseWithRoster([ada, bo]);
    const first = await invite(lecturer.token, course.id, { enrollment_ids: [idOf(ada)] });
    expect(first.body.invited).toHaveLength(1);
    await waitForMail({ to: ada, subject: "invites you" });
    const again = await invite(lecturer.token, course.id, { enrollment_ids: [idOf(ada)] });
    expect(again.body).toMatchObject({ invited: [], recently_invited: 1 });
    const db = await testDb();
    // an hour and a minute later (the access token would not live that long: the invitation is moved back instead)
    await db.enrollment.update({ where: { id: idOf(ada) }, data: { invitedAt: new Date(Date.now() - 61 * 60_000) } });
    const resent = await invite(lecturer.token, course.id, { enrollment_ids: [idOf(ada), "c".repeat(25)] });
    expect(resent.status, resent.text).toBe(200);
    expect(resent.body).toMatchObject({ recently_invited: 0, not_found: 1 });
    expect(resent.body.invited).toHaveLength(1);
    await expect.poll(async () => (await mailsTo(ada, "invites you")).length, { timeout: 20_000 }).toBe(2);
    expect((await db.enrollment.findUniqueOrThrow({ where: { id: idOf(ada) } })).inviteCount).toBe(2);
    expect(await mailsTo(bo)).toHaveLength(0);
  });

  it("30 invitations of one student at once: one mail; past 20 calls an hour the course is told to wait", async () => {
    const ada = uniqueEmail("ada");
    const { lecturer, course, idOf } = await courseWithRoster([ada]);
    const results = await Promise.all(Array.from({ length: 30 }, () => invite(lecturer.token, course.id, { enrollment_ids: [idOf(ada)] })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(20);
    for (const r of results.filter((r) => r.status !== 200)) expectError(r, 429, "rate_limited");
    expect(ok.reduce((n, r) => n + r.body.invited.length, 0)).toBe(1);
    await waitForMail({ to: ada, subject: "invites you" });
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await mailsTo(ada)).toHaveLength(1);
    const db = await testDb();
    expect((await db.enrollment.findUniqueOrThrow({ where: { id: idOf(ada) } })).inviteCount).toBe(1);
  });

  it("refuses strangers, archived courses and bad ids", async () => {
    const { lecturer, course } = await courseWithRoster([uniqueEmail()]);
    const { token: student } = await createStudentWithToken();
    expect([403, 404]).toContain((await invite(student, course.id)).status);
    expectError(await invite(lecturer.token, course.id, { enrollment_ids: ["not an id"] }), 400, "validation_failed");
    expectError(await invite(lecturer.token, course.id, { enrollment_ids: [] }), 400, "validation_failed");
    await request("PATCH", `/api/courses/${course.id}`, { token: lecturer.token, json: { archived: true } });
    expectError(await invite(lecturer.token, course.id), 409, "conflict");
  });
});

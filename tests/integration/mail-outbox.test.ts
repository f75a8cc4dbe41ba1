// The transactional outbox (docs/design.md#outgoing-mail), end to end on the shared server: a
// use case writes the mail in its own transaction, the server's sender delivers it to a real SMTP
// server, and a rolled-back action sends nothing.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { applyDecision } from "@/lib/accounts/apply-decision";
import { composeMail } from "@/lib/mail/compose";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { transact } from "@/lib/transact";
import { post } from "../support/api";
import { testCtx, testDb, uniqueEmail } from "../support/db";
import { createAdminWithToken, createUser } from "../support/factories";
import { firstLink, mailsTo, waitForMail } from "../support/mailbox";
import { eventually } from "../support/poll";

let admin: Awaited<ReturnType<typeof createAdminWithToken>>;
beforeAll(async () => {
  admin = await createAdminWithToken();
});

async function pendingRequest() {
  const user = await createUser({ status: "pending", fullName: "Ada <b>Lovelace</b>" });
  const db = await testDb();
  const now = Date.now();
  const req = await db.approvalRequest.create({ data: { userId: user.id, status: "pending", requestedAt: new Date(now - 60_000), expiresAt: new Date(now + 180_000) } });
  return { user, requestId: req.id };
}

describe(`the outbox (${inject("provider")})`, () => {
  it("an approval decision mails the student: text and HTML parts, the product's name, why they get it, a stable Message-ID", async () => {
    const { user, requestId } = await pendingRequest();
    const res = await post(`/api/admin/approval-requests/${requestId}/decide`, { decision: "approved", approved_role: "student" }, { token: admin.token });
    expect(res.status, res.text).toBe(200);
    const mail = await waitForMail({ to: user.email, subject: "your account is ready" });
    expect(mail.subject).toContain("Rollcall");
    expect(mail.text).toContain("Ada <b>Lovelace</b>");
    expect(mail.html).toContain("Ada &lt;b&gt;Lovelace&lt;/b&gt;"); // user text escaped in the HTML part
    expect(mail.text).toMatch(/Rollcall · You signed up for Rollcall at http:\/\/localhost:\d+ with this address\./);
    expect(new URL(firstLink(mail)).pathname).toBe("/login");
    expect(mail.headers["list-unsubscribe"]).toBeUndefined(); // account mail
    // the SMTP server has the mail as soon as the sender hands it over; the sender marks the row
    // sent right after, so the row is read once that has happened
    const db = await testDb();
    const row = await eventually("the outbox row marked sent", async () => {
      const r = await db.outboxMessage.findFirstOrThrow({ where: { recipient: user.email } });
      return r.state === "sending" ? null : r;
    });
    expect(mail.messageId).toBe(row.messageId);
    expect(row).toMatchObject({ state: "sent", attempts: 1, category: "account", userId: user.id, lastError: null });
  });

  it("a rejection mails the reason", async () => {
    const { user, requestId } = await pendingRequest();
    const res = await post(`/api/admin/approval-requests/${requestId}/decide`, { decision: "rejected", reason: "Not enrolled this term" }, { token: admin.token });
    expect(res.status, res.text).toBe(200);
    const mail = await waitForMail({ to: user.email, subject: "not approved" });
    expect(mail.text).toContain("Not enrolled this term");
  });

  it("a rolled-back action writes no mail and sends nothing; the same action committed is delivered", async () => {
    const ctx = await testCtx();
    const { user, requestId } = await pendingRequest();
    await expect(
      transact(ctx, async (tx) => {
        const decided = await applyDecision(tx, ctx, { requestId, decision: "approved", approvedRole: "student", reason: null, deciderId: admin.user.id });
        expect(decided).not.toBeNull();
        throw new Error("the action failed after deciding");
      }),
    ).rejects.toThrow("the action failed after deciding");
    expect(await ctx.db.outboxMessage.count({ where: { recipient: user.email } })).toBe(0);
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).status).toBe("pending");

    await transact(ctx, (tx) => applyDecision(tx, ctx, { requestId, decision: "approved", approvedRole: "student", reason: null, deciderId: admin.user.id }));
    await waitForMail({ to: user.email, subject: "your account is ready" });
    expect(await mailsTo(user.email)).toHaveLength(1); // the rolled-back attempt never reached the relay
  });

  it("enqueueMail from any transaction: a mail committed by a use case is sent once", async () => {
    const ctx = await testCtx();
    const to = uniqueEmail("direct");
    const content = composeMail({ heading: "Hello", paragraphs: ["One paragraph."], reason: "A test sent it." });
    await transact(ctx, (tx) => enqueueMail(tx, ctx, { to, subject: "Rollcall: direct", ...content, category: "account", containsSecret: false }));
    const mail = await waitForMail({ to, subject: "direct" });
    expect(mail.text).toContain("One paragraph.");
    expect(mail.html).toContain("<p");
  });
});

describe(`mail the student expects (${inject("provider")})`, () => {
  async function markedThenRemoved(student: { id: string }, reason: string) {
    const now = Date.now();
    const event = await post("/api/events", { title: "Thermodynamics lab", starts_at: new Date(now - 3600_000).toISOString(), ends_at: new Date(now + 3600_000).toISOString() }, { token: admin.token });
    expect(event.status, event.text).toBe(201);
    const marked = await post(`/api/events/${event.body.id}/attendance`, { user_id: student.id, reason: "came late with a note" }, { token: admin.token });
    expect(marked.status, marked.text).toBe(201);
    const removed = await post(`/api/events/${event.body.id}/attendance/unmark`, { user_id: student.id, reason }, { token: admin.token });
    expect(removed.status, removed.text).toBe(200);
  }

  it("a removed mark mails the student the event and the reason, with one-click unsubscribe", async () => {
    const student = await createUser({ fullName: "Rosalind Franklin" });
    await markedThenRemoved(student, "was not in the room");
    const mail = await waitForMail({ to: student.email, subject: "was removed" });
    expect(mail.subject).toContain("Thermodynamics lab");
    expect(mail.text).toContain("was not in the room");
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("a student who switched that mail off gets none (the bell still says so)", async () => {
    const student = await createUser();
    const db = await testDb();
    await db.mailOptOut.create({ data: { userId: student.id, preference: "mark_removed", createdAt: new Date() } });
    await markedThenRemoved(student, "duplicate entry");
    expect(await db.notification.count({ where: { userId: student.id, title: { contains: "mark was removed" } } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { recipient: student.email } })).toBe(0);
  });
});

// Notice mail honours each user's choice, carries RFC 8058 one-click unsubscribe headers, and the
// unsubscribe link works without signing in (docs/design.md#outgoing-mail).
import { describe, expect, inject, it } from "vitest";
import { composeMail } from "@/lib/mail/compose";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import type { MailPreference } from "@/lib/mail/preferences";
import { transact } from "@/lib/transact";
import { expectError, get, post, request } from "../support/api";
import { testCtx, testDb } from "../support/db";
import { createAdminWithToken, createStudentWithToken, type TestUser } from "../support/factories";
import { firstLink, mailsTo, waitForMail } from "../support/mailbox";

async function sendNotice(user: TestUser, preference: MailPreference, subject: string) {
  const ctx = await testCtx();
  const content = composeMail({ heading: subject, paragraphs: ["A notice."], reason: "You take a course on Rollcall." });
  await transact(ctx, (tx) => enqueueMail(tx, ctx, { to: user.email, userId: user.id, subject, ...content, category: "notice", preference, containsSecret: false }));
}

describe(`mail preferences (${inject("provider")})`, () => {
  it("a student sees the notice mails that concern students, all on; switching one off is kept", async () => {
    const { token } = await createStudentWithToken();
    const before = await get("/api/auth/me/mail-preferences", { token });
    expect(before.status, before.text).toBe(200);
    expect(before.body.preferences.map((p: { key: string }) => p.key).sort()).toEqual(["low_attendance_warning", "mark_removed"]);
    expect(before.body.preferences.every((p: { enabled: boolean }) => p.enabled)).toBe(true);
    expect(before.body.note).toMatch(/always arrives/);
    const put = await request("PUT", "/api/auth/me/mail-preferences", { token, json: { preferences: { mark_removed: false } } });
    expect(put.status, put.text).toBe(200);
    const after = await get("/api/auth/me/mail-preferences", { token });
    expect(after.body.preferences.find((p: { key: string }) => p.key === "mark_removed").enabled).toBe(false);
    expect(after.body.preferences.find((p: { key: string }) => p.key === "low_attendance_warning").enabled).toBe(true);
    const back = await request("PUT", "/api/auth/me/mail-preferences", { token, json: { preferences: { mark_removed: true } } });
    expect(back.body.preferences.every((p: { enabled: boolean }) => p.enabled)).toBe(true);
  });

  it("an admin also has the signup and low-attendance digests; an unknown switch is a 400", async () => {
    const { token } = await createAdminWithToken();
    const res = await get("/api/auth/me/mail-preferences", { token });
    expect(res.body.preferences.map((p: { key: string }) => p.key)).toEqual(expect.arrayContaining(["signups_waiting", "low_attendance_digest"]));
    expectError(await request("PUT", "/api/auth/me/mail-preferences", { token, json: { preferences: { newsletter: false } } }), 400, "validation_failed");
    expectError(await get("/api/auth/me/mail-preferences"), 401, "unauthenticated");
  });

  it("a notice mail carries List-Unsubscribe (one-click) and an unsubscribe line; switched off, the next is not even written", async () => {
    const { user, token } = await createStudentWithToken();
    await sendNotice(user, "mark_removed", "Rollcall: notice one");
    const mail = await waitForMail({ to: user.email, subject: "notice one" });
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = /^<(https?:\/\/[^>]+)>$/.exec(mail.headers["list-unsubscribe"] ?? "")?.[1];
    expect(oneClick).toBeDefined();
    expect(new URL(oneClick!).pathname).toBe("/api/mail/unsubscribe");
    expect(mail.text).toMatch(/Stop these mails: http/);
    expect(new URL(firstLink(mail, "/unsubscribe")).pathname).toBe("/unsubscribe");
    expect(mail.html).toContain("Stop these mails</a>");

    await request("PUT", "/api/auth/me/mail-preferences", { token, json: { preferences: { mark_removed: false } } });
    await sendNotice(user, "mark_removed", "Rollcall: notice two");
    await sendNotice(user, "low_attendance_warning", "Rollcall: notice three");
    await waitForMail({ to: user.email, subject: "notice three" }); // the other preference still arrives
    const db = await testDb();
    expect(await db.outboxMessage.count({ where: { recipient: user.email, subject: "Rollcall: notice two" } })).toBe(0);
    expect(await mailsTo(user.email, "notice two")).toHaveLength(0);
  });

  it("one-click unsubscribe: a cookie-less POST of List-Unsubscribe=One-Click switches that mail off, 25 at once leave one row", async () => {
    const { user, token } = await createStudentWithToken();
    await sendNotice(user, "low_attendance_warning", "Rollcall: below the minimum");
    const mail = await waitForMail({ to: user.email, subject: "below the minimum" });
    const oneClick = new URL(/^<([^>]+)>$/.exec(mail.headers["list-unsubscribe"]!)![1]!);
    const path = oneClick.pathname + oneClick.search;
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        post(path, undefined, { raw: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      ),
    );
    for (const r of results) expect(r.status, r.text).toBe(200);
    expect(results[0]!.body).toMatchObject({ unsubscribed: true, preference: "low_attendance_warning" });
    const db = await testDb();
    expect(await db.mailOptOut.count({ where: { userId: user.id } })).toBe(1);
    const prefs = await get("/api/auth/me/mail-preferences", { token });
    expect(prefs.body.preferences.find((p: { key: string }) => p.key === "low_attendance_warning").enabled).toBe(false);
  });

  it("the unsubscribe page names the mail and changes nothing on opening; a forged or cut token is refused", async () => {
    const { user } = await createStudentWithToken();
    await sendNotice(user, "mark_removed", "Rollcall: page check");
    const mail = await waitForMail({ to: user.email, subject: "page check" });
    const page = new URL(firstLink(mail, "/unsubscribe"));
    const opened = await get(page.pathname + page.search);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain("An attendance mark of yours was removed");
    const db = await testDb();
    expect(await db.mailOptOut.count({ where: { userId: user.id } })).toBe(0);
    const token = page.searchParams.get("token")!;
    const forged = `${Buffer.from(`${user.id}:low_attendance_warning`).toString("base64url")}.${token.split(".")[1]}`;
    expectError(await post(`/api/mail/unsubscribe?token=${encodeURIComponent(forged)}`), 401, "token_invalid");
    expectError(await post(`/api/mail/unsubscribe?token=${encodeURIComponent(token.slice(0, -2))}`), 401, "token_invalid");
    expectError(await post("/api/mail/unsubscribe"), 400, "validation_failed");
    const bad = await get(`/unsubscribe?token=${encodeURIComponent(forged)}`);
    expect(bad.text).toContain("not from this Rollcall");
    expect(await db.mailOptOut.count({ where: { userId: user.id } })).toBe(0);
  });
});

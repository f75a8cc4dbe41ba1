// The digests nobody's request triggers (docs/design.md#outgoing-mail), on a server and database of
// the test's own so that no other test's admins or signups are counted: pending signups reach each
// decider as one "3 students are waiting" at most once a minute (in the bell and by mail, 25
// sweeps at once still send one), and a course's instructors get one daily digest of students
// newly below its minimum.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixedClock } from "@/lib/clock";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db";
import { sendLowAttendanceDigests } from "@/lib/mail/low-attendance-digest";
import { announceWaitingSignups } from "@/lib/mail/signup-digest";
import { zonedToUtc } from "@/lib/time/zoned";
import { ctxFor } from "../support/mail-env";
import { Mailbox } from "../support/mailbox";
import { eventually } from "../support/poll";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture";
import { createTestDatabase, ROOT, startServer, type TestDatabase, type TestServer } from "../support/test-server";
import path from "node:path";
import fs from "node:fs";

const provider = inject("provider");
let database: TestDatabase;
let smtp: SmtpCapture;
let server: TestServer;
let ctx: Ctx & { db: Db };
let mailbox: Mailbox;
const mailDir = path.join(ROOT, ".tmp", `mailbox_digests_${provider}_${Date.now().toString(36)}`);
// A zone where it is about 03:00 now, so the server's own daily sweep stays quiet; the test
// moves its own clock to the morning instead.
const zoneOffset = ((3 - new Date().getUTCHours() + 36) % 24) - 12;
const ZONE = zoneOffset === 0 ? "Etc/GMT" : `Etc/GMT${zoneOffset > 0 ? "-" : "+"}${Math.abs(zoneOffset)}`;

beforeAll(async () => {
  database = await createTestDatabase(provider, "maildigest");
  smtp = await startSmtpCapture({ dir: mailDir });
  mailbox = new Mailbox(mailDir);
  server = await startServer(database.url, { SMTP_URL: smtp.url, COLLEGE_TIMEZONE: ZONE });
  ctx = await ctxFor(database.url, server.env);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await ctx?.db.$disconnect();
  await database?.drop();
  fs.rmSync(mailDir, { recursive: true, force: true });
});

let seq = 0;
async function person(role: "admin" | "instructor" | "student", status: "active" | "pending" = "active", fullName = `Person ${++seq}`) {
  return ctx.db.user.create({ data: { email: `${role}.${Date.now()}.${++seq}@example.edu`, passwordHash: "x", fullName, role, status }, select: { id: true, email: true, fullName: true } });
}

async function pendingSignup(fullName: string) {
  const user = await person("student", "pending", fullName);
  const now = Date.now();
  await ctx.db.approvalRequest.create({ data: { userId: user.id, status: "pending", requestedAt: new Date(now), expiresAt: new Date(now + 10 * 60_000) } });
  return user;
}

const digestsOf = (userId: string) => ctx.db.notification.findMany({ where: { userId, type: "approval_requested" }, orderBy: { createdAt: "asc" } });

describe(`the signup digest (${provider})`, () => {
  it("3 signups: each admin gets one digest naming them (no mail to one who switched it off); 25 sweeps at once add none", async () => {
    const ada = await person("admin", "active", "Ada Admin");
    const bob = await person("admin", "active", "Bob Admin");
    await ctx.db.mailOptOut.create({ data: { userId: bob.id, preference: "signups_waiting", createdAt: new Date() } });
    const waiting = [await pendingSignup("Grace Hopper"), await pendingSignup("Alan Turing"), await pendingSignup("Edsger Dijkstra")];
    await Promise.all(Array.from({ length: 25 }, () => announceWaitingSignups(ctx)));
    const [adaDigests, bobDigests] = await Promise.all([eventually("Ada's digest", async () => { const d = await digestsOf(ada.id); return d.length > 0 && d; }), eventually("Bob's digest", async () => { const d = await digestsOf(bob.id); return d.length > 0 && d; })]);
    expect(adaDigests).toHaveLength(1);
    expect(bobDigests).toHaveLength(1);
    expect(adaDigests[0]!.title).toBe("3 students are waiting for approval");
    for (const w of waiting) expect(adaDigests[0]!.body).toContain(w.email);
    const mail = await mailbox.waitForMail({ to: ada.email, subject: "3 students are waiting" });
    expect(mail.text).toContain("Grace Hopper");
    expect(mail.headers["list-unsubscribe"]).toMatch(/^<http/);
    await eventually("every request announced", async () => (await ctx.db.approvalRequest.count({ where: { announcedAt: null } })) === 0);
    await new Promise((r) => setTimeout(r, 6_000)); // a sweep more: nothing new to tell
    expect(await digestsOf(ada.id)).toHaveLength(1);
    expect(mailbox.find({ to: ada.email })).toHaveLength(1);
    expect(mailbox.find({ to: bob.email })).toHaveLength(0);
    expect(await ctx.db.outboxMessage.count({ where: { recipient: bob.email } })).toBe(0);

    // two more within the minute: held back until the minute is over, then one digest of all five
    await pendingSignup("Barbara Liskov");
    await pendingSignup("Donald Knuth");
    const first = adaDigests[0]!.createdAt.getTime();
    await new Promise((r) => setTimeout(r, Math.max(0, first + 45_000 - Date.now())));
    expect(await digestsOf(ada.id)).toHaveLength(1);
    const second = await eventually("the second digest", async () => { const d = await digestsOf(ada.id); return d.length === 2 && d[1]; }, 60_000);
    expect(second.createdAt.getTime() - first).toBeGreaterThanOrEqual(60_000);
    expect(second.title).toBe("5 students are waiting for approval");
    await mailbox.waitForMail({ to: ada.email, subject: "5 students are waiting" });
  }, 180_000);
});

describe(`the daily low-attendance digest (${provider})`, () => {
  it("goes to the course's instructors once a college day from 07:00, listing only students not listed before", async () => {
    const teacher = await person("instructor", "active", "Ines Instructor");
    const assistant = await person("instructor", "active", "Tom Assistant");
    const course = await ctx.db.course.create({ data: { id: `c${Date.now()}`, code: "PHY101", title: "Mechanics", thresholdPercent: 75 } });
    await ctx.db.courseInstructor.createMany({ data: [
      { courseId: course.id, userId: teacher.id, role: "instructor", addedAt: new Date() },
      { courseId: course.id, userId: assistant.id, role: "assistant", addedAt: new Date() },
    ] });
    const [s1, s2, s3] = [await person("student", "active", "Sam Low"), await person("student", "active", "Kim Lower"), await person("student", "active", "Lee Later")];
    await ctx.db.lowAttendanceAlert.createMany({ data: [
      { courseId: course.id, userId: s1.id, rate: 0.5, createdAt: new Date() },
      { courseId: course.id, userId: s2.id, rate: 0.25, createdAt: new Date() },
    ] });
    const today = new Date(Date.now() + 86_400_000 * 3).toISOString().slice(0, 10); // a day the server's own clock has not reached
    const at = (date: string, time: string) => ({ ...ctx, clock: fixedClock(zonedToUtc(date, time, ZONE)) });

    expect(await sendLowAttendanceDigests(at(today, "06:30"))).toEqual({ courses: 0, mails: 0 });
    const runs = await Promise.all(Array.from({ length: 25 }, () => sendLowAttendanceDigests(at(today, "07:05"))));
    expect(runs.reduce((n, r) => n + r.mails, 0)).toBe(1);
    const mail = await mailbox.waitForMail({ to: teacher.email, subject: "2 students fell below 75 % in PHY101" });
    expect(mail.text).toContain("Kim Lower");
    expect(mail.text).toContain("25 %");
    expect(mail.text).toContain("Sam Low");
    expect(new URL(mail.text.match(/http\S+\/report/)![0]).pathname).toBe(`/admin/courses/${course.id}/report`);
    expect(await ctx.db.outboxMessage.count({ where: { recipient: assistant.email } })).toBe(0);

    // a student newly below later that day waits for the next day's digest, which lists only them
    await ctx.db.lowAttendanceAlert.create({ data: { courseId: course.id, userId: s3.id, rate: 0.6, createdAt: new Date() } });
    expect((await sendLowAttendanceDigests(at(today, "15:00"))).mails).toBe(0);
    const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
    expect((await sendLowAttendanceDigests(at(tomorrow, "07:30"))).mails).toBe(1);
    const next = await mailbox.waitForMail({ to: teacher.email, subject: "1 student fell below" });
    expect(next.text).toContain("Lee Later");
    expect(next.text).not.toContain("Sam Low");
  }, 60_000);
});

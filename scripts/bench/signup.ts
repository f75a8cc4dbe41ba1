// The first class of term (issue 19): N rostered students arrive over a minute, each signing up,
// confirming the address with the link from the real mail (a local SMTP server the benchmark
// runs) and signing in for the first time — while a class marks attendance. Reports each step's
// latency, how long the mail took to arrive, and how soon the outbox was empty.
import type { SmtpCapture } from "../../tests/support/smtp-capture";
import { clientIp, spread, type LoadClient } from "./client";
import { markAll } from "./scenarios";
import type { Seed } from "./seed";
import { Recorder, type ScenarioResult } from "./stats";

const now = () => performance.now();
export const SIGNUP_PASSWORD = "First-Day-Of-Term-26!";

export interface SignupRun {
  results: ScenarioResult[];
  /** seconds from the first signup until every verification mail had arrived and the outbox was empty */
  drainedAfterSeconds: number | null;
  /** seconds from the last signup until then */
  drainedAfterLastSignupSeconds: number | null;
  delivered: number;
  pendingAfter: number;
}

/** Wait until a mail to `to` arrives at the capture (checking what came since `from`). */
async function mailTo(smtp: SmtpCapture, to: string, timeoutMs = 120_000): Promise<{ text: string; at: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = smtp.received.find((m) => m.to.includes(to));
    if (mail) return { text: mail.text, at: Date.parse(mail.receivedAt) };
    if (Date.now() > deadline) throw new Error(`no verification mail to ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The course whose roster names every arriving student (one CSV import through the API). */
async function rosterFor(client: LoadClient, seed: Seed, emails: string[], label: string): Promise<void> {
  const course = await client.request("POST", "/api/courses", { token: seed.admin.accessToken, json: { code: `FT${Date.now().toString(36).slice(-6)}`, title: `First day ${label}`, term_label: "Bench" } });
  if (course.status !== 201) throw new Error(`could not create the course: ${course.status} ${JSON.stringify(course.body)}`);
  const id = (course.body as { id: string }).id;
  const csv = ["email,name", ...emails.map((e, i) => `${e},Arriving Student ${i + 1}`)].join("\n") + "\n";
  const imported = await client.request("POST", `/api/courses/${id}/enrollments/import`, { token: seed.admin.accessToken, text: { body: csv, type: "text/csv" } });
  if (imported.status !== 200) throw new Error(`could not import the roster: ${imported.status} ${JSON.stringify(imported.body)}`);
}

export async function signupScenario(client: LoadClient, seed: Seed, smtp: SmtpCapture, n: number, seconds: number, rotation: number): Promise<SignupRun> {
  const run = Date.now().toString(36);
  const emails = Array.from({ length: n }, (_, i) => `arrival${i}.${run}@bench.rollcall.test`);
  await rosterFor(client, seed, emails, run);
  const signup = new Recorder("signup", "POST /api/auth/signup", (s) => s === 202);
  const mail = new Recorder("signup", "verification mail (signup answered → mail at the SMTP server)", () => true);
  const verify = new Recorder("signup", "POST /api/auth/verify-email (link token)", (s) => s === 200);
  const login = new Recorder("signup", "POST /api/auth/login (first sign-in)", (s) => s === 200);
  let firstSignup = Infinity;
  let lastSignup = 0;
  const origin = Date.now() - performance.now(); // performance.now() → epoch ms

  // a class marks attendance while the newcomers arrive
  const marks = markAll(client, seed, seed.students.slice(0, n), seconds, "signup+marks", rotation);
  await spread(n, seconds, async (i) => {
    const email = emails[i]!;
    const ip = clientIp(6, i);
    const t0 = now();
    firstSignup = Math.min(firstSignup, origin + t0);
    const res = await client.request("POST", "/api/auth/signup", { ip, json: { email, password: SIGNUP_PASSWORD, full_name: `Arriving Student ${i + 1}` } });
    const t1 = now();
    signup.record(t0, t1, res.status, res.body);
    lastSignup = Math.max(lastSignup, origin + t1);
    if (res.status !== 202) return;
    const arrived = await mailTo(smtp, email);
    mail.record(origin + t1, Math.max(origin + t1, arrived.at), 200);
    const token = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(arrived.text)?.[1];
    const t2 = now();
    const verified = await client.request("POST", "/api/auth/verify-email", { ip, json: { token } });
    verify.record(t2, now(), verified.status, verified.body);
    if (verified.status !== 200) return;
    const t3 = now();
    const signedIn = await client.request("POST", "/api/auth/login", { ip, json: { email, password: SIGNUP_PASSWORD } });
    login.record(t3, now(), signedIn.status, signedIn.body);
  });
  const marked = await marks;

  // the outbox is drained when nothing is waiting or being sent
  const deadline = Date.now() + 120_000;
  let pendingAfter = -1;
  for (;;) {
    pendingAfter = await seed.db.outboxMessage.count({ where: { state: { in: ["pending", "sending"] } } });
    if (pendingAfter === 0 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const ours = smtp.received.filter((m) => emails.some((e) => m.to.includes(e)));
  const lastMail = Math.max(...ours.map((m) => Date.parse(m.receivedAt)));
  const drained = pendingAfter === 0 && ours.length === n;
  return {
    results: [signup.result(), mail.result(), verify.result(), login.result(), marked.result()],
    drainedAfterSeconds: drained ? Math.round((lastMail - firstSignup) / 100) / 10 : null,
    drainedAfterLastSignupSeconds: drained ? Math.round((lastMail - lastSignup) / 100) / 10 : null,
    delivered: ours.length,
    pendingAfter,
  };
}

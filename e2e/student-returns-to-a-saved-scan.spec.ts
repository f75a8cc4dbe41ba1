// Story: a logged-out student scans the projected code with the phone's camera app. The login
// page says the scan is saved and how long is left to sign in, counting down; signing in in
// time marks the student as of the scan.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminToken, createApprovedUser } from "./support/api";

const PASSWORD = "Quiet-Harbor-47!";

test("the login page says the scan is saved, with the time left to sign in", async ({ browser, request }) => {
  const token = await adminToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const now = Date.now();
  const event = await (await request.post("/api/events", { headers: auth, data: { title: "Acoustics", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString() } })).json();
  const issued = await (await request.post("/api/admin/qr-sessions", { headers: auth, data: { event_id: event.id } })).json();
  const student = { email: `saved.${randomUUID().slice(0, 8)}@college.test`, password: PASSWORD, fullName: "Sam Saved" };
  await createApprovedUser(request, student);

  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: "Europe/Berlin", locale: "en-GB" });
  const phone = await ctx.newPage();
  const scannedAt = new Date();
  await phone.goto(issued.qr_url);
  await expect(phone).toHaveURL(/\/login\?next=%2Fscan%2Freceipt&scanned=1$/);
  const note = phone.getByTestId("saved-scan");
  // the scan time in the phone's own zone, labelled with it (lib/time/format.ts)
  const hhmm = (d: Date) => d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Berlin" });
  await expect(note).toContainText(new RegExp(`^Your scan at (${hhmm(scannedAt)}|${hhmm(new Date(scannedAt.getTime() + 60_000))}) \\(Europe/Berlin\\) is saved — sign in within 2 minutes to finish\\.`));
  await expect(note).toContainText("Acoustics");
  const left = phone.getByTestId("saved-scan-left");
  await expect(left).toHaveText(/^[01]:\d\d$/);
  const first = (await left.textContent())!;
  // live: it counts down by itself
  await expect(left).not.toHaveText(first, { timeout: 3_000 });
  // the passkey is still offered (first: e2e/student-signs-in-with-a-passkey.spec.ts)
  await expect(phone.getByTestId("passkey-sign-in")).toBeVisible();

  await phone.getByLabel("Email").fill(student.email);
  await phone.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await phone.getByTestId("login-submit").click();
  await expect(phone).toHaveURL(/\/scan\/result\?outcome=marked/);
  await expect(phone.getByTestId("scan-result")).toContainText("Marked present");
  await ctx.close();
});

test("without a saved scan the login page says nothing about one", async ({ page }) => {
  await page.goto("/login?next=%2Fscan%2Freceipt&scanned=1");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.getByTestId("saved-scan")).toHaveCount(0);
});

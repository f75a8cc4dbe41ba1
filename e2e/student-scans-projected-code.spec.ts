// Story: an admin creates an event and opens the projector; a student points a real camera
// (Chromium's fake capture device fed with a frame of the projected code) at it through /scan
// and is marked; the projector's count goes up. Also: the photo fallback, an expired code,
// the camera-app deep link with a scan receipt across login, and a blank feed never marks.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signUpVerified } from "./support/api";
import { loginAs } from "./support/auth";
import { cameraBrowser, scanWithCamera, writeY4m } from "./support/camera";
import { E2E_ADMIN, E2E_BASE_URL, E2E_DIR } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";

async function adminToken(request: APIRequestContext): Promise<string> {
  const res = await request.post("/api/auth/login", { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
  expect(res.status()).toBe(200);
  return (await res.json()).access_token;
}

/** An approved student, through the real signup (verified from the real mail) and approval API. */
async function approvedStudent(request: APIRequestContext, token: string, name: string) {
  const email = `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@college.test`;
  const verified = await signUpVerified(request, { email, password: PASSWORD, fullName: name });
  const decide = await request.post(`/api/admin/approval-requests/${verified.approval_request.id}/decide`, {
    headers: { authorization: `Bearer ${token}` },
    data: { decision: "approved", approved_role: "student" },
  });
  expect(decide.status()).toBe(200);
  return { email, password: PASSWORD, fullName: name };
}

async function createEventOnPage(page: Page, title: string): Promise<string> {
  await page.goto("/admin/events");
  const form = page.getByTestId("event-form");
  await expect(form).toHaveAttribute("data-hydrated", "true");
  const local = (offsetMin: number) => {
    const d = new Date(Date.now() + offsetMin * 60_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Starts").fill(local(-5));
  await form.getByLabel("Ends").fill(local(120));
  await form.getByLabel("Location").fill("Lecture Theatre 1");
  await form.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByTestId("event-title")).toHaveText(title);
  return page.url().split("/").pop()!;
}

test.describe.configure({ mode: "serial" });

test("a student scans the projected code with the camera and the projector's count goes up", async ({ browser, request }) => {
  const token = await adminToken(request);
  const students = await Promise.all(["Ada", "Grace", "Alan", "Edsger"].map((n) => approvedStudent(request, token, n)));

  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const admin = await adminContext.newPage();
  const adminErrors: string[] = [];
  admin.on("pageerror", (e) => adminErrors.push(e.message));
  await loginAs(admin, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin/events" });
  const title = `Distributed Systems ${randomUUID().slice(0, 4)}`;
  const eventId = await createEventOnPage(admin, title);

  await admin.getByTestId("open-projector").click();
  await expect(admin.getByTestId("projector-title")).toHaveText(title);
  await expect(admin.getByTestId("projector")).toHaveAttribute("data-state", "not_started");
  await expect(admin.getByTestId("projector")).toHaveAttribute("data-hydrated", "true");
  await admin.getByTestId("start-checkin").click();
  const qr = admin.getByTestId("projector-qr");
  await expect(qr).toBeVisible();
  await expect(admin.getByTestId("projector-short-code")).toHaveText(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
  await expect(admin.getByTestId("projector-count")).toHaveText("0");
  const qrUrl = (await qr.getAttribute("data-value"))!;
  expect(qrUrl.length).toBeLessThanOrEqual(120);
  const png = await qr.screenshot();

  // 1. camera scan through /scan
  const feed = path.join(E2E_DIR, `code-${randomUUID().slice(0, 6)}.y4m`);
  await writeY4m(feed, png);
  const camera = await cameraBrowser(feed);
  try {
    const ctx = await camera.newContext({ baseURL: E2E_BASE_URL, permissions: ["camera"], viewport: { width: 390, height: 844 } });
    const phone = await ctx.newPage();
    await loginAs(phone, students[0]!.email, PASSWORD, { next: "/scan" });
    await expect(phone).toHaveURL(/\/scan$/);
    const result = await scanWithCamera(phone);
    await expect(result).toHaveAttribute("data-outcome", "marked");
    await expect(result).toContainText("Marked present");
    await expect(result).toContainText(title);
    const decodeMs = await phone.getByTestId("scanner").getAttribute("data-decode-ms");
    console.log(`scanner: camera start → decoded in ${decodeMs} ms`);
  } finally {
    await camera.close();
  }
  await expect(admin.getByTestId("projector-count")).toHaveText("1", { timeout: 15_000 });

  // 2. photo fallback (the same projected code, as a picture)
  const photoCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const photo = await photoCtx.newPage();
  await loginAs(photo, students[1]!.email, PASSWORD, { next: "/scan" });
  await expect(photo.getByTestId("scanner")).toHaveAttribute("data-hydrated", "true");
  // this browser has no camera: the photo and code fallbacks are open without a tap
  await expect(photo.getByTestId("scan-fallback")).toHaveAttribute("open", "");
  const shot = path.join(E2E_DIR, "photo.png");
  fs.writeFileSync(shot, await qr.screenshot());
  await photo.getByTestId("photo-input").setInputFiles(shot);
  await expect(photo.getByTestId("scan-result")).toHaveAttribute("data-outcome", "marked", { timeout: 15_000 });
  await expect(admin.getByTestId("projector-count")).toHaveText("2", { timeout: 15_000 });

  // a success is the last word: the result fills the screen, no camera or fallbacks beside it
  await expect(photo.getByTestId("scan-fallback")).toHaveCount(0);
  // scanning again (the scanner opened anew) says "already marked", never a second record
  await photo.reload();
  await expect(photo.getByTestId("scan-fallback")).toHaveAttribute("open", "");
  await photo.getByTestId("photo-input").setInputFiles(shot);
  await expect(photo.getByTestId("scan-result")).toHaveAttribute("data-outcome", "already_marked", { timeout: 15_000 });
  await expect(photo.getByTestId("scan-result")).toContainText("Already marked");

  // 3. an expired code: the student's phone is five minutes ahead (the test server's clock pin)
  const lateCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const late = await lateCtx.newPage();
  await loginAs(late, students[2]!.email, PASSWORD, { next: "/scan" });
  await expect(late.getByTestId("scanner")).toHaveAttribute("data-hydrated", "true");
  await late.setExtraHTTPHeaders({ "x-test-now": new Date(Date.now() + 5 * 60_000).toISOString() });
  await expect(late.getByTestId("scan-fallback")).toHaveAttribute("open", "");
  await late.getByTestId("photo-input").setInputFiles(shot);
  const expired = late.getByTestId("scan-result");
  await expect(expired).toHaveAttribute("data-outcome", "qr_expired", { timeout: 15_000 });
  await expect(expired).toContainText("Code expired");
  await expect(expired).toContainText("Scan the code on the screen now");

  // 4. the phone's own camera app opens the URL while logged out: receipt → login → marked.
  // The code on screen now, as a phone would see it: the first one may have expired by this step
  // on a loaded machine (codes live QR_EXPIRY_SECONDS).
  const linkCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const link = await linkCtx.newPage();
  await link.goto((await qr.getAttribute("data-value"))!);
  await expect(link).toHaveURL(/\/login\?next=%2Fscan%2Freceipt/);
  await link.getByLabel("Email").fill(students[3]!.email);
  await link.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await link.getByTestId("login-submit").click();
  await expect(link).toHaveURL(/\/scan\/result\?outcome=marked/);
  await expect(link.getByTestId("scan-result")).toContainText("Marked present");
  await expect(admin.getByTestId("projector-count")).toHaveText("3", { timeout: 15_000 });

  // the roster shows all three marks
  const roster = await request.get(`/api/events/${eventId}/attendance`, { headers: { authorization: `Bearer ${token}` } });
  const body = await roster.json();
  expect(body.attendance.map((r: { email: string }) => r.email).sort()).toEqual([students[0]!.email, students[1]!.email, students[3]!.email].sort());
  expect(adminErrors).toEqual([]);
  await Promise.all([adminContext.close(), photoCtx.close(), lateCtx.close(), linkCtx.close()]);
});

test("a blank camera feed never marks anyone", async ({ request }) => {
  const token = await adminToken(request);
  const student = await approvedStudent(request, token, "Barbara");
  const feed = path.join(E2E_DIR, "blank.y4m");
  await writeY4m(feed, null);
  const camera = await cameraBrowser(feed);
  try {
    const ctx = await camera.newContext({ baseURL: E2E_BASE_URL, permissions: ["camera"] });
    const phone = await ctx.newPage();
    await loginAs(phone, student.email, PASSWORD, { next: "/scan" });
    await expect(phone.getByTestId("scanner")).toHaveAttribute("data-hydrated", "true");
    await phone.getByTestId("start-camera").click();
    await expect(phone.getByTestId("scanner")).toHaveAttribute("data-phase", "scanning");
    await expect(phone.getByTestId("scan-video")).toBeVisible();
    // let the decoder look at the blank feed: two dozen frames read, counted by the scanner itself
    // (a fixed wait could pass before the decoder had loaded, proving nothing)
    await expect.poll(async () => Number(await phone.getByTestId("scan-video").getAttribute("data-frames-read"))).toBeGreaterThanOrEqual(24);
    await expect(phone.getByTestId("scanner")).toHaveAttribute("data-phase", "scanning");
    await expect(phone.getByTestId("scan-result")).toHaveCount(0);
    const me = await phone.request.get("/api/attendance/me");
    expect((await me.json()).attendance).toEqual([]);
  } finally {
    await camera.close();
  }
});

test("the projector rotates codes on the server's schedule, shows a banner when offline, and stops", async ({ browser, request }) => {
  const token = await adminToken(request);
  const now = Date.now();
  const created = await request.post("/api/events", {
    headers: { authorization: `Bearer ${token}` },
    data: { title: "Rotation check", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString() },
  });
  const event = await created.json();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const admin = await ctx.newPage();
  await loginAs(admin, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/events/${event.id}/present` });
  await expect(admin.getByTestId("projector")).toHaveAttribute("data-hydrated", "true");
  await admin.getByTestId("start-checkin").click();
  const qr = admin.getByTestId("projector-qr");
  await expect(qr).toBeVisible();
  const first = await qr.getAttribute("data-value");
  // QR_ROTATION_SECONDS is 10: a new code replaces it without a reload
  await expect(qr).not.toHaveAttribute("data-value", first!, { timeout: 15_000 });

  await ctx.route("**/api/**", (route) => route.abort());
  await expect(admin.getByTestId("projector-offline")).toBeVisible({ timeout: 15_000 });
  await ctx.unroute("**/api/**");
  await expect(admin.getByTestId("projector-offline")).toHaveCount(0, { timeout: 15_000 });
  await expect(qr).toBeVisible();

  // a second projector tab whose PC clock is an hour fast still shows a live code and a sane
  // countdown (time comes from the server), and does not invalidate the first tab's code
  const skewed = await ctx.newPage();
  await skewed.clock.install({ time: new Date(Date.now() + 3_600_000) });
  await skewed.clock.resume();
  await skewed.goto(`/admin/events/${event.id}/present`);
  await expect(skewed.getByTestId("projector-qr")).toBeVisible();
  await expect(skewed.getByTestId("projector-countdown")).toHaveText(/^([1-9]|10)$/);
  // the student is ready first, so the first tab's code is marked while it is current
  const student = await approvedStudent(request, token, "Katherine");
  const login = await request.post("/api/auth/login", { data: { email: student.email, password: PASSWORD } });
  const onFirst = await qr.getAttribute("data-value");
  const mark = await request.post("/api/attendance/mark", { headers: { authorization: `Bearer ${(await login.json()).access_token}` }, data: { qr_payload: onFirst } });
  expect(mark.status()).toBe(201);
  await skewed.close();

  await admin.getByTestId("stop-checkin").click();
  await admin.getByTestId("confirm-yes").click();
  await expect(admin.getByTestId("projector-message")).toHaveText("Check-in stopped.");
  await expect(admin.getByTestId("projector-qr")).toHaveCount(0);
  await ctx.close();
});

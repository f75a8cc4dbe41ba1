// Story: a student signs up and waits; an admin approves them on the approvals panel in
// another browser; the student's waiting page turns to "approved" by itself and they log in.
// A student cannot open /admin.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loginAs, loginRefusal, logout, signUpAs } from "./support/auth";
import { createApprovedUser, signUpVerified } from "./support/api";
import { E2E_ADMIN } from "./support/env";

test("student signs up, admin approves on the panel, student's waiting page flips and they log in", async ({ browser }) => {
  const student = { email: `ada.${randomUUID().slice(0, 8)}@college.test`, password: "Quiet-Harbor-47!", fullName: "Ada Byron" };

  const studentContext = await browser.newContext();
  const studentPage = await studentContext.newPage();
  const errors: string[] = [];
  studentPage.on("pageerror", (e) => errors.push(e.message));

  // live password rules
  await studentPage.goto("/signup");
  const rules = studentPage.getByTestId("password-rules");
  await studentPage.getByLabel("Password", { exact: true }).fill("abc");
  await expect(rules.locator('[data-rule="missing_uppercase"]')).toHaveAttribute("data-ok", "false");
  await studentPage.getByLabel("Password", { exact: true }).fill("Abc");
  await expect(rules.locator('[data-rule="missing_uppercase"]')).toHaveAttribute("data-ok", "true");
  await expect(rules.locator('[data-rule="too_short"]')).toHaveAttribute("data-ok", "false");

  await signUpAs(studentPage, student);
  const status = studentPage.getByTestId("pending-status");
  await expect(status).toHaveAttribute("data-status", "pending");
  await expect(studentPage.getByTestId("pending-countdown")).toHaveText(/^[23]:\d\d$/);

  // still pending: login says so (after the right password)
  const probe = await studentContext.newPage();
  expect(await loginRefusal(probe, student.email, student.password)).toBe("account_pending");
  await probe.close();

  // the admin, in another browser, approves from the panel
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await loginAs(adminPage, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin/approvals" });
  await expect(adminPage).toHaveURL(/\/admin\/approvals$/);
  const row = adminPage.locator(`[data-testid="approval-pending"][data-email="${student.email}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByRole("timer")).toHaveText(/^[0-3]:\d\d$/);
  await row.getByRole("button", { name: `Approve as student: ${student.fullName}` }).click();
  await expect(adminPage.getByTestId("approvals-status")).toContainText(`${student.fullName} approved as student`);
  await expect(adminPage.locator(`[data-testid="approval-decided"][data-email="${student.email}"]`)).toHaveAttribute("data-status", "approved");
  await expect(row).toHaveCount(0);

  // the student's waiting page flips by itself (no reload)
  await expect(status).toHaveAttribute("data-status", "approved", { timeout: 10_000 });
  await expect(status).toContainText("Approved — you can log in now");
  await studentPage.getByTestId("pending-login").click();
  await expect(studentPage.getByLabel("Email")).toHaveValue(student.email);
  await studentPage.getByLabel("Password", { exact: true }).fill(student.password);
  await studentPage.getByTestId("login-submit").click();
  await expect(studentPage).toHaveURL(/\/home$/);
  await expect(studentPage.getByRole("banner")).toContainText(student.fullName);

  // a student cannot open /admin
  await studentPage.goto("/admin/approvals");
  await expect(studentPage).toHaveURL(/\/home$/);
  const res = await studentPage.request.get("/api/admin/approval-requests");
  expect(res.status()).toBe(403);

  // logging out ends the session
  await logout(studentPage);
  expect((await studentPage.request.get("/api/auth/me")).status()).toBe(401);
  await studentPage.goto("/home");
  await expect(studentPage).toHaveURL(/\/login\?next=%2Fhome$/);

  expect(errors).toEqual([]);
  await studentContext.close();
  await adminContext.close();
});

test("signed-out visitors are sent to login and come back to where they were going", async ({ page }) => {
  await page.goto("/admin/approvals");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fapprovals$/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("Wrong-Password-99!");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-error")).toHaveAttribute("data-code", "invalid_credentials");
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/admin\/approvals$/);
  await expect(page.getByRole("heading", { name: "Signup approvals" })).toBeVisible();
});

test("account pages fit a phone screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  for (const path of ["/login", "/signup", "/pending", "/check-inbox", "/forgot-password"]) {
    await page.goto(path);
    expect(await overflow(), path).toBeLessThanOrEqual(0);
  }
  await signUpAs(page, { email: `phone.${randomUUID().slice(0, 8)}@college.test`, password: "Quiet-Harbor-47!", fullName: "Phone Student" });
  await expect(page.getByTestId("pending-status")).toHaveAttribute("data-status", "pending");
  expect(await overflow()).toBeLessThanOrEqual(0);

  // the admin pages are built for the 390 px phone the experience issue names; at 360 px the
  // approvals page still overflows by 24 px (known, left open in the issue note)
  const admin = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const adminPage = await admin.newPage();
  await loginAs(adminPage, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin/approvals" });
  await expect(adminPage.getByTestId("approval-pending").first()).toBeVisible();
  expect(await adminPage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await context.close();
  await admin.close();
});

test("the waiting page shows a rejection with its reason, and an expiry, without a reload", async ({ browser }) => {
  const rejected = await browser.newContext();
  const page = await rejected.newPage();
  const email = `rej.${randomUUID().slice(0, 8)}@college.test`;
  await signUpAs(page, { email, password: "Quiet-Harbor-47!", fullName: "Rex Rejected" });
  await expect(page.getByTestId("pending-status")).toHaveAttribute("data-status", "pending");

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await loginAs(adminPage, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin/approvals" });
  const row = adminPage.locator(`[data-testid="approval-pending"][data-email="${email}"]`);
  await row.getByLabel("Reason for rejecting Rex Rejected (optional)").fill("Not on the class list");
  // keyboard only: from the reason field, Tab reaches Reject and Enter presses it
  await adminPage.keyboard.press("Tab");
  await expect(row.getByRole("button", { name: "Reject: Rex Rejected" })).toBeFocused();
  await adminPage.keyboard.press("Enter");
  await expect(adminPage.getByTestId("approvals-status")).toContainText("Rex Rejected rejected.");
  await expect(page.getByTestId("pending-status")).toHaveAttribute("data-status", "rejected", { timeout: 10_000 });
  await expect(page.getByTestId("pending-status")).toContainText("Not on the class list");
  await rejected.close();
  await admin.close();

  // expiry: the test server honours x-test-now, so the next poll happens "4 minutes later"
  const late = await browser.newContext();
  const latePage = await late.newPage();
  await signUpAs(latePage, { email: `late.${randomUUID().slice(0, 8)}@college.test`, password: "Quiet-Harbor-47!", fullName: "Lena Late" });
  await expect(latePage.getByTestId("pending-status")).toHaveAttribute("data-status", "pending");
  await late.setExtraHTTPHeaders({ "x-test-now": new Date(Date.now() + 4 * 60_000).toISOString() });
  await expect(latePage.getByTestId("pending-status")).toHaveAttribute("data-status", "expired", { timeout: 10_000 });
  await expect(latePage.getByRole("link", { name: "Sign up again" })).toBeVisible();
  await late.close();
});

test("the login page says why: pending, locked after repeated failures", async ({ page, request }) => {
  const pending = { email: `wait.${randomUUID().slice(0, 8)}@college.test`, password: "Quiet-Harbor-47!", fullName: "Will Wait" };
  await signUpVerified(request, pending);
  expect(await loginRefusal(page, pending.email, "Wrong-Harbor-47!")).toBe("invalid_credentials");
  expect(await loginRefusal(page, pending.email, pending.password)).toBe("account_pending");
  await page.getByRole("link", { name: "See your request's status" }).click();
  await expect(page.getByTestId("pending-status")).toHaveAttribute("data-status", "pending");

  const active = { email: `lock.${randomUUID().slice(0, 8)}@college.test`, password: "Quiet-Harbor-47!", fullName: "Lou Locked" };
  await createApprovedUser(request, active);
  for (let i = 0; i < 5; i++) expect(await loginRefusal(page, active.email, `Wrong-Harbor-${i}!`)).toBe("invalid_credentials");
  expect(await loginRefusal(page, active.email, active.password)).toBe("account_locked");
  await expect(page.getByTestId("login-error")).toContainText("try again in about");
});

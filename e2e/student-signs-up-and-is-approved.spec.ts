// Story: a student signs up and waits; an admin approves them on the approvals panel in
// another browser; the student's waiting page turns to "approved" by itself and they log in.
// A student cannot open /admin.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loginAs, loginRefusal, logout, signUpAs } from "./support/auth";
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
  await row.getByRole("button", { name: `Approve ${student.fullName} as student` }).click();
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

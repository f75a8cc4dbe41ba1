// Stories (issue 19): a rostered student signs up on a phone, confirms the address from the
// real mail and lands on their home; signs out, uses "Forgot password?", follows the mailed link,
// sets a new password and signs in with it, while the old one fails. And: an impostor signs up
// with a rostered student's address and never gets in; the owner then signs up with the same
// address, types the mail's code, and gets the account. And the quick start's admin must choose
// their own password first.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminToken } from "./support/api";
import { confirmFromMail, loginAs, loginRefusal, logout, submitSignup } from "./support/auth";
import { pageProblems, PHONE } from "./support/axe";
import { E2E_BOOTSTRAP_ADMIN } from "./support/env";
import { e2eMailbox, firstLink, waitForMail, type CapturedMail } from "./support/mail";

const VERIFY_SUBJECT = "Confirm your email";

/** A course whose roster names `emails` (through the API, as a lecturer would import it). */
async function rosterOf(request: APIRequestContext, emails: string[]): Promise<void> {
  const auth = { authorization: `Bearer ${await adminToken(request)}` };
  const tag = randomUUID().slice(0, 4).toUpperCase();
  const course = await request.post("/api/courses", { headers: auth, data: { code: `ID${tag}`, title: "Identity and Trust", term_label: "2026 Autumn" } });
  expect(course.status()).toBe(201);
  const id = (await course.json()).id as string;
  const csv = ["email,name", ...emails.map((e, i) => `${e},Student ${i + 1}`)].join("\n") + "\n";
  const imported = await request.post(`/api/courses/${id}/enrollments/import`, { headers: { ...auth, "content-type": "text/csv" }, data: csv });
  expect(imported.status(), await imported.text()).toBe(200);
}

/** The verification mail of the signup made as `fullName` (each mail names its own signup). */
async function mailFor(email: string, fullName: string): Promise<CapturedMail> {
  await expect.poll(() => e2eMailbox.find({ to: email, subject: VERIFY_SUBJECT }).filter((m) => m.text.includes(fullName)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  return e2eMailbox.find({ to: email, subject: VERIFY_SUBJECT }).filter((m) => m.text.includes(fullName))[0]!;
}

async function noProblems(page: Page, label: string): Promise<void> {
  expect(await pageProblems(page, label)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `${label} scrolls sideways`).toBeLessThanOrEqual(0);
}

test("a rostered student verifies from the mail and lands home; later resets a forgotten password from the login page", async ({ browser, request }) => {
  const tag = randomUUID().slice(0, 8);
  const student = { email: `mary.${tag}@college.test`, password: "Analytic-Engine-1843!", fullName: "Mary Somerville" };
  await rosterOf(request, [student.email]);

  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const visited: string[] = [];
  page.on("framenavigated", (f) => visited.push(new URL(f.url()).pathname));

  // sign up: the next page says where the mail went
  const since = await submitSignup(page, student);
  await expect(page.getByTestId("inbox-address")).toContainText(student.email);
  await noProblems(page, "/check-inbox");

  // the mail's link opens "Confirm your email"; one click, and she is home (no waiting: she is on the roster)
  const mail = await waitForMail({ to: student.email, subject: VERIFY_SUBJECT, since });
  expect(mail.text).toContain(student.fullName);
  expect(mail.html).toContain("Confirm my email");
  await page.goto(firstLink(mail, "/verify-email"));
  await noProblems(page, "/verify-email");
  await page.getByTestId("confirm-email").click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { name: "Hi Mary" })).toBeVisible();
  expect(visited).not.toContain("/pending");
  await logout(page);

  // "Forgot password?" on the login page
  await page.getByTestId("forgot-password").click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await noProblems(page, "/forgot-password");
  const asked = new Date();
  await page.getByLabel("Email").fill(student.email);
  await page.getByTestId("forgot-submit").click();
  await expect(page.getByTestId("reset-requested")).toContainText(student.email);

  // the mailed link: choose a new password (the rules show live), then sign in with it
  const reset = await waitForMail({ to: student.email, subject: "Reset your Rollcall password", since: asked });
  await page.goto(firstLink(reset, "/reset-password"));
  await noProblems(page, "/reset-password");
  const newPassword = "Mechanism-Heavens-1831!";
  await page.getByLabel("New password").fill("short");
  await page.getByTestId("reset-submit").click();
  await expect(page.getByTestId("reset-error")).toHaveAttribute("data-code", "weak_password");
  await page.getByLabel("New password").fill(newPassword);
  await expect(page.getByTestId("password-rules").locator('[data-rule="too_short"]')).toHaveAttribute("data-ok", "true");
  await page.getByTestId("reset-submit").click();
  await expect(page.getByTestId("reset-done")).toBeVisible();
  await page.getByTestId("reset-login").click();
  await loginAs(page, student.email, newPassword);
  await expect(page).toHaveURL(/\/home$/);
  await logout(page);

  // the old password fails; the link works once
  expect(await loginRefusal(page, student.email, student.password)).toBe("invalid_credentials");
  await page.goto(firstLink(reset, "/reset-password"));
  await page.getByLabel("New password").fill("Another-Try-Pass-77!");
  await page.getByTestId("reset-submit").click();
  await expect(page.getByTestId("reset-error")).toHaveAttribute("data-code", "token_used");
  await expect(page.getByTestId("reset-error")).toContainText("already used");
  await waitForMail({ to: student.email, subject: "Your Rollcall password was changed", since: asked });

  expect(errors).toEqual([]);
  await context.close();
});

test("an impostor signs up with a rostered address and never gets in; the owner then signs up and gets the account", async ({ browser, request }) => {
  const tag = randomUUID().slice(0, 8);
  const email = `rosa.${tag}@college.test`;
  const impostor = { email, password: "Stolen-Identity-66!", fullName: "Mallory Fake" };
  const owner = { email, password: "Rightful-Owner-2026!", fullName: "Rosa Parks" };
  await rosterOf(request, [email]);

  // the impostor signs up first: check your inbox (whose inbox is not theirs)
  const impostorCtx = await browser.newContext({ viewport: PHONE });
  const mallory = await impostorCtx.newPage();
  await submitSignup(mallory, impostor);
  await expect(mallory.getByTestId("inbox-address")).toContainText(email);
  // a guessed code is refused in plain words
  await mallory.getByLabel("6-digit code").fill("123456");
  await mallory.getByTestId("code-submit").click();
  await expect(mallory.getByTestId("code-error")).toHaveAttribute("data-code", "token_invalid");
  await noProblems(mallory, "/check-inbox (wrong code)");
  // signing in says to confirm the address first, with a resend on offer; the student pages stay shut
  expect(await loginRefusal(mallory, email, impostor.password)).toBe("email_unverified");
  await expect(mallory.getByTestId("resend-mail")).toBeVisible();
  await noProblems(mallory, "/login (email_unverified)");
  await mallory.goto("/home");
  await expect(mallory).toHaveURL(/\/login\?next=%2Fhome$/);
  const impostorMail = await mailFor(email, impostor.fullName);

  // the owner signs up with the same address, on their own phone, and types the code from their mail
  const ownerCtx = await browser.newContext({ viewport: PHONE });
  const rosa = await ownerCtx.newPage();
  await submitSignup(rosa, owner);
  const ownerMail = await mailFor(email, owner.fullName);
  const code = /code (\d{6})/.exec(ownerMail.subject)![1]!;
  await rosa.getByLabel("6-digit code").fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await rosa.getByTestId("code-submit").click();
  await expect(rosa).toHaveURL(/\/home$/);
  await expect(rosa.getByRole("heading", { name: "Hi Rosa" })).toBeVisible();
  await expect(rosa.getByRole("banner")).toContainText(owner.fullName);

  // the impostor's password never signs in, and their mail's link is spent
  expect(await loginRefusal(mallory, email, impostor.password)).toBe("invalid_credentials");
  await mallory.goto(firstLink(impostorMail, "/verify-email"));
  await mallory.getByTestId("confirm-email").click();
  await expect(mallory.getByTestId("verify-error")).toHaveAttribute("data-code", "token_used");
  await mallory.goto("/home");
  await expect(mallory).toHaveURL(/\/login\?next=%2Fhome$/);

  // the owner's account is the one: signing in again works with the owner's password
  await logout(rosa);
  await confirmFromMailIsSpent(rosa, email);
  await loginAs(rosa, email, owner.password);
  await expect(rosa).toHaveURL(/\/home$/);
  await impostorCtx.close();
  await ownerCtx.close();
});

/** Every verification link of the address is dead once the account exists. */
async function confirmFromMailIsSpent(page: Page, email: string): Promise<void> {
  await confirmFromMail(page, email, new Date(0));
  await expect(page.getByTestId("verify-error")).toHaveAttribute("data-code", /token_used|token_invalid/);
}

test("the quick start's bootstrap admin must choose their own password before anything else, on pages and the API", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await loginAs(page, E2E_BOOTSTRAP_ADMIN.email, E2E_BOOTSTRAP_ADMIN.password, { next: "/admin/users" });
  await expect(page).toHaveURL(/\/security$/);
  await expect(page.getByTestId("must-change-password")).toBeVisible();
  await noProblems(page, "/security (must change the password)");
  for (const path of ["/admin", "/admin/approvals", "/home"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/security$/);
  }
  const api = await page.request.get("/api/admin/users");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("password_change_required");

  await page.getByLabel("Current password").fill(E2E_BOOTSTRAP_ADMIN.password);
  await page.getByLabel("New password").fill(E2E_BOOTSTRAP_ADMIN.password);
  await page.getByTestId("change-submit").click();
  await expect(page.getByTestId("change-error")).toContainText("different from the current one");
  await page.getByLabel("New password").fill("Chosen-By-Me-2026!");
  await page.getByTestId("change-submit").click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  expect((await page.request.get("/api/admin/users")).status()).toBe(200);
  await context.close();
});

// Story: someone guesses a student's password until the account locks. A stranger's browser is
// refused, even with the right password; the student's own browser, which signed in before,
// still gets in (its trusted-device cookie). An admin sees the lock on the users page and lifts it.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createApprovedUser } from "./support/api";
import { loginAs, loginRefusal, logout } from "./support/auth";
import { E2E_ADMIN } from "./support/env";

test("a locked-out student still signs in on their own browser, and an admin unlocks the account", async ({ browser, request }) => {
  const student = { email: `ada.${randomUUID().slice(0, 8)}@college.test`, password: "Quiet-Harbor-47!", fullName: "Ada Lovelace" };
  await createApprovedUser(request, student);

  const phone = await (await browser.newContext()).newPage();
  await loginAs(phone, student.email, student.password);
  await logout(phone);

  // five guesses from elsewhere (the test server believes X-Forwarded-For from loopback)
  for (let i = 0; i < 5; i++) {
    const guess = await request.post("/api/auth/login", {
      data: { email: student.email, password: `Guess-${i}-Password!` },
      headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
    });
    expect(guess.status()).toBe(401);
  }

  const stranger = await (await browser.newContext()).newPage();
  expect(await loginRefusal(stranger, student.email, student.password)).toBe("account_locked");
  await expect(stranger.getByTestId("login-error")).toContainText("You can try again in about");

  await loginAs(phone, student.email, student.password);
  await expect(phone).toHaveURL(/\/home$/);

  const admin = await (await browser.newContext()).newPage();
  await loginAs(admin, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/users?q=${encodeURIComponent(student.email)}` });
  const row = admin.locator(`[data-testid="user-row"][data-email="${student.email}"]`);
  await expect(row.getByTestId("user-locked")).toContainText("Login locked until");
  await row.getByRole("button", { name: /^Unlock login/ }).click();
  await expect(admin.getByTestId("users-done")).toContainText("Unlocked");
  await expect(row.getByTestId("user-locked")).toHaveCount(0);

  await loginAs(stranger, student.email, student.password);
  await expect(stranger).toHaveURL(/\/home$/);
});

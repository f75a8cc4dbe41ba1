// UI helpers other specs reuse: log in, sign up (confirming from the real mail) and log out
// through the real pages.
import { expect, type Page } from "@playwright/test";
import { firstLink, waitForMail } from "./mail";

/** Log in through /login (optionally with ?next=) and wait until the browser has left it. */
export async function loginAs(page: Page, email: string, password: string, opts: { next?: string } = {}): Promise<void> {
  await page.goto(opts.next ? `/login?next=${encodeURIComponent(opts.next)}` : "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page).not.toHaveURL(/\/login(\?|$)/, { timeout: 15_000 });
}

/** Try to log in and return the refusal's code (the login page's error box). */
export async function loginRefusal(page: Page, email: string, password: string): Promise<string | null> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByTestId("login-submit").click();
  const error = page.getByTestId("login-error");
  await expect(error).toBeVisible();
  return error.getAttribute("data-code");
}

/** Fill in /signup and send it: the browser lands on "check your inbox". Returns when the signup was sent. */
export async function submitSignup(page: Page, user: { email: string; password: string; fullName: string }): Promise<Date> {
  const sent = new Date();
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(user.fullName);
  await page.getByLabel("College email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByTestId("signup-submit").click();
  await expect(page).toHaveURL(/\/check-inbox$/);
  return sent;
}

/** Open the verification link of the newest mail to `email` (sent at or after `since`) and confirm it. */
export async function confirmFromMail(page: Page, email: string, since: Date): Promise<void> {
  const mail = await waitForMail({ to: email, subject: "Confirm your email", since });
  await page.goto(firstLink(mail, "/verify-email"));
  await page.getByTestId("confirm-email").click();
}

/** Sign up through /signup, confirm from the mail, and wait for the waiting page (an address on no roster). */
export async function signUpAs(page: Page, user: { email: string; password: string; fullName: string }): Promise<void> {
  const since = await submitSignup(page, user);
  await confirmFromMail(page, user.email, since);
  await expect(page).toHaveURL(/\/pending$/);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId("logout").first().click();
  await expect(page).toHaveURL(/\/login/);
}

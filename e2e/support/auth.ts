// UI helpers other specs reuse: log in, sign up and log out through the real pages.
import { expect, type Page } from "@playwright/test";

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

/** Sign up through /signup and wait for the waiting page. */
export async function signUpAs(page: Page, user: { email: string; password: string; fullName: string }): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(user.fullName);
  await page.getByLabel("College email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByTestId("signup-submit").click();
  await expect(page).toHaveURL(/\/pending$/);
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId("logout").first().click();
  await expect(page).toHaveURL(/\/login/);
}

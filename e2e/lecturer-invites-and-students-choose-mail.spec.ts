// Story: a lecturer's roster has students who never signed up. The course page says how many and
// invites them with one click; each gets a mail naming the course and the lecturer, whose link
// opens the signup form with their address filled in, and the roster says "invited just now". The
// admin reads what went out at /admin/outbox. A student whose mark was removed gets a mail with an
// unsubscribe link that works without signing in; on /security they see that mail switched off
// and switch it back on. Every page is checked on a phone and a desktop (axe, no sideways scroll).
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminToken, createApprovedUser } from "./support/api";
import { loginAs } from "./support/auth";
import { DESKTOP, PHONE, pageProblems } from "./support/axe";
import { E2E_ADMIN } from "./support/env";
import { resizeAndSettle } from "./support/layout";
import { firstLink, waitForMail } from "./support/mail";

const PASSWORD = "Quiet-Harbor-47!";

async function api(request: APIRequestContext, method: "post" | "get", path: string, data?: unknown) {
  const res = await request[method](path, { headers: { authorization: `Bearer ${await adminToken(request)}` }, ...(data !== undefined && { data }) });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

async function checkBothSizes(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, size] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await resizeAndSettle(page, size);
    problems.push(...(await pageProblems(page, `${label} (${name})`)));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${label} (${name}): scrolls sideways by ${overflow} px`);
  }
  return problems;
}

test("a lecturer invites the students without an account; a student stops a notice mail and turns it back on", async ({ page, browser, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = randomUUID().slice(0, 6);
  const [ada, alan] = [`ada.${tag}@college.test`, `alan.${tag}@college.test`];
  const course = await api(request, "post", "/api/courses", { code: `IN${tag.slice(0, 4).toUpperCase()}`, title: "Networks", term_label: "2026 Autumn" });
  const imported = await request.post(`/api/courses/${course.id}/enrollments/import`, {
    headers: { authorization: `Bearer ${await adminToken(request)}`, "content-type": "text/csv" },
    data: `email,name\n${ada},Ada Lovelace\n${alan},Alan Turing\n`,
  });
  expect(imported.status(), await imported.text()).toBe(200);

  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/courses/${course.id}` });
  await expect(page.getByTestId("invite-count")).toHaveText("2 enrolled students have no account yet.");
  await page.getByTestId("invite-all").click();
  await expect(page.getByTestId("invite-status")).toHaveText("Invited 2 students.");
  const row = page.locator(`[data-testid="enrollment"][data-email="${ada}"]`);
  await expect(row.getByTestId("roster-invited")).toHaveText(/invited (just now|1 min ago)/);
  const problems = await checkBothSizes(page, "course page");

  const invitation = await waitForMail({ to: ada, subject: `invites you to sign up for ${course.code}` });
  expect(invitation.text).toContain(E2E_ADMIN.fullName);
  const visitor = await browser.newContext();
  const signup = await visitor.newPage();
  await signup.goto(firstLink(invitation, "/signup"));
  await expect(signup.locator("#email")).toHaveValue(ada);
  await visitor.close();

  await page.goto(`/admin/outbox?to=${encodeURIComponent(ada)}`);
  const message = page.getByTestId("outbox-message").first();
  await expect(message).toContainText(`invites you to sign up for ${course.code}`);
  await expect(message).toHaveAttribute("data-state", "sent");
  problems.push(...(await checkBothSizes(page, "/admin/outbox")));

  // a student's removed mark: the mail's unsubscribe link works without signing in
  const student = { email: `rosa.${tag}@college.test`, password: PASSWORD, fullName: "Rosa Parks" };
  await createApprovedUser(request, student);
  const users = await api(request, "get", `/api/admin/users?q=${encodeURIComponent(student.email)}`);
  const studentId = users.users[0].id as string;
  const now = Date.now();
  const event = await api(request, "post", "/api/events", { title: "Networks lab", starts_at: new Date(now - 3600_000).toISOString(), ends_at: new Date(now + 3600_000).toISOString() });
  await api(request, "post", `/api/events/${event.id}/attendance`, { user_id: studentId, reason: "signed the paper list" });
  await api(request, "post", `/api/events/${event.id}/attendance/unmark`, { user_id: studentId, reason: "was in the other group" });
  const removed = await waitForMail({ to: student.email, subject: "was removed" });
  expect(removed.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  const outside = await browser.newContext();
  const stranger = await outside.newPage();
  await stranger.goto(firstLink(removed, "/unsubscribe"));
  await expect(stranger.getByTestId("unsubscribe-label")).toContainText("An attendance mark of yours was removed");
  problems.push(...(await checkBothSizes(stranger, "/unsubscribe")));
  await stranger.getByTestId("unsubscribe-confirm").click();
  await expect(stranger.getByTestId("unsubscribe-done")).toBeVisible();
  await outside.close();

  const own = await browser.newContext();
  const mine = await own.newPage();
  await loginAs(mine, student.email, student.password, { next: "/security" });
  const toggle = mine.getByTestId("mail-pref-mark_removed");
  await expect(toggle).not.toBeChecked();
  await expect(mine.getByTestId("mail-pref-low_attendance_warning")).toBeChecked();
  await expect(mine.getByTestId("mail-pref-signups_waiting")).toHaveCount(0); // a student decides no signups
  await toggle.check();
  await expect(mine.getByTestId("mail-preferences-status")).toHaveText("Saved.");
  await mine.reload();
  await expect(mine.getByTestId("mail-pref-mark_removed")).toBeChecked();
  problems.push(...(await checkBothSizes(mine, "/security")));
  await own.close();

  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});

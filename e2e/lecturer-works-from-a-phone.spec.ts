// Story: a lecturer in Berlin runs the class from a 390×844 phone. The roster, the users list,
// the events list and the approvals queue show as stacked cards with every action on screen and
// no sideways scrolling; the notification panel stays inside the screen; and every time reads in
// the phone's zone, labelled "(Europe/Berlin)".
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { adminToken, createApprovedUser, signUpVerified } from "./support/api";
import { loginAs } from "./support/auth";
import { PHONE } from "./support/axe";
import { E2E_ADMIN } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";

test.use({ viewport: PHONE, timezoneId: "Europe/Berlin", hasTouch: true, isMobile: true });

/** No sideways scrolling, and each visible button/link of `scope` lies wholly inside the screen. */
async function fitsThePhone(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>(`${selector} button, ${selector} a, ${selector} input, ${selector} select`)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered (e.g. inside a closed dialog)
      if (r.left < 0 || r.right > window.innerWidth) problems.push(`${el.tagName} "${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}" spans ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return problems;
  }, scope);
}

test("roster, users, events and approvals fit a phone with their actions visible, in the phone's time zone", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 6);
  const auth = { authorization: `Bearer ${await adminToken(request)}` };
  const student = { email: `hedy.lamarr.with.a.long.address.${tag}@college.test`, password: PASSWORD, fullName: "Hedwig Eva Maria Kiesler-Lamarr" };
  await createApprovedUser(request, student);
  for (const name of ["Ida Ives", "Jon Judd"]) {
    await signUpVerified(request, { email: `${name.split(" ")[0]!.toLowerCase()}.${tag}@college.test`, password: PASSWORD, fullName: name });
  }
  // 10:00 UTC on a winter day is 11:00 in Berlin
  const event = await request.post("/api/events", {
    headers: auth,
    data: { title: `Signals and Systems ${tag}`, location: "Lecture hall 2", starts_at: "2026-01-14T10:00:00.000Z", ends_at: "2026-01-14T11:30:00.000Z" },
  });
  expect(event.status()).toBe(201);
  const eventId = (await event.json()).id as string;
  const mark = await request.post(`/api/events/${eventId}/attendance`, { headers: auth, data: { email: student.email, reason: "was at the front desk" } });
  expect(mark.status()).toBe(201);

  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/events/${eventId}` });

  // the roster: a card per student, Unmark on screen, time in Berlin
  const roster = page.getByTestId("live-roster");
  await expect(roster).toContainText(student.fullName);
  await expect(roster.getByRole("button", { name: /Unmark/ })).toBeVisible();
  expect(await fitsThePhone(page, '[data-testid="live-roster"]')).toEqual([]);
  await expect(roster.getByTestId("roster-row").locator("time").first()).toContainText("(Europe/Berlin)");

  // the events list (a class in the past: the Past tab): at 11:00–12:30 Berlin time
  await page.goto("/admin/events?show=past");
  const eventRow = page.getByTestId("events-table").getByRole("row").filter({ hasText: `Signals and Systems ${tag}` });
  await expect(eventRow).toContainText("Wed 14 Jan 2026, 11:00–12:30 (Europe/Berlin)");
  expect(await fitsThePhone(page, '[data-testid="events-table"]')).toEqual([]);

  // users: every action of every card on screen
  await page.goto(`/admin/users?q=${tag}`);
  await expect(page.getByTestId("user-row")).toHaveCount(3);
  expect(await fitsThePhone(page, '[data-testid="users-table"]')).toEqual([]);
  const studentCard = page.locator(`[data-testid="user-row"][data-email="${student.email}"]`);
  await expect(studentCard.getByRole("button", { name: `Make admin: ${student.email}` })).toBeVisible();
  await expect(studentCard.getByRole("button", { name: /End sessions/ })).toBeVisible();

  // approvals: the pending cards and their buttons fit
  await page.goto("/admin/approvals");
  await expect(page.locator(`[data-testid="approval-pending"][data-email="ida.${tag}@college.test"]`)).toBeVisible();
  expect(await fitsThePhone(page, "main")).toEqual([]);

  // the notification panel opens inside the screen
  await page.goto("/admin");
  await page.getByTestId("notification-bell").click();
  const panel = page.getByTestId("notification-panel");
  await expect(panel).toBeVisible();
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  await expect(panel.getByTestId("notification-item").first()).toBeVisible();
  // times in the panel are words or labelled, never ISO text
  expect(await panel.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  expect(await fitsThePhone(page, '[data-testid="notification-panel"]')).toEqual([]);
});

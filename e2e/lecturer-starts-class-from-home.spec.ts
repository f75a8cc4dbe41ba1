// Story: a lecturer opens Rollcall before class. /admin shows today's classes and the next ones
// with a one-click "Project", how many signups wait, and what happened recently; the live KPI
// dashboard is one click away. In the audit log an entry opens to readable fields.
// "Today" and "Tomorrow" depend on the hour: the scenario runs at 23:30 and at 00:30 UTC (the
// college's zone here), with the server's clock (the test server's x-test-now) and the browser's
// (page.clock) both pinned, so it passes at any hour it is run.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminToken } from "./support/api";
import { loginAs } from "./support/auth";
import { E2E_ADMIN } from "./support/env";

test.use({ timezoneId: "UTC" });

/** The next moment, from now, at hh:mm UTC. */
function nextAt(hour: number, minute: number): number {
  const real = Date.now();
  const d = new Date(real);
  const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour, minute);
  return at > real ? at : at + 86_400_000;
}

// the class started five minutes ago: at 23:30 its hour ends tomorrow, and the range says so
for (const [hour, minute, range] of [[23, 30, "Today, 23:25 – Tomorrow, 00:25 UTC"], [0, 30, "00:25–01:25 UTC"]] as const) {
  const label = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")} UTC`;
  test(`at ${label}, the lecturer's start page lists today's class with Project, the next class, approvals and recent activity`, async ({ page, request }) => {
    await startPage(page, request, nextAt(hour, minute), range);
  });
}

async function startPage(page: Page, request: APIRequestContext, now: number, range: string) {
  // the server renders "today" for this moment, and the browser's clock agrees
  await page.setExtraHTTPHeaders({ "x-test-now": new Date(now).toISOString() });
  await page.clock.install({ time: new Date(now) });
  await page.clock.resume();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = randomUUID().slice(0, 6);
  const auth = { authorization: `Bearer ${await adminToken(request)}` };
  // running now (so it is today in any zone), and one three days ahead
  const today = await request.post("/api/events", {
    headers: auth,
    data: { title: `Compilers ${tag}`, location: "Room 101", starts_at: new Date(now - 5 * 60_000).toISOString(), ends_at: new Date(now + 55 * 60_000).toISOString() },
  });
  expect(today.status()).toBe(201);
  const todayId = (await today.json()).id as string;
  // just after midnight tomorrow (UTC, the college's zone here): first among the next classes
  const tomorrow = new Date(now + 86_400_000);
  const laterStart = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 0, 1);
  const later = await request.post("/api/events", {
    headers: auth,
    data: { title: `Compilers lab ${tag}`, starts_at: new Date(laterStart).toISOString(), ends_at: new Date(laterStart + 3_600_000).toISOString() },
  });
  expect(later.status()).toBe(201);
  const pendingRes = await request.get("/api/admin/approval-requests?status=pending&limit=100", { headers: auth });
  expect(pendingRes.status()).toBe(200);

  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  await expect(page.getByRole("heading", { name: "Today's classes" })).toBeVisible();
  const todayCard = page.getByTestId("today-classes").getByTestId("start-class").filter({ hasText: `Compilers ${tag}` });
  await expect(todayCard).toContainText("Room 101");
  await expect(todayCard).toContainText(range); // the range, labelled with its zone
  await expect(page.getByTestId("next-classes").getByTestId("start-class").filter({ hasText: `Compilers lab ${tag}` })).toContainText("Tomorrow, 00:01–01:01 UTC");
  await expect(page.getByTestId("pending-approvals")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("recent-activity")).toContainText("E2E Admin created an event");

  // one click to the projector
  await todayCard.getByTestId("project-class").click();
  await expect(page).toHaveURL(new RegExp(`/admin/events/${todayId}/present$`));

  // the KPI dashboard is one click from the start page and in the navigation
  await page.goto("/admin");
  await page.getByTestId("open-dashboard").click();
  await expect(page).toHaveURL(/\/admin\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("metric-login")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveAttribute("href", "/admin/dashboard");

  // the audit log: an entry opens to labelled fields, not a JSON column
  await page.goto("/admin/audit?action=event_created");
  const entry = page.getByTestId("audit-row").filter({ hasText: "E2E Admin" }).first();
  await entry.locator("summary").click();
  const details = entry.getByTestId("audit-details");
  await expect(details).toBeVisible();
  await expect(details.locator("dt").filter({ hasText: /^Title$/ })).toBeVisible();
  await expect(details).toContainText(`Compilers lab ${tag}`);
  const width = await details.evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(400);
  expect(errors).toEqual([]);
}

// Story: a lecturer opens Rollcall before class. /admin shows today's classes and the next ones
// with a one-click "Project", how many signups wait, and what happened recently; the live KPI
// dashboard is one click away. In the audit log an entry opens to readable fields.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminToken } from "./support/api";
import { loginAs } from "./support/auth";
import { E2E_ADMIN } from "./support/env";

test.use({ timezoneId: "UTC" });

test("the lecturer's start page lists today's class with Project, the next class, approvals and recent activity", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = randomUUID().slice(0, 6);
  const auth = { authorization: `Bearer ${await adminToken(request)}` };
  const now = Date.now();
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
  await expect(todayCard).toContainText(/\d\d:\d\d–\d\d:\d\d UTC/); // the range, labelled with its zone
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
});

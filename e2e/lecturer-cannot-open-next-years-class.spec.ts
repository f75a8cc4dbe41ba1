// Story: a lecturer opens the projector for a class that is months away and presses "Start
// check-in". Nothing opens: the projector says in words from when to when check-in can open
// (issue 21: issuing a code used to open check-in for an event in 2030).
import { expect, test } from "@playwright/test";
import { adminToken } from "./support/api";
import { loginAs } from "./support/auth";
import { E2E_ADMIN } from "./support/env";

test("the projector refuses to open check-in for next year's class, in words", async ({ page, request }) => {
  const token = await adminToken(request);
  const start = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 3, 9, 0));
  const created = await request.post("/api/events", {
    headers: { authorization: `Bearer ${token}` },
    data: { title: "Next year's lecture", starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString() },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/events/${id}/present` });
  await expect(page.getByTestId("projector")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("projector-message")).toHaveText("Check-in has not started.");
  await page.getByTestId("start-checkin").click();
  const status = page.getByTestId("projector-status");
  await expect(status).toContainText("can open from");
  await expect(status).toContainText("08:30 UTC");
  await expect(page.getByTestId("projector-message")).toHaveText("Check-in has not started.");
  await expect(page.getByTestId("projector-qr")).toHaveCount(0);
});

// Story: a student's phone meets a bad network, a rate limit and an ended session. The one
// browser client (lib/client/call-api.ts) handles each the same way on every page: offline is
// reported as offline, a 429's Retry-After is honoured without hammering the server, and a
// 401 goes to the login page with `next` pointing back.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminToken, createApprovedUser } from "./support/api";
import { loginAs } from "./support/auth";

test("offline, rate-limited and logged-out answers are handled once, in plain words", async ({ page, request, context }) => {
  const student = { email: `net.${randomUUID().slice(0, 8)}@college.test`, password: "Quiet-Harbor-47!", fullName: "Nettie Net" };
  await createApprovedUser(request, student);
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, student.email, student.password, { next: "/scan" });
  await expect(page.getByTestId("scanner")).toHaveAttribute("data-hydrated", "true");
  const marks: string[] = [];
  page.on("request", (r) => r.url().endsWith("/api/attendance/mark") && marks.push(r.method()));
  const code = page.getByTestId("short-code-input");
  const send = async (value: string) => {
    await code.fill(value);
    await code.press("Enter");
  };
  // no camera in this browser: the code field is open without a tap
  await expect(code).toBeVisible();

  // offline: said plainly, next to the code field, nothing sent
  await context.setOffline(true);
  await send("ACDEFG");
  const result = page.getByTestId("short-code-error");
  await expect(result).toHaveAttribute("data-outcome", "offline");
  await expect(result).toContainText("No connection");
  expect(marks).toEqual([]);
  await context.setOffline(false);

  // 10 wrong codes are refused one by one; the 11th is rate limited with Retry-After …
  for (let i = 0; i < 11; i++) {
    await send("ACDEFG");
    await expect(result).toHaveAttribute("data-outcome", i < 10 ? "short_code_invalid" : "rate_limited");
  }
  await expect(result).toContainText(/try again in about \d+ minutes/);
  expect(marks).toHaveLength(11);
  // … and until it passes, the page does not ask the server again
  await send("ACDEFG");
  await expect(result).toHaveAttribute("data-outcome", "rate_limited");
  expect(marks).toHaveLength(11);

  // the session ends elsewhere (an admin ends it): the next call (the bell's poll) goes to
  // the login page, which will bring the student back to the scanner
  const token = await adminToken(request);
  const users = await request.get(`/api/admin/users?q=${encodeURIComponent(student.email)}`, { headers: { authorization: `Bearer ${token}` } });
  const id = (await users.json()).users[0].id as string;
  expect((await request.post(`/api/admin/users/${id}/revoke-sessions`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?next=%2Fscan$/, { timeout: 15_000 });
});

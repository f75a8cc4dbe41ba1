// Story: a student on a course's roster opens Rollcall for the first time, presses "Sign in with
// College", signs in on the college's own login page (a real OpenID Provider, oidc-provider, run
// by the e2e server), lands on their home page with an account made for them, and scans the
// projected code with the phone's camera. No Rollcall password ever exists for them.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { adminToken } from "./support/api";
import { pageProblems } from "./support/axe";
import { cameraBrowser, scanWithCamera, writeY4m } from "./support/camera";
import { E2E_BASE_URL, E2E_DIR, E2E_OIDC_ISSUER } from "./support/env";
import { qrPng } from "./support/qr-image";

test("a rostered student signs in with the college account, lands on /home and scans the projected code", async ({ request }) => {
  const login = `ada-${randomUUID().slice(0, 8)}`;
  const email = `${login}@college.test`;
  // the college's directory: this person, with a verified address
  const added = await fetch(`${E2E_OIDC_ISSUER}/__test/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, claims: { email, email_verified: true, name: "Ada Lovelace" } }),
  });
  expect(added.status).toBe(204);

  // the lecturer's course has Ada on its roster, and a class running now with a projected code
  const token = await adminToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const course = await request.post("/api/courses", { headers: auth, data: { code: `SSO${randomUUID().slice(0, 4)}`, title: "Analytical Engines", term_label: "2026 Autumn" } });
  expect(course.status()).toBe(201);
  const courseId = (await course.json()).id as string;
  const roster = await request.post(`/api/courses/${courseId}/enrollments/import?dry_run=false&mode=merge`, { headers: { ...auth, "content-type": "text/csv" }, data: `email,name,student_number\n${email},Ada Lovelace,N1\n` });
  expect(roster.status(), await roster.text()).toBe(200);
  const title = `Engines lecture ${randomUUID().slice(0, 4)}`;
  const event = await request.post("/api/events", { headers: auth, data: { title, starts_at: new Date(Date.now() - 5 * 60_000).toISOString(), ends_at: new Date(Date.now() + 2 * 3600_000).toISOString(), late_after_minutes: 10 } });
  expect(event.status(), await event.text()).toBe(201);
  const qr = await request.post("/api/admin/qr-sessions", { headers: auth, data: { event_id: (await event.json()).id } });
  expect(qr.status(), await qr.text()).toBe(201);
  const feed = path.join(E2E_DIR, `sso-code-${randomUUID().slice(0, 6)}.y4m`);
  await writeY4m(feed, await qrPng((await qr.json()).qr_url as string));

  const camera = await cameraBrowser(feed);
  try {
    const ctx = await camera.newContext({ baseURL: E2E_BASE_URL, permissions: ["camera"], viewport: { width: 390, height: 844 } });
    const phone = await ctx.newPage();
    await phone.goto("/login");
    const sso = phone.getByRole("button", { name: "Sign in with College" });
    await expect(sso).toBeEnabled();
    expect(await pageProblems(phone, "login with SSO")).toEqual([]);
    await sso.click();

    // the college's login page (another site), then its consent page
    await expect(phone).toHaveURL(new RegExp(`^${E2E_OIDC_ISSUER}/interaction/`));
    await phone.locator("input[name=login]").fill(login);
    await phone.locator("input[name=password]").fill("the college password");
    await phone.locator("button[type=submit]").click();
    // a first sign-in: the provider asks the student to let Rollcall read their profile
    await expect(phone.locator("input[name=prompt][value=consent]")).toHaveCount(1);
    await phone.locator("button[type=submit]").click();

    await expect(phone).toHaveURL(`${E2E_BASE_URL}/home`);
    const me = await phone.request.get("/api/auth/me");
    expect(await me.json()).toMatchObject({ email, role: "student", full_name: "Ada Lovelace" });

    await phone.goto("/scan");
    const result = await scanWithCamera(phone);
    await expect(result).toHaveAttribute("data-outcome", "marked");
    await expect(result).toContainText(title);
  } finally {
    await camera.close();
  }
});

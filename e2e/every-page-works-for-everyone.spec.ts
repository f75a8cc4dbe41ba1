// Story: every page of Rollcall — public, student and lecturer — works for everyone, on a phone
// and on a laptop: axe finds no serious or critical problem, each page has one <main>, no page
// shows API-internal text ("Invalid body") or a raw ISO timestamp, and keyboard focus is always
// visible.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { adminToken, createApprovedUser, signUpVerified } from "./support/api";
import { loginAs } from "./support/auth";
import { DESKTOP, PHONE, focusIsVisible, pageProblems } from "./support/axe";
import { E2E_ADMIN } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";

interface World {
  eventId: string;
  courseId: string;
  student: { email: string; password: string; fullName: string };
}

async function arrange(request: APIRequestContext): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const auth = { authorization: `Bearer ${await adminToken(request)}` };
  const student = { email: `mary.${tag}@college.test`, password: PASSWORD, fullName: "Mary Somerville" };
  await createApprovedUser(request, student);
  const course = await request.post("/api/courses", { headers: auth, data: { code: `AX${tag.slice(0, 4).toUpperCase()}`, title: "Accessible Design", term_label: "2026 Autumn" } });
  expect(course.status()).toBe(201);
  const courseId = (await course.json()).id as string;
  const now = Date.now();
  const event = await request.post("/api/events", {
    headers: auth,
    data: { title: "Accessibility lecture", location: "Hall A", starts_at: new Date(now - 10 * 60_000).toISOString(), ends_at: new Date(now + 50 * 60_000).toISOString(), course_id: courseId },
  });
  expect(event.status()).toBe(201);
  const eventId = (await event.json()).id as string;
  // one mark, so the roster, the student's history and the audit log have times to show
  const mark = await request.post(`/api/events/${eventId}/attendance`, { headers: auth, data: { email: student.email, reason: "signed the paper list" } });
  expect(mark.status()).toBe(201);
  // someone waiting, so the approvals page has a pending request
  await signUpVerified(request, { email: `wait.${tag}@college.test`, password: PASSWORD, fullName: "Waiting Person" });
  return { eventId, courseId, student };
}

async function walk(browser: Browser, viewport: { width: number; height: number }, world: World): Promise<string[]> {
  const problems: string[] = [];
  const size = `${viewport.width}×${viewport.height}`;
  const visit = async (page: import("@playwright/test").Page, path: string) => {
    const res = await page.goto(path);
    expect(res?.status(), `${path} loads`).toBeLessThan(400);
    problems.push(...(await pageProblems(page, `${path} at ${size}`)));
  };

  const visitor = await browser.newContext({ viewport });
  const anon = await visitor.newPage();
  const anonPaths = ["/", "/login", "/signup", "/pending", "/scan/result?error=qr_expired", "/docs"];
  // signup verification and password recovery, with and without a link's token
  anonPaths.push("/check-inbox", "/verify-email", `/verify-email?token=${"A".repeat(43)}`, "/forgot-password", "/reset-password", `/reset-password?token=${"A".repeat(43)}`);
  for (const path of anonPaths) await visit(anon, path);
  // and their refusals, in words
  await anon.goto(`/verify-email?token=${"A".repeat(43)}`);
  await anon.getByTestId("confirm-email").click();
  await expect(anon.getByTestId("verify-error")).toHaveAttribute("data-code", "token_invalid");
  problems.push(...(await pageProblems(anon, `/verify-email (refused) at ${size}`)));
  await anon.goto(`/reset-password?token=${"A".repeat(43)}`);
  await anon.getByLabel("New password").fill("Brand-New-Pass-42!");
  await anon.getByTestId("reset-submit").click();
  await expect(anon.getByTestId("reset-error")).toHaveAttribute("data-code", "token_invalid");
  problems.push(...(await pageProblems(anon, `/reset-password (refused) at ${size}`)));
  await visitor.close();

  const studentContext = await browser.newContext({ viewport });
  const student = await studentContext.newPage();
  await loginAs(student, world.student.email, world.student.password, { next: "/home" });
  for (const path of ["/home", "/scan", "/join", "/security"]) await visit(student, path);
  await studentContext.close();

  const adminContext = await browser.newContext({ viewport });
  const admin = await adminContext.newPage();
  await loginAs(admin, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  for (const path of [
    "/admin",
    "/admin/dashboard",
    "/admin/approvals",
    "/admin/users",
    "/admin/audit",
    "/admin/suspicious",
    "/admin/events",
    `/admin/events/${world.eventId}`,
    `/admin/events/${world.eventId}/present`,
    "/admin/courses",
    `/admin/courses/${world.courseId}`,
  ]) {
    await visit(admin, path);
  }
  // an opened audit entry shows its details as fields, times in words
  await admin.goto("/admin/audit");
  await admin.getByTestId("audit-row").first().locator("summary").click();
  problems.push(...(await pageProblems(admin, `/admin/audit (entry open) at ${size}`)));
  await adminContext.close();
  return problems;
}

test.describe("every page works for everyone", () => {
  let world: World;
  test.beforeAll(async ({ request }) => {
    world = await arrange(request);
  });

  test("on a 390×844 phone: no serious axe findings, one <main>, no raw text", async ({ browser }) => {
    test.setTimeout(360_000); // every page, twice over; ~50 s alone, ~3× that beside the suites
    expect(await walk(browser, PHONE, world)).toEqual([]);
  });

  test("on a 1280×800 laptop: no serious axe findings, one <main>, no raw text", async ({ browser }) => {
    test.setTimeout(360_000); // every page, twice over; ~50 s alone, ~3× that beside the suites
    expect(await walk(browser, DESKTOP, world)).toEqual([]);
  });

  test("keyboard focus is visible on every stop of the lecturer's start page and the login page", async ({ page }) => {
    for (const [path, stops] of [["/login", 8], ["/admin", 14]] as const) {
      if (path === "/admin") await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
      else await page.goto(path);
      await page.locator("body").focus();
      const invisible: string[] = [];
      for (let i = 0; i < stops; i++) {
        await page.keyboard.press("Tab");
        const focus = await focusIsVisible(page);
        if (!focus.visible) invisible.push(`${path} stop ${i + 1}: ${focus.what}`);
      }
      expect(invisible).toEqual([]);
    }
  });
});

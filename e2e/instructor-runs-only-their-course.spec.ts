// Story (issue 23): an instructor who is not an IT admin runs their own course and nothing else —
// their navigation has no users, audit log or dashboard, another course's report is not there
// for them, the users page says plainly it is not for their role — and adds a student as a
// teaching assistant, who then projects the code and marks a classmate from the live roster but
// has no roster import and is refused one by the API. Every page they meet is axe-clean.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminToken, createApprovedUser } from "./support/api";
import { loginAs } from "./support/auth";
import { pageProblems } from "./support/axe";
import { E2E_BASE_URL } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";

async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const res = await request.post("/api/auth/login", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(200);
  return (await res.json()).access_token as string;
}

const tag = randomUUID().slice(0, 6);
const person = (name: string) => ({ email: `${name.toLowerCase()}.${tag}@college.test`, password: PASSWORD, fullName: `${name} Example` });
const ina = person("Ina");
const tom = person("Tom");
const sam = person("Sam");
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
let course: { id: string; code: string };
let other: { id: string; code: string };
let eventId: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  await createApprovedUser(request, ina, "instructor");
  await createApprovedUser(request, tom);
  await createApprovedUser(request, sam);
  // Ina's course with a class on now and Sam enrolled; a colleague's course she has no part in
  const inaToken = await tokenOf(request, ina.email);
  const mine = await request.post("/api/courses", { headers: auth(inaToken), data: { code: `IN${tag.slice(0, 4).toUpperCase()}`, title: "Ina's Algorithms", term_label: "2026 Autumn" } });
  expect(mine.status()).toBe(201);
  course = await mine.json();
  const theirs = await request.post("/api/courses", { headers: auth(await adminToken(request)), data: { code: `OT${tag.slice(0, 4).toUpperCase()}`, title: "Someone else's course", term_label: "2026 Autumn" } });
  expect(theirs.status()).toBe(201);
  other = await theirs.json();
  const samId = (await (await request.get(`/api/people?q=${encodeURIComponent(sam.email)}`, { headers: auth(inaToken) })).json()).items[0].id as string;
  expect((await request.post(`/api/courses/${course.id}/enrollments`, { headers: auth(inaToken), data: { user_id: samId } })).status()).toBe(201);
  const now = Date.now();
  const session = await request.post("/api/events", {
    headers: auth(inaToken),
    data: { title: "Week 1 lecture", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString(), course_id: course.id },
  });
  expect(session.status()).toBe(201);
  eventId = (await session.json()).id as string;
  await request.dispose();
});

test("an instructor sees only their course, no users page and no other course's report, and adds a teaching assistant", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const problems: string[] = [];
  await loginAs(page, ina.email, ina.password);
  await expect(page).toHaveURL(/\/admin$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Courses" })).toBeVisible();
  for (const hidden of ["Users", "Audit log", "Dashboard"]) await expect(nav.getByRole("link", { name: hidden })).toHaveCount(0);
  await expect(page.getByTestId("today-classes")).toContainText("Week 1 lecture");
  problems.push(...(await pageProblems(page, "instructor start")));

  await nav.getByRole("link", { name: "Courses" }).click();
  await expect(page.getByTestId("my-courses").getByTestId("course-card").filter({ hasText: course.code })).toBeVisible();
  await expect(page.getByTestId("course-card").filter({ hasText: other.code })).toHaveCount(0);

  // another course's report is not there for her; the users page is not for her role
  const report = await page.goto(`/admin/courses/${other.id}/report`);
  expect(report?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expect(page.getByTestId("report-title")).toHaveCount(0);
  const users = await page.goto("/admin/users");
  expect(users?.status()).toBe(403);
  await expect(page.getByTestId("not-allowed")).toContainText("This page is not for your role");
  problems.push(...(await pageProblems(page, "not allowed")));

  // she adds Tom as a teaching assistant from her course page
  await page.goto(`/admin/courses/${course.id}`);
  await expect(page.getByTestId("course-title")).toContainText(course.code);
  await page.getByTestId("staff-search").fill(tom.email);
  await page.getByTestId("staff-results").getByRole("button", { name: `Add as assistant ${tom.fullName}` }).click();
  await expect(page.getByTestId("staff-status")).toContainText(`${tom.fullName} added as a teaching assistant`);
  await expect(page.getByTestId("staff-member").filter({ hasText: tom.email })).toHaveAttribute("data-role", "assistant");
  problems.push(...(await pageProblems(page, "instructor course page")));

  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});

test("her teaching assistant projects the code and marks a classmate, but has no roster import and is refused one", async ({ page: ta }) => {
  const errors: string[] = [];
  ta.on("pageerror", (e) => errors.push(e.message));
  const problems: string[] = [];
  await loginAs(ta, tom.email, tom.password);
  await expect(ta).toHaveURL(/\/home$/);
  await expect(ta.getByTestId("assisting")).toContainText(course.code);
  await ta.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teaching" }).click();
  await ta.getByTestId("course-card").filter({ hasText: course.code }).getByRole("link").first().click();
  await expect(ta.getByTestId("course-title")).toContainText(course.code);
  // reads the roster and report, but no import, join code, staff changes or course details
  await expect(ta.getByRole("heading", { name: "Import a roster" })).toHaveCount(0);
  await expect(ta.getByTestId("enrol-student")).toHaveCount(0);
  await expect(ta.getByTestId("add-staff")).toHaveCount(0);
  await expect(ta.getByTestId("course-form")).toHaveCount(0);
  await expect(ta.getByTestId("open-report")).toBeVisible();
  problems.push(...(await pageProblems(ta, "assistant course page")));
  // the API refuses the import itself (the browser's own session, from this site)
  const refused = await ta.request.post(`/api/courses/${course.id}/enrollments/import?dry_run=true`, {
    headers: { "content-type": "text/csv", origin: E2E_BASE_URL },
    data: "email,name\nx@college.test,X\n",
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");

  // marks Sam from the live roster of the session
  await ta.goto(`/admin/events/${eventId}`);
  await expect(ta.getByTestId("event-title")).toHaveText("Week 1 lecture");
  await expect(ta.getByRole("heading", { name: "Edit" })).toHaveCount(0);
  await expect(ta.getByRole("button", { name: "Delete" })).toHaveCount(0);
  const row = ta.getByTestId("roster-row").filter({ hasText: sam.email });
  await row.getByRole("button", { name: `Mark or excuse ${sam.fullName}` }).click();
  const form = ta.getByTestId("mark-form");
  await form.getByLabel("Mark as").selectOption("present");
  await form.getByLabel("Reason (kept in the audit log)").fill("came in late, phone flat");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(row).toHaveAttribute("data-status", "present");
  // a teaching assistant removes no marks
  await expect(row.getByRole("button", { name: /Unmark/ })).toHaveCount(0);
  problems.push(...(await pageProblems(ta, "assistant live roster")));

  // and projects the code
  await ta.getByTestId("open-projector").click();
  await expect(ta.getByTestId("projector")).toHaveAttribute("data-hydrated", "true");
  await ta.getByTestId("start-checkin").click();
  await expect(ta.getByTestId("projector-qr")).toBeVisible();
  await expect(ta.getByTestId("projector-short-code")).toHaveText(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);

  // the college-wide pages are not for a teaching assistant either
  const audit = await ta.goto("/admin/audit");
  expect(audit?.status()).toBe(403);
  await expect(ta.getByTestId("not-allowed")).toBeVisible();

  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});

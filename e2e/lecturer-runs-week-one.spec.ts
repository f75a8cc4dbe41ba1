// Story (issue 22): a lecturer runs week one of a course the way it really goes. The Moodle
// participants list, re-saved by Excel in Windows-1252, imports with its accents right and the
// preview says how it was read. In the first session, a student who has no account yet is marked
// present by hand on the live roster; she signs up that morning (confirming from the real mail)
// and finds the mark on her home. Check-in is stopped after each of the week's three sessions:
// the student misses the second and third, yet no low-attendance warning comes before the
// course's third held session — then it does (the control that the check ran). The term
// report downloads as .xlsx, headed by the sessions' starts in the college's zone.
//
// Time: the sessions are next week's, and each step runs at its moment in the week. The server
// honours the test clock header (x-test-now, APP_ENV=test), sent with every request of a pinned
// browser context and API call, as e2e/student-signs-up-and-is-approved.spec.ts does. The
// server's minute sweep runs on the real clock, which never reaches next week's sessions: the
// only checks are the ones stopping check-in makes (the course settles sessions at once:
// warn_grace_hours 0), so each "no warning" below is the answer of a check that ran.
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminToken } from "./support/api";
import { confirmFromMail, loginAs, submitSignup } from "./support/auth";
import { DESKTOP, PHONE, pageProblems } from "./support/axe";
import { E2E_ADMIN, E2E_BASE_URL } from "./support/env";
import { waitForMail } from "./support/mail";

const PASSWORD = "Quiet-Harbor-47!";
const FIXTURE = "tests/fixtures/roster/moodle-week-one-windows-1252.csv";
const FIXTURE_DOMAIN = "@week-one.example.edu";
const MINUTE = 60_000;

const tag = randomUUID().slice(0, 6);
const code = `WK${tag.slice(0, 4).toUpperCase()}`;
const term = "2027 Spring";
// the fixture's addresses, made this run's own (every account of the e2e run shares one server)
const domain = `@${tag}.week-one.example.edu`;
const juergen = { email: `juergen.mueller${domain}`, password: PASSWORD, fullName: "Jürgen Müller" };
const WARNING = `Your attendance in ${code} is`;

let courseId: string;
let sessions: { id: string; title: string; starts_at: string; local_date: string }[];
/** a moment in week one: `minutes` after the start of session `n` (0, 1, 2) */
const during = (n: number, minutes: number) => new Date(Date.parse(sessions[n]!.starts_at) + minutes * MINUTE);

/** The Monday at least a week from now, as YYYY-MM-DD (UTC: the e2e server's college zone). */
function nextWeeksMonday(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Pin the server's clock to `when` for every request of the page's context. The page keeps its
 * own clock: what it shows about time comes from the server (the projector learns the server's
 * time from its answers), and Playwright's fixed page clock stalled axe's checks here.
 */
async function pin(page: Page, when: Date): Promise<void> {
  await page.context().setExtraHTTPHeaders({ "x-test-now": when.toISOString() });
}

/** The JSON API at a pinned moment, as `who` (a bearer token signed at that moment). */
async function apiAt(request: APIRequestContext, when: Date, who: { email: string; password: string }) {
  const headers = { "x-test-now": when.toISOString() };
  const login = await request.post("/api/auth/login", { headers, data: { email: who.email, password: who.password } });
  expect(login.status(), await login.text()).toBe(200);
  const auth = { ...headers, authorization: `Bearer ${(await login.json()).access_token as string}` };
  return {
    async get(path: string) {
      const res = await request.get(path, { headers: auth });
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      return res.json();
    },
  };
}

/** What the student was told about low attendance: in the app, and in the outbox (the admin's view). */
async function warningsAt(request: APIRequestContext, when: Date) {
  const student = await apiAt(request, when, juergen);
  const admin = await apiAt(request, when, E2E_ADMIN);
  const notices = (await student.get("/api/notifications?limit=50")).notifications as { type: string; title: string }[];
  const outbox = (await admin.get(`/api/admin/outbox?to=${encodeURIComponent(juergen.email)}`)).messages as { subject: string }[];
  return {
    inApp: notices.filter((n) => n.type === "low_attendance").map((n) => n.title),
    mail: outbox.filter((m) => m.subject.includes(WARNING)).map((m) => m.subject),
  };
}

/** On the projector of session `n`: start check-in (the code shows) or stop it (asked first). */
async function projector(page: Page, n: number, action: "start" | "stop"): Promise<void> {
  await page.goto(`/admin/events/${sessions[n]!.id}/present`);
  const screen = page.getByTestId("projector");
  await expect(screen).toHaveAttribute("data-hydrated", "true");
  if (action === "start") {
    await page.getByTestId("start-checkin").click();
    await expect(page.getByTestId("projector-qr")).toBeVisible();
    await expect(screen).toHaveAttribute("data-state", "open");
  } else {
    await expect(screen).toHaveAttribute("data-state", "open");
    await page.getByTestId("stop-checkin").click();
    await page.getByTestId("confirm-yes").click();
    await expect(screen).toHaveAttribute("data-state", "stopped");
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const auth = { authorization: `Bearer ${await adminToken(request)}` };
  // warnings wait for 3 held sessions (the default); sessions settle when check-in stops (no grace)
  const course = await request.post("/api/courses", { headers: auth, data: { code, title: "Programming I", term_label: term, warn_grace_hours: 0 } });
  expect(course.status(), await course.text()).toBe(201);
  const created = await course.json();
  expect(created).toMatchObject({ threshold_percent: 80, warn_after_sessions: 3, warn_grace_hours: 0 });
  courseId = created.id as string;
  // week one: Monday, Wednesday and Friday at 09:00 in the college's zone
  const monday = nextWeeksMonday();
  const series = await request.post(`/api/courses/${courseId}/sessions`, {
    headers: auth,
    data: { weekdays: ["mon", "wed", "fri"], start_time: "09:00", duration_minutes: 90, first_date: monday, last_date: plusDays(monday, 4), location: "Hörsaal 2" },
  });
  expect(series.status(), await series.text()).toBe(201);
  sessions = (await series.json()).sessions;
  expect(sessions.map((s) => s.local_date)).toEqual([monday, plusDays(monday, 2), plusDays(monday, 4)]);
  await request.dispose();
});

test("the lecturer imports the Windows-1252 Moodle export the Friday before term", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize(DESKTOP);

  // the Friday before term: the participants list as Excel saved it (Windows-1252, ’ and Š included)
  await pin(page, during(0, -3 * 24 * 60 + 5 * 60));
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/courses/${courseId}` });
  const bytes = Buffer.from(fs.readFileSync(FIXTURE).toString("latin1").replaceAll(FIXTURE_DOMAIN, domain), "latin1");
  const importer = page.getByTestId("roster-import");
  await importer.getByTestId("roster-file").setInputFiles({ name: "courseid_42_participants.csv", mimeType: "text/csv", buffer: bytes });
  await importer.getByTestId("import-preview").click();
  const preview = importer.getByTestId("import-preview-result");
  await expect(preview.getByTestId("import-encoding")).toHaveText("Windows-1252");
  await expect(preview.getByTestId("import-read-as")).toContainText("“First name” → first name, “Last name” → last name, “Email address” → email");
  const added = preview.getByTestId("import-added");
  for (const name of ["Jürgen Müller", "Chloé Lefèvre", "Ana Šoštar", "Seán O’Brien"]) await expect(added).toContainText(name);
  await expect(added).not.toContainText("\uFFFD");
  expect(await pageProblems(page, "import preview")).toEqual([]);
  await preview.getByTestId("import-confirm").click();
  await expect(importer.getByTestId("import-applied").getByTestId("import-summary")).toHaveText("4 rows: 4 were added, 0 already enrolled, 0 invalid.");
  await expect(page.getByTestId("roster-list").getByTestId("enrollment")).toHaveCount(4);
  expect(errors).toEqual([]);
});

test("in the first session the lecturer marks a student who has no account yet on the live roster", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize(DESKTOP);
  // Monday 09:05: the first session; the lecturer projects the code
  await pin(page, during(0, 5));
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  await projector(page, 0, "start");

  // Jürgen is in the room but has no account yet: marked present by hand, with a reason
  await page.goto(`/admin/events/${sessions[0]!.id}`);
  const live = page.getByTestId("live-roster");
  await expect(live).toHaveAttribute("data-hydrated", "true");
  await expect(live.getByTestId("no-account-count")).toHaveText("no account yet: 4");
  const row = live.locator(`[data-testid="roster-row"][data-email="${juergen.email}"]`);
  await expect(row).toHaveAttribute("data-status", "not_marked");
  await expect(row.getByTestId("no-account")).toHaveText("no account yet");
  await row.getByRole("button", { name: `Mark or excuse ${juergen.fullName}` }).click();
  const form = live.getByTestId("mark-form");
  await form.getByLabel("Mark as", { exact: true }).selectOption("present");
  await form.getByLabel(/Reason/).fill("in the room; signs up today");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(row).toHaveAttribute("data-status", "present");
  await expect(row.getByTestId("roster-method")).toContainText("manual");
  await expect(live.getByTestId("count-present").locator("dd")).toHaveText("1");
  expect(errors).toEqual([]);
});

test("the student signs up that morning, confirms from the mail and finds the mark on her home", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize(PHONE);
  await pin(page, during(0, 20));
  const since = await submitSignup(page, juergen);
  await confirmFromMail(page, juergen.email, since);
  // on the roster: straight home, no waiting for a decision
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { name: "Hi Jürgen" })).toBeVisible();
  const history = page.getByTestId("attendance-history");
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText(sessions[0]!.title);
  await expect(history).toContainText("present (manual)");
  expect(await pageProblems(page, "student home")).toEqual([]);
  expect(errors).toEqual([]);
});

/** The student's home and bell at `when`: the course's rate, and what the bell lists (once loaded). */
async function studentSees(student: Page, when: Date) {
  await pin(student, when);
  const loaded = student.waitForResponse((r) => new URL(r.url()).pathname === "/api/notifications" && r.ok());
  await student.goto("/home");
  await loaded;
  await student.getByTestId("notification-bell").click();
  const panel = student.getByTestId("notification-panel");
  await expect(panel).toBeVisible();
  return { rate: student.locator(`[data-testid="my-course"][data-course="${code}"]`).getByTestId("my-course-rate"), panel };
}

test("check-in stops after Monday's and Wednesday's sessions: below the threshold, but no warning before the third held session", async ({ page, browser, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize(DESKTOP);

  // Monday 10:20: check-in stops; Jürgen was present (100 %)
  await pin(page, during(0, 80));
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  await projector(page, 0, "stop");
  expect(await warningsAt(request, during(0, 81))).toEqual({ inApp: [], mail: [] });

  // Wednesday: he misses it. 1 of 2 = 50 %, below the 80 % threshold — but only two sessions held
  await pin(page, during(1, 5));
  await projector(page, 1, "start");
  await pin(page, during(1, 80));
  await projector(page, 1, "stop");
  expect(await warningsAt(request, during(1, 81))).toEqual({ inApp: [], mail: [] });
  const report = await (await apiAt(request, during(1, 81), E2E_ADMIN)).get(`/api/courses/${courseId}/report`);
  const mine = (report.students as { email: string; rate: number }[]).find((s) => s.email === juergen.email);
  expect(mine?.rate).toBe(0.5);
  expect((report.below_threshold as { email: string }[]).map((s) => s.email)).toContain(juergen.email);

  // what he sees on his phone that evening: 50 %, and no warning
  const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
  phone.on("pageerror", (e) => errors.push(e.message));
  await pin(phone, during(1, 85));
  await loginAs(phone, juergen.email, juergen.password, { next: "/home" });
  const wednesday = await studentSees(phone, during(1, 85));
  await expect(wednesday.rate).toHaveText("50%");
  await expect(wednesday.panel).not.toContainText(WARNING);
  expect(await pageProblems(phone, "student home with notifications")).toEqual([]);
  await phone.context().close();
  expect(errors).toEqual([]);
});

test("after Friday's session, the course's third held, the student is warned once, in the app and by mail", async ({ page, browser, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewportSize(DESKTOP);
  // Friday: he misses it too. 1 of 3 = 33 % over three held sessions: now he is warned, once
  await pin(page, during(2, 5));
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  await projector(page, 2, "start");
  await pin(page, during(2, 80));
  await projector(page, 2, "stop");
  const told = `${WARNING} 33 %`;
  expect(await warningsAt(request, during(2, 81))).toEqual({ inApp: [told], mail: [`Rollcall: ${told}`] });
  await waitForMail({ to: juergen.email, subject: told });

  const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
  phone.on("pageerror", (e) => errors.push(e.message));
  await pin(phone, during(2, 85));
  await loginAs(phone, juergen.email, juergen.password, { next: "/home" });
  const friday = await studentSees(phone, during(2, 85));
  await expect(friday.rate).toHaveText("33%");
  await expect(friday.panel.getByTestId("notification-item").filter({ hasText: WARNING })).toHaveCount(1);
  await expect(friday.panel).toContainText(told);
  await phone.context().close();
  expect(errors).toEqual([]);
});

test("the term report downloads as .xlsx with college-zone session headers and the student's row", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await pin(page, during(2, 120)); // Friday 11:00, after the week's last session
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/courses/${courseId}` });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("report-xlsx").click()]);
  expect(download.suggestedFilename()).toBe(`${code}-2027_Spring-attendance.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["Summary", code]);

  const sheet = wb.getWorksheet(code)!;
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1);
  // each held session headed by its start in the college's zone (UTC on the e2e server): the series' local dates at 09:00
  const sessionHeaders = sessions.map((s) => `${s.local_date} 09:00`);
  expect(values(1)).toEqual(["Name", "Email", "Student number", ...sessionHeaders, "Present", "Late", "Excused", "Absent", "Attended", "Held", "Rate %"]);
  // sorted by family name: Lefèvre, Müller, O’Brien, Šoštar
  expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(1).value)).toEqual(["Chloé Lefèvre", "Jürgen Müller", "Seán O’Brien", "Ana Šoštar"]);
  const row = values(3);
  expect(row.slice(0, 2)).toEqual([juergen.fullName, juergen.email]);
  expect(row.slice(3)).toEqual(["P", "A", "A", 1, 0, 0, 2, 1, 3, 0.3333]);
  expect(values(2).slice(3)).toEqual(["A", "A", "A", 0, 0, 0, 3, 0, 3, 0]);

  const summary = wb.getWorksheet("Summary")!;
  const course = (summary.getRow(2).values as unknown[]).slice(1);
  // course, title, term, threshold, students, no account yet, sessions held, average rate, below threshold
  expect(course.slice(0, 7)).toEqual([code, "Programming I", term, 80, 4, 3, 3]);
  expect(course[7]).toBeCloseTo(0.3333 / 4, 6);
  expect(course[8]).toBe(4);
});

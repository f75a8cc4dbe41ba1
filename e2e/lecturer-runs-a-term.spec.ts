// Story: a lecturer runs a term. They import the course's roster through the course page (the
// preview lists an invalid row), a student on it signs up and lands straight on her home; the
// lecturer adds a weekly series and projects today's session; the student scans it with her
// phone's camera and the live roster on the event page shows her present without a reload; when
// check-in stops, the other enrolled students turn absent there; the report CSV downloads with
// the right counts, and the course page lists who is below the threshold.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { adminToken } from "./support/api";
import { pageProblems } from "./support/axe";
import { confirmFromMail, loginAs, submitSignup } from "./support/auth";
import { cameraBrowser, scanWithCamera, writeY4m } from "./support/camera";
import { E2E_ADMIN, E2E_BASE_URL, E2E_DIR } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";

test("a lecturer imports a roster, projects a session, watches the live roster and downloads the term report", async ({ browser, request }) => {
  const tag = randomUUID().slice(0, 6);
  const code = `TERM${tag.slice(0, 4).toUpperCase()}`;
  const token = await adminToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const created = await request.post("/api/courses", { headers: auth, data: { code, title: "Databases", term_label: "2026 Autumn", threshold_percent: 75 } });
  expect(created.status()).toBe(201);
  const courseId = (await created.json()).id as string;

  const ada = { email: `ada.${tag}@college.test`, name: "Ada Lovelace" };
  const grace = { email: `grace.${tag}@college.test`, name: "Grace Hopper" };
  const alan = { email: `alan.${tag}@college.test`, name: "Alan Turing" };
  const file = path.join(E2E_DIR, `term-roster-${tag}.csv`);
  fs.mkdirSync(E2E_DIR, { recursive: true });
  fs.writeFileSync(file, ["email,full_name,student_number", `${ada.email},${ada.name},S1`, `${grace.email},"Hopper, Grace",S2`, "not-an-email,Nobody,S3", `${alan.email},${alan.name},S4`, ""].join("\n"));

  const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const admin = await adminCtx.newPage();
  const errors: string[] = [];
  admin.on("pageerror", (e) => errors.push(e.message));

  // 1. the roster CSV through the course page: the preview shows the invalid row, then confirm
  await loginAs(admin, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/courses/${courseId}` });
  const importer = admin.getByTestId("roster-import");
  await importer.getByTestId("roster-file").setInputFiles(file);
  await importer.getByTestId("import-preview").click();
  const preview = importer.getByTestId("import-preview-result");
  await expect(preview.getByTestId("import-summary")).toHaveText("4 rows: 3 would be added, 0 already enrolled, 1 invalid.");
  await expect(preview.locator('[data-testid="import-invalid-row"][data-line="4"]')).toContainText("Line 4: invalid email");
  await importer.getByTestId("import-confirm").click();
  await expect(importer.getByTestId("import-applied").getByTestId("import-summary")).toHaveText("4 rows: 3 were added, 0 already enrolled, 1 invalid.");
  await expect(admin.getByRole("heading", { name: "Roster (3)" })).toBeVisible();

  // a weekly series for next year through the course page (not held yet, so it counts nowhere)
  const year = new Date().getUTCFullYear() + 1;
  const series = admin.getByTestId("session-series-form");
  await expect(series).toHaveAttribute("data-hydrated", "true");
  await series.getByLabel("Mon").check();
  await series.getByLabel("First date").fill(`${year}-01-01`);
  await series.getByLabel("Last date").fill(`${year}-01-31`);
  await series.getByLabel("Location").fill("LT2");
  await series.getByRole("button", { name: "Create sessions" }).click();
  await expect(series.getByTestId("session-series-result")).toContainText(/^\d sessions created \(times in UTC\)\.$/);
  const futureSessions = Number((await series.getByTestId("session-series-result").textContent())!.slice(0, 1));
  expect(futureSessions).toBeGreaterThanOrEqual(4);
  await expect(admin.getByTestId("course-session")).toHaveCount(futureSessions);

  // 2. Ada is on the roster: she signs up, confirms from the mail and lands on her home, never on /pending
  const signupCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const signup = await signupCtx.newPage();
  const visited: string[] = [];
  signup.on("framenavigated", (f) => visited.push(new URL(f.url()).pathname));
  const since = await submitSignup(signup, { fullName: ada.name, email: ada.email, password: PASSWORD });
  await confirmFromMail(signup, ada.email, since);
  await expect(signup).toHaveURL(/\/home$/);
  await expect(signup.getByRole("heading", { name: "Hi Ada" })).toBeVisible();
  expect(visited).not.toContain("/pending");
  await signupCtx.close();

  // 3. today's session of the course; the lecturer watches its live roster and projects it
  const now = Date.now();
  const session = await request.post("/api/events", {
    headers: auth,
    data: { title: `${code} lecture ${tag}`, location: "LT1", starts_at: new Date(now - 5 * 60_000).toISOString(), ends_at: new Date(now + 60 * 60_000).toISOString(), course_id: courseId },
  });
  expect(session.status()).toBe(201);
  const eventId = (await session.json()).id as string;

  const roster = await adminCtx.newPage();
  roster.on("pageerror", (e) => errors.push(e.message));
  await roster.goto(`/admin/events/${eventId}`);
  const live = roster.getByTestId("live-roster");
  await expect(live).toHaveAttribute("data-hydrated", "true");
  const count = (status: string) => live.getByTestId(`count-${status}`).locator("dd");
  await expect(count("not_marked")).toHaveText("3");
  await roster.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await admin.goto(`/admin/events/${eventId}/present`);
  await expect(admin.getByTestId("projector")).toHaveAttribute("data-hydrated", "true");
  await admin.getByTestId("start-checkin").click();
  const qr = admin.getByTestId("projector-qr");
  await expect(qr).toBeVisible();

  // 4. Ada scans it with her phone's camera (a fake capture device playing the projected code)
  const feed = path.join(E2E_DIR, `term-code-${tag}.y4m`);
  await writeY4m(feed, await qr.screenshot());
  const camera = await cameraBrowser(feed);
  try {
    const phoneCtx = await camera.newContext({ baseURL: E2E_BASE_URL, permissions: ["camera"], viewport: { width: 390, height: 844 } });
    const phone = await phoneCtx.newPage();
    await loginAs(phone, ada.email, PASSWORD, { next: "/scan" });
    const result = await scanWithCamera(phone);
    await expect(result).toHaveAttribute("data-outcome", "marked");
    await expect(result).toContainText("Marked present");
  } finally {
    await camera.close();
  }

  // 5. the live roster shows her present, by QR scan, without a reload
  const adaRow = live.locator(`[data-testid="roster-row"][data-email="${ada.email}"]`);
  await expect(adaRow).toHaveAttribute("data-status", "present", { timeout: 5_000 });
  await expect(adaRow.getByTestId("roster-method")).toHaveText("QR scan");
  await expect(count("present")).toHaveText("1");
  await expect(count("not_marked")).toHaveText("2");

  // 6. check-in stops on the projector: the others turn absent on the live roster
  await admin.getByTestId("stop-checkin").click();
  await admin.getByTestId("confirm-yes").click();
  await expect(live).toHaveAttribute("data-closed", "true", { timeout: 5_000 });
  for (const s of [grace, alan]) await expect(live.locator(`[data-testid="roster-row"][data-email="${s.email}"]`)).toHaveAttribute("data-status", "absent");
  await expect(count("absent")).toHaveText("2");
  await expect(adaRow).toHaveAttribute("data-status", "present");
  // search the enrolled list and filter by status
  await live.getByTestId("live-roster-filter").selectOption("absent");
  await expect(live.getByTestId("roster-enrolled").getByTestId("roster-row")).toHaveCount(2);
  await live.getByTestId("live-roster-search").fill("S4");
  await expect(live.getByTestId("roster-enrolled").getByTestId("roster-row")).toHaveCount(1);
  await expect(live.getByTestId("roster-enrolled").getByTestId("roster-row")).toHaveAttribute("data-email", alan.email);
  expect(await roster.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(await pageProblems(roster, "live roster")).toEqual([]);

  // 7. the course page lists who is below the threshold; the report CSV has the right counts
  await admin.goto(`/admin/courses/${courseId}`);
  await expect(admin.getByTestId("low-attendance-row")).toHaveCount(2);
  await expect(admin.getByTestId("sessions-chart-summary")).toContainText("1 session held");
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("report-csv").first().click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  // headers in words, as in the workbook (docs/courses.md#exports-for-spreadsheets): one column per
  // held session (the series next year is not held, so only today's), then the totals
  const [header] = parse(csv.replace(/^\uFEFF/, ""), { to_line: 1 }) as string[][];
  expect(header).toHaveLength(3 + 1 + 7);
  expect(header!.slice(0, 3)).toEqual(["Name", "Email", "Student number"]);
  expect(header![3]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(header!.slice(4)).toEqual(["Present", "Late", "Excused", "Absent", "Attended", "Held", "Rate %"]);
  const rows: Record<string, string>[] = parse(csv.replace(/^\uFEFF/, ""), { columns: true });
  const byEmail = new Map(rows.map((r) => [r.Email, r]));
  expect(rows).toHaveLength(3);
  expect(byEmail.get(ada.email)).toMatchObject({ Name: ada.name, "Student number": "S1", [header![3]!]: "P", Present: "1", Late: "0", Excused: "0", Absent: "0", Held: "1", "Rate %": "100" });
  expect(byEmail.get(grace.email)).toMatchObject({ Name: "Hopper, Grace", [header![3]!]: "A", Present: "0", Absent: "1", Held: "1", "Rate %": "0" });
  expect(byEmail.get(alan.email)).toMatchObject({ [header![3]!]: "A", Present: "0", Absent: "1", Held: "1", "Rate %": "0" });
  // on the live roster, Ada (found by searching) has her mark removed with a reason, a trace stays;
  // then she is excused from the list
  await live.getByTestId("live-roster-filter").selectOption("");
  await live.getByTestId("live-roster-search").fill("lovelace");
  await expect(live.getByTestId("roster-enrolled").getByTestId("roster-row")).toHaveCount(1);
  await adaRow.getByRole("button", { name: "Unmark Ada Lovelace" }).click();
  await live.getByTestId("mark-form").getByLabel(/Why remove/).fill("scanned from the corridor");
  await live.getByTestId("mark-form").getByRole("button", { name: "Remove mark" }).click();
  await expect(adaRow).toHaveAttribute("data-status", "absent");
  await expect(live.getByTestId("roster-removed")).toContainText("Ada Lovelace");
  await expect(live.getByTestId("roster-removed")).toContainText("scanned from the corridor");
  await adaRow.getByRole("button", { name: "Mark or excuse Ada Lovelace" }).click();
  const markForm = live.getByTestId("mark-form");
  await markForm.getByLabel("Mark as", { exact: true }).selectOption("excused");
  await markForm.getByLabel(/Reason/).fill("medical note");
  await markForm.getByRole("button", { name: "Save" }).click();
  await expect(adaRow).toHaveAttribute("data-status", "excused");
  await expect(adaRow.getByTestId("roster-method")).toContainText("manual");
  await expect(count("excused")).toHaveText("1");

  expect(await pageProblems(admin, "course page")).toEqual([]);
  await admin.getByTestId("open-report").click();
  await expect(admin.locator(`[data-testid="report-row"][data-email="${grace.email}"] [data-testid="report-rate"]`)).toHaveText("0% (below the threshold)");
  await expect(admin.locator(`[data-testid="report-row"][data-email="${ada.email}"] [data-testid="report-rate"]`)).toHaveText("100%");
  expect(await pageProblems(admin, "report page")).toEqual([]);
  await adminCtx.close();

  // Ada's home shows the course (excused counts as attended), her trend and the removed mark
  const homeCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const home = await homeCtx.newPage();
  await loginAs(home, ada.email, PASSWORD, { next: "/home" });
  const course = home.locator(`[data-testid="my-course"][data-course="${code}"]`);
  await expect(course.getByTestId("my-course-rate")).toHaveText("100%");
  await expect(course.locator("figure")).toBeVisible();
  await expect(home.getByTestId("attendance-removed")).toContainText("scanned from the corridor");
  expect(await pageProblems(home, "student home")).toEqual([]);
  await homeCtx.close();
  expect(errors).toEqual([]);
});

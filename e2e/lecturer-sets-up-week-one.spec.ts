// Story: a lecturer sets up a course the week before term, with what they already have. The
// Moodle participants list re-saved by Excel (Windows-1252) imports with its accents right, and
// the preview says how it was read; "muller" finds Müller. The weekly series is created once:
// the form clears, and sending the same series again is refused with the dates already taken
// and an offer to skip them. Every session is titled with its date and has Project; its page
// says when it is; the events list opens on today and upcoming, filters by course and keeps
// the past apart. Deleting the course says how many sessions, marks and students it has, and
// takes its sessions with it. Every page is axe-clean on a phone and on a desktop.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { adminToken } from "./support/api";
import { loginAs } from "./support/auth";
import { DESKTOP, PHONE, pageProblems } from "./support/axe";
import { E2E_ADMIN } from "./support/env";
import { resizeAndSettle } from "./support/layout";

async function createCourse(request: APIRequestContext, code: string): Promise<string> {
  const res = await request.post("/api/courses", { headers: { authorization: `Bearer ${await adminToken(request)}` }, data: { code, title: "Programming II", term_label: "2027 Spring" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

/** The Monday `weeks` weeks from now, as YYYY-MM-DD (UTC: the e2e server's college zone). */
function mondayIn(weeks: number): string {
  const d = new Date(Date.now() + weeks * 7 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function noProblemsAtBothSizes(page: Page, label: string) {
  const problems: string[] = [];
  for (const size of [PHONE, DESKTOP]) {
    await resizeAndSettle(page, size);
    problems.push(...(await pageProblems(page, `${label} at ${size.width}`)));
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (wide > 0) {
      const culprits = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 4)
          .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""} ${Math.round(el.getBoundingClientRect().right)}px "${(el.textContent ?? "").slice(0, 30)}"`),
      );
      problems.push(`${label} at ${size.width}: scrolls sideways by ${wide} px (${culprits.join("; ")})`);
    }
  }
  await resizeAndSettle(page, DESKTOP);
  expect(problems).toEqual([]);
}

async function fillSeries(page: Page, first: string, last: string) {
  const form = page.getByTestId("session-series-form");
  await expect(form).toHaveAttribute("data-hydrated", "true");
  await form.getByLabel("Mon", { exact: true }).check();
  await form.getByLabel("Wed", { exact: true }).check();
  await form.getByLabel("First date").fill(first);
  await form.getByLabel("Last date").fill(last);
  await form.getByLabel("Location").fill("Hörsaal 1");
}

test("a lecturer imports a Windows-1252 Moodle list, creates the weekly series once, finds its sessions, and deletes the course with them", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const code = `INF${randomUUID().slice(0, 4).toUpperCase()}`;
  const courseId = await createCourse(request, code);
  await page.setViewportSize(DESKTOP);
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/courses/${courseId}` });

  // the Moodle export as Excel saves it: Windows-1252, read as such, accents right
  const importer = page.getByTestId("roster-import");
  await importer.getByTestId("roster-file").setInputFiles("docs/roster-samples/moodle-participants-windows-1252.csv");
  await importer.getByTestId("import-preview").click();
  const preview = importer.getByTestId("import-preview-result");
  await expect(preview.getByTestId("import-encoding")).toHaveText("Windows-1252");
  await expect(preview.getByTestId("import-read-as")).toContainText("“First name” → first name, “Last name” → last name, “Email address” → email");
  await expect(preview.getByTestId("import-added")).toContainText("Jürgen Müller");
  await expect(preview.getByTestId("import-added")).toContainText("Zoë Ærøskøbing");
  await expect(preview.getByTestId("import-added")).toContainText("François Dubœuf");
  await preview.getByTestId("import-confirm").click();
  await expect(importer.getByTestId("import-applied").getByTestId("import-summary")).toHaveText("4 rows: 4 were added, 0 already enrolled, 0 invalid.");
  const roster = page.getByTestId("roster-list");
  await expect(roster.getByTestId("enrollment")).toHaveCount(4);
  await page.getByTestId("roster-search").fill("muller");
  await expect(roster.getByTestId("enrollment")).toHaveCount(1);
  await expect(roster.getByTestId("enrollment")).toContainText("Jürgen Müller");
  await page.getByTestId("roster-search").fill("");

  // the weekly series, once: the form clears after success
  const first = mondayIn(8);
  const last = plusDays(first, 14); // Mon, Wed, Mon, Wed, Mon
  await fillSeries(page, first, last);
  const form = page.getByTestId("session-series-form");
  await form.getByRole("button", { name: "Create sessions" }).click();
  await expect(page.getByTestId("session-series-result")).toHaveText("5 sessions created (times in UTC).");
  await expect(form.getByLabel("Mon", { exact: true })).not.toBeChecked();
  await expect(form.getByLabel("First date")).toHaveValue("");
  const sessions = page.getByTestId("course-session");
  await expect(sessions).toHaveCount(5);
  const firstTitle = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" }).format(new Date(`${first}T12:00:00Z`)).replace(",", "");
  await expect(sessions.first()).toContainText(`${code} · ${firstTitle}`);
  await expect(sessions.first().getByTestId("course-session-project")).toHaveAttribute("href", /\/admin\/events\/[0-9A-Za-z]{12}\/present$/);
  expect(await page.getByTestId("course-session-project").count()).toBe(5);

  // the same series again: refused with the dates taken; skipping them creates nothing new
  await fillSeries(page, first, plusDays(last, 2)); // one more Wednesday
  await form.getByRole("button", { name: "Create sessions" }).click();
  const overlap = page.getByTestId("session-series-overlap");
  await expect(overlap.getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("session-series-error")).toContainText("already has a session at that time");
  await noProblemsAtBothSizes(page, "course page with an overlap offer");
  await overlap.getByTestId("session-series-skip").click();
  await expect(page.getByTestId("session-series-result")).toHaveText("1 session created (times in UTC); 5 dates already had a session and were left out.");
  await expect(sessions).toHaveCount(6);
  await noProblemsAtBothSizes(page, "course page");

  // a session's page says when it is
  await sessions.first().getByRole("link", { name: `${code} · ${firstTitle}`, exact: true }).click(); // not "Project …"
  await expect(page.getByTestId("event-title")).toHaveText(`${code} · ${firstTitle}`);
  await expect(page.getByTestId("event-when")).toContainText(`${firstTitle}`);
  await expect(page.getByTestId("event-when")).toContainText("09:00–10:30 UTC");
  await expect(page.getByTestId("event-when")).toContainText("Hörsaal 1");
  await noProblemsAtBothSizes(page, "session page");

  // the events list: today and upcoming by default, a course filter, the past apart
  await page.goto("/admin/events");
  await expect(page.getByTestId("events-tab-upcoming")).toHaveAttribute("aria-current", "page");
  await page.getByTestId("events-course-filter").getByLabel("Course").selectOption(courseId);
  await page.getByTestId("events-course-filter").getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]course=${courseId}`));
  const rows = page.getByTestId("events-row");
  await expect(rows).toHaveCount(6);
  await expect(rows.first()).toContainText(`${code} · ${firstTitle}`); // soonest first
  await noProblemsAtBothSizes(page, "events, upcoming, one course");
  await page.getByTestId("events-tab-past").click();
  await expect(page).toHaveURL(/show=past/);
  await expect(page.getByTestId("events-table")).toContainText("No past events.");
  await noProblemsAtBothSizes(page, "events, past");

  // deleting the course: the dialog says what it holds; its sessions go with it
  await page.goto(`/admin/courses/${courseId}`);
  const eventId = (await page.getByTestId("course-session-project").first().getAttribute("href"))!.split("/")[3]!;
  await page.getByTestId("course-delete").click();
  const dialog = page.getByTestId("course-delete-dialog");
  await expect(dialog.getByTestId("course-delete-counts")).toContainText(`${code} has 6 sessions with 0 attendance marks, and 4 enrolled students.`);
  await expect(dialog.getByTestId("course-delete-sessions")).toBeChecked();
  await noProblemsAtBothSizes(page, "delete course dialog");
  await dialog.getByRole("button", { name: `Delete ${code} and its 6 sessions` }).click();
  await expect(page).toHaveURL(/\/admin\/courses$/);
  const gone = await request.get(`/api/events/${eventId}`, { headers: { authorization: `Bearer ${await adminToken(request)}` } });
  expect(gone.status()).toBe(404);
  expect(errors).toEqual([]);
});

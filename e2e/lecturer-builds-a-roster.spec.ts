// Story: a lecturer fills a course's roster. A CSV upload is previewed first (its invalid and
// duplicate rows listed with their line numbers, nothing written), then confirmed; importing the
// same file again would change nothing. They find a student by student number, enrol one more
// by searching an account's name and one without an account by email, and drop one. They switch
// on the join code: a student opens the link and enrols themselves; after a new code is drawn,
// the old one is refused in plain words. A student on the roster signs up and lands on their
// home at once, never on the waiting page.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { adminToken, createApprovedUser } from "./support/api";
import { confirmFromMail, loginAs, submitSignup } from "./support/auth";
import { holdPageScripts } from "./support/slow-scripts";
import { E2E_ADMIN, E2E_DIR } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";

async function createCourse(request: APIRequestContext, code: string): Promise<string> {
  const res = await request.post("/api/courses", { headers: { authorization: `Bearer ${await adminToken(request)}` }, data: { code, title: "Operating Systems", term_label: "2026 Autumn" } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}

test("a lecturer imports a roster with a preview, enrols and drops students, and runs the join code", async ({ page, browser, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = randomUUID().slice(0, 6);
  const courseId = await createCourse(request, `OS${tag.slice(0, 4).toUpperCase()}`);
  const csv = [
    "Student Number;E-Mail;Full Name",
    `S1;ada.${tag}@college.test;Ada Lovelace`,
    `S2;grace.${tag}@college.test;"Hopper; Grace"`,
    `S3;not-an-email;Nobody`,
    `S4;alan.${tag}@college.test;Alan Turing`,
    `S5;ADA.${tag}@college.test;Ada Again`,
    "",
  ].join("\n");
  const file = path.join(E2E_DIR, `roster-${tag}.csv`);
  fs.mkdirSync(E2E_DIR, { recursive: true });
  fs.writeFileSync(file, `\uFEFF${csv}`);

  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/courses/${courseId}` });
  const importer = page.getByTestId("roster-import");
  await importer.getByTestId("roster-file").setInputFiles(file);
  await importer.getByTestId("import-preview").click();
  const preview = importer.getByTestId("import-preview-result");
  await expect(preview.getByTestId("import-summary")).toHaveText("5 rows: 3 would be added, 0 already enrolled, 2 invalid.");
  await expect(preview.locator('[data-testid="import-invalid-row"][data-line="4"]')).toContainText("Line 4: invalid email");
  await expect(preview.locator('[data-testid="import-invalid-row"][data-line="6"]')).toContainText("duplicate of line 2");
  await expect(preview.getByTestId("import-added")).toContainText("Hopper; Grace");
  // nothing is written by the preview
  await page.reload();
  await expect(page.getByTestId("roster-list").getByTestId("enrollment")).toHaveCount(0);

  await importer.getByTestId("roster-file").setInputFiles(file);
  await importer.getByTestId("import-preview").click();
  await importer.getByTestId("import-confirm").click();
  await expect(importer.getByTestId("import-applied").getByTestId("import-summary")).toHaveText("5 rows: 3 were added, 0 already enrolled, 2 invalid.");
  const roster = page.getByTestId("roster-list");
  await expect(roster.getByTestId("enrollment")).toHaveCount(3);
  await expect(page.getByRole("heading", { name: "Roster (3)" })).toBeVisible();

  // the same file again: a preview that changes nothing
  await importer.getByTestId("roster-file").setInputFiles(file);
  await importer.getByTestId("import-preview").click();
  await expect(importer.getByTestId("import-preview-result").getByTestId("import-summary")).toHaveText("5 rows: 0 would be added, 3 already enrolled, 2 invalid.");

  // search the roster by student number
  await page.getByTestId("roster-search").fill("S4");
  await expect(roster.getByTestId("enrollment")).toHaveCount(1);
  await expect(roster.getByTestId("enrollment")).toContainText("Alan Turing");
  await page.getByTestId("roster-search").fill("");

  // enrol an existing student account by searching their name
  const katherine = { email: `katherine.${tag}@college.test`, password: PASSWORD, fullName: `Katherine Johnson ${tag}` };
  await createApprovedUser(request, katherine);
  await page.getByTestId("enrol-search").fill(`Johnson ${tag}`);
  await page.getByTestId("enrol-results").getByRole("button", { name: `Enrol ${katherine.fullName}` }).click();
  await expect(page.getByTestId("roster-status")).toHaveText(`${katherine.fullName} enrolled.`);
  await expect(roster.locator(`[data-email="${katherine.email}"]`)).toContainText("signed up · enrolled by hand");

  // and someone without an account, by email
  const enrol = page.getByTestId("enrol-student");
  await enrol.getByText("Someone without an account yet").click();
  await enrol.getByLabel("Email", { exact: true }).fill(`edsger.${tag}@college.test`);
  await enrol.getByLabel("Full name").fill("Edsger Dijkstra");
  await enrol.getByRole("button", { name: "Enrol by email" }).click();
  await expect(roster.locator(`[data-email="edsger.${tag}@college.test"]`)).toContainText("no account yet");
  await expect(roster.getByTestId("enrollment")).toHaveCount(5);

  // drop one, after saying yes to the question
  page.once("dialog", (d) => void d.accept());
  await roster.locator(`[data-email="alan.${tag}@college.test"]`).getByRole("button", { name: "Drop Alan Turing" }).click();
  await expect(page.getByTestId("roster-status")).toHaveText("Alan Turing dropped.");
  await expect(roster.getByTestId("enrollment")).toHaveCount(4);

  // the join code: on, a student joins through the link; a new code makes the old one fail
  const panel = page.getByTestId("join-code-panel");
  await expect(panel.getByTestId("join-code-off")).toBeVisible();
  await panel.getByTestId("join-code-rotate").click();
  await expect(panel.getByTestId("join-code")).toHaveText(/^[A-Z0-9]{8}$/);
  const code = (await panel.getByTestId("join-code").textContent())!;
  const link = (await panel.getByTestId("join-link").textContent())!;
  expect(link).toMatch(new RegExp(`/join\\?code=${code}$`));

  const margaret = { email: `margaret.${tag}@college.test`, password: PASSWORD, fullName: "Margaret Hamilton" };
  await createApprovedUser(request, margaret);
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await phoneCtx.newPage();
  await phone.goto(new URL(link).pathname + new URL(link).search);
  // signed out: sign up with the code, or log in and join
  await expect(phone.getByTestId("join-signup")).toHaveAttribute("href", `/signup?code=${code}`);
  await phone.getByRole("link", { name: "I have an account: log in" }).click();
  await expect(phone).toHaveURL(/\/login\?next=/);
  await phone.getByLabel("Email").fill(margaret.email);
  await phone.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await phone.getByTestId("login-submit").click();
  await expect(phone).toHaveURL(/\/join\?code=/);
  await expect(phone.getByTestId("join-form")).toHaveAttribute("data-hydrated", "true");
  await phone.getByRole("button", { name: "Join course" }).click();
  await expect(phone.getByTestId("join-result")).toContainText("You are enrolled in OS");
  await page.reload();
  await expect(page.getByTestId("roster-list").locator(`[data-email="${margaret.email}"]`)).toContainText("joined with the code");

  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("join-code-panel").getByTestId("join-code-rotate").click();
  await expect(page.getByTestId("join-code-panel").getByTestId("join-code")).not.toHaveText(code);
  await phone.goto(`/join?code=${code}`);
  await expect(phone.getByTestId("join-form")).toHaveAttribute("data-hydrated", "true");
  await phone.getByRole("button", { name: "Join course" }).click();
  await expect(phone.getByTestId("join-error")).toContainText("join code does not work");

  await page.getByTestId("join-code-panel").getByTestId("join-code-disable").click();
  await expect(page.getByTestId("join-code-panel").getByTestId("join-code-off")).toBeVisible();
  await phoneCtx.close();

  // Ada is on the roster: once she confirms her address from the mail she is approved at once
  // and lands on her home
  const adaCtx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const ada = await adaCtx.newPage();
  const visited: string[] = [];
  ada.on("framenavigated", (f) => visited.push(new URL(f.url()).pathname));
  const since = await submitSignup(ada, { fullName: "Ada Lovelace", email: `ADA.${tag}@college.test`, password: PASSWORD });
  await confirmFromMail(ada, `ada.${tag}@college.test`, since);
  await expect(ada).toHaveURL(/\/home$/);
  await expect(ada.getByRole("heading", { name: "Hi Ada" })).toBeVisible();
  expect(visited).not.toContain("/pending");
  await page.reload();
  await expect(page.getByTestId("roster-list").locator(`[data-email="ada.${tag}@college.test"]`)).toContainText("signed up · imported");
  await adaCtx.close();
  expect(errors).toEqual([]);
});

test("a roster file picked before the page's script has run is still previewed", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = randomUUID().slice(0, 6);
  const courseId = await createCourse(request, `EA${tag.slice(0, 4).toUpperCase()}`);
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin/courses" });
  // a slow phone network: the page is shown, its script has not arrived, and the lecturer picks the file
  const release = await holdPageScripts(page);
  await page.goto(`/admin/courses/${courseId}`, { waitUntil: "commit" });
  const importer = page.getByTestId("roster-import");
  await importer.getByTestId("roster-file").setInputFiles({ name: "early.csv", mimeType: "text/csv", buffer: Buffer.from(`email,name\nearly.${tag}@college.test,Early Bird\n`) });
  release();
  await expect(importer.getByTestId("import-preview")).toBeEnabled();
  await importer.getByTestId("import-preview").click();
  await expect(importer.getByTestId("import-preview-result").getByTestId("import-summary")).toHaveText("1 row: 1 would be added, 0 already enrolled, 0 invalid.");
  expect(errors).toEqual([]);
});

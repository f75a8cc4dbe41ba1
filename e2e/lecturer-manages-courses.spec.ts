// Story: a lecturer opens Courses from the navigation, creates a course (an empty form flags
// every missing field in plain words), sees it under "My courses" before a colleague's course,
// edits its threshold, archives it and restores it. On a phone the list needs no sideways scroll.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createApprovedUser } from "./support/api";
import { loginAs } from "./support/auth";
import { E2E_ADMIN } from "./support/env";

test("a lecturer creates, edits, archives and restores a course; their own courses come first", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = randomUUID().slice(0, 4).toUpperCase();

  // a colleague's course, made through the API
  const colleague = { email: `hopper.${tag.toLowerCase()}@college.test`, password: "Quiet-Harbor-47!", fullName: "Grace Colleague" };
  await createApprovedUser(request, colleague, "admin");
  const login = await request.post("/api/auth/login", { data: { email: colleague.email, password: colleague.password } });
  const theirs = await request.post("/api/courses", {
    headers: { authorization: `Bearer ${(await login.json()).access_token}` },
    data: { code: `AA${tag}`, title: "Colleague's course", term_label: "2026 Autumn" },
  });
  expect(theirs.status()).toBe(201);

  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
  await expect(page.getByRole("heading", { name: "Courses", level: 1 })).toBeVisible();
  const form = page.getByTestId("course-form");
  await expect(form).toHaveAttribute("data-hydrated", "true");

  // an empty submit: each missing field says so next to itself, in plain words
  await form.getByLabel("Attendance threshold (%)").fill("");
  await form.getByRole("button", { name: "Create course" }).click();
  await expect(form.getByTestId("field-error-code")).toContainText("course code");
  await expect(form.getByTestId("field-error-title")).toContainText("title");
  await expect(form.getByTestId("field-error-threshold_percent")).toContainText("percentage");
  await expect(form.getByLabel("Code")).toBeFocused();
  await expect(page.getByText(/Invalid body|body\./)).toHaveCount(0);

  const code = `CS${tag}`;
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("Title").fill("Algorithms and Data Structures");
  await form.getByLabel("Term").fill("2026 Autumn");
  await form.getByLabel("Attendance threshold (%)").fill("75");
  await expect(form.getByRole("checkbox", { name: /E2E Admin \(you\)/ })).toBeChecked();
  await form.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByTestId("course-title")).toContainText(code);
  await expect(page.getByText("threshold 75%")).toBeVisible();

  // the same code in the same term is refused next to the code field
  await page.goto("/admin/courses");
  await expect(form).toHaveAttribute("data-hydrated", "true");
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("Title").fill("Again");
  await form.getByLabel("Term").fill("2026 Autumn");
  await form.getByRole("button", { name: "Create course" }).click();
  await expect(form.getByTestId("field-error-code")).toContainText("already exists");

  // mine first, the colleague's under "Other courses"
  await expect(page.getByTestId("my-courses").getByTestId("course-card").filter({ hasText: code })).toBeVisible();
  await expect(page.getByTestId("my-courses").getByTestId("course-card").filter({ hasText: `AA${tag}` })).toHaveCount(0);
  await expect(page.getByTestId("other-courses").getByTestId("course-card").filter({ hasText: `AA${tag}` })).toBeVisible();

  // edit the threshold on the course page
  await page.getByTestId("my-courses").getByRole("link", { name: new RegExp(code) }).click();
  await expect(page.getByTestId("course-title")).toContainText(code);
  const edit = page.getByTestId("course-form");
  await expect(edit).toHaveAttribute("data-hydrated", "true");
  await edit.getByLabel("Attendance threshold (%)").fill("80");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByTestId("course-saved")).toBeVisible();
  await expect(page.getByText("threshold 80%")).toBeVisible();

  // archive: gone from the current list, listed among the archived; then restore
  await page.getByTestId("course-archive").click();
  await expect(page.getByTestId("course-actions-message")).toContainText("archived");
  await page.goto("/admin/courses");
  await expect(page.getByTestId("course-card").filter({ hasText: code })).toHaveCount(0);
  await page.getByRole("link", { name: "Show archived courses" }).click();
  await expect(page.getByTestId("course-card").filter({ hasText: code })).toContainText("archived");
  await page.getByTestId("course-card").filter({ hasText: code }).getByRole("link").click();
  await page.getByTestId("course-archive").click();
  await expect(page.getByTestId("course-actions-message")).toContainText("restored");

  // on a phone, the list fits the screen
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/courses");
  await expect(page.getByTestId("course-card").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
});

// Story: a student in a hurry mistypes the short code, then types one after the lecturer has
// stopped check-in; a lecturer gets the event form wrong. Every refusal is in plain words next
// to the field it concerns, the retry fits the error, and no page shows API-internal text.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { adminToken, createApprovedUser } from "./support/api";
import { loginAs } from "./support/auth";
import { E2E_ADMIN } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";
const RAW = /Invalid body|body\.|must be the 6 characters|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function expectNoRawText(page: Page) {
  expect(await page.locator("body").innerText()).not.toMatch(RAW);
}

test("a mistyped short code is explained next to the field, which gets the cursor back", async ({ page, request }) => {
  const student = { email: `typo.${randomUUID().slice(0, 8)}@college.test`, password: PASSWORD, fullName: "Tippy Typo" };
  await createApprovedUser(request, student);
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, student.email, PASSWORD, { next: "/scan" });
  await expect(page.getByTestId("scanner")).toHaveAttribute("data-hydrated", "true");

  // no camera in this browser: the photo and code fallbacks open by themselves
  await expect(page.getByTestId("scanner")).toHaveAttribute("data-no-camera", "true");
  await expect(page.getByTestId("no-camera")).toBeVisible();
  await expect(page.getByTestId("start-camera")).toHaveCount(0);
  const code = page.getByTestId("short-code-input");
  await expect(code).toBeVisible();
  // the placeholder renders as typed, not upper-cased
  await expect(code).toHaveAttribute("placeholder", "e.g. K7HQ3D");
  expect(await code.evaluate((el) => getComputedStyle(el).textTransform)).toBe("none");
  // a styled photo picker: a large labelled target, the raw file input visually hidden
  const picker = page.getByText("Take or choose a photo of the code");
  await expect(picker).toBeVisible();
  expect((await picker.locator("xpath=..").boundingBox())!.height).toBeGreaterThanOrEqual(44);
  expect((await page.getByTestId("photo-input").boundingBox())!.width).toBeLessThanOrEqual(1);

  // too short: caught before asking the server
  await code.fill("k7h");
  await expect(code).toHaveValue("K7H");
  await code.press("Enter");
  const error = page.getByTestId("short-code-error");
  await expect(error).toContainText("Type the 6 letters and digits");
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(code).toHaveAttribute("aria-describedby", "short-code-error");
  await expect(code).toBeFocused();

  // six characters but no such code: the server's refusal, in plain words, by the field
  await code.fill("ACDEFG");
  await expect(error).toHaveCount(0);
  await code.press("Enter");
  await expect(error).toHaveAttribute("data-outcome", "short_code_invalid");
  await expect(error).toContainText("Check the 6 characters");
  await expect(code).toBeFocused();
  await expect(page.getByTestId("scan-result")).toHaveCount(0);
  await expectNoRawText(page);
});

test("a code still on screen after check-in stopped says check-in is closed and offers no rescan", async ({ page, request }) => {
  const token = await adminToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const now = Date.now();
  const event = await (await request.post("/api/events", { headers: auth, data: { title: "Closed Hall", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString() } })).json();
  const issued = await request.post("/api/admin/qr-sessions", { headers: auth, data: { event_id: event.id } });
  expect(issued.status()).toBe(201);
  const { short_code: shortCode } = await issued.json();
  expect((await request.post(`/api/events/${event.id}/checkin/stop`, { headers: auth })).status()).toBe(200);

  const student = { email: `late.${randomUUID().slice(0, 8)}@college.test`, password: PASSWORD, fullName: "Lena Late" };
  await createApprovedUser(request, student);
  await page.setViewportSize({ width: 390, height: 844 });
  // the projector's short address, with the code in it: the field comes filled and focused
  await loginAs(page, student.email, PASSWORD, { next: `/c/${shortCode.toLowerCase()}` });
  await expect(page).toHaveURL(new RegExp(`/scan\\?type=1&code=${shortCode}$`));
  const code = page.getByTestId("short-code-input");
  await expect(code).toHaveValue(shortCode);
  await expect(code).toBeFocused();
  await code.press("Enter");
  const result = page.getByTestId("scan-result");
  await expect(result).toHaveAttribute("data-outcome", "event_closed");
  await expect(result).toContainText("Check-in is closed");
  await expect(result).not.toContainText("withdrew");
  await expect(page.getByTestId("scan-again")).toHaveCount(0);
  await expect(page.getByTestId("retype-code")).toHaveCount(0);
  await expect(page.getByTestId("short-code-input")).toHaveCount(0);
  await expectNoRawText(page);
});

test("/c opens the scanner's code field, ready to type", async ({ page, request }) => {
  const student = { email: `c.${randomUUID().slice(0, 8)}@college.test`, password: PASSWORD, fullName: "Cora Code" };
  await createApprovedUser(request, student);
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, student.email, PASSWORD, { next: "/home" });
  await page.goto("/c");
  await expect(page).toHaveURL(/\/scan\?type=1$/);
  await expect(page.getByRole("heading", { name: "Type the code on the screen" })).toBeVisible();
  await expect(page.getByTestId("short-code-input")).toBeFocused();
});

test("the event form puts each problem next to its field, in plain words", async ({ page }) => {
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin/events" });
  const form = page.getByTestId("event-form");
  await expect(form).toHaveAttribute("data-hydrated", "true");
  await form.getByLabel("Title").fill("Backwards");
  await form.getByLabel("Starts").fill("2031-03-04T10:00");
  await form.getByLabel("Ends").fill("2031-03-04T09:00");
  await form.getByRole("button", { name: "Create event" }).click();
  const ends = page.getByTestId("field-error-ends_at");
  await expect(ends).toHaveText("Enter when the event ends: after it starts.");
  await expect(form.getByLabel("Ends")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Ends")).toBeFocused();
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  await expectNoRawText(page);

  await form.getByLabel("Title").fill("");
  await form.getByLabel("Ends").fill("2031-03-04T11:00");
  await form.getByRole("button", { name: "Create event" }).click();
  await expect(page.getByTestId("field-error-title")).toContainText("Give the event a title");
  await expect(page.getByTestId("field-error-ends_at")).toHaveCount(0);
  await expectNoRawText(page);
});

test("signup flags every invalid field at once and can show the password", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/signup");
  await expect(page.getByTestId("signup-submit")).toBeEnabled();
  await page.getByTestId("signup-submit").click();
  for (const field of ["full_name", "email", "password"]) {
    await expect(page.locator(`#${field}`)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId(`${field}-error`)).toBeVisible();
  }
  await expect(page.locator("#full_name")).toBeFocused();
  const password = page.getByLabel("Password", { exact: true });
  await password.fill("Secret-Words-9!");
  await expect(password).toHaveAttribute("type", "password");
  await page.getByTestId("toggle-password").click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(page.getByTestId("toggle-password")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("toggle-password").click();
  await expect(password).toHaveAttribute("type", "password");
  await expectNoRawText(page);
});

// Story: a lecturer clears the signup queue. Several requests are approved as students in one
// go and one is rejected, each result reported by name. Approving a colleague as admin is set
// apart from the everyday buttons and first says what admin rights mean; cancelling decides
// nothing. On the users page "Make admin" asks first and is never offered on a pending account.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { loginAs } from "./support/auth";
import { createApprovedUser, signUpVerified } from "./support/api";
import { holdPageScripts } from "./support/slow-scripts";
import { E2E_ADMIN } from "./support/env";

const PASSWORD = "Quiet-Harbor-47!";

test("bulk approve and reject with per-person results, and admin rights only after a confirmation", async ({ page, request }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const tag = randomUUID().slice(0, 6);
  const people = ["Ann Ames", "Ben Bell", "Cat Cole", "Dan Dorn"].map((name) => ({ name, email: `${name.split(" ")[0]!.toLowerCase()}.${tag}@college.test` }));
  for (const p of people) await signUpVerified(request, { email: p.email, password: PASSWORD, fullName: p.name });
  const [ann, ben, cat, dan] = people as [(typeof people)[number], (typeof people)[number], (typeof people)[number], (typeof people)[number]];
  const row = (email: string) => page.locator(`[data-testid="approval-pending"][data-email="${email}"]`);

  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin/approvals" });
  await expect(row(dan.email)).toBeVisible();

  // several at once: Ann and Ben approved as students, reported one line each
  await row(ann.email).getByRole("checkbox", { name: `Select ${ann.name}` }).check();
  await row(ben.email).getByRole("checkbox", { name: `Select ${ben.name}` }).check();
  await page.getByTestId("bulk-approve").click();
  const results = page.getByTestId("bulk-result");
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: ann.name })).toHaveAttribute("data-ok", "true");
  await expect(results.filter({ hasText: ben.name })).toContainText("approved as student");
  await expect(row(ann.email)).toHaveCount(0);
  await expect(page.locator(`[data-testid="approval-decided"][data-email="${ben.email}"]`)).toHaveAttribute("data-status", "approved");

  // reject asks first, then reports
  await row(cat.email).getByRole("checkbox", { name: `Select ${cat.name}` }).check();
  await page.getByTestId("bulk-reject").click();
  const rejectDialog = page.getByTestId("bulk-reject-dialog");
  await expect(rejectDialog).toBeVisible();
  await rejectDialog.getByRole("button", { name: "Reject 1" }).click();
  await expect(results.filter({ hasText: cat.name })).toContainText("rejected");
  await expect(page.locator(`[data-testid="approval-decided"][data-email="${cat.email}"]`)).toHaveAttribute("data-status", "rejected");

  // admin approval is apart from the everyday buttons, explains itself, and cancel decides nothing
  const danRow = row(dan.email);
  const asStudent = danRow.getByRole("button", { name: `Approve as student: ${dan.name}` });
  const asAdmin = danRow.getByRole("button", { name: `Approve as admin: ${dan.name}` });
  const studentBox = (await asStudent.boundingBox())!;
  const adminBox = (await asAdmin.boundingBox())!;
  expect(adminBox.y).toBeGreaterThan(studentBox.y + studentBox.height); // on its own line below
  await asAdmin.click();
  const adminDialog = page.getByTestId("approve-admin-dialog").filter({ visible: true });
  await expect(adminDialog).toContainText("An admin can");
  await expect(adminDialog).toContainText("make other people admins");
  await adminDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(adminDialog).toHaveCount(0);
  await expect(danRow).toBeVisible();

  // confirmed: the step-up prompt (a fresh proof of presence), then approved as admin
  await asAdmin.click();
  await page.getByTestId("approve-admin-dialog").filter({ visible: true }).getByRole("button", { name: "Approve Dan as admin" }).click();
  const stepUp = page.getByTestId("step-up");
  await expect(stepUp).toBeVisible();
  await stepUp.getByTestId("step-up-password").fill(E2E_ADMIN.password);
  await stepUp.getByTestId("step-up-confirm").click();
  await expect(page.locator(`[data-testid="approval-decided"][data-email="${dan.email}"]`)).toContainText("Approved as admin");
  expect(errors).toEqual([]);
});

test("Make admin asks first and is not offered on a pending account", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 6);
  const active = { email: `eve.${tag}@college.test`, password: PASSWORD, fullName: "Eve Evans" };
  await createApprovedUser(request, active);
  const pending = { email: `fay.${tag}@college.test`, name: "Fay Ford" };
  await signUpVerified(request, { email: pending.email, password: PASSWORD, fullName: pending.name });

  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: `/admin/users?q=${tag}` });
  const pendingRow = page.locator(`[data-testid="user-row"][data-email="${pending.email}"]`);
  await expect(pendingRow).toContainText("pending");
  await expect(pendingRow.getByRole("button", { name: /Make admin/ })).toHaveCount(0);

  const activeRow = page.locator(`[data-testid="user-row"][data-email="${active.email}"]`);
  await activeRow.getByRole("button", { name: `Make admin: ${active.email}` }).click();
  const dialog = page.getByTestId("make-admin-dialog").filter({ visible: true });
  await expect(dialog).toContainText("An admin can");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(activeRow.getByRole("cell").nth(1)).toHaveText("student");

  await activeRow.getByRole("button", { name: `Make admin: ${active.email}` }).click();
  await page.getByTestId("make-admin-dialog").filter({ visible: true }).getByRole("button", { name: "Make Eve an admin" }).click();
  // either the change is made, or (no fresh proof of presence in this session) step-up comes first
  const stepUp = page.getByTestId("step-up");
  const done = page.getByTestId("users-done");
  await expect(stepUp.or(done)).toBeVisible();
  if (await stepUp.isVisible()) {
    await stepUp.getByTestId("step-up-password").fill(E2E_ADMIN.password);
    await stepUp.getByTestId("step-up-confirm").click();
    await expect(page.getByTestId("step-up-done")).toBeVisible();
    await activeRow.getByRole("button", { name: `Make admin: ${active.email}` }).click();
    await page.getByTestId("make-admin-dialog").filter({ visible: true }).getByRole("button", { name: "Make Eve an admin" }).click();
  }
  await expect(done).toBeVisible();
  await expect(page.locator(`[data-testid="user-row"][data-email="${active.email}"]`).getByRole("cell").nth(1)).toHaveText("admin");
});

test("a button that asks first waits for the page's script: disabled until it runs, then it asks", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 6);
  const gus = { email: `gus.${tag}@college.test`, password: PASSWORD, fullName: "Gus Green" };
  await createApprovedUser(request, gus);
  await loginAs(page, E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  // a slow phone network: the page is shown before its script arrives; a press then would be lost
  const release = await holdPageScripts(page);
  await page.goto(`/admin/users?q=${tag}`, { waitUntil: "commit" });
  const makeAdmin = page.locator(`[data-testid="user-row"][data-email="${gus.email}"]`).getByRole("button", { name: `Make admin: ${gus.email}` });
  await expect(makeAdmin).toBeDisabled();
  release();
  await makeAdmin.click(); // waits until it is enabled
  await expect(page.getByTestId("make-admin-dialog").filter({ visible: true })).toContainText("An admin can");
});

// Story: a lecturer projects the code in a hall of 300. From the back row the count, the
// countdown and the short code are large (≥ 6 % of the screen's height), the address to type it
// at is at least as large as the code itself (it used to be 30 px beside a 108 px code at
// 1080p), the QR is as large as the screen allows, nothing overlaps at the usual
// projector sizes (with and without the offline banner), presentation mode hides the controls
// until the mouse moves, and the destructive controls ask first and say what they did.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { adminToken } from "./support/api";
import { loginAs } from "./support/auth";
import { E2E_ADMIN, E2E_PORT } from "./support/env";
import { onTop, overlapsIn, textMetrics } from "./support/layout";

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

test.describe.configure({ mode: "serial" });

let eventId = "";
let storage: Awaited<ReturnType<BrowserContext["storageState"]>>;

test.beforeAll(async ({ browser, request }) => {
  const token = await adminToken(request);
  const now = Date.now();
  const created = await request.post("/api/events", {
    headers: { authorization: `Bearer ${token}` },
    data: { title: "Thermodynamics II — Entropy and the arrow of time", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString() },
  });
  expect(created.status()).toBe(201);
  eventId = (await created.json()).id;
  expect((await request.post(`/api/events/${eventId}/checkin/start`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  const ctx = await browser.newContext();
  await loginAs(await ctx.newPage(), E2E_ADMIN.email, E2E_ADMIN.password, { next: "/admin" });
  storage = await ctx.storageState();
  await ctx.close();
});

async function openProjector(browser: Browser, size: { width: number; height: number }): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: size, storageState: storage });
  const page = await ctx.newPage();
  await page.goto(`/admin/events/${eventId}/present`);
  await expect(page.getByTestId("projector")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("projector-qr")).toBeVisible();
  await expect(page.getByTestId("projector-countdown")).toHaveText(/^\d+$/);
  return { ctx, page };
}

async function expectReadableAndApart(page: Page, height: number) {
  for (const id of ["projector-count", "projector-countdown", "projector-short-code"]) {
    const m = await textMetrics(page.getByTestId(id));
    expect(m.fontSize, `${id} font size at height ${height}`).toBeGreaterThanOrEqual(0.06 * height);
    expect(m.height, `${id} box height at height ${height}`).toBeGreaterThanOrEqual(0.06 * height);
    expect(await onTop(page.getByTestId(id)), `${id} is not covered`).toBe(true);
  }
  // the join address: as legible as the code (font size and line box), bold, on screen, uncovered, not cut
  const address = await textMetrics(page.getByTestId("projector-join-address"));
  const code = await textMetrics(page.getByTestId("projector-short-code"));
  expect(address.fontSize, `join address font size at height ${height}`).toBeGreaterThanOrEqual(code.fontSize);
  expect(address.fontSize, `join address font size at height ${height}`).toBeGreaterThanOrEqual(0.06 * height);
  expect(address.height, `join address box at height ${height}`).toBeGreaterThanOrEqual(code.height);
  expect(await onTop(page.getByTestId("projector-join-address")), "the join address is not covered").toBe(true);
  expect(await page.getByTestId("projector-join-address").evaluate((n) => n.scrollWidth <= n.clientWidth + 1), "the join address is not cut").toBe(true);
  expect(Number(await page.getByTestId("projector-join-address").evaluate((n) => getComputedStyle(n).fontWeight)), "the join address is bold").toBeGreaterThanOrEqual(700);
  expect(await onTop(page.getByTestId("projector-qr")), "the QR is not covered").toBe(true);
  const { overlaps, outside, count } = await overlapsIn(page.getByTestId("projector"));
  expect(count).toBeGreaterThan(10);
  expect(overlaps, `overlapping boxes at height ${height}`).toEqual([]);
  expect(outside, `boxes leaving the screen at height ${height}`).toEqual([]);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the count, countdown and short code are large and nothing overlaps, with and without the offline banner`, async ({ browser }) => {
    const { ctx, page } = await openProjector(browser, size);
    // the QR keeps (at least) the size it had: the screen's height less 14rem
    const qr = (await page.getByTestId("projector-qr").boundingBox())!;
    expect(qr.height).toBeGreaterThanOrEqual(size.height - 224);
    expect(Math.abs(qr.width - qr.height)).toBeLessThanOrEqual(1);
    // where to type the short code: the short address on APP_URL
    await expect(page.getByTestId("projector-join")).toContainText(`No camera? Go to http://localhost:${E2E_PORT}/c and type`);
    await expect(page.getByTestId("projector-short-code")).toHaveText(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    // APP_URL is localhost in e2e: phones could not open the codes, so the admin is told
    await expect(page.getByTestId("projector-app-url-warning")).toContainText("Phones cannot open");
    await expectReadableAndApart(page, size.height);

    await ctx.route("**/api/**", (route) => route.abort());
    await expect(page.getByTestId("projector-offline")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("projector-qr")).toBeVisible();
    await expectReadableAndApart(page, size.height);
    await ctx.unroute("**/api/**");
    await expect(page.getByTestId("projector-offline")).toHaveCount(0, { timeout: 15_000 });
    await ctx.close();
  });
}

test("presentation mode: full screen, controls hidden until the mouse moves or a key is pressed", async ({ browser }) => {
  const { ctx, page } = await openProjector(browser, { width: 1920, height: 1080 });
  const controls = page.getByTestId("projector-controls");
  await expect(controls).toBeVisible();
  await page.getByTestId("present").click();
  await expect(page.getByTestId("projector")).toHaveAttribute("data-presenting", "true");
  // the page says it presents at once; the browser's full screen follows (requestFullscreen resolves later)
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === document.documentElement)).toBe(true);
  await expect(controls).toBeHidden();
  await expect(page.getByTestId("revoke-all")).toBeHidden();
  await page.mouse.move(400, 300);
  await page.mouse.move(420, 320);
  await expect(controls).toBeVisible();
  // the controls sit beside the code, never in its quiet zone
  const qr = (await page.getByTestId("projector-qr").boundingBox())!;
  const box = (await controls.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(qr.x + qr.width);
  // quiet again: hidden after a few seconds; a key press brings them back
  await expect(controls).toBeHidden({ timeout: 6_000 });
  await page.keyboard.press("Shift");
  await expect(controls).toBeVisible();
  await page.getByTestId("present-exit").click();
  await expect(page.getByTestId("projector")).toHaveAttribute("data-presenting", "false");
  // …and leaves it after (exitFullscreen resolves later; read at once it failed on a loaded machine)
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await ctx.close();
});

test("revoking all codes and stopping check-in ask first, then say what they did", async ({ browser }) => {
  const { ctx, page } = await openProjector(browser, { width: 1366, height: 768 });
  const calls: string[] = [];
  page.on("request", (r) => r.method() === "POST" && /checkin\/stop|qr-sessions\/revoke/.test(r.url()) && calls.push(r.url()));
  const qr = page.getByTestId("projector-qr");
  const before = (await qr.getAttribute("data-value"))!;

  await page.getByTestId("revoke-all").click();
  await expect(page.getByTestId("projector-confirm")).toContainText("Revoke every code of this event?");
  await page.getByTestId("confirm-cancel").click();
  await expect(page.getByTestId("projector-confirm")).toHaveCount(0);
  expect(calls).toEqual([]);

  await page.getByTestId("revoke-all").click();
  await page.getByTestId("confirm-yes").click();
  await expect(page.getByTestId("projector-status")).toHaveText(/^Revoked \d+ codes?\. A new code replaces it on screen\.$/);
  await expect(qr).not.toHaveAttribute("data-value", before);
  expect(calls).toHaveLength(1);

  await page.getByTestId("stop-checkin").click();
  await expect(page.getByTestId("projector-confirm")).toContainText("Stop check-in?");
  expect(calls).toHaveLength(1);
  await page.getByTestId("confirm-yes").click();
  await expect(page.getByTestId("projector-status")).toHaveText("Check-in stopped. The code on screen no longer works.");
  await expect(page.getByTestId("projector-message")).toHaveText("Check-in stopped.");
  await expect(qr).toHaveCount(0);
  expect(calls).toHaveLength(2);

  // starting again needs no confirmation
  await page.getByTestId("start-checkin").click();
  await expect(page.getByTestId("projector-status")).toHaveText("Check-in started.");
  await expect(qr).toBeVisible();
  await ctx.close();
});

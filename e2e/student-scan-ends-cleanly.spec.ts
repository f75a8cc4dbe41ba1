// Story: a student points the phone at the screen. When no code is found for a while the
// scanner suggests what to change; when the code is read the result fills the screen and the
// camera is switched off (every MediaStream track ended), not left running in a pocket.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { adminToken, createApprovedUser } from "./support/api";
import { loginAs } from "./support/auth";
import { cameraBrowser, scanWithCamera, writeY4m } from "./support/camera";
import { E2E_BASE_URL, E2E_DIR } from "./support/env";
import { qrPng } from "./support/qr-image";

const PASSWORD = "Quiet-Harbor-47!";

/** Keep every stream the page opens, so the spec can see whether its tracks were stopped. */
async function recordStreams(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __streams: MediaStream[] };
    w.__streams = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => {
      const s = await original(c);
      w.__streams.push(s);
      return s;
    };
  });
}

const trackStates = (page: Page) =>
  page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.flatMap((s) => s.getTracks().map((t) => t.readyState)));

test("no code in view for 10 s: a hint; a code read: the result fills the screen and the camera stops", async ({ request }) => {
  const token = await adminToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const now = Date.now();
  const event = await (await request.post("/api/events", { headers: auth, data: { title: "Optics", starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 3_600_000).toISOString() } })).json();
  const student = { email: `cam.${randomUUID().slice(0, 8)}@college.test`, password: PASSWORD, fullName: "Cam Era" };
  await createApprovedUser(request, student);

  // 1. a blank feed: after 10 s (the page's clock, fast-forwarded) the hint appears
  const blank = path.join(E2E_DIR, `blank-${randomUUID().slice(0, 6)}.y4m`);
  await writeY4m(blank, null);
  const dark = await cameraBrowser(blank);
  try {
    const ctx = await dark.newContext({ baseURL: E2E_BASE_URL, permissions: ["camera"], viewport: { width: 390, height: 844 } });
    const phone = await ctx.newPage();
    await recordStreams(phone);
    await phone.clock.install();
    await loginAs(phone, student.email, PASSWORD, { next: "/scan" });
    await expect(phone.getByTestId("scanner")).toHaveAttribute("data-hydrated", "true");
    await phone.getByTestId("start-camera").click();
    await expect(phone.getByTestId("scanner")).toHaveAttribute("data-phase", "scanning");
    await expect(phone.getByTestId("scan-hint")).toHaveCount(0);
    // the page's clock keeps running at real speed until paused: pause it, then move it to 1 s before
    // the hint is due (as the scanner noted it) and past it, whatever time the clicks above took
    const video = phone.getByTestId("scan-video");
    await expect(video).toHaveAttribute("data-hint-due-at", /^\d+$/);
    await phone.clock.pauseAt((await phone.evaluate(() => Date.now())) + 1_000); // a moment ahead: the clock ran on meanwhile
    const dueIn = Number(await video.getAttribute("data-hint-due-at")) - (await phone.evaluate(() => Date.now()));
    await expect(phone.getByTestId("scan-hint")).toHaveCount(0);
    expect(dueIn).toBeGreaterThan(1_000);
    await phone.clock.fastForward(dueIn - 1_000);
    await expect(phone.getByTestId("scan-hint")).toHaveCount(0);
    await phone.clock.fastForward(1_500);
    await expect(phone.getByTestId("scan-hint")).toContainText("Move closer");
    await expect(phone.getByTestId("scan-hint")).toContainText("glare");
    await expect(phone.getByTestId("scan-hint")).toContainText("brightest");
    // stopping by hand ends the camera too
    await phone.getByRole("button", { name: "Stop" }).click();
    expect(await trackStates(phone)).toEqual(["ended"]);
  } finally {
    await dark.close();
  }

  // 2. the projected code in view: marked, the result dominates, the camera is off
  const issued = await (await request.post("/api/admin/qr-sessions", { headers: auth, data: { event_id: event.id } })).json();
  const feed = path.join(E2E_DIR, `optics-${randomUUID().slice(0, 6)}.y4m`);
  await writeY4m(feed, await qrPng(issued.qr_url));
  const camera = await cameraBrowser(feed);
  try {
    const ctx = await camera.newContext({ baseURL: E2E_BASE_URL, permissions: ["camera"], viewport: { width: 390, height: 844 } });
    const phone = await ctx.newPage();
    await recordStreams(phone);
    await loginAs(phone, student.email, PASSWORD, { next: "/scan" });
    const result = await scanWithCamera(phone);
    await expect(result).toHaveAttribute("data-outcome", "marked");
    await expect(result).toContainText("Marked present");
    const states = await trackStates(phone);
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === "ended")).toBe(true);
    await expect(phone.getByTestId("scan-video")).toBeHidden();
    await expect(phone.getByTestId("start-camera")).toHaveCount(0);
    await expect(phone.getByTestId("scan-fallback")).toHaveCount(0);
    const box = (await result.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(0.5 * 844);
    expect(await phone.evaluate(() => (document.activeElement as HTMLElement | null)?.contains(document.querySelector("[data-testid=scan-result]")))).toBe(true);
  } finally {
    await camera.close();
  }
});

// `npm run screenshots`: the README's pictures, taken from a real server with Chromium (needs a
// production build, `npm run build`). Starts its own server on a fresh SQLite database under
// .tmp/screenshots, creates an event, projects it at 1920×1080 in presentation mode, and points
// a 390×844 phone's fake camera (a frame of that very code) at it. Writes docs/screenshots/*.png.
import fs from "node:fs";
import path from "node:path";
import { chromium, type Route } from "@playwright/test";
import { createAdmin } from "../lib/accounts/create-admin";
import { openVerifiedAccount } from "../lib/accounts/open-verified-account";
import { hashPassword } from "../lib/auth/password";
import { parseConfig } from "../lib/config";
import { createDb } from "../lib/db";
import { systemClock } from "../lib/clock";
import { cryptoRandom } from "../lib/random";
import { chromiumLaunch } from "../playwright.config";
import { cameraBrowser, writeY4m } from "../e2e/support/camera";
import { freePort, migrate, startServer, testSecrets } from "../tests/support/test-server";

const ROOT = path.resolve(__dirname, "..");
const WORK = path.join(ROOT, ".tmp", "screenshots");
const OUT = path.join(ROOT, "docs", "screenshots");
const ADMIN = { email: "lecturer@college.test", password: "Screens-Admin-Pass-42!", full_name: "Dr Ada Byron" };
const STUDENT = { email: "grace@college.test", password: "Quiet-Harbor-47!", full_name: "Grace Hopper" };

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(OUT, { recursive: true });
  const databaseUrl = `file:${path.join(WORK, "rollcall.db")}`;
  migrate(databaseUrl);
  const port = await freePort();
  const env = { ...testSecrets(), DATABASE_URL: databaseUrl, APP_ENV: "test", BCRYPT_ROUNDS: "4", APP_URL: `http://localhost:${port}`, PORT: String(port) };
  const db = await createDb(databaseUrl);
  const ctx = { db, clock: systemClock, random: cryptoRandom, config: parseConfig(env), ip: "cli", userAgent: "screenshots", deviceId: null, requestId: "screenshots" };
  await createAdmin(ctx, ADMIN);
  // the student as a verified signup leaves them (the step verification runs): pending, with a request
  const { account } = await openVerifiedAccount(ctx, { email: STUDENT.email, fullName: STUDENT.full_name, passwordHash: await hashPassword(STUDENT.password, 4), via: "signup" });
  if (account.kind !== "opened") throw new Error("the screenshots' student already exists");
  await db.$disconnect();
  const server = await startServer(databaseUrl, env);
  const base = `http://localhost:${port}`;
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const api = await browser.newContext({ baseURL: base });
    const call = async (method: "get" | "post", url: string, data?: unknown, token?: string) => {
      const res = await api.request[method](url, { data, headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!res.ok()) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
      return res.json();
    };
    const admin = (await call("post", "/api/auth/login", { email: ADMIN.email, password: ADMIN.password })).access_token as string;
    await call("post", `/api/admin/approval-requests/${account.requestId}/decide`, { decision: "approved", approved_role: "student" }, admin);
    const now = Date.now();
    const event = await call("post", "/api/events", { title: "CS101 · Algorithms — Lecture 7", location: "Hall A", starts_at: new Date(now - 5 * 60_000).toISOString(), ends_at: new Date(now + 90 * 60_000).toISOString() }, admin);
    await call("post", `/api/events/${event.id}/checkin/start`, undefined, admin);

    // the projector, in presentation mode (controls hidden until the mouse moves)
    const lecturer = await browser.newContext({ baseURL: base, viewport: { width: 1920, height: 1080 } });
    const projector = await lecturer.newPage();
    await projector.goto(`/login?next=${encodeURIComponent(`/admin/events/${event.id}/present`)}`);
    await projector.getByLabel("Email").fill(ADMIN.email);
    await projector.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await projector.getByTestId("login-submit").click();
    await projector.getByTestId("projector-qr").waitFor();
    await projector.locator("[data-testid=projector][data-hydrated=true]").waitFor();
    await projector.getByTestId("present").click();
    await projector.locator("[data-testid=projector-controls].invisible").waitFor({ state: "attached" });
    const qrPng = await projector.getByTestId("projector-qr").screenshot();
    await projector.screenshot({ path: path.join(OUT, "projector.png") });

    // the phone: the camera sees the projected code; the decoder is held back for the first picture
    const feed = path.join(WORK, "code.y4m");
    await writeY4m(feed, qrPng);
    const camera = await cameraBrowser(feed);
    try {
      const phoneCtx = await camera.newContext({ baseURL: base, permissions: ["camera"], viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const phone = await phoneCtx.newPage();
      await phone.goto("/login?next=%2Fscan");
      await phone.getByLabel("Email").fill(STUDENT.email);
      await phone.getByLabel("Password", { exact: true }).fill(STUDENT.password);
      await phone.getByTestId("login-submit").click();
      await phone.locator("[data-testid=scanner][data-hydrated=true]").waitFor();
      const held: Route[] = [];
      await phone.route("**/zxing/**", (route) => void held.push(route));
      await phone.getByTestId("start-camera").click();
      await phone.locator("[data-testid=scanner][data-phase=scanning]").waitFor();
      await phone.waitForFunction(() => (document.querySelector("video") as HTMLVideoElement | null)?.readyState === 4);
      await phone.screenshot({ path: path.join(OUT, "phone-scanner.png") });
      for (const route of held) await route.continue();
      await phone.unroute("**/zxing/**");
      await phone.getByTestId("scan-result").waitFor({ timeout: 20_000 });
      await phone.screenshot({ path: path.join(OUT, "phone-marked.png") });
    } finally {
      await camera.close();
    }
    for (const f of ["projector.png", "phone-scanner.png", "phone-marked.png"]) console.log(`docs/screenshots/${f}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

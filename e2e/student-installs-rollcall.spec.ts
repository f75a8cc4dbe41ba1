// Story: a student adds Rollcall to the phone's home screen. Chromium's own install checks find
// nothing missing (manifest, icons, start URL, display mode), the app opens on the scanner, and
// no service worker caches API answers.
import fs from "node:fs";
import path from "node:path";
import { chromium, expect, test } from "@playwright/test";
import sharp from "sharp";
import { chromiumLaunch } from "../playwright.config";
import { E2E_BASE_URL, E2E_DIR } from "./support/env";

test("Chromium reports no installability errors and the app starts on the scanner", async ({ request }) => {
  // a real profile: Chromium never offers to install from an incognito window (Playwright's default)
  const profile = path.join(E2E_DIR, "install-profile");
  fs.rmSync(profile, { recursive: true, force: true });
  const browser = await chromium.launchPersistentContext(profile, { ...chromiumLaunch, baseURL: E2E_BASE_URL, viewport: { width: 390, height: 844 } });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto("/");
  const cdp = await browser.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);

  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", "#184eaa");
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/icons/apple-touch-icon.png");

  const res = await request.get("/manifest.webmanifest");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await res.json();
  expect(manifest).toMatchObject({ name: "Rollcall attendance", short_name: "Rollcall", start_url: "/scan", display: "standalone", theme_color: "#184eaa" });
  const sizes = new Map<string, { w: number; h: number }>();
  for (const icon of [...manifest.icons, { src: "/icons/apple-touch-icon.png", type: "image/png", sizes: "180x180" }]) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    if (icon.type === "image/png") {
      const meta = await sharp(await file.body()).metadata();
      expect(`${meta.width}x${meta.height}`, icon.src).toBe(icon.sizes);
      sizes.set(icon.src, { w: meta.width!, h: meta.height! });
    } else {
      expect(await file.text()).toContain("<svg");
    }
  }
  expect([...sizes.keys()].sort()).toEqual(["/icons/apple-touch-icon.png", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/icon-maskable-512.png"]);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

  // the start URL is the scanner: a logged-out phone is asked to log in and comes back to it
  await page.goto(manifest.start_url);
  await expect(page).toHaveURL(/\/login\?next=%2Fscan$/);
  await browser.close();
});

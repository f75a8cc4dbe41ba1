import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL } from "./e2e/support/env";

// Debian's Chromium, never a downloaded browser build: its headless shell when installed (CI
// installs it; the same engine Playwright's own headless runs use), else the full browser. Measured
// on the 2-core machine, the shell spends about a third less CPU on the same journeys (no browser
// UI renderer), CPU the integration suites running beside it need.
const systemChromium = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((file) => fs.existsSync(file));
export const chromiumLaunch = {
  executablePath: systemChromium,
  args: [
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Budgets, not waits: in `npm run test:all` the browser tests share the 2 cores with the
  // integration suites and run ~3× slower than alone (the camera story takes 18 s alone, ~60 s
  // there). A step still fails as soon as what it waits for cannot come; these only bound how
  // long a slow machine may take.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: ".tmp/playwright-results.json" }]] : [["list"], ["json", { outputFile: ".tmp/playwright-results.json" }]],
  use: {
    baseURL: E2E_BASE_URL,
    launchOptions: chromiumLaunch,
    // No trace by default: recording one (DOM snapshots at every action) cost 38 % of the browser
    // tests' CPU, measured on three journeys (23.3 → 14.4 CPU-seconds), CPU the suites beside them
    // need. A failure keeps a screenshot; to record a trace, rerun it with `--trace on`.
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch } },
  ],
  webServer: {
    command: "npx tsx e2e/support/server.ts",
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});

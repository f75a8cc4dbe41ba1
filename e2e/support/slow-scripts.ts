// A slow phone network for one page: its HTML arrives and is shown, its script (the Next.js
// chunks) does not until the test says so, so a test can act before the page is hydrated.
import type { Page } from "@playwright/test";

/** Holds back the page's chunks from now on; call the returned function to let them through. */
export async function holdPageScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

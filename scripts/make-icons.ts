// Renders the app icons in public/icons/*.png from the SVGs beside them, with Chromium (the
// e2e browser): run once after changing an SVG (`npx tsx scripts/make-icons.ts`), then commit
// the PNGs. Nothing is downloaded; the server only ever serves the committed files.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { chromiumLaunch } from "../playwright.config";

const DIR = path.resolve(__dirname, "../public/icons");
const OUT: { file: string; svg: string; size: number }[] = [
  { file: "icon-192.png", svg: "icon.svg", size: 192 },
  { file: "icon-512.png", svg: "icon.svg", size: 512 },
  { file: "icon-maskable-512.png", svg: "icon-maskable.svg", size: 512 },
  // iOS rounds the corners itself: the full-bleed square
  { file: "apple-touch-icon.png", svg: "icon-maskable.svg", size: 180 },
];

async function main() {
  const browser = await chromium.launch(chromiumLaunch);
  try {
    for (const { file, svg, size } of OUT) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const markup = fs.readFileSync(path.join(DIR, svg), "utf8").replace("<svg ", `<svg width="${size}" height="${size}" `);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${markup}</body></html>`);
      await page.screenshot({ path: path.join(DIR, file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`public/icons/${file} (${size}×${size})`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

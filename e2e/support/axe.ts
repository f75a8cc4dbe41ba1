// What every page must pass, for every person: axe finds no serious or critical problem, the
// page has exactly one <main>, and it shows no API-internal text ("Invalid body") or raw ISO
// timestamps. Returns the problems in words, so one failing page names itself.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

const ISO_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:/;

export async function pageProblems(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  // axe.run in the page itself: the default runs each frame's part, then opens a blank page per
  // analysis to merge them, which doubles the cost of every check; Rollcall's pages have no iframes
  const axe = await new AxeBuilder({ page }).setLegacyMode().analyze();
  for (const v of axe.violations) {
    if (v.impact !== "serious" && v.impact !== "critical") continue;
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
    problems.push(`${label}: axe ${v.impact} ${v.id} (${v.help}) at ${where}`);
  }
  const mains = await page.locator("main").count();
  if (mains !== 1) problems.push(`${label}: ${mains} <main> elements`);
  const text = await page.evaluate(() => document.body.innerText);
  if (text.includes("Invalid body")) problems.push(`${label}: shows "Invalid body"`);
  const iso = ISO_TIMESTAMP.exec(text);
  if (iso) problems.push(`${label}: shows an ISO timestamp near "${text.slice(Math.max(0, iso.index - 30), iso.index + 30)}"`);
  return problems;
}

/** Whether the focused element draws a visible focus indicator (an outline or a box-shadow ring). */
export async function focusIsVisible(page: Page): Promise<{ visible: boolean; what: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { visible: false, what: "nothing focused" };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const shadow = s.boxShadow !== "none" && s.boxShadow !== "";
    return { visible: outline || shadow, what: `${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 40)}"` };
  });
}

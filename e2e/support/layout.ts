// What a person sees, measured: boxes of every visible element of a part of the page.
import type { Locator, Page } from "@playwright/test";

export interface Overlap {
  a: string;
  b: string;
}

/**
 * Pairs of visible boxes under `root` that intersect, where neither contains the other in the
 * DOM, plus boxes that leave the viewport. Inline text runs are left out (their box spans whole
 * lines when they wrap) and so are the shapes inside an SVG (the SVG itself counts).
 */
export function overlapsIn(root: Locator): Promise<{ overlaps: Overlap[]; outside: string[]; count: number }> {
  return root.evaluate((rootEl) => {
    const name = (el: Element) => {
      const id = el.getAttribute("data-testid");
      const text = (el.textContent ?? "").trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ""}${text ? ` "${text}"` : ""}`;
    };
    const boxes = [rootEl, ...Array.from(rootEl.querySelectorAll("*"))]
      .filter((el) => {
        if (el instanceof SVGElement && el.ownerSVGElement) return false;
        const cs = getComputedStyle(el);
        if (cs.display === "inline" || cs.display === "contents" || cs.visibility === "hidden" || cs.opacity === "0") return false;
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1;
      })
      .map((el) => ({ el, r: el.getBoundingClientRect() }));
    const overlaps: { a: string; b: string }[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) overlaps.push({ a: name(a.el), b: name(b.el) });
      }
    }
    const outside = boxes
      .filter(({ r }) => r.left < -1 || r.top < -1 || r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1)
      .map(({ el }) => name(el));
    return { overlaps, outside, count: boxes.length };
  });
}

/** The computed font size (px) and box of one element. */
export function textMetrics(el: Locator): Promise<{ fontSize: number; height: number; width: number }> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    return { fontSize: parseFloat(getComputedStyle(node).fontSize), height: r.height, width: r.width };
  });
}

/** Whether the element is what a person sees at its own centre (nothing covers it). */
export function onTop(el: Locator): Promise<boolean> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === node || node.contains(hit));
  });
}

/**
 * Resize the viewport and wait until the page has laid itself out at the new size: the window
 * reports it and two animation frames have passed (React effects on resize have run and painted).
 * A fixed sleep instead races a busy machine.
 */
export async function resizeAndSettle(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForFunction(({ width, height }) => window.innerWidth === width && window.innerHeight === height, size);
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

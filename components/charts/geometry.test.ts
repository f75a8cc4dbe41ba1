import { describe, expect, it } from "vitest";
import { PLOT, binRates, innerHeight, labelEvery, linePoints, niceMax, pathOf, percentText, stackBars, ticks, xOfPercent, yOf } from "./geometry";

describe("chart geometry", () => {
  it("rounds an axis maximum up to 1, 2 or 5 × 10^k", () => {
    expect([0, 1, 3, 7, 10, 11, 40, 150, 1500].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200, 2000]);
  });

  it("gives whole ticks from 0 to the maximum", () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(5)).toEqual([0, 2, 4, 5]);
    expect(ticks(1)).toEqual([0, 1]);
  });

  it("stacks segments bottom-up; each height is its share of the axis", () => {
    const [bar] = stackBars([{ present: 6, late: 2, excused: 0, absent: 2 }], ["present", "late", "excused", "absent"], 10);
    expect(bar!.segments.map((s) => s.key)).toEqual(["present", "late", "absent"]);
    const unit = innerHeight(PLOT) / 10;
    expect(bar!.segments.map((s) => Math.round(s.height / unit))).toEqual([6, 2, 2]);
    // contiguous: each segment starts where the one below it ends, the first on the axis
    expect(bar!.segments[0]!.y + bar!.segments[0]!.height).toBeCloseTo(yOf(0, 10));
    expect(bar!.segments[1]!.y + bar!.segments[1]!.height).toBeCloseTo(bar!.segments[0]!.y);
    expect(bar!.segments[2]!.y).toBeCloseTo(yOf(10, 10));
  });

  it("places bars side by side inside the plot", () => {
    const bars = stackBars(Array.from({ length: 40 }, () => ({ a: 1 })), ["a"], 1);
    expect(bars[0]!.x).toBeGreaterThanOrEqual(PLOT.left);
    expect(bars[39]!.x + bars[39]!.width).toBeLessThanOrEqual(PLOT.width - PLOT.right);
    for (let i = 1; i < bars.length; i++) expect(bars[i]!.x).toBeGreaterThanOrEqual(bars[i - 1]!.x + bars[i - 1]!.width);
  });

  it("thins labels so 40 sessions' dates do not overlap", () => {
    expect(labelEvery(5)).toBe(1);
    expect(labelEvery(40)).toBeGreaterThan(1);
    expect((40 / labelEvery(40)) * 44).toBeLessThanOrEqual(PLOT.width - PLOT.left - PLOT.right);
  });

  it("bins rates by 10 points; 100% falls in the last bin, 79.6% rounds into 80–89%", () => {
    const bins = binRates([0, 0.05, 0.5, 0.796, 0.8, 0.999, 1, 1]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 2, 3]);
    expect(bins[0]!.label).toBe("0–9%");
    expect(bins[9]!.label).toBe("90–100%");
  });

  it("maps percentages across the plot", () => {
    expect(xOfPercent(0)).toBe(PLOT.left);
    expect(xOfPercent(100)).toBe(PLOT.width - PLOT.right);
    expect(xOfPercent(140)).toBe(PLOT.width - PLOT.right);
  });

  it("draws a line with gaps where a value is missing", () => {
    const pts = linePoints([1, 0.5, null, 0], 1);
    expect(pts[2]).toBeNull();
    const d = pathOf(pts);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
    expect(pathOf([])).toBe("");
  });

  it("writes rates as whole percentages", () => {
    expect(percentText(0.833)).toBe("83%");
    expect(percentText(null)).toBe("–");
  });
});

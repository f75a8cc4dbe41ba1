// Pure geometry for the server-rendered SVG charts (components/charts/*.tsx): scales, ticks,
// stacked bars, histogram bins and a line. No React, so it is tested on its own.

/** The drawing area inside a chart's viewBox: room on the left for the axis, below for labels. */
export interface Plot {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// left and bottom leave room for labels at their phone size (CHART_TEXT in ChartFrame.tsx)
export const PLOT: Plot = { width: 640, height: 260, left: 56, top: 12, right: 16, bottom: 48 };
export const innerWidth = (p: Plot) => p.width - p.left - p.right;
export const innerHeight = (p: Plot) => p.height - p.top - p.bottom;

/** The smallest "nice" axis maximum ≥ n (1, 2, 5 × 10^k), at least 1. */
export function niceMax(n: number): number {
  if (!(n > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  const step = [1, 2, 5, 10].find((m) => m * power >= n)!;
  return step * power;
}

/** Whole-number ticks from 0 to max, at most `count` + 1 of them. */
export function ticks(max: number, count = 4): number[] {
  const step = Math.max(1, Math.ceil(max / count));
  const out: number[] = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  if (out[out.length - 1] !== max) out.push(max);
  return out;
}

/** y coordinate of value v on an axis from 0 (bottom) to max (top). */
export function yOf(v: number, max: number, p: Plot = PLOT): number {
  return p.top + innerHeight(p) * (1 - (max === 0 ? 0 : v / max));
}

/** Show every n-th category label so labels of ~`labelWidth` units never overlap. */
export function labelEvery(categories: number, p: Plot = PLOT, labelWidth = 44): number {
  if (categories <= 0) return 1;
  return Math.max(1, Math.ceil((categories * labelWidth) / innerWidth(p)));
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface StackSegment<K extends string = string> extends Rect {
  key: K;
  value: number;
}

/** One bar per category, its segments stacked bottom-up in series order. */
export function stackBars<K extends string>(
  categories: readonly Partial<Record<K, number>>[],
  keys: readonly K[],
  max: number,
  p: Plot = PLOT,
): { x: number; width: number; segments: StackSegment<K>[] }[] {
  const slot = innerWidth(p) / Math.max(1, categories.length);
  const width = Math.max(1, slot * 0.7);
  return categories.map((values, i) => {
    const x = p.left + slot * i + (slot - width) / 2;
    let base = 0;
    const segments = keys.flatMap((key) => {
      const value: number = values[key] ?? 0;
      if (value <= 0) return [];
      const y = yOf(base + value, max, p);
      const height = yOf(base, max, p) - y;
      base += value;
      return [{ key, value, x, y, width, height }];
    });
    return { x, width, segments };
  });
}

export interface Bin {
  /** inclusive lower bound, percent */
  from: number;
  /** exclusive upper bound, percent (the last bin includes 100) */
  to: number;
  label: string;
  count: number;
}

/** Rates (0..1) into bins of `size` percentage points: 0–9 %, 10–19 %, …, 90–100 %. */
export function binRates(rates: readonly number[], size = 10): Bin[] {
  const bins: Bin[] = [];
  for (let from = 0; from < 100; from += size) {
    const to = Math.min(100, from + size);
    bins.push({ from, to, label: to === 100 ? `${from}–100%` : `${from}–${to - 1}%`, count: 0 });
  }
  for (const rate of rates) {
    const percent = Math.round(Math.min(1, Math.max(0, rate)) * 100);
    const index = Math.min(bins.length - 1, Math.floor(percent / size));
    bins[index]!.count += 1;
  }
  return bins;
}

/** The rate axis's ticks: every bin edge (0 %, 10 % … 100 %), at the x where that rate lies. */
export function percentTicks(size = 10, p: Plot = PLOT): { percent: number; x: number }[] {
  return Array.from({ length: Math.floor(100 / size) + 1 }, (_, i) => ({ percent: i * size, x: xOfPercent(i * size, p) }));
}

/** x coordinate of a percentage (0–100) across the plot. */
export function xOfPercent(percent: number, p: Plot = PLOT): number {
  return p.left + (innerWidth(p) * Math.min(100, Math.max(0, percent))) / 100;
}

/** Points of a line over evenly spaced categories; null values break the line. */
export function linePoints(values: readonly (number | null)[], max: number, p: Plot = PLOT): ({ x: number; y: number } | null)[] {
  const slot = innerWidth(p) / Math.max(1, values.length);
  return values.map((v, i) => (v === null ? null : { x: p.left + slot * i + slot / 2, y: yOf(v, max, p) }));
}

/** An SVG path through the points ("M x y L x y …"), starting again after each gap. */
export function pathOf(points: readonly ({ x: number; y: number } | null)[]): string {
  let d = "";
  let pen = false;
  for (const pt of points) {
    if (!pt) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${pt.x.toFixed(1)} ${pt.y.toFixed(1)} `;
    pen = true;
  }
  return d.trim();
}

/** "83%" from 0.833; "–" for null (nothing held yet). */
export const percentText = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)}%`);

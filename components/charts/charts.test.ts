// The charts render as plain SVG with a title, a text alternative and a table holding the same
// numbers the picture draws.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RatesChart, ratesSummary } from "./RatesChart";
import { SessionsChart, sessionsSummary, type SessionCounts } from "./SessionsChart";
import { TrendChart, runningRates, trendSummary, type TrendPoint } from "./TrendChart";

const sessions: SessionCounts[] = [
  { id: "a", label: "6 Oct", present: 8, late: 1, excused: 0, absent: 1 },
  { id: "b", label: "13 Oct", present: 5, late: 0, excused: 1, absent: 4 },
];

const cells = (html: string) => [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);

describe("SessionsChart", () => {
  it("has an SVG image named by its title and summary, and the counts in a table", () => {
    const html = renderToStaticMarkup(createElement(SessionsChart, { sessions }));
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="sessions-chart-title sessions-chart-desc"');
    expect(html).toContain("<title id=\"sessions-chart-title\">Attendance per session</title>");
    expect(cells(html)).toEqual(["8", "1", "0", "1", "5", "0", "1", "4"]);
    expect(html.match(/<rect [^>]*stroke="#fff"/g)).toHaveLength(6); // zero counts draw nothing
  });

  it("summarises the average and the weakest session in words", () => {
    expect(sessionsSummary(sessions)).toBe("2 sessions held. On average 70% of enrolled students came (present or late); the lowest was 13 Oct with 5 of 10.");
    expect(sessionsSummary([])).toBe("No session has been held yet.");
  });
});

describe("RatesChart", () => {
  it("counts students per rate bin and draws the threshold", () => {
    const html = renderToStaticMarkup(createElement(RatesChart, { rates: [1, 0.9, 0.5, 0.75], thresholdPercent: 80 }));
    expect(cells(html)).toEqual(["0", "0", "0", "0", "0", "1", "0", "1", "0", "2"]);
    expect(html).toContain("threshold 80%");
    expect(html).toContain('stroke-dasharray="6 4"');
    expect(ratesSummary([1, 0.9, 0.5, 0.75], 80)).toBe("4 students; median rate 75%. 2 are below the 80% threshold.");
  });

  it("draws the threshold line on its own tick of the rate axis, for any threshold that is a tick", () => {
    for (const threshold of [0, 30, 75, 80, 100]) {
      const html = renderToStaticMarkup(createElement(RatesChart, { rates: [0.5], thresholdPercent: threshold }));
      const line = Number(/<line x1="([\d.]+)"[^>]*data-testid="rates-chart-threshold"/.exec(html)![1]);
      const ticks = new Map([...html.matchAll(/<line x1="([\d.]+)" x2="[\d.]+" y1="[\d.]+" y2="[\d.]+" stroke="#94a3b8"><\/line><text [^>]*data-percent="(\d+)"/g)].map((m) => [Number(m[2]), Number(m[1])]));
      expect([...ticks.keys()]).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
      if (ticks.has(threshold)) expect(line).toBe(ticks.get(threshold));
      else expect(line).toBeGreaterThan(ticks.get(Math.floor(threshold / 10) * 10)!); // 75 %: between the 70 % and 80 % ticks
    }
  });

  it("marks every label for its phone size, and every other axis label as one phones leave out", () => {
    const html = renderToStaticMarkup(createElement(RatesChart, { rates: [0.5], thresholdPercent: 80 }));
    expect(html.match(/<text /g)!.length).toBe(html.match(/<text [^>]*class="chart-text/g)!.length);
    expect([...html.matchAll(/data-percent="(\d+)" class="chart-text chart-minor"/g)].map((m) => m[1])).toEqual(["10", "30", "50", "70", "90"]);
  });
});

describe("TrendChart", () => {
  const points: TrendPoint[] = [
    { id: "1", label: "6 Oct", status: "present" },
    { id: "2", label: "13 Oct", status: "absent" },
    { id: "3", label: "20 Oct", status: "excused" },
    { id: "4", label: "27 Oct", status: "late" },
  ];

  it("runs the rate as (present + late + excused) / sessions so far", () => {
    expect(runningRates(points)).toEqual([1, 0.5, 2 / 3, 0.75]);
    expect(trendSummary(points, 80)).toBe("After 4 sessions your rate is 75%, below the 80% threshold. You missed 1.");
  });

  it("lists each session with its status and running rate", () => {
    const html = renderToStaticMarkup(createElement(TrendChart, { id: "trend-cs101", title: "CS101", points, thresholdPercent: 80 }));
    expect(cells(html)).toEqual(["Present", "100%", "Absent", "50%", "Excused", "67%", "Late", "75%"]);
    expect(html).toContain('aria-labelledby="trend-cs101-title trend-cs101-desc"');
  });
});

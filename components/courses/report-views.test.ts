// The course report's views: the matrix reads each cell's word to a screen reader and flags a
// rate under the threshold; the low-attendance list is sorted lowest first; skip dates typed
// in any separator become a clean list.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CourseReport } from "@/lib/courses/course-report";
import { LowAttendanceList } from "./LowAttendanceList";
import { ReportMatrix } from "./ReportMatrix";
import { parseSkipDates } from "./SessionSeriesForm";

type Student = CourseReport["students"][number];
const student = (name: string, cells: Student["cells"], rate: number | null): Student => ({
  enrollment_id: `e-${name}`, user_id: null, full_name: name, email: `${name.toLowerCase()}@college.test`, student_number: null,
  present: cells.filter((c) => c === "P").length, late: cells.filter((c) => c === "L").length, excused: cells.filter((c) => c === "E").length,
  absent: cells.filter((c) => c === "A").length, attended: cells.filter((c) => c === "P" || c === "L").length, sessions_held: cells.filter(Boolean).length, rate, cells,
});
const sessions = [
  { id: "s1", title: "Week 1", label: "Mon 7 Sep", time: "09:00", held: true },
  { id: "s2", title: "Week 1, lab", label: "Mon 7 Sep", time: "14:00", held: true },
  { id: "s3", title: "Week 3", label: "Mon 21 Sep", time: "09:00", held: false },
];

describe("ReportMatrix", () => {
  it("shows P/L/E/A with their words, the counts and the rate, flagging a rate below the threshold", () => {
    const html = renderToStaticMarkup(createElement(ReportMatrix, { sessions, students: [student("Ada", ["P", "L", null], 1), student("Alan", ["A", "E", null], 0.5)], thresholdPercent: 80 }));
    expect(html).toContain('<th scope="col"');
    expect(html).toMatch(/<span aria-hidden="true">L<\/span><span class="sr-only">late<\/span>/);
    expect(html).toMatch(/<span aria-hidden="true">A<\/span><span class="sr-only">absent<\/span>/);
    const rates = [...html.matchAll(/data-testid="report-rate">([^<]*)(<span class="sr-only">([^<]*)<\/span>)?/g)].map((m) => [m[1], m[3] ?? ""]);
    expect(rates).toEqual([["100%", ""], ["50%", " (below the threshold)"]]);
  });

  it("tells same-day sessions apart by their time, and shows – for a session before the student enrolled", () => {
    const html = renderToStaticMarkup(createElement(ReportMatrix, { sessions, students: [student("Cy", ["-", "P", null], 1)], thresholdPercent: 80 }));
    const headers = [...html.matchAll(/data-testid="report-session">([^<]*)<span[^>]*>([^<]*)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(headers).toEqual(["Mon 7 Sep 09:00", "Mon 7 Sep 14:00", "Mon 21 Sep 09:00"]);
    expect(html).toMatch(/<span aria-hidden="true">–<\/span><span class="sr-only">not enrolled then<\/span>/);
    expect(html).toContain("(no account yet)");
  });
});

describe("LowAttendanceList", () => {
  it("lists the students below the threshold, lowest rate first", () => {
    const html = renderToStaticMarkup(createElement(LowAttendanceList, { students: [student("Bea", ["A", "P"], 0.5), student("Cal", ["A", "A"], 0)], thresholdPercent: 75, held: 2 }));
    expect([...html.matchAll(/data-email="([^"]+)"/g)].map((m) => m[1])).toEqual(["cal@college.test", "bea@college.test"]);
    expect(html).toContain("2 students are below the 75% threshold");
  });

  it("says so when nobody is below, and when nothing has been held", () => {
    expect(renderToStaticMarkup(createElement(LowAttendanceList, { students: [], thresholdPercent: 80, held: 3 }))).toContain("Every student is at or above 80%.");
    expect(renderToStaticMarkup(createElement(LowAttendanceList, { students: [], thresholdPercent: 80, held: 0 }))).toContain("No session has been held yet.");
  });
});

describe("parseSkipDates", () => {
  it("splits on commas, semicolons and whitespace, drops repeats and sorts", () => {
    expect(parseSkipDates("2026-10-26, 2026-10-19;\n2026-10-26  2026-12-24\n")).toEqual(["2026-10-19", "2026-10-26", "2026-12-24"]);
    expect(parseSkipDates("  ")).toEqual([]);
  });
});

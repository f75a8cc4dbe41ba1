import { describe, expect, it } from "vitest";
import {
  COURSES_PER_STUDENT, HALLS, HALL_SEATS, SESSION_MINUTES, WEEKS, campusIds, campusPlan, collegeSize, draw, enrolment, expectedCounts, mark, mix, sessionStart, yearStart,
} from "./campus-plan";

/** How many courses each student is enrolled in. */
function coursesPerStudent(plan: ReturnType<typeof campusPlan>): number[] {
  const n = new Array<number>(plan.students).fill(0);
  for (const c of plan.courses) for (let k = 0; k < c.seats; k++) n[(c.first + k) % plan.students]!++;
  return n;
}

describe("the campus plan", () => {
  it("at scale 1 is a 30,000-student college of 1,000 courses, each student in ~22 of them", () => {
    const plan = campusPlan(1);
    expect([plan.students, plan.courses.length, plan.staff, plan.hallSeats]).toEqual([30_000, 1_000, 300, HALL_SEATS]);
    expect(Math.abs(plan.enrolments - 30_000 * COURSES_PER_STUDENT)).toBeLessThan(30_000 * 0.005);
    const per = coursesPerStudent(plan);
    expect(Math.min(...per)).toBeGreaterThanOrEqual(COURSES_PER_STUDENT - 1);
    expect(Math.max(...per)).toBeLessThanOrEqual(COURSES_PER_STUDENT + 1);
    expect(plan.courses.filter((c) => c.kind === "seminar").length).toBeGreaterThan(300);
    expect(plan.courses.every((c) => c.seats >= 30 && c.seats <= plan.students)).toBe(true);
  });

  it("puts the measured lecture halls first: HALL_SEATS students each, nobody in two, different lecturers", () => {
    for (const scale of [1, 0.1, 0.02]) {
      const plan = campusPlan(scale);
      const halls = plan.courses.slice(0, HALLS);
      expect(halls.every((c) => c.kind === "hall" && c.seats === plan.hallSeats)).toBe(true);
      const students = halls.flatMap((c) => Array.from({ length: c.seats }, (_, k) => (c.first + k) % plan.students));
      expect(new Set(students).size).toBe(HALLS * plan.hallSeats);
      expect(new Set(halls.map((c) => c.instructor)).size).toBe(HALLS);
      // nobody joins late or drops a measured hall: the roster is the hall
      expect(students.every((s, i) => !enrolment(s, Math.floor(i / plan.hallSeats)).dropped)).toBe(true);
    }
  });

  it("scales the college down for a quick try, keeping the ten halls", () => {
    expect(collegeSize(0.02)).toEqual({ students: 600, courses: 20, staff: 10, hallSeats: 60 });
    expect(collegeSize(0.001)).toEqual({ students: 100, courses: 15, staff: 10, hallSeats: 10 });
    expect(() => collegeSize(0)).toThrow();
    expect(() => collegeSize(2)).toThrow();
  });

  it("draws the same numbers every time, spread over [0, 10000)", () => {
    expect(draw(12, 34, 5)).toBe(draw(12, 34, 5));
    const draws = Array.from({ length: 20_000 }, (_, i) => draw(i, 7, 3));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(10_000);
    const low = draws.filter((d) => d < 1000).length / draws.length;
    expect(low).toBeGreaterThan(0.08);
    expect(low).toBeLessThan(0.12);
    // stays exact in doubles: the largest product is below 2^53
    expect(Number.isSafeInteger(4_194_303 * 747_796_405 + 2_891_336_453)).toBe(true);
    expect(mix(2 ** 40)).toBe(mix(2 ** 40 % 4_194_304));
  });

  it("gives ~89 % attendance: ~3 % of marks excuses, ~7 % late, scans within the check-in", () => {
    let marks = 0;
    let excused = 0;
    let late = 0;
    const wrong: unknown[] = [];
    const cells = 30_000;
    for (let i = 0; i < cells; i++) {
      const m = mark(i % 3000, Math.floor(i / 3000), i % WEEKS);
      if (!m) continue;
      marks++;
      if (m.status === "excused") {
        excused++;
        if (m.method !== "manual" || m.code !== null) wrong.push(m);
      } else {
        if (m.status === "late") late++;
        // scanned within the 15-minute check-in with one of its 30 codes; late after 10 minutes
        if (m.offsetSeconds >= 15 * 60 || m.code === null || m.code < 0 || m.code >= 30 || (m.status === "late") !== m.offsetSeconds > 10 * 60) wrong.push(m);
      }
    }
    expect(wrong).toEqual([]);
    expect(marks / cells).toBeGreaterThan(0.86);
    expect(marks / cells).toBeLessThan(0.92);
    expect(excused / marks).toBeGreaterThan(0.02);
    expect(excused / marks).toBeLessThan(0.04);
    expect(late / marks).toBeGreaterThan(0.05);
    expect(late / marks).toBeLessThan(0.09);
  });

  it("expects ~17.5 M marks at scale 1 (counted on a small plan here: the same rules)", () => {
    const plan = campusPlan(0.02);
    const n = expectedCounts(plan);
    expect(n.enrolments).toBe(plan.enrolments);
    expect(n.marks / (n.enrolments * WEEKS)).toBeGreaterThan(0.85);
    expect(n.marks / (n.enrolments * WEEKS)).toBeLessThan(0.92);
    expect(n.warnings).toBeGreaterThan(0);
  });

  it("places every session of the year in the past, the last one more than a week ago", () => {
    const now = Date.UTC(2026, 11, 9, 10, 30); // a Wednesday
    const start = yearStart(now);
    expect(new Date(start).getUTCDay()).toBe(1);
    expect(new Date(start).getUTCHours()).toBe(0);
    const last = sessionStart(start, { weekday: 4, hour: 17 }, WEEKS - 1) + SESSION_MINUTES * 60_000;
    expect(last).toBeLessThan(now - 7 * 86_400_000);
  });

  it("makes ids in the app's shapes, unique, in insertion order", () => {
    const ids = campusIds("ab12cd3");
    expect(ids.user(31_000)).toMatch(/^c[a-z0-9]{24}$/);
    expect(ids.mark(659_999, 29)).toMatch(/^c[a-z0-9]{24}$/);
    expect(ids.audit(6e12 + 659_999)).toMatch(/^c[a-z0-9]{24}$/);
    expect(ids.event(999, 29)).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(ids.qr(999, 29, 29)).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(ids.course(999)).toMatch(/^[0-9A-Za-z]{12}$/);
    const marks = [ids.mark(0, 0), ids.mark(0, 29), ids.mark(1, 0), ids.mark(10, 3)];
    expect([...marks].sort()).toEqual(marks);
    expect(new Set([ids.qr(1, 2, 3), ids.qr(1, 3, 2), ids.qr(2, 1, 3)]).size).toBe(3);
    expect(() => campusIds("UPPER12")).toThrow();
  });
});

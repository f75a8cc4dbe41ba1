// The report's arithmetic on a fixture whose answer is worked out by hand below.
import { describe, expect, it } from "vitest";
import { belowThreshold, computeCourseAttendance, rateDistribution, type Session, type Student } from "./course-attendance";

const day = (d: number, h = 9) => new Date(Date.UTC(2026, 9, d, h));
const session = (id: string, d: number, extra: Partial<Session> = {}): Session => ({ id, title: id, startsAt: day(d, 9), endsAt: day(d, 11), checkinClosedAt: null, archivedAt: null, ...extra });
const student = (n: string, extra: Partial<Student> = {}): Student => ({ enrollmentId: `e-${n}`, userId: `u-${n}`, email: `${n}@x.edu`, fullName: n, studentNumber: null, enrolledAt: day(1, 0), droppedAt: null, ...extra });

describe("computeCourseAttendance", () => {
  // s1, s2, s3 ended; s4 stopped early (closed); s5 still open at `now`; s6 in the future
  const sessions = [session("s1", 5), session("s2", 6), session("s3", 7), session("s4", 8, { checkinClosedAt: day(8, 10) }), session("s5", 9, { endsAt: day(9, 23) }), session("s6", 12)];
  const now = day(9, 12);
  const students = [student("ada"), student("bob"), student("cy", { enrolledAt: day(7, 10) }), student("dee", { userId: null })];
  const mark = (userId: string | null, eventId: string, status: "present" | "late" | "excused", enrollmentId: string | null = null) => ({ userId, enrollmentId, eventId, status });
  const marks = [
    mark("u-ada", "s1", "present"),
    mark("u-ada", "s2", "late"),
    mark("u-ada", "s3", "present"),
    mark("u-ada", "s4", "excused"),
    mark("u-ada", "s5", "present"),
    mark("u-bob", "s2", "present"),
    mark("u-cy", "s4", "late"),
    mark("u-cy", "s1", "present"), // before cy enrolled, but marked: counts
    mark("u-zed", "s1", "present"), // a walk-in: not on the report
    mark(null, "s2", "excused", "e-dee"), // dee has no account: excused against her enrolment
  ];
  // settled (the grace period passed): s1–s3, which ended on days 5–7; not s4, stopped on day 8
  const { rows, totals } = computeCourseAttendance(sessions, students, marks, now, { isSettled: (s) => s.endsAt < day(8, 0) });

  it("fills the matrix: letters for closed sessions and marks, - before enrolment, blanks for open unmarked sessions", () => {
    expect(rows.map((r) => r.cells.map((c) => c ?? "").join(","))).toEqual([
      "P,L,P,E,P,", // ada: s5 marked while open shows P
      "A,P,A,A,,", // bob
      "P,-,A,L,,", // cy enrolled on day 7 at 10:00, during s3 (9–11): expected from s3; s1 marked anyway
      "A,E,A,A,,", // dee has no account: her enrolment's excuse counts, absent elsewhere closed
    ]);
  });

  it("counts settled sessions apart (the warning's grace period)", () => {
    expect(rows.map((r) => [r.settled.held, r.settled.present + r.settled.late + r.settled.excused])).toEqual([
      [3, 3], // ada: s1–s3 settled, s4 (stopped on day 8) not yet
      [3, 1],
      [2, 1], // cy: s1 (marked anyway) and s3
      [3, 1],
    ]);
  });

  it("counts closed sessions only: rate = (present + late + excused) / held", () => {
    expect(rows.map((r) => [r.present, r.late, r.excused, r.absent, r.held, r.rate])).toEqual([
      [2, 1, 1, 0, 4, 1], // s5 is open: not counted
      [1, 0, 0, 3, 4, 0.25],
      [1, 1, 0, 1, 3, 0.6667],
      [0, 0, 1, 3, 4, 0.25],
    ]);
    expect(belowThreshold(rows, 80).map((r) => r.student.fullName)).toEqual(["bob", "cy", "dee"]);
    expect(belowThreshold(rows, 25).map((r) => r.student.fullName)).toEqual([]);
    expect(belowThreshold(rows, 26).map((r) => r.student.fullName)).toEqual(["bob", "dee"]);
  });

  it("totals each session for the stacked chart, and bins the rates", () => {
    expect(totals.map((t) => [t.session.id, t.held, t.present, t.late, t.excused, t.absent, t.not_marked, t.no_account])).toEqual([
      ["s1", true, 2, 0, 0, 2, 0, 1],
      ["s2", true, 1, 1, 1, 0, 0, 1], // cy not enrolled yet: not counted
      ["s3", true, 1, 0, 0, 3, 0, 1],
      ["s4", true, 0, 1, 1, 2, 0, 1],
      ["s5", false, 1, 0, 0, 0, 3, 1],
      ["s6", false, 0, 0, 0, 0, 4, 1],
    ]);
    expect(rateDistribution(rows).map((b) => b.students)).toEqual([0, 0, 2, 0, 0, 0, 1, 0, 0, 1]);
  });
});

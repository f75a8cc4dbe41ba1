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
  const marks = [
    { userId: "u-ada", eventId: "s1", status: "present" as const },
    { userId: "u-ada", eventId: "s2", status: "late" as const },
    { userId: "u-ada", eventId: "s3", status: "present" as const },
    { userId: "u-ada", eventId: "s4", status: "excused" as const },
    { userId: "u-ada", eventId: "s5", status: "present" as const },
    { userId: "u-bob", eventId: "s2", status: "present" as const },
    { userId: "u-cy", eventId: "s4", status: "late" as const },
    { userId: "u-cy", eventId: "s1", status: "present" as const }, // before cy enrolled, but marked: counts
    { userId: "u-zed", eventId: "s1", status: "present" as const }, // a walk-in: not on the report
  ];
  const { rows, totals } = computeCourseAttendance(sessions, students, marks, now);

  it("fills the matrix: letters for closed sessions and marks, blanks before enrolment and for open unmarked sessions", () => {
    expect(rows.map((r) => r.cells.join(","))).toEqual([
      "P,L,P,E,P,", // ada: s5 marked while open shows P
      "A,P,A,A,,", // bob
      "P,,A,L,,", // cy enrolled on day 7 at 10:00, during s3 (9–11): expected from s3; s1 marked anyway
      "A,A,A,A,,", // dee has no account: absent everywhere closed
    ]);
  });

  it("counts closed sessions only: rate = (present + late + excused) / held", () => {
    expect(rows.map((r) => [r.present, r.late, r.excused, r.absent, r.held, r.rate])).toEqual([
      [2, 1, 1, 0, 4, 1], // s5 is open: not counted
      [1, 0, 0, 3, 4, 0.25],
      [1, 1, 0, 1, 3, 0.6667],
      [0, 0, 0, 4, 4, 0],
    ]);
    expect(belowThreshold(rows, 80).map((r) => r.student.fullName)).toEqual(["bob", "cy", "dee"]);
    expect(belowThreshold(rows, 25).map((r) => r.student.fullName)).toEqual(["dee"]);
  });

  it("totals each session for the stacked chart, and bins the rates", () => {
    expect(totals.map((t) => [t.session.id, t.held, t.present, t.late, t.excused, t.absent, t.not_marked])).toEqual([
      ["s1", true, 2, 0, 0, 2, 0],
      ["s2", true, 1, 1, 0, 1, 0],
      ["s3", true, 1, 0, 0, 3, 0],
      ["s4", true, 0, 1, 1, 2, 0],
      ["s5", false, 1, 0, 0, 0, 3],
      ["s6", false, 0, 0, 0, 0, 4],
    ]);
    expect(rateDistribution(rows).map((b) => b.students)).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
  });
});

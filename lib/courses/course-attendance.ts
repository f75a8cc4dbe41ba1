// One course's attendance, computed from its sessions, its roster and the stored marks: the
// students × sessions matrix, each student's counts and rate, and each session's totals. The
// report, its CSV, the student's own view and the low-attendance warning all use this. Pure.
import { isSessionClosed, statusOf, wasExpected, type SessionTimes } from "../attendance/session-status";

export type Letter = "P" | "L" | "E" | "A";
const LETTER = { present: "P", late: "L", excused: "E", absent: "A" } as const;

export interface Session extends SessionTimes {
  id: string;
  title: string;
}
export interface Student {
  enrollmentId: string;
  userId: string | null;
  email: string;
  fullName: string;
  studentNumber: string | null;
  enrolledAt: Date;
  droppedAt: Date | null;
}
export interface Mark {
  userId: string;
  eventId: string;
  status: "present" | "late" | "excused";
}

export interface StudentAttendance {
  student: Student;
  /** per session, in order: a letter, or null (not enrolled then, or still open without a mark) */
  cells: (Letter | null)[];
  present: number;
  late: number;
  excused: number;
  absent: number;
  /** closed sessions the student was enrolled for: the rate's denominator */
  held: number;
  /** (present + late + excused) / held over closed sessions, 0..1; null before any */
  rate: number | null;
}

export interface SessionTotals {
  session: Session;
  held: boolean;
  present: number;
  late: number;
  excused: number;
  absent: number;
  not_marked: number;
}

export const roundRate = (r: number) => Math.round(r * 10_000) / 10_000;

export function computeCourseAttendance(sessions: Session[], students: Student[], marks: Mark[], now: Date) {
  const markOf = new Map(marks.map((m) => [`${m.userId}|${m.eventId}`, m]));
  const closed = sessions.map((s) => isSessionClosed(s, now));
  const totals: SessionTotals[] = sessions.map((session, i) => ({ session, held: closed[i]!, present: 0, late: 0, excused: 0, absent: 0, not_marked: 0 }));
  const rows: StudentAttendance[] = students.map((student) => {
    const row: StudentAttendance = { student, cells: [], present: 0, late: 0, excused: 0, absent: 0, held: 0, rate: null };
    sessions.forEach((s, i) => {
      const mark = student.userId ? markOf.get(`${student.userId}|${s.id}`) : undefined;
      // not on the roster while it ran: blank, unless they marked anyway (then it counts)
      if (!mark && !wasExpected(student, s)) return void row.cells.push(null);
      const status = statusOf(mark, closed[i]!);
      totals[i]![status]++;
      if (status === "not_marked") return void row.cells.push(null);
      row.cells.push(LETTER[status]);
      if (!closed[i]) return; // a mark in a session still open shows, but rates count closed sessions only
      row.held++;
      row[status]++;
    });
    row.rate = row.held === 0 ? null : roundRate((row.present + row.late + row.excused) / row.held);
    return row;
  });
  return { rows, totals };
}

/** Students with a rate below the threshold (percent). */
export const belowThreshold = (rows: StudentAttendance[], thresholdPercent: number) => rows.filter((r) => r.rate !== null && r.rate * 100 < thresholdPercent);

/** How many students have a rate in each tenth: [0,10) … [90,100]; students without a rate are left out. */
export function rateDistribution(rows: StudentAttendance[]) {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from_percent: i * 10, to_percent: i * 10 + 10, students: 0 }));
  for (const r of rows) if (r.rate !== null) bins[Math.min(9, Math.floor(r.rate * 10))]!.students++;
  return bins;
}

// The campus scenario's college (issue 20, docs/performance.md#a-college-after-a-year-campus): who
// is enrolled where, when each course met and who came, as pure functions of the scale. The SQLite
// seeder builds its rows in JavaScript from these functions; the PostgreSQL seeder has the
// database build them from the SQL twins beside them (same integer arithmetic), and both compare
// their row counts with `expectedCounts`, so the two databases hold the same year.
//
// Shape at scale 1: 30,000 students, 300 lecturers, 1,000 courses of 30 weekly sessions. Course
// sizes vary — seminars of 30–60, classes of 80–250, 300-seat halls, lectures of several hundred
// to a few thousand — so that a student takes ~22 courses over the year (~660,000 enrolments,
// ~17.5 M marks at ~89 % attendance). The first HALLS courses are the measured lecture halls:
// HALL_SEATS students each, disjoint, nobody dropped.

export const FULL_COLLEGE = { students: 30_000, courses: 1_000, staff: 300 } as const;
export const WEEKS = 30;
export const HALLS = 10;
export const HALL_SEATS = 300;
/** enrolments per student over the year (the lecture sizes are scaled to reach it) */
export const COURSES_PER_STUDENT = 22;
/** QR codes projected per session: a 30-second rotation over the 15-minute check-in */
export const CODES_PER_SESSION = 30;
export const CODE_ROTATION_SECONDS = 30;
export const CHECKIN_MINUTES = 15;
export const LATE_AFTER_MINUTES = 10;
export const SESSION_MINUTES = 90;
/** every course's threshold (the app's default) */
export const THRESHOLD_PERCENT = 80;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export type CourseKind = "hall" | "seminar" | "class" | "lecture" | "year lecture";

export interface PlannedCourse {
  index: number;
  kind: CourseKind;
  seats: number;
  /** the first student on the ring: the course's students are first, first + 1, … (mod students) */
  first: number;
  /** enrolments of the courses before this one: global enrolment number of its first seat */
  enrolmentOffset: number;
  /** staff index of its lecturer */
  instructor: number;
  /** 0 = Monday */
  weekday: number;
  hour: number;
}

export interface CampusPlan {
  scale: number;
  students: number;
  staff: number;
  hallSeats: number;
  courses: PlannedCourse[];
  enrolments: number;
}

// ---- deterministic randomness, identical in JavaScript and SQL (64-bit integers, no overflow) ----

const M22 = 4_194_304; // 2^22
/** 22 well-mixed bits of x (the high bits of one LCG step: products stay below 2^53). */
export function mix(x: number): number {
  return Math.floor((((x % M22) * 747_796_405 + 2_891_336_453) % 4_294_967_296) / 1024);
}
export const mixSql = (x: string) => `(((CAST(${x} AS BIGINT) % ${M22}) * 747796405 + 2891336453) % 4294967296 / 1024)`;

/** A number in [0, 10000) drawn from (a, b, c). */
export function draw(a: number, b: number, c: number): number {
  return mix(mix(mix(a) + b) + c) % 10_000;
}
export const drawSql = (a: string, b: string, c: string) => `(${mixSql(`${mixSql(`${mixSql(a)} + ${b}`)} + ${c}`)} % 10000)`;

// ---- the plan ----

export function collegeSize(scale: number) {
  if (!(scale > 0) || scale > 1) throw new Error(`--campus-scale must be in (0, 1], got ${scale}`);
  const students = Math.max(HALLS * 10, Math.round(FULL_COLLEGE.students * scale));
  const courses = Math.max(HALLS + 5, Math.round(FULL_COLLEGE.courses * scale));
  const staff = Math.max(HALLS, Math.round(FULL_COLLEGE.staff * scale));
  return { students, courses, staff, hallSeats: Math.min(HALL_SEATS, Math.floor(students / HALLS)) };
}

/** A course's kind and unscaled size (the measured halls are the first HALLS courses). */
function baseCourse(c: number, hallSeats: number): { kind: CourseKind; seats: number } {
  if (c < HALLS) return { kind: "hall", seats: hallSeats };
  const u = draw(c, 7, 11);
  const v = draw(c, 8, 12);
  if (u < 4000) return { kind: "seminar", seats: 30 + (v % 31) };
  if (u < 6200) return { kind: "class", seats: 80 + (v % 171) };
  if (u < 7200) return { kind: "hall", seats: HALL_SEATS };
  if (u < 9000) return { kind: "lecture", seats: 600 + (v % 901) };
  return { kind: "year lecture", seats: 2000 + (v % 1501) };
}

const scalable = (k: CourseKind) => k === "lecture" || k === "year lecture";

export function campusPlan(scale: number): CampusPlan {
  const size = collegeSize(scale);
  const bases = Array.from({ length: size.courses }, (_, c) => baseCourse(c, size.hallSeats));
  const fit = (seats: number) => Math.min(size.students, Math.max(1, seats));
  const target = size.students * COURSES_PER_STUDENT;
  const total = (f: number) => bases.reduce((n, b) => n + fit(scalable(b.kind) ? Math.round(b.seats * f) : b.seats), 0);
  // the lectures' factor that brings the enrolments closest to the target (monotone: bisect)
  let lo = 0;
  let hi = 64;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (total(mid) < target) lo = mid;
    else hi = mid;
  }
  const factor = hi;
  let offset = 0;
  const courses = bases.map((b, c): PlannedCourse => {
    const seats = fit(scalable(b.kind) ? Math.round(b.seats * factor) : b.seats);
    const course = { index: c, kind: b.kind, seats, first: offset % size.students, enrolmentOffset: offset, instructor: c % size.staff, weekday: c % 5, hour: 8 + (Math.floor(c / 5) % 10) };
    offset += seats;
    return course;
  });
  return { scale, students: size.students, staff: size.staff, hallSeats: size.hallSeats, courses, enrolments: offset };
}

// ---- time ----

/** Monday 00:00 UTC WEEKS + 1 weeks before `now`: the year's first week; every session has ended a week before now. */
export function yearStart(now: number): number {
  const monday = Math.floor((now - 4 * DAY_MS) / WEEK_MS) * WEEK_MS + 4 * DAY_MS; // 1970-01-05 was a Monday
  return monday - (WEEKS + 1) * WEEK_MS;
}

export const sessionStart = (start: number, course: Pick<PlannedCourse, "weekday" | "hour">, week: number) => start + week * WEEK_MS + course.weekday * DAY_MS + course.hour * 3_600_000;

// ---- enrolments and marks ----

export interface Enrolment {
  /** the first week the student was on the roster (> 0: joined with the join code two days before it) */
  firstWeek: number;
  /** the last week's session they were enrolled for (< WEEKS - 1: dropped three days after it) */
  lastWeek: number;
  joined: boolean;
  dropped: boolean;
}

/** 4 % join in weeks 1–4 with the join code, 2 % drop after weeks 4–23; the measured halls keep everyone. */
export function enrolment(student: number, course: number): Enrolment {
  const u = draw(student, course, 2);
  if (course >= HALLS && u < 400) return { firstWeek: 1 + (u % 4), lastWeek: WEEKS - 1, joined: true, dropped: false };
  if (course >= HALLS && u < 600) return { firstWeek: 0, lastWeek: 4 + (u % 20), joined: false, dropped: true };
  return { firstWeek: 0, lastWeek: WEEKS - 1, joined: false, dropped: false };
}
/** The SQL twin of `enrolment`, given its draw `u` = drawSql(student, course, "2") and the course `c` as SQL. */
export const enrolmentSql = (u: string, c: string) => ({
  joined: `(${c} >= ${HALLS} AND ${u} < 400)`,
  dropped: `(${c} >= ${HALLS} AND ${u} >= 400 AND ${u} < 600)`,
  firstWeek: `(CASE WHEN ${c} >= ${HALLS} AND ${u} < 400 THEN 1 + ${u} % 4 ELSE 0 END)`,
  lastWeek: `(CASE WHEN ${c} >= ${HALLS} AND ${u} >= 400 AND ${u} < 600 THEN 4 + ${u} % 20 ELSE ${WEEKS - 1} END)`,
});

/** One student in ten comes to ~62 % of sessions (and is warned), the others to ~93 %. */
export const isWeak = (student: number) => draw(student, 0, 1) < 1000;
export const isWeakSql = (s: string) => `(${drawSql(s, "0", "1")} < 1000)`;
const attendsBelow = (weak: boolean) => (weak ? 6200 : 9300);

export type MarkStatus = "present" | "late" | "excused";
export type MarkMethod = "scan" | "short_code" | "link" | "manual";

export interface Mark {
  status: MarkStatus;
  method: MarkMethod;
  /** seconds after the session's start (an excuse is entered two days later) */
  offsetSeconds: number;
  /** which of the session's codes was scanned (null for an excuse) */
  code: number | null;
  /** an excuse's reason, one of EXCUSE_REASONS */
  reason: number;
}

export const EXCUSE_REASONS = ["Medical certificate", "Family emergency", "Sports competition for the college", "Public transport strike"] as const;

/** The mark of `student` in `course`'s session of `week`, or null (absent). Of the marks ~3 % are excuses and ~7 % late. */
export function mark(student: number, course: number, week: number, weak = isWeak(student)): Mark | null {
  const r = draw(student, course, week + 3);
  const p = attendsBelow(weak);
  if (r >= p) return null;
  if (r < (p * 3) / 100) return { status: "excused", method: "manual", offsetSeconds: 2 * 86_400 + (r % 3600), code: null, reason: r % EXCUSE_REASONS.length };
  const method: MarkMethod = r % 20 === 0 ? "short_code" : r % 20 === 1 ? "link" : "scan";
  const offsetSeconds = r < (p * 10) / 100 ? 630 + ((r * 13) % 240) : 5 + ((r * 7) % 570);
  return { status: r < (p * 10) / 100 ? "late" : "present", method, offsetSeconds, code: Math.floor(offsetSeconds / CODE_ROTATION_SECONDS), reason: 0 };
}

/** The SQL twin of `mark`, given the draw `r` and the weak flag as SQL expressions. */
export const markSql = (r: string, weak: string) => {
  const p = `(CASE WHEN ${weak} THEN ${attendsBelow(true)} ELSE ${attendsBelow(false)} END)`;
  const excused = `${r} * 100 < ${p} * 3`;
  const late = `${r} * 100 < ${p} * 10`;
  const offset = `(CASE WHEN ${excused} THEN ${2 * 86_400} + ${r} % 3600 WHEN ${late} THEN 630 + (${r} * 13) % 240 ELSE 5 + (${r} * 7) % 570 END)`;
  return {
    attends: `${r} < ${p}`,
    status: `(CASE WHEN ${excused} THEN 'excused' WHEN ${late} THEN 'late' ELSE 'present' END)`,
    method: `(CASE WHEN ${excused} THEN 'manual' WHEN ${r} % 20 = 0 THEN 'short_code' WHEN ${r} % 20 = 1 THEN 'link' ELSE 'scan' END)`,
    excused,
    offsetSeconds: offset,
    code: `(CASE WHEN ${excused} THEN NULL ELSE ${offset} / ${CODE_ROTATION_SECONDS} END)`,
    reason: `${r} % ${EXCUSE_REASONS.length}`,
  };
};

export interface ExpectedCounts {
  enrolments: number;
  joined: number;
  dropped: number;
  marks: number;
  excused: number;
  late: number;
  /** low-attendance warnings: weak students on a roster they did not drop */
  warnings: number;
}

/** What the seeders must have written (they compare their row counts with it). */
export function expectedCounts(plan: CampusPlan): ExpectedCounts {
  const weak = Array.from({ length: plan.students }, (_, s) => isWeak(s));
  const n: ExpectedCounts = { enrolments: plan.enrolments, joined: 0, dropped: 0, marks: 0, excused: 0, late: 0, warnings: 0 };
  for (const course of plan.courses) {
    for (let k = 0; k < course.seats; k++) {
      const s = (course.first + k) % plan.students;
      const e = enrolment(s, course.index);
      if (e.joined) n.joined++;
      if (e.dropped) n.dropped++;
      else if (weak[s]) n.warnings++;
      for (let w = e.firstWeek; w <= e.lastWeek; w++) {
        const m = mark(s, course.index, w, weak[s]);
        if (!m) continue;
        n.marks++;
        if (m.status === "excused") n.excused++;
        else if (m.status === "late") n.late++;
      }
    }
  }
  return n;
}

// ---- ids and words, in the app's formats ----

/** A run's ids: cuid-shaped (25 characters, "c" + lower-case alphanumerics) and shortId-shaped (12 characters). */
export function campusIds(run: string) {
  if (!/^[a-z0-9]{7}$/.test(run)) throw new Error("run must be 7 lower-case alphanumerics");
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const short = run.slice(0, 4);
  return {
    run,
    /** 0: the admin, 1…staff: lecturers, then the students */
    user: (person: number) => `c${run}u${pad(person, 16)}`,
    course: (c: number) => `${short}C${pad(c, 7)}`,
    event: (c: number, w: number) => `${short}E${pad(c * 32 + w, 7)}`,
    qr: (c: number, w: number, q: number) => `${short}Q${pad((c * 32 + w) * 32 + q, 7)}`,
    enrolment: (e: number) => `c${run}n${pad(e, 16)}`,
    mark: (e: number, w: number) => `c${run}a${pad(e * 32 + w, 16)}`,
    /** audit rows and notifications: a number per kind of row (AUDIT_BASE) plus its own */
    audit: (n: number) => `c${run}l${pad(n, 16)}`,
    notification: (n: number) => `c${run}m${pad(n, 16)}`,
    alert: (e: number) => `c${run}w${pad(e, 16)}`,
  };
}

/** The SQL twins of `campusIds` (PostgreSQL: lpad). */
export function campusIdsSql(run: string) {
  const short = run.slice(0, 4);
  const pad = (x: string, width: number) => `lpad(CAST(${x} AS TEXT), ${width}, '0')`;
  return {
    user: (p: string) => `'c${run}u' || ${pad(p, 16)}`,
    course: (c: string) => `'${short}C' || ${pad(c, 7)}`,
    event: (c: string, w: string) => `'${short}E' || ${pad(`${c} * 32 + ${w}`, 7)}`,
    qr: (c: string, w: string, q: string) => `'${short}Q' || ${pad(`(${c} * 32 + ${w}) * 32 + ${q}`, 7)}`,
    enrolment: (e: string) => `'c${run}n' || ${pad(e, 16)}`,
    mark: (e: string, w: string) => `'c${run}a' || ${pad(`CAST(${e} AS BIGINT) * 32 + ${w}`, 16)}`,
    audit: (n: string) => `'c${run}l' || ${pad(n, 16)}`,
    notification: (n: string) => `'c${run}m' || ${pad(n, 16)}`,
    alert: (e: string) => `'c${run}w' || ${pad(e, 16)}`,
  };
}

/** Audit and notification numbers: each kind of row counts from its own base (ids stay unique). */
export const TRAIL_BASE = { course: 0, session: 1e9, code: 2e9, excuse: 3e12, join: 4e12, drop: 5e12, warning: 6e12 } as const;

export const GIVEN_NAMES = ["Amara", "Ben", "Chiara", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Ines", "Jonas", "Kwame", "Lea", "Mateo", "Nora", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoë"] as const;
export const FAMILY_NAMES = ["Abebe", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hoang", "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Müller", "Nakamura", "O'Brien", "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Usman", "Vargas", "Wójcik", "Xu", "Yilmaz", "Zimmermann"] as const;

/** person 0 is the admin, 1…staff the lecturers, then the students */
export const campusEmail = (person: number, staff: number) => `${person === 0 ? "admin" : person <= staff ? `lecturer${person}` : `student${person - staff - 1}`}@campus.bench.rollcall.test`;

export const personName = (person: number) => ({ given: GIVEN_NAMES[person % GIVEN_NAMES.length]!, family: FAMILY_NAMES[Math.floor(person / GIVEN_NAMES.length) % FAMILY_NAMES.length]! });

const SUBJECTS = ["Biology", "Chemistry", "Computing", "Economics", "English", "History", "Law", "Mathematics", "Nursing", "Physics", "Psychology", "Sociology"] as const;

export function courseWords(course: PlannedCourse) {
  const subject = SUBJECTS[course.index % SUBJECTS.length]!;
  const level = course.kind === "seminar" ? "Seminar" : course.kind === "class" ? "Methods" : course.kind === "hall" ? "Lectures" : course.kind === "lecture" ? "Foundations" : "Year lecture";
  return {
    code: `${subject.slice(0, 3).toUpperCase()}${String(1000 + course.index)}`,
    title: `${subject}: ${level} ${Math.floor(course.index / SUBJECTS.length) + 1}`,
    room: course.seats > 150 ? `Lecture hall ${(course.index % 12) + 1}` : `Room ${100 + (course.index % 40)}`,
  };
}

export const TERM_LABEL = "Academic year (campus bench)";

/** What lecturers (a desktop browser) and students (phones) send as User-Agent. */
export const LECTURER_BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
export const PHONES = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
] as const;

/** Campus network addresses: staff offices, and each student's phone on the Wi-Fi (with their SQL twins). */
export const staffIp = (i: number) => `10.1.${Math.floor(i / 250)}.${(i % 250) + 2}`;
export const staffIpSql = (i: string) => `'10.1.' || (${i}) / 250 || '.' || (${i}) % 250 + 2`;
export const studentIp = (s: number) => `10.${20 + (s >> 16)}.${(s >> 8) & 255}.${s & 255}`;
export const studentIpSql = (s: string) => `'10.' || 20 + ((${s}) >> 16) || '.' || (((${s}) >> 8) & 255) || '.' || ((${s}) & 255)`;

// Course shapes: the single source for API validation, server actions and the OpenAPI document.
import { z } from "zod";
import { LocalDate as BoundedLocalDate, Str } from "../common-schemas";
import { ShortIdSchema } from "../events/schemas";
import { HumanName } from "../text/clean-name";
import { TEXT_ENCODINGS } from "../text/text-encodings";

export { ShortIdSchema };
export const CourseIdParams = z.strictObject({ id: ShortIdSchema });

/** cuid user ids, as Prisma generates them */
const UserId = Str.regex(/^[a-z0-9]{20,40}$/, "not a user id");
const noControl = (s: string) => !/\p{Cc}/u.test(s);

const fields = {
  code: Str
    .trim()
    .min(1)
    .max(32)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, "letters, digits, spaces and . _ / - only, starting with a letter or digit")
    .describe("e.g. CS101; unique within a term"),
  title: Str.trim().min(1).max(200).refine(noControl, "must not contain control characters"),
  term_label: Str.trim().max(64).refine(noControl, "must not contain control characters").describe('e.g. "2026 Autumn"'),
  threshold_percent: z.number().int().min(0).max(100).describe("minimum attendance rate in percent"),
  instructor_ids: z.array(UserId).max(20).describe("instructors or admins teaching the course; the creator by default"),
  warn_after_sessions: z.number().int().min(1).max(100).describe("low-attendance warnings wait until a student has been expected at this many held sessions"),
  warn_grace_hours: z.number().int().min(0).max(336).describe("and until a session closed this many hours ago, so excuses land first"),
};

export const CourseCreateInput = z.strictObject({
  code: fields.code,
  title: fields.title,
  term_label: fields.term_label.default(""),
  threshold_percent: fields.threshold_percent.default(80),
  instructor_ids: fields.instructor_ids.optional(),
  warn_after_sessions: fields.warn_after_sessions.default(3),
  warn_grace_hours: fields.warn_grace_hours.default(24),
});
export type CourseCreateInput = z.infer<typeof CourseCreateInput>;

export const CoursePatchInput = z
  .strictObject({
    code: fields.code.optional(),
    title: fields.title.optional(),
    term_label: fields.term_label.optional(),
    threshold_percent: fields.threshold_percent.optional(),
    warn_after_sessions: fields.warn_after_sessions.optional(),
    warn_grace_hours: fields.warn_grace_hours.optional(),
    /** replaces the instructor list (at least one) */
    instructor_ids: fields.instructor_ids.min(1).optional(),
    /** true archives (roster and records are kept; signups no longer auto-approve), false restores */
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type CoursePatchInput = z.infer<typeof CoursePatchInput>;

export const CourseListQuery = z.strictObject({
  archived: z.enum(["true", "false", "all"]).default("false"),
  /** matches code, title or term label */
  q: Str.trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CourseListQuery = z.infer<typeof CourseListQuery>;

export const DeleteCourseQuery = z.strictObject({
  confirm: z.enum(["true", "false"]).optional(),
  sessions: z
    .enum(["delete", "keep"])
    .default("delete")
    .describe("delete (default): the course's sessions go with it, each one's attendance written to the audit log first; keep: they stay as standalone events"),
});

// ---- responses (documentation: the use cases build these shapes in serialize.ts) ----
const iso = Str.describe("ISO 8601 UTC time");
export const InstructorOut = z.object({ id: Str, email: Str, full_name: Str });
export const COURSE_ROLE_VALUES = ["instructor", "assistant"] as const;

export const CourseOut = z.object({
  id: Str,
  code: Str,
  title: Str,
  term_label: Str,
  threshold_percent: z.number().int(),
  warn_after_sessions: z.number().int().describe("low-attendance warnings wait for this many held sessions"),
  warn_grace_hours: z.number().int().describe("and this many hours after a session closes"),
  archived_at: iso.nullable(),
  join_code: Str.nullable().describe("what students type to enrol themselves; null when switched off"),
  instructors: z.array(InstructorOut),
  assistants: z.array(InstructorOut).describe("the course's teaching assistants"),
  is_instructor: z.boolean().describe("whether the caller teaches this course"),
  my_role: z.enum(COURSE_ROLE_VALUES).nullable().describe("the caller's role in this course: instructor, assistant (teaching assistant), or null"),
  enrolled_count: z.number().int().describe("enrolments not dropped"),
  session_count: z.number().int(),
  created_at: iso,
  updated_at: iso,
});
export const CourseList = z.object({ items: z.array(CourseOut).describe("the courses the caller may open: their own first (admins: then the rest)") });

// ---- staff: instructors and teaching assistants ----
export const StaffParams = z.strictObject({ id: ShortIdSchema, user_id: UserId });
export const StaffInput = z.strictObject({
  user_id: UserId.describe("the account (find it with GET /api/people?q=…)"),
  role: z.enum(COURSE_ROLE_VALUES).describe("instructor: an active instructor or admin account; assistant: any active account"),
});
export type StaffInput = z.infer<typeof StaffInput>;
export const StaffMemberOut = z.object({
  user_id: Str,
  email: Str,
  full_name: Str,
  role: z.enum(COURSE_ROLE_VALUES),
  added_at: iso,
});
export const StaffList = z.object({ course_id: Str, items: z.array(StaffMemberOut).describe("instructors first, then assistants, each by name") });
export const StaffAddOut = z.object({
  member: StaffMemberOut,
  changed: z.boolean().describe("false: the person already had this role"),
  joined: z.boolean().describe("true: the person was not on the staff before (201)"),
});
export const StaffRemoveOut = z.object({ removed: StaffMemberOut });
export const DeleteCourseOut = z.object({
  deleted: z.literal(true),
  id: Str,
  sessions_deleted: z.number().int(),
  sessions_kept: z.number().int().describe("sessions left as standalone events (sessions=keep)"),
  attendance_archived: z
    .number()
    .int()
    .describe("marks kept in the audit log: those of the deleted sessions; with sessions=keep, those of students without an account (they belong to the roster, which goes)"),
});

// ---- enrolment ----
export const ENROLLMENT_SOURCES = ["import", "join_code", "manual"] as const;

export const EnrollmentParams = z.strictObject({ id: ShortIdSchema, enrollment_id: Str.regex(/^[a-z0-9]{20,40}$/, "not an enrolment id") });

export const EnrollmentListQuery = z.strictObject({
  /** matches name, email or student number */
  q: Str.trim().max(100).optional(),
  status: z.enum(["enrolled", "dropped", "all"]).default("enrolled"),
  limit: z.coerce.number().int().min(1).max(5000).default(5000),
});
export type EnrollmentListQuery = z.infer<typeof EnrollmentListQuery>;

export const ImportQuery = z.strictObject({
  dry_run: z.enum(["true", "false"]).default("false").describe("true: report what would change and write nothing"),
  mode: z.enum(["merge", "replace"]).default("merge").describe("replace: also drop enrolled students the file does not name"),
});

const StudentNumber = Str.trim().max(64).refine(noControl, "must not contain control characters");
export const EnrollInput = z
  .strictObject({
    /** an existing student account (found with GET /api/admin/users?q=…&role=student) */
    user_id: UserId.optional(),
    /** or someone without an account yet: they are approved at once when they sign up */
    email: Str.trim().max(254).pipe(z.email()).optional(),
    full_name: HumanName.optional(),
    student_number: StudentNumber.optional(),
  })
  .refine((v) => (v.user_id === undefined) !== (v.email === undefined), { message: "send exactly one of user_id or email", path: ["user_id"] })
  .refine((v) => v.user_id !== undefined || v.full_name !== undefined, { message: "full_name is required with email", path: ["full_name"] });
export type EnrollInput = z.infer<typeof EnrollInput>;

export const JoinCodeInput = z.strictObject({ action: z.enum(["rotate", "disable"]).describe("rotate: a new code (the old one stops working); disable: self-enrolment off") });
/** A course's join code as a person types it: case, spaces and dashes do not matter. */
export const JoinCode = Str
  .trim()
  .max(32)
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
  .pipe(Str.regex(/^[A-Z0-9]{4,16}$/, "must be the code your instructor gave you"));
export const JoinInput = z.strictObject({ code: JoinCode });

export const EnrollmentOut = z.object({
  id: Str,
  course_id: Str,
  email: Str,
  full_name: Str,
  given_name: Str.nullable().describe("from a roster with split name columns, else null"),
  family_name: Str.nullable().describe("from a roster with split name columns, else null; the roster sorts by it (or the full name's last word)"),
  student_number: Str.nullable(),
  user_id: Str.nullable().describe("the account with this email, once one exists"),
  account_status: z.enum(["pending", "active", "rejected", "expired", "deactivated"]).nullable(),
  source: z.enum(ENROLLMENT_SOURCES),
  enrolled_at: iso,
  dropped_at: iso.nullable(),
  invited_at: iso.nullable().describe("when the last invitation to sign up was mailed (POST /api/courses/{id}/invitations)"),
});
export const InviteInput = z.strictObject({
  enrollment_ids: z
    .array(Str.regex(/^[a-z0-9]{20,40}$/, "not an enrolment id"))
    .min(1)
    .max(2000)
    .optional()
    .describe("the enrolments to invite; omitted: every enrolled student without an account"),
});
export type InviteInput = z.infer<typeof InviteInput>;
export const InviteOut = z.object({
  invited: z.array(z.object({ enrollment_id: Str, email: Str, invited_at: iso })).describe("one mail each, written to the outbox"),
  already_signed_up: z.number().int().describe("chosen students who already have an account: not invited"),
  recently_invited: z.number().int().describe("chosen students invited less than resend_after_minutes ago: not invited again yet"),
  not_found: z.number().int().describe("ids that are not an enrolled student of this course"),
  resend_after_minutes: z.number().int(),
});
export type InviteOut = z.infer<typeof InviteOut>;
export const EnrollmentList = z.object({ course_id: Str, enrolled_count: z.number().int(), dropped_count: z.number().int(), items: z.array(EnrollmentOut) });
export const DropOut = z.object({ enrollment: EnrollmentOut });
export const EnrollOut = z.object({ enrollment: EnrollmentOut, reenrolled: z.boolean(), approved_signup: z.boolean().describe("a pending signup with this email was approved") });

const Row = z.object({
  line: z.number().int(),
  email: Str,
  full_name: Str.describe("the name as stored: the file's name column, or its first and last name columns joined"),
  given_name: Str.nullable().describe("from split name columns; null when the file has one name column"),
  family_name: Str.nullable().describe("from split name columns; used to sort by family name"),
  student_number: Str.nullable(),
});
const Person = z.object({ email: Str, full_name: Str, student_number: Str.nullable() });
export const ImportOut = z.object({
  dry_run: z.boolean(),
  mode: z.enum(["merge", "replace"]),
  encoding: z.enum(TEXT_ENCODINGS).describe("how the file's bytes were read (detected: a byte-order mark, valid UTF-8, or Windows-1252)"),
  delimiter: z.enum([",", ";", "\t"]).describe("the separator the header line uses"),
  columns: z
    .object({ email: Str, full_name: Str, given_name: Str, family_name: Str, sortable_name: Str, student_number: Str })
    .partial()
    .describe("the header cell each recognised column was read from, as written in the file"),
  summary: z.object({
    rows: z.number().int().describe("data rows in the file (blank lines excluded)"),
    added: z.number().int(),
    already_enrolled: z.number().int(),
    updated: z.number().int(),
    dropped: z.number().int(),
    invalid: z.number().int(),
    approved_signups: z.number().int(),
  }),
  added: z.array(Row.extend({ reenrolled: z.boolean().describe("dropped earlier, enrolled again") })),
  already_enrolled: z.array(Row),
  updated: z.array(Row.extend({ was: z.object({ full_name: Str, student_number: Str.nullable() }) })),
  dropped: z.array(Person),
  invalid: z.array(z.object({ line: z.number().int(), reason: Str })),
  approved_signups: z.array(z.object({ user_id: Str, email: Str, full_name: Str })).describe("pending signups approved (dry run: that would be)"),
});
export const JoinCodeOut = z.object({ course_id: Str, join_code: Str.nullable() });
export const JoinOut = z.object({
  course: z.object({ id: Str, code: Str, title: Str, term_label: Str }),
  enrollment: EnrollmentOut,
  already_enrolled: z.boolean(),
});

// ---- sessions ----
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const LocalDate = BoundedLocalDate.describe("YYYY-MM-DD, in COLLEGE_TIMEZONE");
export const MAX_SERIES_SESSIONS = 200;

export const SessionSeriesInput = z
  .strictObject({
    /** each session's title before its date ("INF2040 · Mon 7 Dec"); default the course code */
    title: Str.trim().min(1).max(180).refine(noControl, "must not contain control characters").optional().describe("each session is titled '<title> · <date>', e.g. 'INF2040 · Mon 7 Dec'; default the course code"),
    location: Str.trim().max(200).default(""),
    weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    start_time: Str.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour, in COLLEGE_TIMEZONE"),
    duration_minutes: z.number().int().min(5).max(24 * 60),
    first_date: LocalDate,
    last_date: LocalDate,
    skip_dates: z.array(LocalDate).max(366).default([]).describe("holidays and other dates without a session"),
    late_after_minutes: z.number().int().min(0).max(24 * 60).default(10),
    existing: z
      .enum(["refuse", "skip"])
      .default("refuse")
      .describe("when a date already has a session of the course at that time: refuse the whole series (409 sessions_overlap, the default) or skip those dates"),
  })
  .refine((v) => v.last_date >= v.first_date, { message: "last_date must not be before first_date", path: ["last_date"] })
  .refine((v) => (Date.parse(v.last_date) - Date.parse(v.first_date)) / 86_400_000 <= 400, { message: "a series spans at most 400 days", path: ["last_date"] });
export type SessionSeriesInput = z.infer<typeof SessionSeriesInput>;

export const SessionSeriesOut = z.object({
  course_id: Str,
  time_zone: Str.describe("COLLEGE_TIMEZONE, in which the schedule was read"),
  created: z.number().int(),
  skipped_dates: z.array(Str).describe("skip_dates that fell on a scheduled weekday"),
  skipped_existing: z.array(Str).describe('with existing "skip": the dates (YYYY-MM-DD, college zone) left out because the course already had a session then'),
  sessions: z.array(z.object({ id: Str, title: Str, starts_at: iso, ends_at: iso, local_date: Str })),
});

// GET /api/courses/{id}/report: what course-report.ts builds (its builder is typed by this
// schema, so the document and the answer cannot drift apart).
const count = z.number().int().min(0);
const ReportStudentOut = z.object({
  enrollment_id: Str,
  user_id: Str.nullable().describe("null: enrolled by email, no account yet (marks and excuses are kept against the enrolment)"),
  full_name: Str,
  email: Str,
  student_number: Str.nullable(),
  present: count,
  late: count,
  excused: count,
  absent: count,
  attended: count.describe("present + late (excused counts for the rate but is said apart)"),
  sessions_held: count.describe("held sessions while the student was enrolled: the rate's denominator"),
  rate: z.number().min(0).max(1).nullable().describe("(present + late + excused) / sessions_held; null before any held session"),
});
export const CourseReportOut = z.object({
  generated_at: iso,
  course: z.object({ id: Str, code: Str, title: Str, term_label: Str, threshold_percent: z.number().int(), warn_after_sessions: z.number().int(), warn_grace_hours: z.number().int() }),
  time_zone: Str.describe("COLLEGE_TIMEZONE: the zone the pages and exports show times in"),
  sessions: z.array(
    z.object({
      id: Str,
      title: Str,
      starts_at: iso,
      ends_at: iso,
      held: z.boolean().describe("false: still to come (no mark counts yet)"),
      totals: z.object({ present: count, late: count, excused: count, absent: count, not_marked: count }),
    }),
  ),
  sessions_held: count,
  students: z.array(
    ReportStudentOut.extend({
      cells: z.array(z.enum(["P", "L", "E", "A", "-"]).nullable()).describe("one per session, in order: P present, L late, E excused, A absent, - not enrolled then, null not held yet"),
    }),
  ),
  no_account_count: count.describe("enrolled students without an account yet"),
  below_threshold: z.array(ReportStudentOut).describe("students whose rate is below the course's threshold"),
  rate_distribution: z.array(z.object({ from_percent: z.number().int(), to_percent: z.number().int(), students: count })).describe("ten bins of 10 %"),
});
export type CourseReportOut = z.infer<typeof CourseReportOut>;

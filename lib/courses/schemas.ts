// Course shapes: the single source for API validation, server actions and the OpenAPI document.
import { z } from "zod";
import { ShortIdSchema } from "../events/schemas";
import { HumanName } from "../text/clean-name";

export { ShortIdSchema };
export const CourseIdParams = z.strictObject({ id: ShortIdSchema });

/** cuid user ids, as Prisma generates them */
const UserId = z.string().regex(/^[a-z0-9]{20,40}$/, "not a user id");
const noControl = (s: string) => !/\p{Cc}/u.test(s);

const fields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, "letters, digits, spaces and . _ / - only, starting with a letter or digit")
    .describe("e.g. CS101; unique within a term"),
  title: z.string().trim().min(1).max(200).refine(noControl, "must not contain control characters"),
  term_label: z.string().trim().max(64).refine(noControl, "must not contain control characters").describe('e.g. "2026 Autumn"'),
  threshold_percent: z.number().int().min(0).max(100).describe("minimum attendance rate in percent"),
  instructor_ids: z.array(UserId).max(20).describe("admins teaching the course; the creator by default"),
};

export const CourseCreateInput = z.strictObject({
  code: fields.code,
  title: fields.title,
  term_label: fields.term_label.default(""),
  threshold_percent: fields.threshold_percent.default(80),
  instructor_ids: fields.instructor_ids.optional(),
});
export type CourseCreateInput = z.infer<typeof CourseCreateInput>;

export const CoursePatchInput = z
  .strictObject({
    code: fields.code.optional(),
    title: fields.title.optional(),
    term_label: fields.term_label.optional(),
    threshold_percent: fields.threshold_percent.optional(),
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
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CourseListQuery = z.infer<typeof CourseListQuery>;

export const DeleteCourseQuery = z.strictObject({ confirm: z.enum(["true", "false"]).optional() });

// ---- responses (documentation: the use cases build these shapes in serialize.ts) ----
const iso = z.string().describe("ISO 8601 UTC time");
export const InstructorOut = z.object({ id: z.string(), email: z.string(), full_name: z.string() });

export const CourseOut = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  term_label: z.string(),
  threshold_percent: z.number().int(),
  archived_at: iso.nullable(),
  join_code: z.string().nullable().describe("what students type to enrol themselves; null when switched off"),
  instructors: z.array(InstructorOut),
  is_instructor: z.boolean().describe("whether the caller teaches this course"),
  enrolled_count: z.number().int().describe("enrolments not dropped"),
  session_count: z.number().int(),
  created_at: iso,
  updated_at: iso,
});
export const CourseList = z.object({ items: z.array(CourseOut).describe("the caller's courses first, then the rest") });
export const DeleteCourseOut = z.object({ deleted: z.literal(true), id: z.string(), sessions_kept: z.number().int() });

// ---- enrolment ----
export const ENROLLMENT_SOURCES = ["import", "join_code", "manual"] as const;

export const EnrollmentParams = z.strictObject({ id: ShortIdSchema, enrollment_id: z.string().regex(/^[a-z0-9]{20,40}$/, "not an enrolment id") });

export const EnrollmentListQuery = z.strictObject({
  /** matches name, email or student number */
  q: z.string().trim().max(100).optional(),
  status: z.enum(["enrolled", "dropped", "all"]).default("enrolled"),
  limit: z.coerce.number().int().min(1).max(5000).default(5000),
});
export type EnrollmentListQuery = z.infer<typeof EnrollmentListQuery>;

export const ImportQuery = z.strictObject({
  dry_run: z.enum(["true", "false"]).default("false").describe("true: report what would change and write nothing"),
  mode: z.enum(["merge", "replace"]).default("merge").describe("replace: also drop enrolled students the file does not name"),
});

const StudentNumber = z.string().trim().max(64).refine(noControl, "must not contain control characters");
export const EnrollInput = z
  .strictObject({
    /** an existing student account (found with GET /api/admin/users?q=…&role=student) */
    user_id: UserId.optional(),
    /** or someone without an account yet: they are approved at once when they sign up */
    email: z.string().trim().max(254).pipe(z.email()).optional(),
    full_name: HumanName.optional(),
    student_number: StudentNumber.optional(),
  })
  .refine((v) => (v.user_id === undefined) !== (v.email === undefined), { message: "send exactly one of user_id or email", path: ["user_id"] })
  .refine((v) => v.user_id !== undefined || v.full_name !== undefined, { message: "full_name is required with email", path: ["full_name"] });
export type EnrollInput = z.infer<typeof EnrollInput>;

export const JoinCodeInput = z.strictObject({ action: z.enum(["rotate", "disable"]).describe("rotate: a new code (the old one stops working); disable: self-enrolment off") });
export const JoinInput = z.strictObject({
  code: z
    .string()
    .trim()
    .max(32)
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^[A-Z0-9]{4,16}$/, "must be the code your instructor gave you")),
});

export const EnrollmentOut = z.object({
  id: z.string(),
  course_id: z.string(),
  email: z.string(),
  full_name: z.string(),
  student_number: z.string().nullable(),
  user_id: z.string().nullable().describe("the account with this email, once one exists"),
  account_status: z.enum(["pending", "active", "rejected", "expired", "deactivated"]).nullable(),
  source: z.enum(ENROLLMENT_SOURCES),
  enrolled_at: iso,
  dropped_at: iso.nullable(),
});
export const EnrollmentList = z.object({ course_id: z.string(), enrolled_count: z.number().int(), dropped_count: z.number().int(), items: z.array(EnrollmentOut) });
export const DropOut = z.object({ enrollment: EnrollmentOut });
export const EnrollOut = z.object({ enrollment: EnrollmentOut, reenrolled: z.boolean(), approved_signup: z.boolean().describe("a pending signup with this email was approved") });

const Row = z.object({ line: z.number().int(), email: z.string(), full_name: z.string(), student_number: z.string().nullable() });
const Person = z.object({ email: z.string(), full_name: z.string(), student_number: z.string().nullable() });
export const ImportOut = z.object({
  dry_run: z.boolean(),
  mode: z.enum(["merge", "replace"]),
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
  updated: z.array(Row.extend({ was: z.object({ full_name: z.string(), student_number: z.string().nullable() }) })),
  dropped: z.array(Person),
  invalid: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  approved_signups: z.array(z.object({ user_id: z.string(), email: z.string(), full_name: z.string() })).describe("pending signups approved (dry run: that would be)"),
});
export const JoinCodeOut = z.object({ course_id: z.string(), join_code: z.string().nullable() });
export const JoinOut = z.object({
  course: z.object({ id: z.string(), code: z.string(), title: z.string(), term_label: z.string() }),
  enrollment: EnrollmentOut,
  already_enrolled: z.boolean(),
});

// ---- sessions ----
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const LocalDate = z.iso.date().describe("YYYY-MM-DD, in COLLEGE_TIMEZONE");
export const MAX_SERIES_SESSIONS = 200;

export const SessionSeriesInput = z
  .strictObject({
    /** each session's title; default "<code> <title>" */
    title: z.string().trim().min(1).max(200).refine(noControl, "must not contain control characters").optional(),
    location: z.string().trim().max(200).default(""),
    weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    start_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM, 24-hour, in COLLEGE_TIMEZONE"),
    duration_minutes: z.number().int().min(5).max(24 * 60),
    first_date: LocalDate,
    last_date: LocalDate,
    skip_dates: z.array(LocalDate).max(366).default([]).describe("holidays and other dates without a session"),
    late_after_minutes: z.number().int().min(0).max(24 * 60).default(10),
  })
  .refine((v) => v.last_date >= v.first_date, { message: "last_date must not be before first_date", path: ["last_date"] })
  .refine((v) => (Date.parse(v.last_date) - Date.parse(v.first_date)) / 86_400_000 <= 400, { message: "a series spans at most 400 days", path: ["last_date"] });
export type SessionSeriesInput = z.infer<typeof SessionSeriesInput>;

export const SessionSeriesOut = z.object({
  course_id: z.string(),
  time_zone: z.string().describe("COLLEGE_TIMEZONE, in which the schedule was read"),
  created: z.number().int(),
  skipped_dates: z.array(z.string()).describe("skip_dates that fell on a scheduled weekday"),
  sessions: z.array(z.object({ id: z.string(), title: z.string(), starts_at: iso, ends_at: iso, local_date: z.string() })),
});

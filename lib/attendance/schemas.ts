import { z } from "zod";
import { Str } from "../common-schemas";
import { SHORT_CODE_ALPHABET } from "../random";
import { ShortIdSchema } from "../events/schemas";

const location = {
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracy_m: z.number().min(0).max(1_000_000).optional(),
};

export const MarkInput = z
  .strictObject({
    /** the bare payload or the full qr_url */
    qr_payload: Str.min(1).max(512).optional(),
    /** the 6-character code under the projected QR */
    short_code: Str
      .trim()
      .max(16)
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
      .pipe(Str.regex(new RegExp(`^[${SHORT_CODE_ALPHABET}]{6}$`), "must be the 6 characters shown under the code"))
      .optional(),
    ...location,
  })
  .refine((v) => (v.qr_payload === undefined) !== (v.short_code === undefined), { message: "send exactly one of qr_payload or short_code", path: ["qr_payload"] })
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), { message: "send latitude and longitude together", path: ["latitude"] });
export type MarkInput = z.infer<typeof MarkInput>;

/** Who an organiser's action is about: an account (user_id or its email) or an enrolment, which may have no account yet. */
const subject = {
  user_id: Str.min(1).max(64).optional(),
  /** the student's email: an account's, or an enrolled address without an account yet (course sessions) */
  email: Str.trim().max(254).optional(),
  /** an enrolment of the session's course (the live roster's rows; works before the student has an account) */
  enrollment_id: Str.min(1).max(64).optional(),
};
const oneSubject = <T extends { user_id?: string; email?: string; enrollment_id?: string }>(v: T) =>
  [v.user_id, v.email, v.enrollment_id].filter((x) => x !== undefined).length === 1;
const ONE_SUBJECT = { message: "send exactly one of user_id, email or enrollment_id", path: ["user_id"] };
const reason = Str.trim().min(3).max(500);

export const ManualMarkInput = z
  .strictObject({
    ...subject,
    reason,
    /** excused: the student is excused from this session (the reason says why) */
    status: z.enum(["present", "late", "excused"]).optional(),
  })
  .refine(oneSubject, ONE_SUBJECT);

export const UnmarkInput = z.strictObject({ ...subject, reason }).refine(oneSubject, ONE_SUBJECT);

export const MAX_BULK_MARKS = 500;
const BulkStudent = z
  .strictObject({ user_id: subject.user_id, enrollment_id: subject.enrollment_id })
  .refine((v) => (v.user_id === undefined) !== (v.enrollment_id === undefined), { message: "send exactly one of user_id or enrollment_id", path: ["user_id"] });
export const BulkMarkInput = z.strictObject({
  /** the selected rows of the live roster */
  students: z.array(BulkStudent).min(1).max(MAX_BULK_MARKS),
  status: z.enum(["present", "late", "excused"]),
  reason,
});
export type BulkMarkInput = z.infer<typeof BulkMarkInput>;

export const ReceiptInput = z.strictObject({ qr_payload: Str.min(1).max(512) });
export { ShortIdSchema };

// ---- responses (the use cases return these types; the browser client is typed from them)

const iso = z.iso.datetime();
/** excused: an organiser excused the student (docs/courses.md) */
export const ATTENDANCE_STATUSES = ["present", "late", "excused"] as const;
export const ATTENDANCE_METHODS = ["scan", "short_code", "link", "manual"] as const;
const MarkedEvent = z.object({ id: Str, title: Str, starts_at: iso });

export const MarkedOut = z.object({
  status: z.enum(["present", "late"]).describe("a new mark is never excused"),
  event: MarkedEvent,
  marked_at: iso,
  device_flag: z.boolean().describe("this phone also marked another account for this event"),
});
export type MarkedOut = z.output<typeof MarkedOut>;

export const AlreadyMarkedOut = z.object({
  already_marked: z.literal(true),
  status: z.enum(ATTENDANCE_STATUSES),
  event: MarkedEvent,
  marked_at: iso.describe("the original mark's time"),
});
export type AlreadyMarkedOut = z.output<typeof AlreadyMarkedOut>;

/** What a scan answers: 201 with MarkedOut, or 200 with AlreadyMarkedOut. */
export const MarkOut = z.union([MarkedOut, AlreadyMarkedOut]);
export type MarkOut = z.output<typeof MarkOut>;

export const RosterEntryOut = z.object({
  user_id: Str.nullable().describe("null for an enrolled student without an account yet"),
  enrollment_id: Str.nullable().describe("the student's enrolment in the session's course; null for a walk-in or a standalone event"),
  full_name: Str,
  email: Str,
  marked_at: iso,
  status: z.enum(ATTENDANCE_STATUSES),
  method: z.enum(ATTENDANCE_METHODS),
  device_flag: z.boolean(),
  reason: Str.nullable().describe("an organiser's reason, for manual marks"),
});
export type RosterEntryOut = z.output<typeof RosterEntryOut>;

const StudentStatus = z.enum(["present", "late", "excused", "absent", "not_marked"]);
export const RosterStudentOut = z.object({
  enrollment_id: Str.nullable().describe("null for a walk-in"),
  user_id: Str.nullable().describe("null for an enrolled student without an account yet"),
  full_name: Str,
  email: Str,
  student_number: Str.nullable(),
  status: StudentStatus.describe("present/late/excused from a mark; absent once the session is closed; not_marked while open"),
  marked_at: iso.nullable(),
  method: z.enum(ATTENDANCE_METHODS).nullable(),
  device_flag: z.boolean(),
  reason: Str.nullable(),
});
export type RosterStudentOut = z.output<typeof RosterStudentOut>;

export const RosterQuery = z.strictObject({
  /** matches name, email or student number */
  q: Str.trim().max(100).optional(),
  status: StudentStatus.optional(),
  /** the version of the last answer: when nothing changed the answer is just { version, changed: false } */
  since: Str.max(64).optional(),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export const RosterUnchangedOut = z.object({ event_id: Str, version: Str, changed: z.literal(false) });
export type RosterUnchangedOut = z.output<typeof RosterUnchangedOut>;

export const RosterOut = z.object({
  event_id: Str,
  title: Str,
  course: z.object({ id: Str, code: Str, title: Str }).nullable(),
  version: Str.describe("changes whenever the roster may have; poll with ?since=<version>"),
  changed: z.literal(true),
  closed: z.boolean().describe("ended, check-in stopped or archived: unmarked enrolled students are absent"),
  status_counts: z.object({
    enrolled: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    excused: z.number().int(),
    absent: z.number().int(),
    not_marked: z.number().int(),
    walk_ins: z.number().int(),
    no_account: z.number().int().describe("enrolled students without an account yet (they can be marked all the same)"),
  }).describe("the enrolled students by status (before q/status filters), and the walk-ins"),
  enrolled: z.array(RosterStudentOut).describe("every student enrolled while the session ran, filtered by q/status"),
  walk_ins: z.array(RosterStudentOut).describe("marked but not enrolled, filtered by q/status"),
  removed: z.array(z.object({ user_id: Str.nullable(), enrollment_id: Str.nullable(), full_name: Str, email: Str, removed_at: iso, reason: Str, was_status: z.enum(ATTENDANCE_STATUSES), was_method: z.enum(ATTENDANCE_METHODS) })).describe("marks an organiser removed"),
  counts: z.object({
    total: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    excused: z.number().int(),
    scan: z.number().int().describe("marked with a code: scan + short_code + link"),
    short_code: z.number().int(),
    link: z.number().int(),
    manual: z.number().int(),
    device_flagged: z.number().int(),
    failed_scans: z.number().int(),
    failed_scan_rate: z.number().describe("failed / (failed + scans), 0..1"),
  }),
  attendance: z.array(RosterEntryOut),
});
export type RosterOut = z.output<typeof RosterOut>;

/** GET /api/events/{id}/attendance: the roster, or the short "unchanged" answer to `since`. */
export const RosterAnswerOut = z.union([RosterOut, RosterUnchangedOut]);

export const UnmarkOut = z.object({ unmarked: z.literal(true), user_id: Str.nullable(), enrollment_id: Str.nullable(), event_id: Str });

export const BulkMarkOut = z.object({
  event_id: Str,
  marked: z.number().int().describe("how many were marked"),
  results: z.array(
    z.object({
      user_id: Str.optional(),
      enrollment_id: Str.optional(),
      ok: z.boolean(),
      status: z.enum(ATTENDANCE_STATUSES).optional(),
      full_name: Str.optional(),
      error: z.object({ code: Str, message: Str }).optional().describe("why this student was not marked (e.g. conflict: already marked)"),
    }),
  ).describe("one per student, in the order sent"),
});
export type BulkMarkOut = z.output<typeof BulkMarkOut>;

const Letter = z.enum(["P", "L", "E", "A"]).nullable().describe("P/L/E/A; null: not held yet");
export const MyCourseOut = z.object({
  course: z.object({ id: Str, code: Str, title: Str, term_label: Str, threshold_percent: z.number().int() }),
  present: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  absent: z.number().int(),
  sessions_held: z.number().int(),
  rate: z.number().nullable().describe("(present + late + excused) / sessions held so far, 0..1; null before any"),
  below_threshold: z.boolean(),
  missed: z.array(z.object({ event_id: Str, title: Str, starts_at: iso })).describe("sessions marked absent"),
  trend: z.array(z.object({ event_id: Str, title: Str, starts_at: iso, status: Letter, rate: z.number().nullable().describe("the rate after this session") })).describe("the sessions held while you were enrolled (and any you marked), in order"),
});

export const MyAttendanceOut = z.object({
  courses: z.array(MyCourseOut).describe("one per course the student is enrolled in"),
  attendance: z.array(
    z.object({
      event_id: Str,
      course_id: Str.nullable(),
      title: Str,
      location: Str,
      starts_at: iso,
      marked_at: iso,
      status: z.enum(ATTENDANCE_STATUSES),
      method: z.enum(ATTENDANCE_METHODS),
    }),
  ),
  removed: z.array(z.object({ event_id: Str, title: Str, removed_at: iso, reason: Str, was_status: z.enum(ATTENDANCE_STATUSES) })).describe("marks an organiser removed, with their reason"),
  summary: z.object({
    attended: z.number().int().describe("came: present + late (excused is counted apart)"),
    present: z.number().int(),
    late: z.number().int(),
    excused: z.number().int(),
    events_held: z.number().int().describe("held sessions of your courses, plus other events you marked"),
    rate: z.number().nullable().describe("(present + late + excused) / events_held, 0..1; events of courses you are not enrolled in never count; null before any"),
  }),
});
export type MyAttendanceOut = z.output<typeof MyAttendanceOut>;

import { z } from "zod";
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
    qr_payload: z.string().min(1).max(512).optional(),
    /** the 6-character code under the projected QR */
    short_code: z
      .string()
      .trim()
      .max(16)
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
      .pipe(z.string().regex(new RegExp(`^[${SHORT_CODE_ALPHABET}]{6}$`), "must be the 6 characters shown under the code"))
      .optional(),
    ...location,
  })
  .refine((v) => (v.qr_payload === undefined) !== (v.short_code === undefined), { message: "send exactly one of qr_payload or short_code", path: ["qr_payload"] })
  .refine((v) => (v.latitude === undefined) === (v.longitude === undefined), { message: "send latitude and longitude together", path: ["latitude"] });
export type MarkInput = z.infer<typeof MarkInput>;

export const ManualMarkInput = z
  .strictObject({
    user_id: z.string().min(1).max(64).optional(),
    /** alternatively the student's email (the admin page's form) */
    email: z.string().trim().max(254).optional(),
    reason: z.string().trim().min(3).max(500),
    /** excused: the student is excused from this session (the reason says why) */
    status: z.enum(["present", "late", "excused"]).optional(),
  })
  .refine((v) => (v.user_id === undefined) !== (v.email === undefined), { message: "send exactly one of user_id or email", path: ["user_id"] });

export const UnmarkInput = z.strictObject({
  user_id: z.string().min(1).max(64),
  reason: z.string().trim().min(3).max(500),
});

export const ReceiptInput = z.strictObject({ qr_payload: z.string().min(1).max(512) });
export { ShortIdSchema };

// ---- responses (the use cases return these types; the browser client is typed from them)

const iso = z.iso.datetime();
/** excused: an organiser excused the student (docs/courses.md) */
export const ATTENDANCE_STATUSES = ["present", "late", "excused"] as const;
export const ATTENDANCE_METHODS = ["scan", "short_code", "link", "manual"] as const;
const MarkedEvent = z.object({ id: z.string(), title: z.string(), starts_at: iso });

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
  user_id: z.string(),
  full_name: z.string(),
  email: z.string(),
  marked_at: iso,
  status: z.enum(ATTENDANCE_STATUSES),
  method: z.enum(ATTENDANCE_METHODS),
  device_flag: z.boolean(),
  reason: z.string().nullable().describe("an organiser's reason, for manual marks"),
});
export type RosterEntryOut = z.output<typeof RosterEntryOut>;

const StudentStatus = z.enum(["present", "late", "excused", "absent", "not_marked"]);
export const RosterStudentOut = z.object({
  enrollment_id: z.string().nullable().describe("null for a walk-in"),
  user_id: z.string().nullable().describe("null for an enrolled student without an account yet"),
  full_name: z.string(),
  email: z.string(),
  student_number: z.string().nullable(),
  status: StudentStatus.describe("present/late/excused from a mark; absent once the session is closed; not_marked while open"),
  marked_at: iso.nullable(),
  method: z.enum(ATTENDANCE_METHODS).nullable(),
  device_flag: z.boolean(),
  reason: z.string().nullable(),
});
export type RosterStudentOut = z.output<typeof RosterStudentOut>;

export const RosterQuery = z.strictObject({
  /** matches name, email or student number */
  q: z.string().trim().max(100).optional(),
  status: StudentStatus.optional(),
  /** the version of the last answer: when nothing changed the answer is just { version, changed: false } */
  since: z.string().max(64).optional(),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export const RosterUnchangedOut = z.object({ event_id: z.string(), version: z.string(), changed: z.literal(false) });
export type RosterUnchangedOut = z.output<typeof RosterUnchangedOut>;

export const RosterOut = z.object({
  event_id: z.string(),
  title: z.string(),
  course: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  version: z.string().describe("changes whenever the roster may have; poll with ?since=<version>"),
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
  }).describe("the enrolled students by status (before q/status filters), and the walk-ins"),
  enrolled: z.array(RosterStudentOut).describe("every student enrolled while the session ran, filtered by q/status"),
  walk_ins: z.array(RosterStudentOut).describe("marked but not enrolled, filtered by q/status"),
  removed: z.array(z.object({ user_id: z.string(), full_name: z.string(), email: z.string(), removed_at: iso, reason: z.string(), was_status: z.enum(ATTENDANCE_STATUSES), was_method: z.enum(ATTENDANCE_METHODS) })).describe("marks an organiser removed"),
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

export const UnmarkOut = z.object({ unmarked: z.literal(true), user_id: z.string(), event_id: z.string() });

const Letter = z.enum(["P", "L", "E", "A"]).nullable();
export const MyCourseOut = z.object({
  course: z.object({ id: z.string(), code: z.string(), title: z.string(), term_label: z.string(), threshold_percent: z.number().int() }),
  present: z.number().int(),
  late: z.number().int(),
  excused: z.number().int(),
  absent: z.number().int(),
  sessions_held: z.number().int(),
  rate: z.number().nullable().describe("(present + late + excused) / sessions held so far, 0..1; null before any"),
  below_threshold: z.boolean(),
  missed: z.array(z.object({ event_id: z.string(), title: z.string(), starts_at: iso })).describe("sessions marked absent"),
  trend: z.array(z.object({ event_id: z.string(), title: z.string(), starts_at: iso, status: Letter, rate: z.number().nullable().describe("the rate after this session") })),
});

export const MyAttendanceOut = z.object({
  courses: z.array(MyCourseOut).describe("one per course the student is enrolled in"),
  attendance: z.array(
    z.object({
      event_id: z.string(),
      course_id: z.string().nullable(),
      title: z.string(),
      location: z.string(),
      starts_at: iso,
      marked_at: iso,
      status: z.enum(ATTENDANCE_STATUSES),
      method: z.enum(ATTENDANCE_METHODS),
    }),
  ),
  removed: z.array(z.object({ event_id: z.string(), title: z.string(), removed_at: iso, reason: z.string(), was_status: z.enum(ATTENDANCE_STATUSES) })).describe("marks an organiser removed, with their reason"),
  summary: z.object({
    attended: z.number().int().describe("present + late + excused"),
    present: z.number().int(),
    late: z.number().int(),
    excused: z.number().int(),
    events_held: z.number().int().describe("held sessions of your courses, plus other events you marked"),
    rate: z.number().nullable().describe("attended / events_held, 0..1; events of courses you are not enrolled in never count; null before any"),
  }),
});
export type MyAttendanceOut = z.output<typeof MyAttendanceOut>;

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
    status: z.enum(["present", "late"]).optional(),
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

export const RosterOut = z.object({
  event_id: z.string(),
  title: z.string(),
  counts: z.object({
    total: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    scan: z.number().int(),
    manual: z.number().int(),
    device_flagged: z.number().int(),
    failed_scans: z.number().int(),
    failed_scan_rate: z.number().describe("failed / (failed + scans), 0..1"),
  }),
  attendance: z.array(RosterEntryOut),
});
export type RosterOut = z.output<typeof RosterOut>;

export const UnmarkOut = z.object({ unmarked: z.literal(true), user_id: z.string(), event_id: z.string() });

export const MyAttendanceOut = z.object({
  attendance: z.array(
    z.object({
      event_id: z.string(),
      title: z.string(),
      location: z.string(),
      starts_at: iso,
      marked_at: iso,
      status: z.enum(ATTENDANCE_STATUSES),
      method: z.enum(ATTENDANCE_METHODS),
    }),
  ),
  summary: z.object({
    attended: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    events_held: z.number().int(),
    rate: z.number().nullable().describe("attended / events held since signup, 0..1; null before any event"),
  }),
});
export type MyAttendanceOut = z.output<typeof MyAttendanceOut>;

// Event shapes: the single source for API validation, server actions and the OpenAPI document.
import { z } from "zod";
import { IsoDateTime, Str } from "../common-schemas";
import { parseCidr } from "../net/cidr";

/** App-generated ids (shortId): 12 base62 characters. Anything else is a 404. */
export const ShortIdSchema = Str.regex(/^[0-9A-Za-z]{12}$/, "not a valid id");
export const IdParams = z.strictObject({ id: ShortIdSchema });

export const CidrList = z
  .array(Str.trim().max(64).refine((s) => parseCidr(s) !== null, "not an IP address or CIDR range"))
  .max(32);

export const GeofenceSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radius_m: z.number().int().min(10).max(100_000),
});

const fields = {
  title: Str.trim().min(1).max(200),
  description: Str.max(5000),
  location: Str.trim().max(200),
  starts_at: IsoDateTime,
  ends_at: IsoDateTime,
  late_after_minutes: z.number().int().min(0).max(24 * 60),
  allowed_cidrs: CidrList,
  geofence: GeofenceSchema.nullable(),
  block_shared_devices: z.boolean(),
  course_id: ShortIdSchema.nullable().describe("the course this event is a session of; null for a standalone event"),
};

const endsAfterStart = (v: { starts_at?: Date; ends_at?: Date }) => !v.starts_at || !v.ends_at || v.ends_at > v.starts_at;

export const EventCreateInput = z
  .strictObject({
    title: fields.title,
    description: fields.description.default(""),
    location: fields.location.default(""),
    starts_at: fields.starts_at,
    ends_at: fields.ends_at,
    late_after_minutes: fields.late_after_minutes.default(10),
    allowed_cidrs: fields.allowed_cidrs.default([]),
    geofence: fields.geofence.default(null),
    block_shared_devices: fields.block_shared_devices.default(false),
    course_id: fields.course_id.default(null),
  })
  .refine(endsAfterStart, { message: "ends_at must be after starts_at", path: ["ends_at"] });
export type EventCreateInput = z.infer<typeof EventCreateInput>;

export const EventPatchInput = z
  .strictObject({
    title: fields.title.optional(),
    description: fields.description.optional(),
    location: fields.location.optional(),
    starts_at: fields.starts_at.optional(),
    ends_at: fields.ends_at.optional(),
    late_after_minutes: fields.late_after_minutes.optional(),
    allowed_cidrs: fields.allowed_cidrs.optional(),
    geofence: fields.geofence.optional(),
    block_shared_devices: fields.block_shared_devices.optional(),
    course_id: fields.course_id.optional(),
    /** true archives (records are kept), false restores */
    archived: z.boolean().optional(),
  })
  .refine(endsAfterStart, { message: "ends_at must be after starts_at", path: ["ends_at"] })
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type EventPatchInput = z.infer<typeof EventPatchInput>;

export const EventListQuery = z.strictObject({
  /** only the sessions of this course */
  course_id: ShortIdSchema.optional(),
  archived: z.enum(["true", "false", "all"]).default("false"),
  when: z
    .enum(["all", "upcoming", "past"])
    .default("all")
    .describe("upcoming: ending today (the college's calendar day) or later, soonest first; past: ended before today, newest first; all: newest first"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type EventListQuery = z.infer<typeof EventListQuery>;

export const DeleteEventQuery = z.strictObject({ confirm: z.enum(["true", "false"]).optional() });

/** GET /api/events/{id}/checkin: `code`, the code on screen, asks whether it was revoked meanwhile. */
export const CheckinQuery = z.strictObject({ code: ShortIdSchema.optional().describe("the code on screen: the answer says whether it was revoked") });

// ---- responses (the use cases return these types; the browser client is typed from them)

export const CHECKIN_STATES = ["not_started", "open", "stopped", "ended", "archived"] as const;
const iso = z.iso.datetime();

export const EventOut = z.object({
  id: Str,
  title: Str,
  description: Str,
  location: Str,
  starts_at: iso,
  ends_at: iso,
  late_after_minutes: z.number().int(),
  archived_at: iso.nullable(),
  checkin_state: z.enum(CHECKIN_STATES).describe("computed now: open only between start and stop, before ends_at"),
  checkin_open: z.boolean(),
  checkin_opened_at: iso.nullable(),
  checkin_closed_at: iso.nullable(),
  block_shared_devices: z.boolean(),
  allowed_cidrs: z.array(Str),
  geofence: z.object({ lat: z.number(), lng: z.number(), radius_m: z.number() }).nullable(),
  course_id: Str.nullable().describe("the course this event is a session of; null for a standalone event"),
  created_at: iso,
  updated_at: iso,
});
export type EventOut = z.output<typeof EventOut>;

export const EventWithCountOut = EventOut.extend({ attendance_count: z.number().int() });
export type EventWithCountOut = z.output<typeof EventWithCountOut>;

export const EventListOut = z.object({ events: z.array(EventWithCountOut) });

export const DeleteEventOut = z.object({ deleted: z.literal(true), id: Str, attendance_deleted: z.number().int() });

export const CheckinStatusOut = z.object({
  event_id: Str,
  title: Str,
  checkin_state: z.enum(CHECKIN_STATES),
  ends_at: iso,
  attendance_count: z.number().int(),
  server_time: iso.describe("the projector keeps time by the server, never by its own clock"),
  rotation_seconds: z.number().int(),
  expiry_seconds: z.number().int(),
  code_revoked: z.boolean().optional().describe("present when ?code= was sent: that code was revoked (another tab, revoke-all, stop)"),
});
export type CheckinStatusOut = z.output<typeof CheckinStatusOut>;

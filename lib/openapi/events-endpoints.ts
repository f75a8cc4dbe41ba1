// Events, QR codes and attendance, declared with the schemas their route handlers validate
// with and the output schemas their use cases return (the browser client is typed from the
// same ones).
import { z } from "zod";
import { ManualMarkInput, MarkedOut, AlreadyMarkedOut, MarkInput, MyAttendanceOut, RosterEntryOut, RosterAnswerOut, RosterQuery, UnmarkInput, UnmarkOut } from "../attendance/schemas";
import {
  CheckinQuery, CheckinStatusOut, DeleteEventOut, DeleteEventQuery, EventCreateInput, EventListOut, EventListQuery, EventOut, EventPatchInput,
  EventWithCountOut, IdParams,
} from "../events/schemas";
import { STEP_UP_403 } from "../passkeys/openapi";
import { IssueQrSessionInput, QrSessionOut, QrSessionParams, RevokedCountOut, RevokedQrSessionOut } from "../qr/schemas";
import { defineEndpoint, type EndpointDef } from "./registry";

const ok = (description: string, schema?: z.ZodType) => ({ 200: { description, schema } });
const made = (description: string, schema?: z.ZodType) => ({ 201: { description, schema } });
const admin = { tag: "Events", auth: "admin" as const };

export const EVENT_ENDPOINTS: readonly EndpointDef[] = [
  defineEndpoint({ ...admin, method: "get", path: "/api/events", summary: "List events", query: EventListQuery, responses: ok("A page of events", EventListOut) }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events", summary: "Create an event (a course session when course_id is set)",
    body: EventCreateInput, responses: made("The event", EventOut), errors: { 404: "course_not_found" },
  }),
  defineEndpoint({ ...admin, method: "get", path: "/api/events/{id}", summary: "One event", params: IdParams, responses: ok("The event", EventWithCountOut) }),
  defineEndpoint({
    ...admin, method: "patch", path: "/api/events/{id}", summary: "Edit or archive an event (audited); changes only this event, also for a course session",
    params: IdParams, body: EventPatchInput, responses: ok("The event", EventOut), errors: { 404: "event_not_found, course_not_found" },
  }),
  defineEndpoint({
    ...admin, method: "delete", path: "/api/events/{id}", summary: "Delete an event (with attendance: needs confirm=true; audited)",
    params: IdParams, query: DeleteEventQuery, responses: ok("Deleted", DeleteEventOut), errors: { 409: "event_has_attendance: confirm with ?confirm=true" },
  }),
  defineEndpoint({
    ...admin, method: "get", path: "/api/events/{id}/attendance",
    summary: "The roster: every enrolled student with a derived status (present, late, excused, absent, not_marked), walk-ins, removed marks and counts",
    description: "Poll with ?since=<version>: while nothing changed the answer is only { event_id, version, changed: false }.",
    params: IdParams, query: RosterQuery,
    responses: { 200: { description: "The roster, or { changed: false } when `since` is current", schema: RosterAnswerOut } },
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/attendance", summary: "Mark a student manually, with a reason (audited)",
    params: IdParams, body: ManualMarkInput, responses: made("The mark", RosterEntryOut), errors: { 409: "conflict: already marked" },
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/attendance/unmark", summary: "Remove a mark, with a reason (audited)",
    params: IdParams, body: UnmarkInput, responses: ok("Removed", UnmarkOut), errors: { 404: "attendance_not_found" },
  }),
  defineEndpoint({ ...admin, method: "get", path: "/api/events/{id}/attendance.csv", summary: "The roster as CSV (text/csv)", params: IdParams, responses: ok("CSV file") }),
  defineEndpoint({
    ...admin, method: "get", path: "/api/events/{id}/checkin", summary: "Check-in state and live count (the projector polls this)",
    params: IdParams, query: CheckinQuery, responses: ok("Check-in state", CheckinStatusOut),
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/checkin/start", summary: "Open check-in",
    params: IdParams, responses: ok("The event, check-in open", EventOut), errors: { 409: "event_closed: the event has ended or is archived" },
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/checkin/stop", summary: "Close check-in (its live codes stop working at once)",
    params: IdParams, responses: ok("The event, check-in stopped", EventOut),
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/qr-sessions/revoke", summary: "Revoke every live code of this event",
    params: IdParams, responses: ok("How many were revoked", RevokedCountOut),
  }),
  defineEndpoint({
    tag: "QR codes", auth: "admin", method: "post", path: "/api/admin/qr-sessions", summary: "Issue a code for an event (seed API)",
    body: IssueQrSessionInput, responses: made("The code, its payload and short code", QrSessionOut), errors: { 409: "event_closed: check-in stopped, ended or archived" },
  }),
  defineEndpoint({
    tag: "QR codes", auth: "admin", method: "post", path: "/api/admin/qr-sessions/{id}/revoke", summary: "Revoke one code",
    params: QrSessionParams, responses: ok("Revoked", RevokedQrSessionOut), errors: { 404: "qr_not_found" },
  }),
  defineEndpoint({
    tag: "QR codes", auth: "admin", method: "post", path: "/api/admin/qr-sessions/revoke-all", summary: "Revoke every live code of every event",
    responses: ok("How many were revoked", RevokedCountOut), errors: { 403: STEP_UP_403 },
  }),
  defineEndpoint({
    tag: "Attendance", auth: "user", method: "post", path: "/api/attendance/mark", summary: "Mark attendance with a scanned payload or short code",
    body: MarkInput,
    responses: { 201: { description: "Marked (present or late)", schema: MarkedOut }, 200: { description: "already_marked, with the original time", schema: AlreadyMarkedOut } },
    errors: {
      400: "qr_malformed, qr_invalid_signature, short_code_invalid, location_required",
      403: "not_a_student, device_shared, network_not_allowed, location_outside_geofence",
      409: "event_closed, conflict",
      410: "qr_expired, qr_revoked",
      429: "rate_limited: 30 failed attempts or already_marked repeats per student per minute (Retry-After)",
    },
  }),
  defineEndpoint({ tag: "Attendance", auth: "user", method: "get", path: "/api/attendance/me", summary: "Your attendance, grouped by the courses you are enrolled in (rate, sessions missed, trend), with your history and removed marks", responses: ok("History", MyAttendanceOut) }),
  defineEndpoint({
    tag: "Attendance", auth: "user", method: "post", path: "/api/attendance/receipt", summary: "Complete the scan receipt (cookie) a logged-out phone got",
    responses: { 201: { description: "Marked as of the scan time", schema: MarkedOut }, 200: { description: "already_marked", schema: AlreadyMarkedOut } },
    errors: { 403: "receipt_wrong_device: the receipt belongs to another browser (device cookie)", 410: "receipt_invalid", 429: "rate_limited (Retry-After)" },
  }),
];

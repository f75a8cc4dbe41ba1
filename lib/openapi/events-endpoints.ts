// Events, QR codes and attendance (issue 4), declared with the schemas their route handlers
// use. Response bodies are described but not yet schema'd: the events domain has no zod
// output schemas yet (TODO for the lead: add them in lib/events|qr|attendance/schemas.ts).
import { z } from "zod";
import { ManualMarkInput, MarkInput, UnmarkInput } from "../attendance/schemas";
import { DeleteEventQuery, EventCreateInput, EventListQuery, EventPatchInput, IdParams, ShortIdSchema } from "../events/schemas";
import { IssueQrSessionInput, QrSessionParams } from "../qr/schemas";
import { defineEndpoint, type EndpointDef } from "./registry";

const ok = (description: string) => ({ 200: { description } });
const made = (description: string) => ({ 201: { description } });
const admin = { tag: "Events", auth: "admin" as const };

export const EVENT_ENDPOINTS: readonly EndpointDef[] = [
  defineEndpoint({ ...admin, method: "get", path: "/api/events", summary: "List events", query: EventListQuery, responses: ok("A page of events") }),
  defineEndpoint({ ...admin, method: "post", path: "/api/events", summary: "Create an event (a course session when course_id is set)", body: EventCreateInput, responses: made("The event"), errors: { 404: "course_not_found" } }),
  defineEndpoint({ ...admin, method: "get", path: "/api/events/{id}", summary: "One event", params: IdParams, responses: ok("The event") }),
  defineEndpoint({ ...admin, method: "patch", path: "/api/events/{id}", summary: "Edit or archive an event (audited); changes only this event, also for a course session", params: IdParams, body: EventPatchInput, responses: ok("The event"), errors: { 404: "event_not_found, course_not_found" } }),
  defineEndpoint({
    ...admin, method: "delete", path: "/api/events/{id}", summary: "Delete an event (with attendance: needs confirm=true; audited)",
    params: IdParams, query: DeleteEventQuery, responses: ok("Deleted"), errors: { 409: "event_has_attendance: confirm with ?confirm=true" },
  }),
  defineEndpoint({ ...admin, method: "get", path: "/api/events/{id}/attendance", summary: "The event's roster and counts", params: IdParams, responses: ok("The roster") }),
  defineEndpoint({ ...admin, method: "post", path: "/api/events/{id}/attendance", summary: "Mark a student manually, with a reason (audited)", params: IdParams, body: ManualMarkInput, responses: made("The mark") }),
  defineEndpoint({ ...admin, method: "post", path: "/api/events/{id}/attendance/unmark", summary: "Remove a mark, with a reason (audited)", params: IdParams, body: UnmarkInput, responses: ok("Removed") }),
  defineEndpoint({ ...admin, method: "get", path: "/api/events/{id}/attendance.csv", summary: "The roster as CSV (text/csv)", params: IdParams, responses: ok("CSV file") }),
  defineEndpoint({
    ...admin, method: "get", path: "/api/events/{id}/checkin", summary: "Check-in state and the current code (the projector polls this)",
    params: IdParams, query: z.strictObject({ code: ShortIdSchema.optional() }), responses: ok("Check-in state"),
  }),
  defineEndpoint({ ...admin, method: "post", path: "/api/events/{id}/checkin/start", summary: "Open check-in", params: IdParams, responses: ok("Check-in state") }),
  defineEndpoint({ ...admin, method: "post", path: "/api/events/{id}/checkin/stop", summary: "Close check-in", params: IdParams, responses: ok("Check-in state") }),
  defineEndpoint({ ...admin, method: "post", path: "/api/events/{id}/qr-sessions/revoke", summary: "Revoke every live code of this event", params: IdParams, responses: ok("How many were revoked") }),
  defineEndpoint({ tag: "QR codes", auth: "admin", method: "post", path: "/api/admin/qr-sessions", summary: "Issue a code for an event (seed API)", body: IssueQrSessionInput, responses: made("The code, its payload and short code") }),
  defineEndpoint({ tag: "QR codes", auth: "admin", method: "post", path: "/api/admin/qr-sessions/{id}/revoke", summary: "Revoke one code", params: QrSessionParams, responses: ok("Revoked") }),
  defineEndpoint({ tag: "QR codes", auth: "admin", method: "post", path: "/api/admin/qr-sessions/revoke-all", summary: "Revoke every live code of every event", responses: ok("{ revoked: number }") }),
  defineEndpoint({
    tag: "Attendance", auth: "user", method: "post", path: "/api/attendance/mark", summary: "Mark attendance with a scanned payload or short code",
    body: MarkInput,
    responses: { 201: { description: "Marked (present or late)" }, 200: { description: "already_marked, with the original time" } },
    errors: { 403: "not_a_student, device_shared, network_not_allowed, location_*", 409: "event_closed", 410: "qr_expired, qr_revoked", 429: "rate_limited: 30 failed attempts or already_marked repeats per student per minute (Retry-After)" },
  }),
  defineEndpoint({ tag: "Attendance", auth: "user", method: "get", path: "/api/attendance/me", summary: "Your attendance history and rate", responses: ok("History") }),
  defineEndpoint({
    tag: "Attendance", auth: "user", method: "post", path: "/api/attendance/receipt", summary: "Complete the scan receipt (cookie) a logged-out phone got",
    responses: { 201: { description: "Marked as of the scan time" }, 200: { description: "already_marked" } }, errors: { 403: "receipt_wrong_device: the receipt belongs to another browser (device cookie)", 410: "receipt_invalid", 429: "rate_limited (Retry-After)" },
  }),
];

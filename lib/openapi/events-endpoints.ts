// Events, QR codes and attendance, declared with the schemas their route handlers validate
// with and the output schemas their use cases return (the browser client is typed from the
// same ones).
import { z } from "zod";
import { BulkMarkInput, BulkMarkOut, MAX_BULK_MARKS, ManualMarkInput, MarkedOut, AlreadyMarkedOut, MarkInput, MyAttendanceOut, RosterEntryOut, RosterAnswerOut, RosterQuery, UnmarkInput, UnmarkOut } from "../attendance/schemas";
import {
  CheckinQuery, CheckinStatusOut, DeleteEventOut, DeleteEventQuery, EventCreateInput, EventListOut, EventListQuery, EventOut, EventPatchInput,
  EventWithCountOut, IdParams,
} from "../events/schemas";
import { CSV_MEDIA_TYPE, SessionCsvQuery } from "../courses/report-schemas";
import { STEP_UP_403 } from "../passkeys/openapi";
import { IssueQrSessionInput, QrSessionOut, QrSessionParams, RevokedCountOut, RevokedQrSessionOut } from "../qr/schemas";
import { defineEndpoint, type EndpointDef } from "./registry";

const ok = (description: string, schema?: z.ZodType) => ({ 200: { description, schema } });
const made = (description: string, schema?: z.ZodType) => ({ 201: { description, schema } });
const admin = { tag: "Events" };

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
    ...admin, method: "post", path: "/api/events/{id}/attendance", summary: "Mark or excuse a student manually, with a reason (audited)",
    description: "Any enrolled student can be marked, account or not: name them by user_id, email or enrollment_id. A mark of a student without an account is kept with their enrolment and moves to their account when they sign up with that address.",
    params: IdParams, body: ManualMarkInput, responses: made("The mark", RosterEntryOut),
    errors: { 403: "not_a_student", 404: "not_found / enrollment_not_found: nobody with that id or email in this course", 409: "conflict: already marked" },
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/attendance/bulk", summary: `Mark or excuse up to ${MAX_BULK_MARKS} selected students at once, with one reason (each audited, each with its own result)`,
    params: IdParams, body: BulkMarkInput, responses: ok("One result per student", BulkMarkOut), errors: { 404: "event_not_found" },
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/attendance/unmark", summary: "Remove a mark, with a reason (audited)",
    params: IdParams, body: UnmarkInput, responses: ok("Removed", UnmarkOut), errors: { 404: "attendance_not_found" },
  }),
  defineEndpoint({
    ...admin, method: "get", path: "/api/events/{id}/attendance.csv",
    summary: "One session as CSV for a spreadsheet: the whole roster with each student's status (absent included), account, time in the college's zone and method in words, then walk-ins",
    description: "UTF-8 with a byte-order mark; the separator is `;` or `,` (default from COLLEGE_LOCALE); named like INF2040-2026-12-07-1000.csv.",
    params: IdParams, query: SessionCsvQuery, responses: { 200: { description: "CSV file", mediaType: CSV_MEDIA_TYPE } },
    errors: { 503: "busy: too many reports, exports and imports running on this instance; retry after Retry-After (check-ins come first)" },
  }),
  defineEndpoint({
    ...admin, method: "get", path: "/api/events/{id}/checkin", summary: "Check-in state and live count (the projector polls this)",
    params: IdParams, query: CheckinQuery, responses: ok("Check-in state", CheckinStatusOut),
  }),
  defineEndpoint({
    ...admin, method: "post", path: "/api/events/{id}/checkin/start", summary: "Open check-in",
    description: "Check-in opens for the first time only from CHECKIN_OPENS_MINUTES_BEFORE (default 30) minutes before the event's start until its end.",
    params: IdParams, responses: ok("The event, check-in open", EventOut),
    errors: { 409: "event_closed: the event has ended or is archived; event_not_open: too early (details.opens_at, details.ends_at; the message gives the times in the college's zone)" },
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
    tag: "QR codes", method: "post", path: "/api/admin/qr-sessions", summary: "Issue a code for an event (seed API); this OPENS CHECK-IN if it is not open yet",
    description: "Issuing a code starts check-in for the event when it has not started: students can mark attendance with it at once. That is allowed only from CHECKIN_OPENS_MINUTES_BEFORE (default 30) minutes before the event's start until its end; earlier answers 409 event_not_open.",
    body: IssueQrSessionInput, responses: made("The code, its payload and short code", QrSessionOut),
    errors: {
      409: "event_closed: check-in stopped, ended or archived; event_not_open: too early to open check-in (details.opens_at, details.ends_at)",
      503: "qr_key_revoked: this server's QR signing secret was revoked (a compromise rotation); it issues codes again once restarted with the new secret",
    },
  }),
  defineEndpoint({
    tag: "QR codes", method: "post", path: "/api/admin/qr-sessions/{id}/revoke", summary: "Revoke one code",
    params: QrSessionParams, responses: ok("Revoked", RevokedQrSessionOut), errors: { 404: "qr_not_found" },
  }),
  defineEndpoint({
    tag: "QR codes", method: "post", path: "/api/admin/qr-sessions/revoke-all", summary: "Revoke every live code of every event",
    responses: ok("How many were revoked", RevokedCountOut), errors: { 403: STEP_UP_403 },
  }),
  defineEndpoint({
    tag: "Attendance", method: "post", path: "/api/attendance/mark", summary: "Mark attendance with a scanned payload or short code",
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
  defineEndpoint({ tag: "Attendance", method: "get", path: "/api/attendance/me", summary: "Your attendance, grouped by the courses you are enrolled in (rate, sessions missed, trend), with your history and removed marks", responses: ok("History", MyAttendanceOut) }),
  defineEndpoint({
    tag: "Attendance", method: "post", path: "/api/attendance/receipt", summary: "Complete the scan receipt (cookie) a logged-out phone got",
    responses: { 201: { description: "Marked as of the scan time", schema: MarkedOut }, 200: { description: "already_marked", schema: AlreadyMarkedOut } },
    errors: { 403: "receipt_wrong_device: the receipt belongs to another browser (device cookie)", 410: "receipt_invalid", 429: "rate_limited (Retry-After)" },
  }),
];

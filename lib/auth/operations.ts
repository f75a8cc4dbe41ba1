// Every API operation and who may call it: the one table route() (lib/http.ts) checks before
// a handler runs, the OpenAPI document reads (security, 401/403), the design doc's table is
// generated from (docs/design.md#roles-and-permissions) and the integration walk covers
// (tests/integration/policy-walk.test.ts). A route names its row: route({ operation: "GET /api/…" }).
// A new route without a row fails to compile; a documented operation without one fails the walk.
import type { Capability } from "./policy";

/** How to find the course (the context) an operation acts in. */
export type Locator =
  /** a course id in the path */
  | { from: "course"; param: string }
  /** an event id in the path: its course, or the event itself when it has none */
  | { from: "event"; param: string }
  /** an event id in the JSON body */
  | { from: "event-body"; field: string }
  /** a QR session id in the path: its event's course */
  | { from: "qr-session"; param: string }
  /** an approval request id in the path: the course its signup names, else the site */
  | { from: "approval"; param: string }
  /** an optional course id in the JSON body: that course, else the site */
  | { from: "course-body"; field: string };

export type Rule =
  /** anyone, signed in or not */
  | { access: "public" }
  /** any signed-in account, acting on its own things (its sessions, passkeys, marks, notifications) */
  | { access: "signed-in" }
  /** any signed-in account; the answer lists only what the caller may see */
  | { access: "signed-in"; lists: Capability }
  /** a capability in the site context */
  | { access: "capability"; can: Capability }
  /** a capability in the course (or event) the locator finds */
  | { access: "capability"; can: Capability; in: Locator };

const PUBLIC = { access: "public" } as const;
const SIGNED_IN = { access: "signed-in" } as const;
const site = (can: Capability) => ({ access: "capability", can }) as const;
const inCourse = (can: Capability, param = "id") => ({ access: "capability", can, in: { from: "course", param } }) as const;
const inEvent = (can: Capability, param = "id") => ({ access: "capability", can, in: { from: "event", param } }) as const;

export const OPERATIONS = {
  // system
  "GET /api/health": PUBLIC,
  "GET /api/openapi.json": PUBLIC,
  // sign-up, sign-in and the signed-in user's own things
  "POST /api/auth/signup": PUBLIC,
  "POST /api/auth/signup/status": PUBLIC,
  "POST /api/auth/signup/course": PUBLIC,
  // verified signups and password recovery: the mailed secret is the credential (docs/authentication.md)
  "POST /api/auth/verify-email": PUBLIC,
  "POST /api/auth/verify-email/resend": PUBLIC,
  "POST /api/auth/password-reset": PUBLIC,
  "POST /api/auth/password-reset/confirm": PUBLIC,
  "POST /api/auth/change-password": SIGNED_IN,
  "POST /api/auth/login": PUBLIC,
  "POST /api/auth/refresh": PUBLIC,
  "GET /api/auth/{nextauth}": PUBLIC,
  "POST /api/auth/{nextauth}": PUBLIC,
  "POST /api/auth/passkeys/login/options": PUBLIC,
  "POST /api/auth/passkeys/login/verify": PUBLIC,
  "POST /api/auth/logout": SIGNED_IN,
  "GET /api/auth/me": SIGNED_IN,
  "POST /api/auth/step-up": SIGNED_IN,
  "POST /api/auth/step-up/options": SIGNED_IN,
  "GET /api/auth/passkeys": SIGNED_IN,
  "PATCH /api/auth/passkeys/{id}": SIGNED_IN,
  "DELETE /api/auth/passkeys/{id}": SIGNED_IN,
  "POST /api/auth/passkeys/register/options": SIGNED_IN,
  "POST /api/auth/passkeys/register/verify": SIGNED_IN,
  "GET /api/notifications": SIGNED_IN,
  "POST /api/notifications/{id}/read": SIGNED_IN,
  "POST /api/notifications/read-all": SIGNED_IN,
  "GET /api/auth/me/mail-preferences": SIGNED_IN,
  "PUT /api/auth/me/mail-preferences": SIGNED_IN,
  // RFC 8058 one-click unsubscribe: the signed token in the link is the credential (lib/mail/unsubscribe.ts)
  "POST /api/mail/unsubscribe": PUBLIC,
  // a student's own attendance (the use cases accept student accounts only)
  "POST /api/attendance/mark": SIGNED_IN,
  "POST /api/attendance/receipt": SIGNED_IN,
  "GET /api/attendance/me": SIGNED_IN,
  "POST /api/courses/join": SIGNED_IN,
  // approvals
  "GET /api/admin/approval-requests": site("approvals:view"),
  "POST /api/admin/approval-requests/{id}/decide": { access: "capability", can: "approvals:decide", in: { from: "approval", param: "id" } },
  // each id is then decided under the single decision's rule (lib/accounts/decide-bulk.ts)
  "POST /api/admin/approval-requests/decide-bulk": site("approvals:view"),
  // users and the college-wide views
  "GET /api/admin/users": site("users:manage"),
  "PATCH /api/admin/users/{id}": site("users:manage"),
  "POST /api/admin/users/{id}/revoke-sessions": site("users:manage"),
  "POST /api/admin/users/{id}/unlock": site("users:manage"),
  "POST /api/admin/users/{id}/revoke-passkeys": site("users:manage"),
  "POST /api/admin/users/{id}/send-password-reset": site("users:manage"),
  "GET /api/people": site("people:search"),
  "GET /api/admin/audit-logs": site("audit:view"),
  "GET /api/admin/suspicious": site("audit:view"),
  "GET /api/admin/metrics": site("operations:view"),
  "GET /api/admin/outbox": site("operations:view"),
  "POST /api/admin/qr-sessions/revoke-all": site("codes:revoke-all"),
  // courses
  "GET /api/courses": { access: "signed-in", lists: "course:view" },
  "POST /api/courses": site("course:create"),
  "GET /api/courses/{id}": inCourse("course:view"),
  "PATCH /api/courses/{id}": inCourse("course:edit"),
  "DELETE /api/courses/{id}": inCourse("course:delete"),
  "GET /api/courses/{id}/staff": inCourse("course:view"),
  "POST /api/courses/{id}/staff": inCourse("course:staff"),
  "DELETE /api/courses/{id}/staff/{user_id}": inCourse("course:staff"),
  "GET /api/courses/{id}/enrollments": inCourse("roster:view"),
  "POST /api/courses/{id}/enrollments": inCourse("roster:manage"),
  "DELETE /api/courses/{id}/enrollments/{enrollment_id}": inCourse("roster:manage"),
  "POST /api/courses/{id}/enrollments/import": inCourse("roster:manage"),
  "POST /api/courses/{id}/join-code": inCourse("roster:manage"),
  "POST /api/courses/{id}/invitations": inCourse("roster:manage"),
  "POST /api/courses/{id}/sessions": inCourse("event:create"),
  "GET /api/courses/{id}/report": inCourse("report:view"),
  "GET /api/courses/{id}/report.csv": inCourse("report:view"),
  "GET /api/courses/{id}/report.xlsx": inCourse("report:view"),
  // several courses in one workbook: only those whose report the caller may view (lib/courses/report-xlsx.ts)
  "GET /api/courses/report.xlsx": { access: "signed-in", lists: "report:view" },
  // events, check-in and codes
  "GET /api/events": { access: "signed-in", lists: "event:view" },
  "POST /api/events": { access: "capability", can: "event:create", in: { from: "course-body", field: "course_id" } },
  "GET /api/events/{id}": inEvent("event:view"),
  "PATCH /api/events/{id}": inEvent("event:edit"),
  "DELETE /api/events/{id}": inEvent("event:delete"),
  "GET /api/events/{id}/checkin": inEvent("checkin:run"),
  "POST /api/events/{id}/checkin/start": inEvent("checkin:run"),
  "POST /api/events/{id}/checkin/stop": inEvent("checkin:run"),
  "POST /api/events/{id}/qr-sessions/revoke": inEvent("checkin:run"),
  "POST /api/admin/qr-sessions": { access: "capability", can: "checkin:run", in: { from: "event-body", field: "event_id" } },
  "POST /api/admin/qr-sessions/{id}/revoke": { access: "capability", can: "checkin:run", in: { from: "qr-session", param: "id" } },
  "GET /api/events/{id}/attendance": inEvent("attendance:view"),
  "GET /api/events/{id}/attendance.csv": inEvent("attendance:view"),
  "POST /api/events/{id}/attendance": inEvent("attendance:mark"),
  // each student is then marked under the single mark's rules (lib/attendance/bulk-mark.ts)
  "POST /api/events/{id}/attendance/bulk": inEvent("attendance:mark"),
  "POST /api/events/{id}/attendance/unmark": inEvent("attendance:unmark"),
} as const satisfies Record<string, Rule>;

export type OperationKey = keyof typeof OPERATIONS;

export function ruleOf(key: string): Rule | undefined {
  return (OPERATIONS as Record<string, Rule>)[key];
}

/** Whether a rule needs a signed-in caller (everything but public operations). */
export const needsSignIn = (rule: Rule) => rule.access !== "public";

/** Whether the rule reads its context from the JSON body (so the body is parsed before the check). */
export const locatesFromBody = (rule: Rule) => rule.access === "capability" && "in" in rule && (rule.in.from === "event-body" || rule.in.from === "course-body");

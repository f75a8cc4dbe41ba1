// Every API endpoint, declared with the schemas its route handler uses. Adding a route file
// under app/api means adding its entry here (lib/openapi/coverage.test.ts fails otherwise) and
// its row in the policy table, lib/auth/operations.ts (who may call it):
//   defineEndpoint({ method: "post", path: "/api/auth/login", tag: "Auth",
//     summary: "…", body: LoginBody, responses: { 200: { description: "…", schema: TokenPairOut } },
//     errors: { 401: "invalid_credentials", 429: "rate_limited" } })
import { z } from "zod";
import { EmptyQuery, Str } from "../common-schemas";
import { ACCOUNT_ENDPOINTS } from "../accounts/openapi";
import { COURSE_ENDPOINTS } from "../courses/openapi";
import { MAIL_ENDPOINTS } from "../mail/openapi";
import { AuditLogPage, AuditLogQuery, SuspiciousReport } from "../audit/schemas";
import { HealthOut } from "../health/schemas";
import { MetricsOut } from "../metrics/schemas";
import { PeopleOut, PeopleQuery } from "../people/schemas";
import { IdParams, MarkAllReadResult, MarkReadResult, NotificationList, NotificationListQuery } from "../notifications/schemas";
import { RevokeSessionsResult, UnlockResult, UpdateUserBody, UpdateUserResult, UserListQuery, UserPage } from "../users/schemas";
import { PASSKEY_ENDPOINTS, STEP_UP_403 } from "../passkeys/openapi";
import { EVENT_ENDPOINTS } from "./events-endpoints";
import { defineEndpoint, type EndpointDef } from "./registry";

const system: EndpointDef[] = [
  defineEndpoint({
    method: "get",
    path: "/api/health",
    tag: "System",
    summary: "Database reachability and migration state",
    responses: { 200: { description: "Reachable (status is degraded when migrations are pending)", schema: HealthOut } },
    errors: { 503: "the database is unreachable" },
  }),
  defineEndpoint({
    method: "get",
    path: "/api/openapi.json",
    tag: "System",
    summary: "This OpenAPI 3.1 document",
    responses: { 200: { description: "The document", schema: z.record(Str, z.unknown()) } },
  }),
];

const notifications: EndpointDef[] = [
  defineEndpoint({
    method: "get",
    path: "/api/notifications",
    tag: "Notifications",
    summary: "Your notifications, newest first, with the unread count",
    query: NotificationListQuery,
    responses: { 200: { description: "A page of notifications", schema: NotificationList } },
  }),
  defineEndpoint({
    method: "post",
    path: "/api/notifications/{id}/read",
    tag: "Notifications",
    summary: "Mark one of your notifications read",
    params: IdParams,
    responses: { 200: { description: "The notification, now read", schema: MarkReadResult } },
  }),
  defineEndpoint({
    method: "post",
    path: "/api/notifications/read-all",
    tag: "Notifications",
    summary: "Mark all your notifications read",
    responses: { 200: { description: "How many were marked", schema: MarkAllReadResult } },
  }),
];

const admin: EndpointDef[] = [
  defineEndpoint({
    method: "get",
    path: "/api/admin/audit-logs",
    tag: "Admin: audit",
    summary: "Audit log entries, newest first (read-only)",
    query: AuditLogQuery,
    responses: { 200: { description: "A page of entries", schema: AuditLogPage } },
  }),
  defineEndpoint({
    method: "get",
    path: "/api/admin/suspicious",
    tag: "Admin: audit",
    summary: "Suspicious activity: failed-login bursts, shared devices, failed-scan rates, refresh-token reuse",
    query: EmptyQuery,
    responses: { 200: { description: "The current report", schema: SuspiciousReport } },
  }),
  defineEndpoint({
    method: "get",
    path: "/api/admin/users",
    tag: "Admin: users",
    summary: "Search and filter users",
    query: UserListQuery,
    responses: { 200: { description: "A page of users", schema: UserPage } },
  }),
  defineEndpoint({
    method: "patch",
    path: "/api/admin/users/{id}",
    tag: "Admin: users",
    summary: "Change a user's role and/or active state (revokes their sessions), or correct their name (invisible characters are removed)",
    params: IdParams,
    body: UpdateUserBody,
    responses: { 200: { description: "The updated user", schema: UpdateUserResult } },
    errors: {
      403: `${STEP_UP_403} (only when role is admin)`,
      409: "last_admin: the last active admin cannot be demoted or deactivated; conflict: activate pending accounts through approvals",
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/api/admin/users/{id}/revoke-sessions",
    tag: "Admin: users",
    summary: "End every session of a user",
    params: IdParams,
    responses: { 200: { description: "How many sessions were revoked", schema: RevokeSessionsResult } },
  }),
  defineEndpoint({
    method: "post",
    path: "/api/admin/users/{id}/unlock",
    tag: "Admin: users",
    summary: "Lift a login lockout: the account's own and its trusted devices' (audited as login_unlocked)",
    params: IdParams,
    responses: { 200: { description: "The user, no longer locked", schema: UnlockResult } },
  }),
  defineEndpoint({
    method: "get",
    path: "/api/people",
    tag: "People",
    summary: "Find active accounts by name or email, to enrol a student or add course staff",
    query: PeopleQuery,
    responses: { 200: { description: "Up to `limit` accounts, by name", schema: PeopleOut } },
  }),
  defineEndpoint({
    method: "get",
    path: "/api/admin/metrics",
    tag: "Admin: operations",
    summary: "Live operational metrics with green/amber/red status",
    query: EmptyQuery,
    responses: { 200: { description: "Metrics of this app instance and the database", schema: MetricsOut } },
  }),
];

const nextAuth: EndpointDef[] = (["get", "post"] as const).map((method) =>
  defineEndpoint({
    method,
    path: "/api/auth/{nextauth}",
    tag: "Auth",
    summary: "next-auth's browser session endpoints (csrf, session, callback/credentials, signin/oidc and callback/oidc for single sign-on, signout); used by the web app, not by integrators",
    params: z.strictObject({ nextauth: Str.describe("csrf | session | providers | callback/credentials | signin/oidc | callback/oidc | signout") }),
    responses: {
      200: { description: "next-auth's own answers: JSON (csrf, session, providers) or a page", mediaTypes: ["application/json", "text/html"] },
      302: { description: "a redirect: to the college's sign-in page, back from it, or after signing out" },
      400: { description: "next-auth's refusal of an unknown or malformed action, in plain text", mediaTypes: ["text/plain"] },
      401: { description: "a sign-in refused: next-auth's JSON naming the login page to return to, with the reason's code in it", mediaTypes: ["application/json"] },
    },
  }),
);

export const ENDPOINTS: readonly EndpointDef[] = [...system, ...ACCOUNT_ENDPOINTS, ...PASSKEY_ENDPOINTS, ...nextAuth, ...EVENT_ENDPOINTS, ...COURSE_ENDPOINTS, ...notifications, ...admin, ...MAIL_ENDPOINTS];

// The account endpoints for the OpenAPI document, declared with the same schemas the route
// handlers validate with. Plain data in the registry's EndpointDef shape: spread
// ACCOUNT_ENDPOINTS into lib/openapi/endpoints.ts's ENDPOINTS.
import type { EndpointDef } from "../openapi/registry";
import { STEP_UP_403 } from "../passkeys/openapi";
import {
  ApprovalListOut, ApprovalListQuery, BulkDecisionBody, BulkDecisionOut, DecisionBody, DecisionOut, IdParams, LoginBody, LoginOut, MeOut, OkOut,
  RefreshBody, SignupBody, SignupOut, SignupStatusBody, SignupStatusOut, TokenPairOut,
} from "./schemas";

export const ACCOUNT_ENDPOINTS: readonly EndpointDef[] = [
  {
    method: "post", path: "/api/auth/signup", tag: "Auth", auth: "none",
    summary: "Sign up: a pending account and an approval request that expires APPROVAL_TIMEOUT_MINUTES later",
    body: SignupBody,
    responses: { 201: { description: "Pending account; follow it with status_token", schema: SignupOut } },
    errors: {
      400: "weak_password (details.violations lists every broken rule with its code)",
      409: "email_taken; approval_pending (a live request exists)",
      429: "rate_limited: too many signups from this IP (Retry-After)",
    },
  },
  {
    method: "post", path: "/api/auth/signup/status", tag: "Auth", auth: "none",
    summary: "The status of the approval request a status token names (the waiting page polls this)",
    body: SignupStatusBody,
    responses: { 200: { description: "The request, with expiry computed now", schema: SignupStatusOut } },
    errors: { 400: "status_token_invalid" },
  },
  {
    method: "post", path: "/api/auth/login", tag: "Auth", auth: "none",
    summary: "Log in with email and password: an access token, a rotating refresh token and a trusted-device token",
    description:
      "Failed attempts are limited per client address (10 failures per 5 minutes; correct passwords do not count) and per account: " +
      "5 attempts, then a 30-second lock, then one attempt per lock, each lock twice as long (at most an hour). An unknown email " +
      "behaves exactly like a known one. A client that sends the device_token an earlier login returned for this account is " +
      "limited on its own, so other clients' failures never lock it out.",
    body: LoginBody,
    responses: { 200: { description: "A token pair, the user and this client's device_token", schema: LoginOut } },
    errors: {
      401: "invalid_credentials",
      403: "account_pending, account_rejected, account_expired, account_deactivated (only after the correct password)",
      429: "rate_limited (this address's failure budget is used up) or account_locked (the account, or this trusted device, is locked); Retry-After",
    },
  },
  {
    method: "post", path: "/api/auth/refresh", tag: "Auth", auth: "none",
    summary: "Spend a refresh token for a new pair (each works once; reuse revokes the session)",
    body: RefreshBody,
    responses: { 200: { description: "A new token pair", schema: TokenPairOut } },
    errors: { 401: "refresh_token_invalid, refresh_token_reused (the whole session is revoked), session_revoked", 403: "account_deactivated" },
  },
  {
    method: "post", path: "/api/auth/logout", tag: "Auth", auth: "user",
    summary: "Revoke the current session (its access and refresh tokens stop working)",
    responses: { 200: { description: "Logged out", schema: OkOut } },
  },
  {
    method: "get", path: "/api/auth/me", tag: "Auth", auth: "user",
    summary: "The signed-in user",
    responses: { 200: { description: "The user", schema: MeOut } },
  },
  {
    method: "get", path: "/api/admin/approval-requests", tag: "Admin: approvals", auth: "admin",
    summary: "Approval requests: live pending first, then the rest, newest first",
    query: ApprovalListQuery,
    responses: { 200: { description: "Requests with their computed status and remaining time", schema: ApprovalListOut } },
  },
  {
    method: "post", path: "/api/admin/approval-requests/{id}/decide", tag: "Admin: approvals", auth: "admin",
    summary: "Approve (as student or admin) or reject a pending request; exactly one decision wins",
    params: IdParams,
    body: DecisionBody,
    responses: { 200: { description: "The decided request", schema: DecisionOut } },
    errors: { 403: `${STEP_UP_403} (only when approving as admin)`, 404: "approval_not_found", 409: "approval_expired, approval_already_decided" },
  },
  {
    method: "post", path: "/api/admin/approval-requests/decide-bulk", tag: "Admin: approvals", auth: "admin",
    summary: "The same decision for many requests (select several or all): a result per id, each under the single-decision rules and audited",
    body: BulkDecisionBody,
    responses: { 200: { description: "One result per id; failures carry the code a single decision would (e.g. 409 approval_expired)", schema: BulkDecisionOut } },
    errors: { 403: `${STEP_UP_403} (only when approving as admin: the whole batch is refused)` },
  },
];

// The account endpoints for the OpenAPI document, declared with the same schemas the route
// handlers validate with. Plain data in the registry's EndpointDef shape: spread
// ACCOUNT_ENDPOINTS into lib/openapi/endpoints.ts's ENDPOINTS.
import type { EndpointDef } from "../openapi/registry";
import { STEP_UP_403 } from "../passkeys/openapi";
import {
  ApprovalListOut, ApprovalListQuery, BulkDecisionBody, BulkDecisionOut, DecisionBody, DecisionOut, IdParams, LoginBody, LoginOut, MeOut, OkOut,
  RefreshBody, SignupBody, SignupOut, SignupStatusBody, SignupCourseBody, SignupCourseOut, SignupStatusOut, TokenPairOut,
  ChangePasswordBody, PasswordChangedOut, PasswordResetBody, PasswordResetConfirmBody, PasswordResetOut, ResendVerificationBody, ResendVerificationOut,
  ResetSentOut, VerifyEmailBody, VerifyEmailOut,
} from "./schemas";

const MAILED_TOKEN_ERRORS = "token_invalid (unknown or malformed; details.kind names the link), token_expired";

export const ACCOUNT_ENDPOINTS: readonly EndpointDef[] = [
  {
    method: "post", path: "/api/auth/signup", tag: "Auth",
    summary: "Sign up: the address is mailed a verification link and a 6-digit code; no account exists until one comes back",
    description:
      "The answer is the same for every address — new, already signed up, on a course roster, or already an account (which is " +
      "mailed a 'you already have an account' note instead) — so signup tells a stranger nothing about who studies here. Several " +
      "unverified signups of one address may exist; each mailed secret verifies the signup it was sent for. Unverified signups " +
      "expire after EMAIL_VERIFICATION_HOURS (24).",
    body: SignupBody,
    responses: { 202: { description: "Accepted: check the mailbox", schema: SignupOut } },
    errors: {
      400: "weak_password (details.violations lists every broken rule with its code)",
      429: "rate_limited: too many signups from this client address (Retry-After)",
    },
  },
  {
    method: "post", path: "/api/auth/verify-email", tag: "Auth",
    summary: "Verify a signup with its mailed link's token, or with the address and the mail's 6-digit code: the account is made now",
    description:
      "The signup the secret was mailed for becomes an account with that signup's password and name: an active student at once when " +
      "the address is on an active course's roster (audited as the roster import), else pending with an approval request that expires " +
      "APPROVAL_TIMEOUT_MINUTES from now. Every other unverified signup of the address stops working. Wrong codes are limited to 5 per " +
      "address per day.",
    body: VerifyEmailBody,
    responses: { 200: { description: "The account and its approval request", schema: VerifyEmailOut } },
    errors: {
      401: MAILED_TOKEN_ERRORS + "; a wrong code is token_invalid",
      409: "token_used; email_taken (the address got an account meanwhile)",
      429: "rate_limited: too many wrong codes for this address (Retry-After)",
    },
  },
  {
    method: "post", path: "/api/auth/verify-email/resend", tag: "Auth",
    summary: "Mail the newest unverified signup of an address a new link and code (the old ones stop working); the same answer for every address",
    body: ResendVerificationBody,
    responses: { 202: { description: "Accepted", schema: ResendVerificationOut } },
    errors: { 429: "rate_limited: 10 requests per client address per 15 minutes (Retry-After); beyond 5 mails an hour per address nothing more is sent" },
  },
  {
    method: "post", path: "/api/auth/password-reset", tag: "Auth",
    summary: "Ask for a password-reset link: mailed (valid PASSWORD_RESET_MINUTES, once) when the address has a verified account; the same answer either way",
    body: PasswordResetBody,
    responses: { 202: { description: "Accepted", schema: PasswordResetOut } },
    errors: { 429: "rate_limited: 10 requests per client address per 15 minutes (Retry-After); beyond 3 links an hour per account nothing more is sent" },
  },
  {
    method: "post", path: "/api/auth/password-reset/confirm", tag: "Auth",
    summary: "Set a new password with a reset link's token: every session and refresh token of the account ends; passkeys stay",
    body: PasswordResetConfirmBody,
    responses: { 200: { description: "Changed; sign in with the new password", schema: PasswordChangedOut } },
    errors: {
      400: "weak_password (details.violations)",
      401: MAILED_TOKEN_ERRORS,
      409: "token_used",
    },
  },
  {
    method: "post", path: "/api/auth/change-password", tag: "Auth",
    summary: "Change your password: the current one, and a new one that passes the policy; your other sessions end",
    description: "The one endpoint (with GET /api/auth/me and POST /api/auth/logout) open to the quick start's bootstrap admin before the given password is changed.",
    body: ChangePasswordBody,
    responses: { 200: { description: "Changed", schema: PasswordChangedOut } },
    errors: {
      400: "weak_password (details.violations; same_as_current when unchanged)",
      401: "invalid_credentials (the current password is wrong)",
      409: "conflict (the password changed meanwhile)",
      429: "rate_limited: 5 wrong current passwords per 15 minutes (Retry-After)",
    },
  },
  {
    method: "post", path: "/api/admin/users/{id}/send-password-reset", tag: "Admin: users",
    summary: "Mail a user a password-reset link (audited); nobody sees or sets another person's password",
    params: IdParams,
    responses: { 202: { description: "Sent", schema: ResetSentOut } },
    errors: {
      409: "conflict: only active or waiting accounts with a confirmed address",
      429: "rate_limited: 3 reset links per account per hour (Retry-After)",
    },
  },
  {
    method: "post", path: "/api/auth/signup/status", tag: "Auth",
    summary: "The status of the approval request a status token names (the waiting page polls this)",
    body: SignupStatusBody,
    responses: { 200: { description: "The request, with expiry computed now", schema: SignupStatusOut } },
    errors: { 400: "status_token_invalid" },
  },
  {
    method: "post", path: "/api/auth/signup/course", tag: "Auth",
    summary: "Name the course whose instructors should decide a waiting signup (its join code, from the waiting page)",
    description:
      "For a student who is not on the course's roster. The request then names the course: its instructors decide it, approving enrols the student, " +
      "and it waits until the course's next session ends (a week when none is scheduled). A request that already names this course is left as it is.",
    body: SignupCourseBody,
    responses: { 200: { description: "The request, naming the course", schema: SignupCourseOut } },
    errors: {
      400: "status_token_invalid",
      404: "join_code_invalid (also an archived course or a switched-off code)",
      409: "approval_expired; approval_already_decided; conflict: the request names another course",
      429: "rate_limited: 30 join codes per network per 10 minutes",
    },
  },
  {
    method: "post", path: "/api/auth/login", tag: "Auth",
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
      403: "account_pending, account_rejected, account_expired, account_deactivated (only after the correct password); email_unverified (the password of an unverified signup: confirm the address first)",
      429: "rate_limited (this address's failure budget is used up) or account_locked (the account, or this trusted device, is locked); Retry-After",
    },
  },
  {
    method: "post", path: "/api/auth/refresh", tag: "Auth",
    summary: "Spend a refresh token for a new pair (each works once; reuse revokes the session)",
    body: RefreshBody,
    responses: { 200: { description: "A new token pair", schema: TokenPairOut } },
    errors: { 401: "refresh_token_invalid, refresh_token_reused (the whole session is revoked), session_revoked", 403: "account_deactivated" },
  },
  {
    method: "post", path: "/api/auth/logout", tag: "Auth",
    summary: "Revoke the current session (its access and refresh tokens stop working)",
    responses: { 200: { description: "Logged out", schema: OkOut } },
  },
  {
    method: "get", path: "/api/auth/me", tag: "Auth",
    summary: "The signed-in user",
    responses: { 200: { description: "The user", schema: MeOut } },
  },
  {
    method: "get", path: "/api/admin/approval-requests", tag: "Admin: approvals",
    summary: "Approval requests: live pending first, then the rest, newest first",
    query: ApprovalListQuery,
    responses: { 200: { description: "Requests with their computed status and remaining time", schema: ApprovalListOut } },
  },
  {
    method: "post", path: "/api/admin/approval-requests/{id}/decide", tag: "Admin: approvals",
    summary: "Approve (as student or admin) or reject a pending request; exactly one decision wins",
    params: IdParams,
    body: DecisionBody,
    responses: { 200: { description: "The decided request", schema: DecisionOut } },
    errors: { 403: `${STEP_UP_403} (only when approving as admin)`, 404: "approval_not_found", 409: "approval_expired, approval_already_decided" },
  },
  {
    method: "post", path: "/api/admin/approval-requests/decide-bulk", tag: "Admin: approvals",
    summary: "The same decision for many requests (select several or all): a result per id, each under the single-decision rules and audited",
    body: BulkDecisionBody,
    responses: { 200: { description: "One result per id; failures carry the code a single decision would (e.g. 409 approval_expired)", schema: BulkDecisionOut } },
    errors: { 403: `${STEP_UP_403} (only when approving as admin: the whole batch is refused)` },
  },
];

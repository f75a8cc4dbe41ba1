// The passkey and step-up endpoints for the OpenAPI document, declared with the same schemas
// the route handlers validate with. Spread PASSKEY_ENDPOINTS into lib/openapi/endpoints.ts.
import { LoginOut } from "../accounts/schemas";
import { StepUpBody, StepUpOut } from "../auth/step-up-schemas";
import type { EndpointDef } from "../openapi/registry";
import { IdParams } from "../users/schemas";
import {
  CreationOptionsOut, DeletedOut, PasskeyIdParams, PasskeyListOut, PasskeyResult, RegisterVerifyBody, RenamePasskeyBody,
  LoginVerifyBody, RequestOptionsOut, RevokedPasskeysOut,
} from "./schemas";

const NEED_DOMAIN = "passkeys_need_domain: APP_URL is an IP address; browsers allow passkeys only on domain names";
const CEREMONY = "passkey_malformed, passkey_origin_mismatch, passkey_rp_id_mismatch, passkey_user_verification_required";
const OPTIONS_LIMIT = "rate_limited: 120 options requests per minute per client IP (Retry-After)";
const NEEDS_STEP_UP = "step_up_required: adding or deleting a passkey needs a fresh proof in this session (POST /api/auth/step-up with your password or a passkey from an earlier session, then retry)";

export const PASSKEY_ENDPOINTS: readonly EndpointDef[] = [
  {
    method: "get", path: "/api/auth/passkeys", tag: "Passkeys",
    summary: "Your passkeys (name, creation, last use), and whether this server can offer passkeys",
    responses: { 200: { description: "Your passkeys, newest first", schema: PasskeyListOut } },
  },
  {
    method: "patch", path: "/api/auth/passkeys/{id}", tag: "Passkeys",
    summary: "Rename one of your passkeys",
    params: PasskeyIdParams,
    body: RenamePasskeyBody,
    responses: { 200: { description: "The renamed passkey", schema: PasskeyResult } },
    errors: { 404: "passkey_not_found: no such passkey of yours" },
  },
  {
    method: "delete", path: "/api/auth/passkeys/{id}", tag: "Passkeys",
    summary: "Delete one of your passkeys (it can no longer sign in); needs step-up",
    params: PasskeyIdParams,
    responses: { 200: { description: "Deleted", schema: DeletedOut } },
    errors: { 403: NEEDS_STEP_UP, 404: "passkey_not_found: no such passkey of yours" },
  },
  {
    method: "post", path: "/api/auth/passkeys/register/options", tag: "Passkeys",
    summary: "Start adding a passkey: options for navigator.credentials.create() (discoverable, user verification required)",
    description: "Needs a fresh proof of presence in this session (POST /api/auth/step-up: the password, or a passkey from an earlier session). Pass the answer to @simplewebauthn/browser's startRegistration({ optionsJSON }) and send its result to /api/auth/passkeys/register/verify within 2 minutes. A passkey added to a staff account is told to its owner (notification and mail) and listed on the suspicious-activity report.",
    responses: { 200: { description: "PublicKeyCredentialCreationOptionsJSON", schema: CreationOptionsOut } },
    errors: { 403: NEEDS_STEP_UP, 409: `${NEED_DOMAIN}; passkey_limit_reached`, 429: OPTIONS_LIMIT },
  },
  {
    method: "post", path: "/api/auth/passkeys/register/verify", tag: "Passkeys",
    summary: "Finish adding a passkey: verify the authenticator's answer and store its public key",
    body: RegisterVerifyBody,
    responses: { 201: { description: "The new passkey", schema: PasskeyResult } },
    errors: {
      400: `${CEREMONY}; passkey_registration_invalid; passkey_challenge_invalid`,
      403: `${NEEDS_STEP_UP} (checked again here)`,
      409: `${NEED_DOMAIN}; passkey_already_registered; passkey_challenge_used`,
      410: "passkey_challenge_expired",
    },
  },
  {
    method: "post", path: "/api/auth/passkeys/login/options", tag: "Passkeys",
    summary: "Start a passkey sign-in: options for navigator.credentials.get() (discoverable credentials, user verification required)",
    description: "Pass the answer to startAuthentication({ optionsJSON }) (optionally with useBrowserAutofill) and send its result to /api/auth/passkeys/login/verify within 2 minutes.",
    responses: { 200: { description: "PublicKeyCredentialRequestOptionsJSON", schema: RequestOptionsOut } },
    errors: { 409: NEED_DOMAIN, 429: OPTIONS_LIMIT },
  },
  {
    method: "post", path: "/api/auth/passkeys/login/verify", tag: "Passkeys",
    summary: "Finish a passkey sign-in: the same token pair and user as POST /api/auth/login",
    description: "Browsers use next-auth's callback/passkey instead (same use case, a cookie session).",
    body: LoginVerifyBody,
    responses: { 200: { description: "A token pair and the user", schema: LoginOut } },
    errors: {
      400: `${CEREMONY}; passkey_challenge_invalid`,
      401: "passkey_unknown (deleted or never registered), passkey_invalid (bad signature)",
      403: "passkey_counter_regression (audited as suspicious); account_pending, account_rejected, account_expired, account_deactivated",
      409: `${NEED_DOMAIN}; passkey_challenge_used (a replayed response)`,
      410: "passkey_challenge_expired",
      429: "rate_limited: 10 failed passkey sign-ins per client IP per 5 minutes (Retry-After)",
    },
  },
  {
    method: "post", path: "/api/auth/step-up/options", tag: "Passkeys",
    summary: "Start a passkey step-up: options limited to your own passkeys from earlier sessions, bound to this session",
    responses: { 200: { description: "PublicKeyCredentialRequestOptionsJSON", schema: RequestOptionsOut } },
    errors: { 404: "passkey_not_found: you have no passkey added before this session (step up with your password)", 409: NEED_DOMAIN, 429: OPTIONS_LIMIT },
  },
  {
    method: "post", path: "/api/auth/step-up", tag: "Passkeys",
    summary: "Prove presence again (passkey or password): sensitive admin actions are allowed in this session for 5 minutes",
    description: "Approving someone as admin, making a user admin and revoking every QR code answer 403 step_up_required without a fresh proof; call this, then retry. Command-line scripts on the server are exempt.",
    body: StepUpBody,
    responses: { 200: { description: "The session is stepped up until valid_until", schema: StepUpOut } },
    errors: {
      400: `${CEREMONY}; passkey_challenge_invalid`,
      401: "invalid_credentials (wrong password), passkey_unknown (not one of your passkeys), passkey_invalid",
      403: "passkey_counter_regression (audited as suspicious); passkey_new_in_session (a passkey added in this session is no proof for it)",
      409: `${NEED_DOMAIN}; passkey_challenge_used`,
      410: "passkey_challenge_expired",
      429: "rate_limited: 5 failed confirmations per 15 minutes (Retry-After)",
    },
  },
  {
    method: "post", path: "/api/admin/users/{id}/revoke-passkeys", tag: "Admin: users",
    summary: "Delete every passkey of a user (audited as passkeys_revoked)",
    params: IdParams,
    responses: { 200: { description: "How many passkeys were deleted", schema: RevokedPasskeysOut } },
  },
];

/** For the admin endpoints that need a fresh proof of presence. */
export const STEP_UP_403 = "forbidden: your role does not allow it; step_up_required: no passkey or password proof in this session within 5 minutes (POST /api/auth/step-up, then retry)";

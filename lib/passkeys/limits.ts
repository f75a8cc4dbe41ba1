// Rate limits of the passkey endpoints, stored in the database like the login limits
// (lib/accounts/limits.ts). A passkey check costs ~0.1 ms, so these guard against floods and
// probing, not against CPU exhaustion as bcrypt's do.
import type { LimitRule } from "../rate-limit/limit";

/** Options requests per client IP (each writes a challenge row). Generous: a lecture hall may share one NAT address. */
export const PASSKEY_OPTIONS_PER_IP: LimitRule = { name: "passkey_options_ip", max: 120, windowSeconds: 60 };

/**
 * Failed passkey sign-ins per client IP: like failed logins (10 per 5 minutes, then 429), a slot
 * is reserved before the check and handed back when the passkey was right.
 */
export const PASSKEY_FAILURES_PER_IP: LimitRule = { name: "passkey_fail_ip", max: 10, windowSeconds: 5 * 60 };

/** A user may keep this many passkeys (checked when a registration starts). */
export const MAX_PASSKEYS_PER_USER = 20;

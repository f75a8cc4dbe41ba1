// Rate-limit rules of the account flows (docs/design.md#sign-in-and-tokens), stored in the database.
import { createHash } from "node:crypto";
import type { LimitRule } from "../rate-limit/limit";

/**
 * Failed logins per (client address, account): one account's typos or guesses from one address
 * use up only their own budget, never the room's (docs/authentication.md#per-address-limit).
 */
export const LOGIN_FAILURES_PER_IP_ACCOUNT: LimitRule = { name: "login_fail_ip_acct", max: 10, windowSeconds: 15 * 60 };

/**
 * Failed logins per client address as a whole, the ceiling against password spraying: sized for
 * a 300-seat hall behind one NAT address where a third of the students mistype once and some
 * twice in the quarter hour before class (~120 failures); the 151st failure-counted attempt in
 * 15 minutes is refused with 429. Clients with a trusted-device token for the account skip both
 * address budgets (lib/auth/login.ts).
 */
export const LOGIN_FAILURES_PER_IP: LimitRule = { name: "login_fail_ip", max: 150, windowSeconds: 15 * 60 };

/** Signups (and re-signups) per client IP in 15 minutes: `SIGNUP_LIMIT_PER_IP` (default 30). A lecture hall may share one NAT address. */
export const signupsPerIp = (max: number): LimitRule => ({ name: "signup_ip", max, windowSeconds: 15 * 60 });

// The waiting page's status polls are not counted: a valid status token only comes from a
// (rate-limited) signup, a forged one is refused by its MAC before any database work, and a
// poll is one indexed read — while counting it would be a write every 3 s per waiting student.

// ---- verified signups and password recovery (docs/authentication.md#limits-of-the-mailed-links)

/** A mail address as a limit's subject: a hash, so bucket keys never hold addresses. */
export const addressSubject = (normalizedEmail: string) => createHash("sha256").update(`rollcall-address.${normalizedEmail}`).digest("hex").slice(0, 32);

/**
 * Verification mails per address per hour (signups and resends together): over it, signup and
 * resend still answer 202 but send nothing, so nobody can flood a mailbox through Rollcall.
 */
export const SIGNUP_MAILS_PER_ADDRESS: LimitRule = { name: "signup_mail_addr", max: 5, windowSeconds: 60 * 60 };

/** Live unverified signups kept per address; a newer one retires the oldest (docs/authentication.md). */
export const LIVE_SIGNUPS_PER_ADDRESS = 5;

/**
 * Wrong 6-digit codes per address per day, reserved before the check: with at most
 * LIVE_SIGNUPS_PER_ADDRESS live codes, a guesser's odds are at most 5 × 5 in a million a day.
 */
export const VERIFY_CODE_FAILURES_PER_ADDRESS: LimitRule = { name: "verify_code_fail", max: 5, windowSeconds: 24 * 60 * 60 };

/** "Send the mail again" requests per client address in 15 minutes (429 over it). */
export const VERIFY_RESENDS_PER_IP: LimitRule = { name: "verify_resend_ip", max: 10, windowSeconds: 15 * 60 };

/** Password-reset requests per client address in 15 minutes (429 over it: says nothing about any account). */
export const RESET_REQUESTS_PER_IP: LimitRule = { name: "reset_ip", max: 10, windowSeconds: 15 * 60 };

/**
 * Reset links per account per hour, keyed by the address so that unknown addresses count
 * exactly like known ones; the admin's "Send reset link" counts here too. Over it the public
 * request still answers 202 and sends nothing; the admin gets 429.
 */
export const RESET_MAILS_PER_ACCOUNT: LimitRule = { name: "reset_mail_acct", max: 3, windowSeconds: 60 * 60 };

/** Wrong current passwords when changing it, per user in 15 minutes (like step-up). */
export const PASSWORD_CHANGE_FAILURES_PER_USER: LimitRule = { name: "pw_change_fail_user", max: 5, windowSeconds: 15 * 60 };

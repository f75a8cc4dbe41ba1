// Rate-limit rules of the account flows (DESIGN.md section 2), stored in the database.
import type { LimitRule } from "../rate-limit/limit";

/** Failed logins per client IP: the 11th attempt inside 5 minutes is refused with 429. */
export const LOGIN_FAILURES_PER_IP: LimitRule = { name: "login_fail_ip", max: 10, windowSeconds: 5 * 60 };

/** Signups (and re-signups) per client IP. Generous: a lecture hall may share one NAT address. */
export const SIGNUPS_PER_IP: LimitRule = { name: "signup_ip", max: 30, windowSeconds: 15 * 60 };

/** Status polls from the waiting page per client IP (every ~3 s from a few tabs is fine). */
export const STATUS_POLLS_PER_IP: LimitRule = { name: "signup_status_ip", max: 600, windowSeconds: 10 * 60 };

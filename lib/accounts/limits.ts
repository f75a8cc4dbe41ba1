// Rate-limit rules of the account flows (docs/design.md#sign-in-and-tokens), stored in the database.
import type { LimitRule } from "../rate-limit/limit";

/** Failed logins per client IP: the 11th attempt inside 5 minutes is refused with 429. */
export const LOGIN_FAILURES_PER_IP: LimitRule = { name: "login_fail_ip", max: 10, windowSeconds: 5 * 60 };

/** Signups (and re-signups) per client IP in 15 minutes: `SIGNUP_LIMIT_PER_IP` (default 30). A lecture hall may share one NAT address. */
export const signupsPerIp = (max: number): LimitRule => ({ name: "signup_ip", max, windowSeconds: 15 * 60 });

// The waiting page's status polls are not counted: a valid status token only comes from a
// (rate-limited) signup, a forged one is refused by its MAC before any database work, and a
// poll is one indexed read — while counting it would be a write every 3 s per waiting student.

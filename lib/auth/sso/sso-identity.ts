// What Rollcall takes from an identity provider's ID token (already verified by openid-client:
// signature, issuer, audience, expiry, nonce): the address — ONLY when the provider says it
// verified it (`email_verified: true`), since an unverified claim would let anyone who can type an
// address at the provider take that address's Rollcall account —, a name, whether the role claim
// makes the person an instructor, and whether the provider just authenticated them (auth_time,
// a proof of presence for step-up). Pure; see docs/authentication.md#single-sign-on.
import { z } from "zod";
import { normalizeEmail } from "../../accounts/normalize-email";
import type { SsoConfig } from "../../config";
import { AppError } from "../../errors";
import { cleanName, nameProblem } from "../../text/clean-name";

/** Claims of a verified ID token, as next-auth hands them over. */
export type SsoClaims = Record<string, unknown> & { sub?: unknown };

/** Why an SSO sign-in was refused, as audited (`sso_failed` details.reason) and shown. */
export const SSO_FAILURE_REASONS = [
  "email_missing",
  "email_not_verified",
  "provider_error",
  "provider_unavailable",
  "access_denied",
  "not_configured",
  "internal_error",
] as const;
export type SsoFailureReason = (typeof SSO_FAILURE_REASONS)[number];

const REASON_WORDS: Record<SsoFailureReason, string> = {
  email_missing: "Your college account did not tell us your email address.",
  email_not_verified: "Your college account's email address is not verified, so it cannot open a Rollcall account.",
  provider_error: "The answer from your college's sign-in could not be trusted or was incomplete.",
  provider_unavailable: "Your college's sign-in service could not be reached.",
  access_denied: "Signing in was cancelled or refused at your college's sign-in page.",
  not_configured: "College sign-in is not set up on this server.",
  internal_error: "Something went wrong on our side.",
};

export function ssoFailed(reason: SsoFailureReason): AppError {
  return new AppError("sso_failed", `${REASON_WORDS[reason]} Try again, or ask your college's IT help desk.`, { reason });
}

/** A proof of presence counts when the provider authenticated the person at most this long ago. */
export const FRESH_AUTH_SECONDS = 120;

export interface SsoIdentity {
  email: string;
  fullName: string;
  instructor: boolean;
  /** when the provider authenticated the person, if just now (a step-up proof); else null */
  freshAuthAt: Date | null;
}

const Email = z.email().max(254);

export function ssoIdentity(claims: SsoClaims, sso: SsoConfig, now: Date): SsoIdentity {
  if (typeof claims.email !== "string" || !Email.safeParse(normalizeEmail(claims.email)).success) throw ssoFailed("email_missing");
  if (claims.email_verified !== true) throw ssoFailed("email_not_verified");
  const email = normalizeEmail(claims.email);
  return { email, fullName: nameFrom(claims, email), instructor: grantsInstructor(claims, sso), freshAuthAt: freshAuthTime(claims.auth_time, now) };
}

/** The provider's name for the person, cleaned like every stored name; the address's local part when it has none usable. */
function nameFrom(claims: SsoClaims, email: string): string {
  const given = [claims.given_name, claims.family_name].filter((x): x is string => typeof x === "string").join(" ");
  for (const candidate of [claims.name, given, claims.preferred_username]) {
    if (typeof candidate !== "string") continue;
    const name = cleanName(candidate);
    if (nameProblem(name) === null) return name;
  }
  const local = cleanName(email.split("@")[0]!.replace(/[._-]+/g, " "));
  return nameProblem(local) === null ? local : email.slice(0, 120);
}

/** Whether OIDC_ROLE_CLAIM (a string or a list of strings) holds one of OIDC_INSTRUCTOR_VALUES. Never admin. */
export function grantsInstructor(claims: SsoClaims, sso: Pick<SsoConfig, "roleClaim" | "instructorValues">): boolean {
  if (!sso.roleClaim || sso.instructorValues.length === 0) return false;
  const value = claims[sso.roleClaim];
  const values = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  return values.some((v) => sso.instructorValues.includes(v));
}

/** auth_time (seconds since the epoch) when it is within FRESH_AUTH_SECONDS of now (and not ahead by more than clock skew). */
export function freshAuthTime(authTime: unknown, now: Date): Date | null {
  if (typeof authTime !== "number" || !Number.isFinite(authTime)) return null;
  const at = new Date(authTime * 1000);
  const age = now.getTime() - at.getTime();
  return age <= FRESH_AUTH_SECONDS * 1000 && age >= -10_000 ? (age < 0 ? now : at) : null;
}

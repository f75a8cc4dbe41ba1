// The secrets Rollcall mails (docs/authentication.md#verified-email-at-signup): a link token
// (256 random bits, stored only as its SHA-256, like refresh tokens) and, for verification, a
// 6-digit code for a student who reads the mail on another device. Codes are stored as an HMAC
// under SECRET_KEY bound to the address, so a copy of the database alone cannot try the
// million codes offline. Pure: no I/O.
import { createHmac } from "node:crypto";
import { hashToken } from "../auth/tokens";
import type { Random } from "../random";
import { AppError } from "../errors";

export type MailedKind = "verification" | "password_reset";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const CODE_SHAPE = /^\d{6}$/;

/** 256 random bits, base64url (43 characters). */
export function newMailedToken(random: Random): string {
  return random.bytes(32).toString("base64url");
}

/** What is stored of a token. */
export const mailedTokenHash = (token: string) => hashToken(token);

export const isWellFormedToken = (token: string) => TOKEN_SHAPE.test(token);

/** Six decimal digits, uniform (leading zeros kept). */
export function newVerificationCode(random: Random): string {
  return String(random.int(1_000_000)).padStart(6, "0");
}

export const isWellFormedCode = (code: string) => CODE_SHAPE.test(code);

/** What is stored of a code: HMAC-SHA256(SECRET_KEY, address and code). */
export function verificationCodeHash(secretKey: string, normalizedEmail: string, code: string): string {
  return createHmac("sha256", secretKey).update(`rollcall-signup-code.${normalizedEmail}.${code}`).digest("hex");
}

/** The refusals every mailed link shares; `details.kind` lets the page say which link it was. */
export const mailedTokenError = {
  invalid: (kind: MailedKind) =>
    new AppError("token_invalid", kind === "verification" ? "This verification link or code is not valid." : "This password-reset link is not valid.", { kind }),
  expired: (kind: MailedKind) =>
    new AppError("token_expired", kind === "verification" ? "This verification link has expired; sign up again." : "This password-reset link has expired; ask for a new one.", { kind }),
  used: (kind: MailedKind) =>
    new AppError("token_used", kind === "verification" ? "This verification link was already used." : "This password-reset link was already used.", { kind }),
};

// Signups in integration tests. Two honest paths (docs/authentication.md#verified-email-at-signup):
// - `signUpAndVerify`: the whole public journey over HTTP — POST /api/auth/signup, the real
//   verification mail read from the test SMTP server, POST /api/auth/verify-email with its token —
//   for tests about signup, verification and the roster;
// - `createWaitingSignup`: the account a verified signup leaves behind (pending, with a live
//   approval request), made by the same use-case step the verification runs after its secret
//   check, for tests about approvals that are not about the mailbox.
import bcrypt from "bcrypt";
import { openVerifiedAccount } from "@/lib/accounts/open-verified-account";
import { signStatusToken } from "@/lib/accounts/status-token";
import { post, type ApiResponse } from "./api";
import { testCtx, testDb, uniqueEmail } from "./db";
import { firstLink, mailsTo, waitForMail, type CapturedMail } from "./mailbox";

export const SIGNUP_PASSWORD = "Tr1cky-Lantern-88";
export const VERIFICATION_SUBJECT = "Confirm your email for Rollcall";

/** The token of the mail's link to `path` (/verify-email or /reset-password). */
export function tokenIn(mail: CapturedMail, path: "/verify-email" | "/reset-password"): string {
  const token = new URL(firstLink(mail, path)).searchParams.get("token");
  if (!token) throw new Error(`no token in the ${path} link of the mail:\n${mail.text}`);
  return token;
}

/** The 6-digit code of a verification mail (its subject and its text say it). */
export function codeIn(mail: CapturedMail): string {
  const code = /code (\d{6})/.exec(mail.subject)?.[1];
  if (!code || !mail.text.includes(code)) throw new Error(`no code in the verification mail:\n${mail.subject}\n${mail.text}`);
  return code;
}

export interface SignupOptions {
  email?: string;
  password?: string;
  fullName?: string;
  ip?: string;
  headers?: Record<string, string>;
}

/** POST /api/auth/signup, expecting the one answer signup ever gives (202). */
export async function signUp(opts: SignupOptions = {}) {
  const email = opts.email ?? uniqueEmail("signup");
  const res = await post("/api/auth/signup", { email, password: opts.password ?? SIGNUP_PASSWORD, full_name: opts.fullName ?? "Ada Student" }, { ip: opts.ip, headers: opts.headers });
  return { email: email.trim().toLowerCase(), res };
}

/** The next verification mail to `email` that arrived at or after `since`. */
export function verificationMail(email: string, since?: Date): Promise<CapturedMail> {
  return waitForMail({ to: email, subject: VERIFICATION_SUBJECT, since });
}

/** Sign up and verify from the real mail: the verify-email answer (the account, its request, its status token). */
export async function signUpAndVerify(opts: SignupOptions = {}): Promise<{ email: string; password: string; verified: ApiResponse; mail: CapturedMail }> {
  const since = new Date();
  const { email, res } = await signUp(opts);
  if (res.status !== 202) throw new Error(`signup failed: ${res.status} ${res.text}`);
  const mail = await verificationMail(email, since);
  const verified = await post("/api/auth/verify-email", { token: tokenIn(mail, "/verify-email") }, { ip: opts.ip, headers: opts.headers });
  if (verified.status !== 200) throw new Error(`verification failed: ${verified.status} ${verified.text}`);
  return { email, password: opts.password ?? SIGNUP_PASSWORD, verified, mail };
}

let hashCache: Promise<string> | undefined;

/**
 * A verified signup waiting for approval (pending account, live request), arranged directly.
 * The shape of the old signup answer, so approval tests read the same.
 */
export async function createWaitingSignup(opts: { email?: string; fullName?: string } = {}) {
  const email = opts.email ?? uniqueEmail("waiting");
  const fullName = opts.fullName ?? "Ada Student";
  const ctx = await testCtx();
  const passwordHash = await (hashCache ??= bcrypt.hash(SIGNUP_PASSWORD, 4));
  const { userId } = await openVerifiedAccount(ctx, { email, fullName, passwordHash, via: "signup", onExisting: "refuse" });
  const request = await (await testDb()).approvalRequest.findFirstOrThrow({ where: { userId }, orderBy: { requestedAt: "desc" } });
  return {
    email,
    password: SIGNUP_PASSWORD,
    user: { id: userId, email, full_name: fullName },
    approval_request: { id: request.id, requested_at: request.requestedAt.toISOString(), expires_at: request.expiresAt.toISOString() },
    status_token: signStatusToken(request.id, ctx.config.SECRET_KEY),
  };
}

/** Wait until `count` verification mails to `email` name the signup of `fullName`; all of them, oldest first. */
export async function verificationMailsNaming(email: string, fullName: string, count = 1, timeoutMs = 20_000): Promise<CapturedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailsTo(email, VERIFICATION_SUBJECT)).filter((m) => m.text.includes(`“${fullName}”`));
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`expected ${count} verification mail(s) to ${email} for ${fullName}, got ${found.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

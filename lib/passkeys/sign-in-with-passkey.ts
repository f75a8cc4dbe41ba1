// Step 2 of a passkey sign-in: verify the assertion (lib/passkeys/verify-assertion.ts) and end
// like every sign-in method, in completeSignIn: the same session (API token pair or next-auth
// browser session), access-token claims, audit entries and lockout bookkeeping as a password.
// Failures count per client IP like failed logins — a slot reserved before the check, handed
// back when the passkey was right — and each is audited as login_failed with method "passkey".
import { completeSignIn, findSignInUser, presentApiSignIn, type SignInKind, type SignInResult } from "../auth/complete-sign-in";
import { auditLoginFailure } from "../auth/login-audit";
import type { Ctx } from "../context";
import { isAppError } from "../errors";
import { hit, rateLimited, refund } from "../rate-limit/limit";
import { PASSKEY_FAILURES_PER_IP } from "./limits";
import { relyingParty } from "./relying-party";
import type { LoginVerifyBody } from "./schemas";
import { verifyPasskeyAssertion } from "./verify-assertion";

export async function signInWithPasskey(ctx: Ctx, body: LoginVerifyBody, kind: SignInKind): Promise<SignInResult> {
  const rp = relyingParty(ctx.config);
  const slot = await hit(ctx, PASSKEY_FAILURES_PER_IP, ctx.ip);
  if (slot.limited) {
    await auditLoginFailure(ctx, "", null, "ip_rate_limited", { method: "passkey" });
    throw rateLimited(slot, `Too many failed passkey sign-ins from your network; try again in ${slot.retryAfterSeconds} seconds.`);
  }
  let credential;
  try {
    credential = await verifyPasskeyAssertion(ctx, rp, body.response, { ceremony: "authentication" });
  } catch (error) {
    if (isAppError(error)) await auditLoginFailure(ctx, "", null, error.code, { method: "passkey", credential_id: body.response.id.slice(0, 64) });
    throw error;
  }
  await refund(ctx, PASSKEY_FAILURES_PER_IP, ctx.ip);
  const user = await findSignInUser(ctx, { id: credential.userId });
  if (!user) throw new Error(`passkey ${credential.id} has no user`); // the foreign key cascades: cannot happen
  return completeSignIn(ctx, user, kind, { method: "passkey" });
}

/** POST /api/auth/passkeys/login/verify: answers like POST /api/auth/login. */
export async function passkeyLogin(ctx: Ctx, body: LoginVerifyBody) {
  return presentApiSignIn(await signInWithPasskey(ctx, body, "api"));
}

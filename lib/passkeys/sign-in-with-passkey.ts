// Step 2 of a passkey sign-in: verify the assertion (lib/passkeys/verify-assertion.ts) and end
// like every sign-in method, in completeSignIn: the same session (API token pair or next-auth
// browser session), access-token claims, audit entries and lockout bookkeeping as a password.
// Failures count per client IP like failed logins — a slot reserved before the check, handed
// back when the passkey was right — and each is audited as login_failed with method "passkey";
// refusals by the limit are audited in aggregate (lib/audit/refusals.ts). The password lockout
// does not apply: it stops password guessing, and a passkey cannot be guessed (a locked-out
// student can still sign in with their passkey).
import { completeSignIn, findSignInUser, presentApiSignIn, type SignInKind, type SignInResult } from "../auth/complete-sign-in";
import { auditLoginFailure } from "../auth/login-audit";
import type { Ctx } from "../context";
import { noteRefusal } from "../audit/refusals";
import { isAppError } from "../errors";
import { withinFailureBudget } from "../rate-limit/failure-budget";
import { rateLimited } from "../rate-limit/limit";
import { PASSKEY_FAILURES_PER_IP } from "./limits";
import { relyingParty } from "./relying-party";
import type { LoginVerifyBody } from "./schemas";
import { verifyPasskeyAssertion } from "./verify-assertion";

export async function signInWithPasskey(ctx: Ctx, body: LoginVerifyBody, kind: SignInKind): Promise<SignInResult> {
  const rp = relyingParty(ctx.config);
  const refused = async (retryAfterSeconds: number) => {
    await noteRefusal(ctx, { action: "login_refused", subject: `passkey-ip:${ctx.ip}`, targetType: "ip", targetId: ctx.ip, details: { reason: "ip_rate_limited", method: "passkey" } });
    return rateLimited({ retryAfterSeconds }, `Too many failed passkey sign-ins from your network; try again in ${retryAfterSeconds} seconds.`);
  };
  const credential = await withinFailureBudget(ctx, PASSKEY_FAILURES_PER_IP, ctx.ip, refused, async () => {
    try {
      return await verifyPasskeyAssertion(ctx, rp, body.response, { ceremony: "authentication" });
    } catch (error) {
      if (isAppError(error)) await auditLoginFailure(ctx, "", null, error.code, { method: "passkey", credential_id: body.response.id.slice(0, 64) });
      throw error;
    }
  });
  const user = await findSignInUser(ctx, { id: credential.userId });
  if (!user) throw new Error(`passkey ${credential.id} has no user`); // the foreign key cascades: cannot happen
  return completeSignIn(ctx, user, kind, { method: "passkey" });
}

/** POST /api/auth/passkeys/login/verify: answers like POST /api/auth/login. */
export async function passkeyLogin(ctx: Ctx, body: LoginVerifyBody) {
  return presentApiSignIn(await signInWithPasskey(ctx, body, "api"));
}

// A single sign-on, once openid-client has verified the ID token (signature, issuer, audience,
// expiry, state, nonce, PKCE): the account of the verified address is opened or linked
// (lib/accounts/open-verified-account.ts: rostered students are active at once, others wait
// for approval), the role claim may make it an instructor, and the sign-in ends in the same
// completeSignIn as a password or a passkey (method "oidc"): deactivated, rejected, expired
// and waiting accounts are refused there, audited as login_failed. A fresh authentication at
// the provider (auth_time just now) starts the session stepped up.
import type { Ctx } from "../../context";
import { AppError } from "../../errors";
import { openVerifiedAccount } from "../../accounts/open-verified-account";
import { completeSignIn, findSignInUser, type SignInKind, type SignInResult } from "../complete-sign-in";
import { grantInstructorByClaim } from "./grant-instructor-by-claim";
import { ssoFailed, ssoIdentity, type SsoClaims } from "./sso-identity";

export async function signInWithSso(ctx: Ctx, claims: SsoClaims, kind: SignInKind): Promise<SignInResult> {
  const sso = ctx.config.sso;
  if (!sso) throw ssoFailed("not_configured");
  const identity = ssoIdentity(claims, sso, ctx.clock.now());
  const { userId } = await openVerifiedAccount(ctx, { email: identity.email, fullName: identity.fullName, passwordHash: null, via: "sso" });
  if (identity.instructor) await grantInstructorByClaim(ctx, userId, sso.roleClaim!);
  const user = await findSignInUser(ctx, { id: userId });
  if (!user) throw new AppError("conflict", "This account changed meanwhile; try again.");
  return completeSignIn(ctx, user, kind, { method: "oidc", steppedUpAt: identity.freshAuthAt });
}

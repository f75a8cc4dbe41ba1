// Step 1 of adding a passkey (a signed-in user): the options for navigator.credentials.create().
// Discoverable credential (the login page needs no email) and user verification required.
// Needs a fresh proof of presence (step-up: the password, or a passkey from an earlier session):
// a stolen session alone must not plant a passkey that outlives it.
import { generateRegistrationOptions } from "@simplewebauthn/server";
import type { AuthUser } from "../auth/authenticate";
import { requireStepUp } from "../auth/require-step-up";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { enforce } from "../rate-limit/limit";
import { CHALLENGE_TTL_SECONDS, issueChallenge } from "./challenges";
import { MAX_PASSKEYS_PER_USER, PASSKEY_OPTIONS_PER_IP } from "./limits";
import { relyingParty } from "./relying-party";
import { toTransports, userHandleOf } from "./credentials";

export async function passkeyRegistrationOptions(ctx: Ctx, user: Pick<AuthUser, "id" | "email" | "fullName" | "sessionId">) {
  const rp = relyingParty(ctx.config);
  await requireStepUp(ctx, user, "add a passkey");
  await enforce(ctx, PASSKEY_OPTIONS_PER_IP, ctx.ip, "Too many passkey requests from your network; try again in a minute.");
  const existing = await ctx.db.passkey.findMany({ where: { userId: user.id }, select: { credentialId: true, transports: true } });
  // A soft cap against clutter, checked here rather than atomically: each registration also
  // needs its own (rate-limited) challenge.
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw new AppError("passkey_limit_reached", `You already have ${existing.length} passkeys; delete one you no longer use first.`);
  }
  const challenge = await issueChallenge(ctx, "registration", { userId: user.id });
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.fullName,
    userID: userHandleOf(user.id),
    challenge: new Uint8Array(Buffer.from(challenge, "base64url")),
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    attestationType: "none",
    // the same authenticator twice would be one passkey under two names
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: toTransports(p.transports) })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
  });
}

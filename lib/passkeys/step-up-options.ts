// Step 1 of a passkey step-up: options for navigator.credentials.get() limited to the signed-in
// user's own passkeys registered BEFORE this session (a passkey added in this session is no proof
// of presence for it), with a challenge bound to this user and this session.
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { AuthUser } from "../auth/authenticate";
import type { Ctx } from "../context";
import { notFound } from "../errors";
import { enforce } from "../rate-limit/limit";
import { CHALLENGE_TTL_SECONDS, issueChallenge } from "./challenges";
import { toTransports } from "./credentials";
import { PASSKEY_OPTIONS_PER_IP } from "./limits";
import { relyingParty } from "./relying-party";

export async function passkeyStepUpOptions(ctx: Ctx, user: Pick<AuthUser, "id" | "sessionId">) {
  const rp = relyingParty(ctx.config);
  await enforce(ctx, PASSKEY_OPTIONS_PER_IP, ctx.ip, "Too many passkey requests from your network; try again in a minute.");
  const passkeys = await ctx.db.passkey.findMany({
    where: { userId: user.id, OR: [{ createdSessionId: null }, { createdSessionId: { not: user.sessionId } }] },
    select: { credentialId: true, transports: true },
  });
  if (passkeys.length === 0) throw notFound("A passkey of yours from an earlier sign-in (confirm with your password instead)", "passkey_not_found");
  const challenge = await issueChallenge(ctx, "step_up", { userId: user.id, sessionId: user.sessionId });
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: new Uint8Array(Buffer.from(challenge, "base64url")),
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    userVerification: "required",
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: toTransports(p.transports) })),
  });
}

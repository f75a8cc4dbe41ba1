// Step 1 of a passkey sign-in (anonymous): the options for navigator.credentials.get(). No
// allowCredentials: the browser offers the passkeys it holds for this site (discoverable
// credentials, also through autofill), and the response names the user. The challenge is signed,
// not stored (lib/passkeys/challenges.ts): anyone may ask for options, and asking writes no row.
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { Ctx } from "../context";
import { enforce } from "../rate-limit/limit";
import { CHALLENGE_TTL_SECONDS, issueSignedChallenge } from "./challenges";
import { PASSKEY_OPTIONS_PER_IP } from "./limits";
import { relyingParty } from "./relying-party";

export async function passkeySignInOptions(ctx: Ctx) {
  const rp = relyingParty(ctx.config);
  await enforce(ctx, PASSKEY_OPTIONS_PER_IP, ctx.ip, "Too many passkey requests from your network; try again in a minute.");
  const challenge = issueSignedChallenge(ctx);
  return generateAuthenticationOptions({
    rpID: rp.id,
    challenge: new Uint8Array(Buffer.from(challenge, "base64url")),
    timeout: CHALLENGE_TTL_SECONDS * 1000,
    userVerification: "required",
  });
}

// The proof step shared by passkey sign-in and passkey step-up: is this assertion a fresh
// answer, from our site, by a verified user, signed by a passkey we know? In this order:
//   1. read clientDataJSON and authenticator data (malformed → 400)
//   2. spend the challenge, once (unknown 400 / expired 410 / already used 409: a replay)
//   3. origin, RP ID, user verification, each with its own code
//   4. the credential exists (and, for step-up, is the signed-in user's) → else 401 passkey_unknown;
//      for step-up, it was not registered in this very session → else 403 passkey_new_in_session
//      (a stolen session that somehow added a passkey must not prove presence with it)
//   5. the signature (@simplewebauthn/server) → else 401 passkey_invalid
//   6. the counter moves forward, atomically → else 403 passkey_counter_regression, audited as
//      suspicious and reported to admins (a cloned authenticator)
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError } from "../errors";
import { log } from "../log";
import { notifyAdmins } from "../notifications/notify";
import { checkCeremony, readAssertion } from "./ceremony";
import { consumeChallenge, type CeremonyKind, type ChallengeOwner } from "./challenges";
import { advanceCounter, findCredential, userHandleOf, type StoredCredential } from "./credentials";
import type { RelyingParty } from "./relying-party";
import type { AuthenticationResponse } from "./schemas";

export interface AssertionExpectation {
  ceremony: Extract<CeremonyKind, "authentication" | "step_up">;
  /** step-up: the challenge's owner, who must also own the passkey */
  owner?: Required<ChallengeOwner>;
}

const unknownPasskey = () =>
  new AppError("passkey_unknown", "Rollcall does not know this passkey (it may have been deleted). Sign in with your password, then add a new passkey.");
const invalidPasskey = () => new AppError("passkey_invalid", "The passkey's signature could not be verified. Try again.");

export async function verifyPasskeyAssertion(ctx: Ctx, rp: RelyingParty, response: AuthenticationResponse, expect: AssertionExpectation): Promise<StoredCredential> {
  const ceremony = readAssertion(response.response);
  await consumeChallenge(ctx, ceremony.challenge, expect.ceremony, expect.owner);
  checkCeremony(ceremony, rp);

  const credential = await findCredential(ctx, response.id);
  if (!credential) throw unknownPasskey();
  if (expect.owner && credential.userId !== expect.owner.userId) throw unknownPasskey();
  if (expect.owner && credential.createdSessionId === expect.owner.sessionId) {
    throw new AppError("passkey_new_in_session", "A passkey added in this session cannot confirm it is you in the same session. Use your password or another passkey.");
  }
  const handle = response.response.userHandle;
  if (handle && handle !== Buffer.from(userHandleOf(credential.userId)).toString("base64url")) throw unknownPasskey();

  let verified: boolean;
  try {
    // The counter is checked below, atomically; the library's own check would be a read-then-write.
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: credential.credentialId, publicKey: new Uint8Array(credential.publicKey), counter: 0 },
      requireUserVerification: true,
    });
    verified = result.verified;
  } catch (error) {
    log("info", "passkey assertion refused", { requestId: ctx.requestId, reason: (error as Error).message.slice(0, 200) });
    throw invalidPasskey();
  }
  if (!verified) throw invalidPasskey();

  if (!(await advanceCounter(ctx.db, credential, ceremony.counter, ctx.clock.now()))) {
    await flagCounterRegression(ctx, credential, ceremony.counter);
    throw new AppError(
      "passkey_counter_regression",
      "This passkey's use counter went backwards, which happens when a passkey has been copied. It was refused; an administrator has been told.",
    );
  }
  return credential;
}

async function flagCounterRegression(ctx: Ctx, credential: StoredCredential, presented: number) {
  const stored = await ctx.db.passkey.findUnique({ where: { id: credential.id }, select: { counter: true } });
  const details = { passkey_id: credential.id, passkey_name: credential.name, stored_counter: Number(stored?.counter ?? credential.counter), presented_counter: presented };
  log("warn", "security: passkey counter regression", { requestId: ctx.requestId, userId: credential.userId, ...details });
  await ctx.db.$transaction(async (tx) => {
    await recordAudit(tx, ctx, { action: "passkey_suspicious", actorId: null, targetType: "user", targetId: credential.userId, details: { reason: "counter_regression", ...details } });
    await notifyAdmins(tx, ctx, {
      type: "passkey_suspicious",
      title: "A passkey's counter went backwards",
      body: `The passkey "${credential.name}" was refused: it may have been copied. Consider revoking the user's passkeys.`,
      link: "/admin/audit?action=passkey_suspicious",
    });
  });
}

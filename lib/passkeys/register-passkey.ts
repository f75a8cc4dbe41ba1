// Step 2 of adding a passkey: verify the authenticator's answer to our challenge and store the
// public key. The challenge is spent first (once, for this user); origin, RP ID and user
// verification are checked with their own codes; @simplewebauthn/server verifies the rest.
import { verifyRegistrationResponse } from "@simplewebauthn/server";
import type { AuthUser } from "../auth/authenticate";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError, isUniqueViolation } from "../errors";
import { log } from "../log";
import { aaguidString, defaultPasskeyName } from "./authenticator-names";
import { checkCeremony, readRegistration } from "./ceremony";
import { consumeChallenge } from "./challenges";
import { toTransports } from "./credentials";
import { passkeySelect, presentPasskey } from "./present";
import { relyingParty } from "./relying-party";
import type { RegisterVerifyBody } from "./schemas";

export async function registerPasskey(ctx: Ctx, user: Pick<AuthUser, "id">, body: RegisterVerifyBody) {
  const rp = relyingParty(ctx.config);
  const ceremony = readRegistration(body.response.response);
  await consumeChallenge(ctx, ceremony.challenge, "registration", { userId: user.id });
  checkCeremony(ceremony, rp);

  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: { ...body.response, response: { ...body.response.response, transports: toTransports(body.response.response.transports) } },
      expectedChallenge: ceremony.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
  } catch (error) {
    log("info", "passkey registration refused", { requestId: ctx.requestId, reason: (error as Error).message.slice(0, 200) });
    throw new AppError("passkey_registration_invalid", "Your device's answer could not be verified, so no passkey was added. Try again.");
  }
  if (!verified.verified) throw new AppError("passkey_registration_invalid", "Your device's answer could not be verified, so no passkey was added. Try again.");

  const info = verified.registrationInfo;
  const aaguid = aaguidString(ceremony.aaguid);
  const now = ctx.clock.now();
  try {
    return await ctx.db.$transaction(async (tx) => {
      const passkey = await tx.passkey.create({
        data: {
          userId: user.id,
          credentialId: info.credential.id,
          publicKey: new Uint8Array(info.credential.publicKey),
          counter: BigInt(info.credential.counter),
          transports: toTransports(body.response.response.transports).join(","),
          name: body.name ?? defaultPasskeyName(aaguid, ctx.userAgent),
          aaguid,
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          createdAt: now,
        },
        select: passkeySelect,
      });
      await recordAudit(tx, ctx, {
        action: "passkey_registered",
        actorId: user.id,
        targetType: "passkey",
        targetId: passkey.id,
        details: { name: passkey.name, aaguid, device_type: info.credentialDeviceType },
      });
      return { passkey: presentPasskey(passkey) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("passkey_already_registered", "This passkey is already registered with Rollcall.");
    throw error;
  }
}

// Step 2 of adding a passkey: verify the authenticator's answer to our challenge and store the
// public key. The challenge is spent first (once, for this user); origin, RP ID and user
// verification are checked with their own codes; @simplewebauthn/server verifies the rest.
// Step-up is checked again here (the options may be older than the 5-minute proof). The passkey
// remembers the session that added it, which cannot step up with it (verify-assertion.ts); a
// passkey added to a staff account is told to its owner (notification and mail) and listed on
// the suspicious-activity page (lib/audit/suspicious.ts).
import { verifyRegistrationResponse } from "@simplewebauthn/server";
import type { AuthUser } from "../auth/authenticate";
import { requireStepUp } from "../auth/require-step-up";
import { recordAudit } from "../audit/record";
import type { Ctx } from "../context";
import { AppError, isUniqueViolation } from "../errors";
import { log } from "../log";
import { enqueueMail } from "../mail/enqueue-mail";
import { passkeyAddedMail } from "../mail/templates/passkey-added";
import { notifyUser } from "../notifications/notify";
import { aaguidString, defaultPasskeyName } from "./authenticator-names";
import { checkCeremony, readRegistration } from "./ceremony";
import { consumeChallenge } from "./challenges";
import { toTransports } from "./credentials";
import { passkeySelect, presentPasskey } from "./present";
import { relyingParty } from "./relying-party";
import type { RegisterVerifyBody } from "./schemas";

/** Accounts whose new passkeys are reported to their owner and on the suspicious-activity page. */
export const isStaffRole = (role: AuthUser["role"]) => role !== "student";

export async function registerPasskey(ctx: Ctx, user: Pick<AuthUser, "id" | "sessionId" | "role" | "email" | "fullName">, body: RegisterVerifyBody) {
  const rp = relyingParty(ctx.config);
  await requireStepUp(ctx, user, "add a passkey");
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
          createdSessionId: user.sessionId,
        },
        select: passkeySelect,
      });
      const staff = isStaffRole(user.role);
      await recordAudit(tx, ctx, {
        action: "passkey_registered",
        actorId: user.id,
        targetType: "passkey",
        targetId: passkey.id,
        details: { name: passkey.name, aaguid, device_type: info.credentialDeviceType, ...(staff ? { staff: true, role: user.role } : {}) },
      });
      if (staff) {
        await notifyUser(tx, ctx, user.id, {
          type: "passkey_added",
          title: `A passkey was added to your account: ${passkey.name}`,
          body: "If this was not you, delete it on your Security page and change your password.",
          link: "/security",
        });
        await enqueueMail(tx, ctx, passkeyAddedMail(ctx.config, user, { name: passkey.name, at: now, ip: ctx.ip }));
      }
      return { passkey: presentPasskey(passkey) };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("passkey_already_registered", "This passkey is already registered with Rollcall.");
    throw error;
  }
}

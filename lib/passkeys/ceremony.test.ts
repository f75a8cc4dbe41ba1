import { createHash } from "node:crypto";
import { verifyAuthenticationResponse, verifyRegistrationResponse } from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { SoftAuthenticator } from "@/tests/support/webauthn";
import { isAppError } from "../errors";
import { checkCeremony, readAssertion, readRegistration } from "./ceremony";
import type { RelyingParty } from "./relying-party";

const rp: RelyingParty = { id: "rollcall.example.edu", origin: "https://rollcall.example.edu", name: "Rollcall" };
const challenge = Buffer.alloc(32, 7).toString("base64url");
const creation = { challenge, rp: { id: rp.id }, user: { id: Buffer.from("user-1").toString("base64url") } };
const request = { challenge, rpId: rp.id };

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

describe("reading and checking a WebAuthn ceremony", () => {
  it("reads the challenge, origin, flags and counter of a registration and an assertion", () => {
    const auth = new SoftAuthenticator(rp.origin, Buffer.alloc(16, 0xab));
    const reg = readRegistration(auth.register(creation).response);
    expect(reg).toMatchObject({ type: "webauthn.create", challenge, origin: rp.origin, userPresent: true, userVerified: true, counter: 0 });
    expect(Buffer.from(reg.rpIdHash)).toEqual(createHash("sha256").update(rp.id).digest());
    expect(Buffer.from(reg.aaguid!)).toEqual(Buffer.alloc(16, 0xab));
    expect(codeOf(() => checkCeremony(reg, rp))).toBeNull();

    const first = readAssertion(auth.assert(request).response);
    const second = readAssertion(auth.assert(request).response);
    expect([first.type, first.counter, second.counter]).toEqual(["webauthn.get", 1, 2]);
    expect(codeOf(() => checkCeremony(second, rp))).toBeNull();
  });

  it("gives each refusal its own code: foreign origin, wrong RP ID, no user verification", () => {
    const auth = new SoftAuthenticator(rp.origin);
    auth.register(creation);
    const check = (tamper: Parameters<SoftAuthenticator["assert"]>[1]) => codeOf(() => checkCeremony(readAssertion(auth.assert(request, tamper).response), rp));
    expect(check({ origin: "https://rollcall.example.edu.evil.test" })).toBe("passkey_origin_mismatch");
    expect(check({ origin: "http://rollcall.example.edu" })).toBe("passkey_origin_mismatch");
    expect(check({ rpId: "evil.test" })).toBe("passkey_rp_id_mismatch");
    expect(check({ userVerified: false })).toBe("passkey_user_verification_required");
    expect(codeOf(() => checkCeremony(readRegistration(auth.register(creation, { userVerified: false }).response), rp))).toBe("passkey_user_verification_required");
  });

  it("refuses what cannot be read as passkey_malformed, never a crash", () => {
    const auth = new SoftAuthenticator(rp.origin);
    auth.register(creation);
    const good = auth.assert(request).response;
    const bad = [
      { ...good, clientDataJSON: Buffer.from("not json").toString("base64url") },
      { ...good, clientDataJSON: Buffer.from(JSON.stringify({ type: "webauthn.get", origin: rp.origin })).toString("base64url") },
      { ...good, authenticatorData: Buffer.alloc(10).toString("base64url") },
      auth.assert(request, { type: "webauthn.create" }).response,
      auth.assert(request, { challenge: "short" }).response,
    ];
    for (const response of bad) expect(codeOf(() => readAssertion(response))).toBe("passkey_malformed");
    expect(codeOf(() => readRegistration({ clientDataJSON: auth.register(creation).response.clientDataJSON, attestationObject: "AAAA" }))).toBe("passkey_malformed");
    expect(codeOf(() => readRegistration(auth.register(creation, { type: "webauthn.get" }).response))).toBe("passkey_malformed");
  });

  it("the software authenticator's output verifies with @simplewebauthn/server (an independent implementation)", async () => {
    const auth = new SoftAuthenticator(rp.origin);
    const reg = await verifyRegistrationResponse({ response: auth.register(creation), expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true });
    expect(reg.verified).toBe(true);
    const credential = reg.registrationInfo!.credential;
    const assertion = auth.assert(request);
    const ok = await verifyAuthenticationResponse({ response: assertion, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, credential, requireUserVerification: true });
    expect(ok).toMatchObject({ verified: true, authenticationInfo: { newCounter: 1 } });
    // a signature over other bytes fails
    const forged = { ...assertion, response: { ...assertion.response, signature: auth.assert(request).response.signature } };
    await expect(verifyAuthenticationResponse({ response: forged, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, credential, requireUserVerification: true })).resolves.toMatchObject({ verified: false });
  });
});

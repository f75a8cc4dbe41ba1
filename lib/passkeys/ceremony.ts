// Reads what the browser and the authenticator said in a WebAuthn response (clientDataJSON and
// authenticator data) and checks it against our relying party, so each refusal gets its own
// code: foreign origin, wrong RP ID, no user verification. @simplewebauthn/server then repeats
// these checks and verifies the signature or attestation; it only throws plain Errors, which
// would all look alike to a client.
import { createHash, timingSafeEqual } from "node:crypto";
import { decodeAttestationObject, parseAuthenticatorData } from "@simplewebauthn/server/helpers";
import { AppError } from "../errors";
import type { RelyingParty } from "./relying-party";

export interface Ceremony {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin: boolean;
  rpIdHash: Uint8Array;
  userPresent: boolean;
  userVerified: boolean;
  counter: number;
  /** registration only: the authenticator model's AAGUID (all zeros when undisclosed) */
  aaguid?: Uint8Array;
}

const malformed = (what: string) => new AppError("passkey_malformed", `The passkey response could not be read (${what}). Try again.`);

function clientData(clientDataJSON: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
  } catch {
    throw malformed("clientDataJSON is not JSON");
  }
  const c = parsed as { type?: unknown; challenge?: unknown; origin?: unknown; crossOrigin?: unknown };
  if (typeof c.type !== "string" || typeof c.challenge !== "string" || typeof c.origin !== "string") {
    throw malformed("clientDataJSON lacks type, challenge or origin");
  }
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(c.challenge)) throw malformed("the challenge is not base64url");
  return { type: c.type, challenge: c.challenge, origin: c.origin, crossOrigin: c.crossOrigin === true };
}

function authenticatorData(bytes: Uint8Array<ArrayBuffer>) {
  try {
    return parseAuthenticatorData(bytes);
  } catch {
    throw malformed("authenticator data");
  }
}

function ceremonyOf(expectedType: string, data: ReturnType<typeof clientData>, auth: ReturnType<typeof authenticatorData>): Ceremony {
  if (data.type !== expectedType) throw malformed(`expected ${expectedType}, got ${data.type.slice(0, 40)}`);
  return {
    ...data,
    rpIdHash: auth.rpIdHash,
    userPresent: auth.flags.up,
    userVerified: auth.flags.uv,
    counter: auth.counter,
    aaguid: auth.aaguid,
  };
}

/** navigator.credentials.create(): clientDataJSON and the attestation object's authenticator data. */
export function readRegistration(response: { clientDataJSON: string; attestationObject: string }): Ceremony {
  const data = clientData(response.clientDataJSON);
  let authData: Uint8Array<ArrayBuffer>;
  try {
    authData = decodeAttestationObject(new Uint8Array(Buffer.from(response.attestationObject, "base64url"))).get("authData");
  } catch {
    throw malformed("attestation object");
  }
  if (!(authData instanceof Uint8Array)) throw malformed("attestation object without authenticator data");
  return ceremonyOf("webauthn.create", data, authenticatorData(authData));
}

/** navigator.credentials.get(): clientDataJSON and authenticator data. */
export function readAssertion(response: { clientDataJSON: string; authenticatorData: string }): Ceremony {
  return ceremonyOf("webauthn.get", clientData(response.clientDataJSON), authenticatorData(new Uint8Array(Buffer.from(response.authenticatorData, "base64url"))));
}

const rpIdHashOf = (rpId: string) => createHash("sha256").update(rpId, "utf8").digest();

/** Our origin, our RP ID, a verified user: in that order, each with its own code. */
export function checkCeremony(ceremony: Ceremony, rp: RelyingParty): void {
  if (ceremony.origin !== rp.origin || ceremony.crossOrigin) {
    throw new AppError(
      "passkey_origin_mismatch",
      `This passkey response was made for another site (${ceremony.origin.slice(0, 100)}), not ${rp.origin}. If a page other than Rollcall asked for your passkey, do not use it.`,
    );
  }
  const expected = rpIdHashOf(rp.id);
  if (ceremony.rpIdHash.length !== expected.length || !timingSafeEqual(ceremony.rpIdHash, expected)) {
    throw new AppError("passkey_rp_id_mismatch", `This passkey belongs to another site, not ${rp.id}.`);
  }
  if (!ceremony.userPresent || !ceremony.userVerified) {
    throw new AppError(
      "passkey_user_verification_required",
      "Your device did not verify you (fingerprint, face or device PIN). Rollcall needs that for a passkey; try again and unlock with it.",
    );
  }
}

// The passkey API's shapes: the single source for route validation, the browser client and
// the OpenAPI document. The WebAuthn objects are what @simplewebauthn/browser's
// startRegistration()/startAuthentication() return (W3C "…JSON" forms); browsers add fields
// over time, so unknown keys inside them are dropped rather than refused. Request bodies
// themselves are strict.
import type { AuthenticationExtensionsClientOutputs } from "@simplewebauthn/server";
import { z } from "zod";
import { Str } from "../common-schemas";

const b64url = (max: number) => Str.min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, "must be base64url");
const credentialId = b64url(1366).describe("base64url credential id");
const transports = z.array(Str.max(20)).max(10);
/** Extension outputs the browser reports (Rollcall asks for none): any JSON object. */
const clientExtensionResults = z
  .custom<AuthenticationExtensionsClientOutputs>((v) => typeof v === "object" && v !== null && !Array.isArray(v), "must be an object")
  .default({});

export const RegistrationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(32_768),
    transports: transports.optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults,
});
export type RegistrationResponse = z.infer<typeof RegistrationResponse>;

export const AuthenticationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(4096),
    signature: b64url(2048),
    userHandle: b64url(512).optional(),
  }),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults,
});
export type AuthenticationResponse = z.infer<typeof AuthenticationResponse>;

const passkeyName = Str
  .trim()
  .min(1)
  .max(60)
  .regex(/^[^\p{Cc}]+$/u, "must not contain control characters");

export const RegisterVerifyBody = z.strictObject({
  response: RegistrationResponse,
  name: passkeyName.optional().describe("defaults to the authenticator's name when known, else the device"),
});
export type RegisterVerifyBody = z.infer<typeof RegisterVerifyBody>;

export const LoginVerifyBody = z.strictObject({ response: AuthenticationResponse });
export type LoginVerifyBody = z.infer<typeof LoginVerifyBody>;

export const RenamePasskeyBody = z.strictObject({ name: passkeyName });
export type RenamePasskeyBody = z.infer<typeof RenamePasskeyBody>;

/** Passkey ids are cuids. */
export const PasskeyIdParams = z.strictObject({ id: Str.regex(/^[a-z0-9]{20,40}$/, "not an id") });

// ---- responses ----
const iso = Str.describe("ISO 8601 UTC time");

export const PasskeyOut = z.object({
  id: Str,
  name: Str,
  created_at: iso,
  last_used_at: iso.nullable(),
  device_type: z.enum(["singleDevice", "multiDevice"]).describe("multiDevice: a synced passkey (password manager, cloud keychain)"),
  backed_up: z.boolean(),
  transports: z.array(Str),
});
export type PasskeyOut = z.infer<typeof PasskeyOut>;

export const PasskeyListOut = z.object({
  passkeys_available: z.boolean().describe("false when APP_URL is an IP address: browsers allow passkeys only on domain names"),
  unavailable_reason: Str.nullable(),
  passkeys: z.array(PasskeyOut),
});

export const PasskeyResult = z.object({ passkey: PasskeyOut });
export const DeletedOut = z.object({ deleted: z.literal(true) });
export const RevokedPasskeysOut = z.object({ revoked: z.number().int().describe("how many passkeys were deleted") });

const credentialDescriptor = z.object({ id: Str, type: z.literal("public-key"), transports: z.array(Str).optional() });

/** PublicKeyCredentialCreationOptionsJSON: hand it to startRegistration({ optionsJSON }). */
export const CreationOptionsOut = z.looseObject({
  challenge: Str.describe("base64url; valid for 2 minutes, once"),
  rp: z.object({ id: Str, name: Str }),
  user: z.object({ id: Str, name: Str, displayName: Str }),
  pubKeyCredParams: z.array(z.object({ type: z.literal("public-key"), alg: z.number().int() })),
  timeout: z.number().int().optional(),
  excludeCredentials: z.array(credentialDescriptor).optional(),
  authenticatorSelection: z.record(Str, z.unknown()).optional(),
  attestation: Str.optional(),
});

/** PublicKeyCredentialRequestOptionsJSON: hand it to startAuthentication({ optionsJSON }). */
export const RequestOptionsOut = z.looseObject({
  challenge: Str.describe("base64url; valid for 2 minutes, once"),
  rpId: Str,
  timeout: z.number().int().optional(),
  userVerification: z.literal("required"),
  allowCredentials: z.array(credentialDescriptor).optional().describe("empty for sign-in (discoverable credentials); your passkeys for step-up"),
});

// A software WebAuthn authenticator for tests and the benchmark: ES256 keys from node:crypto,
// attestation "none", authenticator data and COSE keys CBOR-encoded by hand (nothing borrowed
// from the server's library, so the tests check it against an independent implementation).
// It plays both the authenticator and the browser: it writes clientDataJSON with the page's
// origin, and each field can be overridden to play an attacker (foreign origin, wrong RP ID,
// no user verification, a counter that goes backwards).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

// ---- a minimal CBOR encoder (RFC 8949): integers, byte and text strings, arrays, maps ----
type Cbor = number | string | Uint8Array | Cbor[] | Map<number | string, Cbor>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

export function cbor(value: Cbor): Buffer {
  if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === "string") {
    const bytes = Buffer.from(value, "utf8");
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

// ---- the authenticator ----
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64url = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  rpId: string;
  userHandle: string;
  signCount: number;
}

/** What a browser would return from navigator.credentials.create() (RegistrationResponseJSON). */
export interface RegistrationJSON {
  id: string;
  rawId: string;
  type: "public-key";
  response: { clientDataJSON: string; attestationObject: string; transports: string[] };
  authenticatorAttachment: "platform";
  clientExtensionResults: Record<string, never>;
}

/** What a browser would return from navigator.credentials.get() (AuthenticationResponseJSON). */
export interface AuthenticationJSON {
  id: string;
  rawId: string;
  type: "public-key";
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle: string };
  authenticatorAttachment: "platform";
  clientExtensionResults: Record<string, never>;
}

/** Ways to play an attacker or a broken device. */
export interface Tamper {
  /** the page origin the "browser" reports */
  origin?: string;
  /** the RP ID whose hash goes into the authenticator data */
  rpId?: string;
  /** false: the user was present but not verified */
  userVerified?: boolean;
  /** sign with this counter instead of the next one */
  counter?: number;
  /** answer a different challenge than the options carried */
  challenge?: string;
  /** clientDataJSON type */
  type?: string;
}

function coseKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: "jwk" }) as { x: string; y: string };
  return cbor(
    new Map<number, Cbor>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x, "base64url")],
      [-3, Buffer.from(jwk.y, "base64url")],
    ]),
  );
}

function authData(rpId: string, flags: number, counter: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(counter >>> 0);
  return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
}

export class SoftAuthenticator {
  /** credentials by base64url id: what a phone's keychain would hold */
  readonly credentials = new Map<string, SoftCredential>();

  constructor(
    /** the origin of the page the browser is on, e.g. http://localhost:3000 */
    readonly origin: string,
    /** 16 bytes; all zeros (the default) means "not disclosed" */
    readonly aaguid: Buffer = Buffer.alloc(16),
  ) {}

  /** navigator.credentials.create() for the server's creation options. */
  register(options: { challenge: string; rp: { id?: string }; user: { id: string } }, tamper: Tamper = {}): RegistrationJSON {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const id = randomBytes(16);
    const credential: SoftCredential = { id, privateKey, rpId, userHandle: options.user.id, signCount: 0 };
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(id.length);
    const attested = Buffer.concat([this.aaguid, idLength, id, coseKey(publicKey)]);
    const flags = FLAG_UP | (tamper.userVerified === false ? 0 : FLAG_UV) | FLAG_AT;
    const data = authData(tamper.rpId ?? rpId, flags, credential.signCount, attested);
    const clientData = this.clientData(tamper.type ?? "webauthn.create", tamper.challenge ?? options.challenge, tamper.origin);
    this.credentials.set(b64url(id), credential);
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key",
      response: {
        clientDataJSON: b64url(clientData),
        attestationObject: b64url(cbor(new Map<string, Cbor>([["fmt", "none"], ["attStmt", new Map()], ["authData", data]]))),
        transports: ["internal"],
      },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }

  /**
   * navigator.credentials.get() for the server's request options: the first allowed credential,
   * or (discoverable, no allowCredentials) the one for this RP — or `credentialId` when given.
   */
  assert(options: { challenge: string; rpId?: string; allowCredentials?: { id: string }[] }, tamper: Tamper & { credentialId?: string } = {}): AuthenticationJSON {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const credential = this.pick(rpId, options.allowCredentials, tamper.credentialId);
    credential.signCount = tamper.counter ?? credential.signCount + 1;
    const flags = FLAG_UP | (tamper.userVerified === false ? 0 : FLAG_UV);
    const data = authData(tamper.rpId ?? rpId, flags, credential.signCount);
    const clientData = this.clientData(tamper.type ?? "webauthn.get", tamper.challenge ?? options.challenge, tamper.origin);
    // ES256 over authenticatorData ‖ SHA-256(clientDataJSON), DER-encoded as WebAuthn wants
    const signature = sign("sha256", Buffer.concat([data, sha256(clientData)]), credential.privateKey);
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: "public-key",
      response: { clientDataJSON: b64url(clientData), authenticatorData: b64url(data), signature: b64url(signature), userHandle: credential.userHandle },
      authenticatorAttachment: "platform",
      clientExtensionResults: {},
    };
  }

  private pick(rpId: string, allow: { id: string }[] | undefined, wanted: string | undefined): SoftCredential {
    const candidates = [...this.credentials.entries()].filter(([id, c]) => (wanted ? id === wanted : c.rpId === rpId && (!allow?.length || allow.some((a) => a.id === id))));
    const found = candidates[0]?.[1];
    if (!found) throw new Error(`SoftAuthenticator: no credential for ${rpId}`);
    return found;
  }

  private clientData(type: string, challenge: string, origin = this.origin): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), "utf8");
  }
}

// Access tokens (JWT, HS256 under SECRET_KEY) and opaque refresh tokens. No I/O.
import { createHash, createHmac } from "node:crypto";
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { AppError } from "../errors";
import type { Random } from "../random";
import { ROLES, type Role } from "./policy";

export interface AccessClaims {
  sub: string; // user id
  role: Role;
  sid: string; // auth session id
  jti: string;
  iat: number;
  exp: number;
}

const ISSUER = "rollcall";
const keyCache = new Map<string, Uint8Array>();
function keyOf(secret: string): Uint8Array {
  let key = keyCache.get(secret);
  if (!key) keyCache.set(secret, (key = new TextEncoder().encode(secret)));
  return key;
}

export async function signAccessToken(
  input: { userId: string; role: Role; sessionId: string; jti: string },
  secret: string,
  now: Date,
  ttlMinutes: number,
): Promise<{ token: string; expiresIn: number }> {
  const iat = Math.floor(now.getTime() / 1000);
  const expiresIn = ttlMinutes * 60;
  const token = await new SignJWT({ role: input.role, sid: input.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(input.userId)
    .setJti(input.jti)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresIn)
    .sign(keyOf(secret));
  return { token, expiresIn };
}

/** Verify signature, algorithm, issuer and expiry at `now`. Throws 401 AppErrors. */
export async function verifyAccessToken(token: string, secret: string, now: Date): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      currentDate: now,
      requiredClaims: ["sub", "sid", "jti", "exp", "iat"],
    });
    const role = payload.role;
    if (!(ROLES as readonly unknown[]).includes(role) || typeof payload.sid !== "string") {
      throw new AppError("token_invalid", "The access token is not valid.");
    }
    return payload as unknown as AccessClaims;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JWTExpired) {
      throw new AppError("token_expired", "The access token has expired; refresh it or log in again.");
    }
    throw new AppError("token_invalid", "The access token is not valid.");
  }
}

/** 256 random bits, base64url. Only its SHA-256 is stored. */
export function newRefreshToken(random: Random): string {
  return random.bytes(32).toString("base64url");
}

/**
 * The refresh token that succeeds `token` when it is spent: HMAC-SHA256 under `secret`
 * (domain-separated), so a second request presenting `token` during the grace period can
 * recompute it, while only its hash is ever stored (lib/auth/refresh-tokens.ts).
 */
export function successorRefreshToken(token: string, secret: string): string {
  return createHmac("sha256", secret).update(`rollcall-refresh-successor.${token}`).digest("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

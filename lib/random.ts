// Randomness is a parameter (ctx.random) so tests can make it deterministic when they need to.
import { randomBytes, randomInt } from "node:crypto";

export interface Random {
  bytes(n: number): Buffer;
  /** uniform integer in [0, max) */
  int(max: number): number;
}

export const cryptoRandom: Random = { bytes: (n) => randomBytes(n), int: (max) => randomInt(max) };

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A short random id (default 12 base62 chars, ~71 bits) for rows whose id travels in a QR code. */
export function shortId(random: Random = cryptoRandom, length = 12): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[random.int(62)];
  return out;
}

/** 6-character codes without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B). */
export const SHORT_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

export function shortCode(random: Random = cryptoRandom, length = 6): string {
  let out = "";
  for (let i = 0; i < length; i++) out += SHORT_CODE_ALPHABET[random.int(SHORT_CODE_ALPHABET.length)];
  return out;
}

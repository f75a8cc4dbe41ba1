// The credential store: how passkeys are found by the id a browser reports, and how their
// signature counter moves forward — one conditional update, so a cloned authenticator (or a
// replay that got this far) cannot move it sideways or back.
import type { Ctx } from "../context";
import type { DbOrTx } from "../db";

const KNOWN_TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
type Transport = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";

/** The stored comma-separated list → the transports WebAuthn knows (unknown ones dropped). */
export function toTransports(stored: string | string[] | undefined): Transport[] {
  const list = Array.isArray(stored) ? stored : (stored ?? "").split(",");
  return [...new Set(list.filter((t) => KNOWN_TRANSPORTS.has(t)))] as Transport[];
}

/**
 * The WebAuthn user handle of a user: their id's bytes. A discoverable credential carries it,
 * so it must not contain personal data (a cuid does not).
 */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(userId, "utf8"));
}

export async function findCredential(ctx: Ctx, credentialId: string) {
  return ctx.db.passkey.findUnique({
    where: { credentialId },
    select: { id: true, userId: true, name: true, credentialId: true, publicKey: true, counter: true, transports: true, createdSessionId: true },
  });
}
export type StoredCredential = NonNullable<Awaited<ReturnType<typeof findCredential>>>;

/**
 * Record a successful use: the counter moves strictly forward (or stays 0 for authenticators
 * that do not count, such as most synced passkeys). False when another value is stored — a
 * regression, the sign of a cloned authenticator.
 */
export async function advanceCounter(db: DbOrTx, credential: Pick<StoredCredential, "id">, newCounter: number, now: Date): Promise<boolean> {
  const counter = BigInt(newCounter);
  const { count } = await db.passkey.updateMany({
    where: { id: credential.id, counter: newCounter === 0 ? 0n : { lt: counter } },
    data: { counter, lastUsedAt: now },
  });
  return count === 1;
}

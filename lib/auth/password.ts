// bcrypt through the native `bcrypt` package: hashing runs in libuv's thread pool, so a
// login storm does not stall the event loop (DESIGN.md section 2). Hashes are standard $2b$.
import bcrypt from "bcrypt";

export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(password, rounds);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

const dummyHashes = new Map<number, Promise<string>>();
/**
 * A hash to compare against when the email is unknown, so an unknown email costs the
 * same time as a wrong password and timing does not reveal which emails exist.
 */
export function dummyHash(rounds: number): Promise<string> {
  let h = dummyHashes.get(rounds);
  if (!h) dummyHashes.set(rounds, (h = bcrypt.hash("rollcall-dummy-password", rounds)));
  return h;
}

// bcrypt through the native `bcrypt` package: hashing runs in libuv's thread pool, so a
// login storm does not block the event loop (docs/design.md#sign-in-and-tokens). Hashes are standard $2b$.
//
// The pool is shared: JWT signing/verification (WebCrypto) and async fs run there too. An
// unbounded storm of bcrypt jobs would queue every other request's crypto behind ~220 ms
// jobs, so bcrypt gets at most BCRYPT_CONCURRENCY pool threads (default: cores − 1); the
// rest of the pool, and one core, stay free for marking attendance.
import { availableParallelism } from "node:os";
import bcrypt from "bcrypt";
import { ConfigError, getConfig } from "../config";
import { Semaphore } from "../semaphore";

let gate: Semaphore | undefined;
function bcryptGate(): Semaphore {
  if (!gate) {
    let limit: number;
    try {
      limit = getConfig().BCRYPT_CONCURRENCY;
    } catch (error) {
      // a tool hashing outside a configured process (test fixtures): the same default
      if (!(error instanceof ConfigError)) throw error;
      limit = Math.max(1, availableParallelism() - 1);
    }
    gate = new Semaphore(limit);
  }
  return gate;
}

export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcryptGate().run(() => bcrypt.hash(password, rounds));
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcryptGate().run(() => bcrypt.compare(password, hash));
}

const dummyHashes = new Map<number, Promise<string>>();
/**
 * A hash to compare against when the email is unknown, so an unknown email costs the
 * same time as a wrong password and timing does not reveal which emails exist.
 */
export function dummyHash(rounds: number): Promise<string> {
  let h = dummyHashes.get(rounds);
  if (!h) dummyHashes.set(rounds, (h = hashPassword("rollcall-dummy-password", rounds)));
  return h;
}

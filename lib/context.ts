// Everything a use case needs besides its input: database, time, randomness, settings,
// and who is asking from where. Route handlers, server actions and scripts each build one.
import { randomUUID } from "node:crypto";
import { fixedClock, systemClock, type Clock } from "./clock";
import { getConfig, testHooksEnabled, type Config } from "./config";
import { getDb, type Db } from "./db";
import { AppError } from "./errors";
import { errorFields, log } from "./log";
import { PEER_HEADER, parseTrustedProxies, resolveClientIp } from "./net/client-ip";
import { cryptoRandom, type Random } from "./random";
import type { Cidr } from "./net/cidr";

export interface Ctx {
  db: Db;
  clock: Clock;
  random: Random;
  config: Config;
  /** the client's address (never a spoofable header) or "unknown" / "cli" */
  ip: string;
  userAgent: string | null;
  /** the per-browser device id cookie, when the request came from a browser that has one */
  deviceId: string | null;
  requestId: string;
}

export const DEVICE_COOKIE = "rc_device";
/** Test servers only (APP_ENV=test): pin the request's clock to this ISO time. */
export const TEST_CLOCK_HEADER = "x-test-now";

let trustedCache: { key: string; value: Cidr[] } | undefined;
function trustedProxies(config: Config): Cidr[] {
  const key = config.TRUSTED_PROXIES.join(",");
  if (trustedCache?.key !== key) trustedCache = { key, value: parseTrustedProxies(config.TRUSTED_PROXIES) };
  return trustedCache.value;
}

export function clientIpOf(headers: Headers, config: Config = getConfig()): string {
  return resolveClientIp(headers.get(PEER_HEADER), headers.get("x-forwarded-for"), trustedProxies(config));
}

function cookieValue(headers: Headers, name: string): string | null {
  const raw = headers.get("cookie");
  if (!raw) return null;
  for (const part of raw.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function requestClock(headers: Headers, config: Config): Clock {
  const pinned = testHooksEnabled(config) ? headers.get(TEST_CLOCK_HEADER) : null;
  if (pinned && !Number.isNaN(Date.parse(pinned))) return fixedClock(pinned);
  return systemClock;
}

/** The database, or a 503 the client can retry when it cannot be reached. */
async function reachableDb(): Promise<Db> {
  try {
    return await getDb();
  } catch (error) {
    log("error", "database unreachable", errorFields(error));
    throw new AppError("service_unavailable", "The service is temporarily unavailable. Try again in a moment.", undefined, { "Retry-After": "5" });
  }
}

/** The context of an HTTP request (route handler or server action). */
export async function contextFromHeaders(headers: Headers): Promise<Ctx> {
  const config = getConfig();
  const device = cookieValue(headers, DEVICE_COOKIE);
  return {
    db: await reachableDb(),
    clock: requestClock(headers, config),
    random: cryptoRandom,
    config,
    ip: clientIpOf(headers, config),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    deviceId: device && /^[A-Za-z0-9_-]{16,64}$/.test(device) ? device : null,
    requestId: headers.get("x-request-id")?.slice(0, 64) || randomUUID(),
  };
}

/** The context of a command-line script. */
export async function scriptContext(overrides: Partial<Ctx> = {}): Promise<Ctx> {
  return {
    db: await getDb(),
    clock: systemClock,
    random: cryptoRandom,
    config: getConfig(),
    ip: "cli",
    userAgent: "rollcall-cli",
    deviceId: null,
    requestId: randomUUID(),
    ...overrides,
  };
}


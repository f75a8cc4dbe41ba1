// The WebAuthn relying party, derived from APP_URL: its host is the RP ID (passkeys are bound
// to it) and its origin is the only origin a ceremony may come from. Browsers refuse passkeys
// for IP addresses, so an APP_URL like http://10.0.0.5:3000 means "no passkeys", said plainly.
import { isIP } from "node:net";
import type { Config } from "../config";
import { AppError } from "../errors";

export interface RelyingParty {
  /** the RP ID: APP_URL's host name, e.g. rollcall.college.edu */
  id: string;
  /** the expected origin, e.g. https://rollcall.college.edu */
  origin: string;
  /** shown by the browser's passkey dialog */
  name: string;
}

export type PasskeySupport = { available: true; rp: RelyingParty } | { available: false; reason: string };

const RP_NAME = "Rollcall";

/** Pure: what APP_URL allows. */
export function passkeySupportFor(appUrl: string): PasskeySupport {
  const url = new URL(appUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) {
    return {
      available: false,
      reason: `Passkeys need a domain name, and this server's address (APP_URL ${url.origin}) is an IP address. Ask the operator to serve Rollcall under a domain name; until then, sign in with your password.`,
    };
  }
  return { available: true, rp: { id: host, origin: url.origin, name: RP_NAME } };
}

const cache = new Map<string, PasskeySupport>();

export function passkeySupport(config: Pick<Config, "APP_URL">): PasskeySupport {
  let support = cache.get(config.APP_URL);
  if (!support) {
    support = passkeySupportFor(config.APP_URL);
    cache.set(config.APP_URL, support);
  }
  return support;
}

/** The relying party, or a 409 `passkeys_need_domain` explaining why there is none. */
export function relyingParty(config: Pick<Config, "APP_URL">): RelyingParty {
  const support = passkeySupport(config);
  if (!support.available) throw new AppError("passkeys_need_domain", support.reason, { app_url: new URL(config.APP_URL).origin });
  return support.rp;
}

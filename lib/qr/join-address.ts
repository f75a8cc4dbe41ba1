// What the projector tells a student without a camera: the short address that opens the
// scanner's code field (/c on APP_URL), and whether phones can reach APP_URL at all. Pure.

/** The path on APP_URL that opens the scanner with its code field ready (app/c). */
export const JOIN_PATH = "/c";

export interface JoinAddress {
  /** what to type into a phone's browser: host (and port) plus /c, no scheme when it is https */
  shown: string;
  href: string;
}

export function joinAddress(appUrl: string): JoinAddress {
  const url = new URL(appUrl);
  const base = url.pathname.replace(/\/+$/, "");
  const hostAndPath = `${url.host}${base}${JOIN_PATH}`;
  return { shown: url.protocol === "https:" ? hostAndPath : `${url.protocol}//${hostAndPath}`, href: `${url.origin}${base}${JOIN_PATH}` };
}

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (h === "::1" || h === "::" || h === "0.0.0.0") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Why students' phones cannot open the codes' links, in plain words for the admin, or null:
 * APP_URL names this computer (localhost, a loopback address), or is plain http in production.
 */
export function appUrlWarning(appUrl: string, appEnv: "production" | "development" | "test"): string | null {
  const url = new URL(appUrl);
  if (isLoopback(url.hostname)) {
    return `Phones cannot open ${url.host}: APP_URL points at this computer. Set APP_URL to the address students reach (e.g. https://rollcall.college.edu) before class.`;
  }
  if (appEnv === "production" && url.protocol === "http:") {
    return `APP_URL is plain http (${url.host}). Phones may refuse the camera and passkeys, and codes travel unencrypted: serve Rollcall over https before class.`;
  }
  return null;
}

/** Where /c and /c/<code> go: the scanner with its code field open (and filled, upper-cased). */
export function scannerCodeUrl(code: string | undefined): string {
  const clean = (code ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 6);
  return clean ? `/scan?type=1&code=${clean}` : "/scan?type=1";
}

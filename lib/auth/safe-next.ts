// `?next=` / `callbackUrl` after login: only a path on this site, never another origin (open
// redirect). The check runs on the *normalised* URL, the way a browser reads it: `/.//x`,
// `/%2e//x` and `/..//x` all normalise to `//x`, which a browser takes as another host. So a
// candidate must stay on this site as given, once normalised, and once percent-decoded (a proxy
// or router may decode it). Browser-safe and pure.
import type { Role } from "./policy";

const BASE = "http://rollcall.invalid";
// control characters (tabs and newlines are silently dropped by URL parsers) and backslashes
// (read as "/" by browsers): never part of a link this app makes
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]/;

/** `path` resolves to this site whether a browser uses it as a relative Location or a link. */
function staysOnSite(path: string): boolean {
  if (UNSAFE_CHARS.test(path) || !path.startsWith("/") || path.startsWith("//")) return false;
  try {
    const url = new URL(path, BASE);
    return url.origin === BASE && !url.pathname.startsWith("//");
  } catch {
    return false;
  }
}

function decodedOnce(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** `path`, normalised, if it is a path on this site; otherwise null. */
export function sitePath(path: string | null | undefined): string | null {
  if (!path || path.length > 2048 || !staysOnSite(path)) return null;
  const url = new URL(path, BASE);
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  const decoded = decodedOnce(url.pathname);
  if (!staysOnSite(normalised) || decoded === null || !staysOnSite(decoded)) return null;
  return normalised;
}

/** Where to go after login: a path on this site other than the login and signup pages, or null. */
export function safeNextPath(next: string | null | undefined): string | null {
  const path = sitePath(next);
  if (!path) return null;
  const { pathname } = new URL(path, BASE);
  return pathname === "/login" || pathname === "/signup" ? null : path;
}

/**
 * next-auth's `redirect` callback: a relative URL, or one on `baseUrl`'s origin, goes to the same
 * path on this site if that path is safe; anything else goes to the home page (`baseUrl`).
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  let path: string | null = null;
  if (url.startsWith("/")) path = sitePath(url);
  else {
    try {
      const absolute = new URL(url);
      if (absolute.origin === origin) path = sitePath(`${absolute.pathname}${absolute.search}${absolute.hash}`);
    } catch {
      path = null;
    }
  }
  return path ? `${origin}${path}` : `${origin}/`;
}

/** Where a user lands after login when no `next` was given: staff on the lecturer's start. */
export function homeFor(role: Role): string {
  return role === "admin" || role === "instructor" ? "/admin" : "/home";
}

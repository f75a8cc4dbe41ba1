// Security headers and CORS (docs/design.md#configuration). Pure builders, applied in two places:
// server.ts sets the baseline and CORS on every response (pages, API, static files), and the
// request gate (proxy.ts) adds each page's Content-Security-Policy with a fresh nonce, which
// Next reads from the request headers and puts on its own inline scripts.
import type { NextRequest, NextResponse } from "next/server";
import type { Config } from "../config";

export const NONCE_HEADER = "x-nonce";
const CSP = "content-security-policy";

export interface CspOptions {
  nonce: string;
  dev: boolean;
  https: boolean;
}

/** The page policy: scripts only from us or carrying the nonce; no framing; wasm for the QR decoder. */
export function pageCsp({ nonce, dev, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next loads from a nonced script are trusted; 'wasm-unsafe-eval'
    // lets the zxing-wasm decoder compile; 'unsafe-eval' only for React's dev tooling.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    // style attributes (React style={…}) need 'unsafe-inline'; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Responses the request gate does not see (static files, answers to malformed paths, Next's own
 * errors): at least no framing. Pages replace it with their full policy (proxy.ts), which says
 * the same; together with X-Frame-Options: DENY for older browsers (clickjacking of the projector
 * and approvals pages).
 */
export const FALLBACK_CSP = "frame-ancestors 'none'";

/** JSON responses never render: nothing may load, nothing may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export const PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(self), payment=(), usb=(), serial=(), bluetooth=()";

/** Headers for every response. HSTS only when the app is served over https. */
export function baselineHeaders(config: Pick<Config, "APP_URL">): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
  };
  if (config.APP_URL.startsWith("https://")) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

export const CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
export const CORS_ALLOWED_HEADERS = "authorization, content-type, x-request-id";
export const CORS_EXPOSED_HEADERS = "x-request-id, retry-after";

export interface CorsDecision {
  /** headers to add to the response (empty when the origin is not allowed or absent) */
  headers: Record<string, string>;
  /** true: answer this request right away with 204 (an allowed preflight) */
  preflight: boolean;
}

/**
 * CORS for /api/* only, and only for origins listed in CORS_ORIGINS. Credentials (cookies)
 * are never allowed cross-origin: integrators use bearer tokens.
 */
export function corsFor(
  pathname: string,
  method: string,
  origin: string | undefined,
  requestMethod: string | undefined,
  allowedOrigins: readonly string[],
): CorsDecision {
  if (!pathname.startsWith("/api/")) return { headers: {}, preflight: false };
  const vary = { vary: "Origin" };
  if (!origin || !allowedOrigins.includes(origin)) return { headers: vary, preflight: false };
  const base = { ...vary, "access-control-allow-origin": origin, "access-control-expose-headers": CORS_EXPOSED_HEADERS };
  if (method === "OPTIONS" && requestMethod) {
    return {
      preflight: true,
      headers: { ...base, "access-control-allow-methods": CORS_METHODS, "access-control-allow-headers": CORS_ALLOWED_HEADERS, "access-control-max-age": "600" },
    };
  }
  return { headers: base, preflight: false };
}

/** A fresh nonce for one page response (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Request headers for NextResponse.next(): Next reads the nonce from the request's CSP. */
export function nonceRequestHeaders(request: NextRequest, csp: string, nonce: string): Headers {
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set(CSP, csp);
  return headers;
}

/** The request gate's step: the page's CSP (same nonce as its request headers) and the baseline. */
export function applySecurityHeaders(_request: NextRequest, response: NextResponse, csp: string, config: Pick<Config, "APP_URL">): NextResponse {
  response.headers.set(CSP, csp);
  for (const [name, value] of Object.entries(baselineHeaders(config))) response.headers.set(name, value);
  return response;
}

// Next.js answers a method a route file does not export with an empty 405 and no Allow header.
// The custom server (server.ts) turns that into the API's one error shape with an Allow header
// naming the route's methods, taken from the OpenAPI document (which, by lib/openapi's coverage
// test, lists exactly the methods each route file exports).
import type { ServerResponse } from "node:http";
import { scannerCodeUrl } from "../qr/join-address";

type PathMatcher = { pattern: RegExp; methods: string[] };

/** "/api/events/{id}" → /^\/api\/events\/[^/]+$/ (a trailing parameter also matches deeper paths: catch-alls). */
function matcherOf(template: string, methods: string[], deep: boolean): PathMatcher {
  const parts = template.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  const param = "[^/]+";
  const source = parts.join(param) + (deep && template.endsWith("}") ? "(?:/[^/]+)*" : "");
  return { pattern: new RegExp(`^${source}$`), methods };
}

/** The API route (its OpenAPI path template and methods) that answers a path, or null. */
export function apiRoutes(paths: Record<string, Record<string, unknown>>): (pathname: string) => { template: string; methods: string[] } | null {
  const entries = Object.entries(paths).map(([template, ops]) => {
    const methods = Object.keys(ops).map((m) => m.toUpperCase());
    if (methods.includes("GET")) methods.push("HEAD");
    methods.push("OPTIONS");
    return [template, methods] as const;
  });
  // literal segments win over parameters (/api/courses/report.xlsx is not /api/courses/{id}),
  // whatever order the document lists them in
  const params = (t: string) => (t.match(/\{/g) ?? []).length;
  entries.sort(([a], [b]) => params(a) - params(b));
  const exact = entries.map(([t, m]) => ({ template: t, ...matcherOf(t, m, false) }));
  const deep = entries.map(([t, m]) => ({ template: t, ...matcherOf(t, m, true) }));
  return (pathname) => {
    const hit = exact.find((e) => e.pattern.test(pathname)) ?? deep.find((e) => e.pattern.test(pathname));
    return hit ? { template: hit.template, methods: hit.methods } : null;
  };
}

/** The methods each API path answers (HEAD with GET, OPTIONS always: Next implements both). */
export function allowedMethods(paths: Record<string, Record<string, unknown>>): (pathname: string) => string[] | null {
  const routeOf = apiRoutes(paths);
  return (pathname) => routeOf(pathname)?.methods ?? null;
}

/**
 * Wrap `res` of an /api/ request so that Next's bodiless 405 goes out as
 * {"error":{"code":"method_not_allowed",…}} with an Allow header. Next may send the headers
 * before it ends the response, so they are set when the head goes out and the body at the end.
 */
export function jsonMethodNotAllowed(method: string, pathname: string, res: ServerResponse, allowFor: (pathname: string) => string[] | null): void {
  let replacing = false;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const prepare = () => {
    if (replacing || res.headersSent || res.statusCode !== 405) return;
    replacing = true;
    const allow = allowFor(pathname) ?? [];
    if (allow.length) res.setHeader("allow", allow.join(", "));
    res.setHeader("content-type", "application/json");
    res.removeHeader("content-length");
  };
  res.writeHead = ((...args: unknown[]) => {
    if (args[0] === 405) res.statusCode = 405;
    prepare();
    return writeHead(...args);
  }) as ServerResponse["writeHead"];
  res.end = ((...args: unknown[]) => {
    prepare();
    const bodiless = args.length === 0 || typeof args[0] === "function" || args[0] === undefined || args[0] === null || args[0] === "";
    if (!replacing || !bodiless || method === "HEAD") return end(...args);
    const allow = allowFor(pathname) ?? [];
    return end(
      JSON.stringify({
        error: { code: "method_not_allowed", message: `${method} is not allowed here${allow.length ? `; use ${allow.join(", ")}` : ""}.`, details: { allow } },
      }),
    );
  }) as ServerResponse["end"];
}

/** A path whose percent-encoding is broken (`/s/%`, `/api/x%E0`): Next's router fails on it with a 500. */
export function hasMalformedEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * The answer for a malformed path, before Next sees it: a scan link is "not a Rollcall code"
 * (the friendly page), a typed-code link (/c/…) opens the scanner's empty code field, an API
 * path is a JSON 404. Returns false for other paths (Next answers pages with its 404 page).
 */
export function answerMalformedPath(pathname: string, res: ServerResponse): boolean {
  if (pathname.startsWith("/s/")) {
    res.writeHead(303, { location: "/scan/result?error=qr_malformed", "cache-control": "no-store", "referrer-policy": "no-referrer" });
    res.end();
    return true;
  }
  if (pathname.startsWith("/c/")) {
    res.writeHead(303, { location: scannerCodeUrl(undefined), "cache-control": "no-store" });
    res.end();
    return true;
  }
  if (pathname.startsWith("/api/")) {
    const body = JSON.stringify({ error: { code: "not_found", message: "There is no API endpoint at this path. See /api/openapi.json." } });
    res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return true;
  }
  return false;
}

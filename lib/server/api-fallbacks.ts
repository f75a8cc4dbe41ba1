// Next.js answers a method a route file does not export with an empty 405 and no Allow header.
// The custom server (server.ts) turns that into the API's one error shape with an Allow header
// naming the route's methods, taken from the OpenAPI document (which, by lib/openapi's coverage
// test, lists exactly the methods each route file exports).
import type { ServerResponse } from "node:http";

type PathMatcher = { pattern: RegExp; methods: string[] };

/** "/api/events/{id}" → /^\/api\/events\/[^/]+$/ (a trailing parameter also matches deeper paths: catch-alls). */
function matcherOf(template: string, methods: string[], deep: boolean): PathMatcher {
  const parts = template.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  const param = "[^/]+";
  const source = parts.join(param) + (deep && template.endsWith("}") ? "(?:/[^/]+)*" : "");
  return { pattern: new RegExp(`^${source}$`), methods };
}

/** The methods each API path answers (HEAD with GET, OPTIONS always: Next implements both). */
export function allowedMethods(paths: Record<string, Record<string, unknown>>): (pathname: string) => string[] | null {
  const entries = Object.entries(paths).map(([template, ops]) => {
    const methods = Object.keys(ops).map((m) => m.toUpperCase());
    if (methods.includes("GET")) methods.push("HEAD");
    methods.push("OPTIONS");
    return [template, methods] as const;
  });
  const exact = entries.map(([t, m]) => matcherOf(t, m, false));
  const deep = entries.map(([t, m]) => matcherOf(t, m, true));
  return (pathname) => (exact.find((e) => e.pattern.test(pathname)) ?? deep.find((e) => e.pattern.test(pathname)))?.methods ?? null;
}

/**
 * Wrap `res` of an /api/ request so that Next's bodiless 405 goes out as
 * {"error":{"code":"method_not_allowed",…}} with an Allow header.
 */
export function jsonMethodNotAllowed(method: string, pathname: string, res: ServerResponse, allowFor: (pathname: string) => string[] | null): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const bodiless = args.length === 0 || typeof args[0] === "function" || args[0] === undefined || args[0] === null;
    if (res.statusCode !== 405 || res.headersSent || !bodiless) return end(...args);
    const allow = allowFor(pathname) ?? [];
    const body = JSON.stringify({
      error: {
        code: "method_not_allowed",
        message: `${method} is not allowed here${allow.length ? `; use ${allow.join(", ")}` : ""}.`,
        details: { allow },
      },
    });
    if (allow.length) res.setHeader("allow", allow.join(", "));
    res.setHeader("content-type", "application/json");
    res.setHeader("content-length", Buffer.byteLength(body));
    return method === "HEAD" ? end() : end(body);
  }) as ServerResponse["end"];
}

// Which HTTP methods each kind of path answers, decided before Next.js sees the request: Next
// answers TRACE (and other methods it does not know) with a 500 on every path, a non-GET on a
// static file with a 500, and an unknown server-action id with a 500 (docs/design.md#errors).
// Pure: server.ts supplies what it knows about the build (API routes, static files, actions).

export interface MethodGateSources {
  /** the methods of the API route answering `pathname` (HEAD with GET, OPTIONS), or null */
  apiMethods(pathname: string): string[] | null;
  /** true for a path only read: a file served as is (public/, Next's build output) or a GET-only route outside /api/ */
  isReadOnly(pathname: string): boolean;
  /** true for a page with server actions (only those take a POST) */
  hasActions(pathname: string): boolean;
}

/** The answer for a request the gate refuses, or null to hand it to Next. */
export interface MethodRefusal {
  status: 204 | 404 | 405;
  allow: string[];
  /** an API path: the API's one error body; otherwise a plain-text one */
  api: boolean;
}

/** Pages answer GET and HEAD, and POST when they have server actions; files and other routes outside /api/ only GET and HEAD. */
export const ACTION_PAGE_METHODS = ["GET", "HEAD", "POST", "OPTIONS"] as const;
export const READ_METHODS = ["GET", "HEAD", "OPTIONS"] as const;

/** The route handlers outside /api/ (app/s, app/c, app/scan/receipt): each answers GET only (a unit test checks the list). */
export const READ_ONLY_ROUTES = [/^\/s\/[^/]+$/, /^\/c(?:\/.*)?$/, /^\/scan\/receipt$/];

export function methodRefusal(method: string, pathname: string, sources: MethodGateSources): MethodRefusal | null {
  const m = method.toUpperCase();
  if (pathname.startsWith("/api/")) {
    // the methods Next knows it answers itself (a JSON 404, or a 405 given its Allow in server.ts)
    if (STANDARD.has(m)) return null;
    const allow = sources.apiMethods(pathname);
    return allow ? { status: 405, allow, api: true } : { status: 404, allow: [], api: true };
  }
  const allow: readonly string[] = !sources.isReadOnly(pathname) && sources.hasActions(pathname) ? ACTION_PAGE_METHODS : READ_METHODS;
  // OPTIONS on a page or file: the methods it answers (no CORS here: pages are same-origin only)
  if (m === "OPTIONS") return { status: 204, allow: [...allow], api: false };
  return allow.includes(m) ? null : { status: 405, allow: [...allow], api: false };
}

const STANDARD = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The body for a refusal: the API's one error shape, or plain words for a browser. */
export function refusalBody(refusal: MethodRefusal, method: string): { contentType: string; body: string } {
  const message =
    refusal.status === 404
      ? "There is no API endpoint at this path. See /api/openapi.json."
      : `${method.toUpperCase()} is not allowed here; use ${refusal.allow.join(", ")}.`;
  if (refusal.status === 204) return { contentType: "text/plain; charset=utf-8", body: "" };
  if (!refusal.api) return { contentType: "text/plain; charset=utf-8", body: message };
  const code = refusal.status === 404 ? "not_found" : "method_not_allowed";
  const details = refusal.status === 405 ? { allow: refusal.allow } : undefined;
  return { contentType: "application/json", body: JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } }) };
}

/**
 * Server actions of the build, from Next's server-reference manifest: which action ids exist and
 * on which pages (a worker "app/admin/(group)/users/[id]/page" serves /admin/users/<any>). A POST
 * naming an id that is not there, or not on this page, is a 404 (Next answers it with a 500).
 */
export function serverActionPages(manifest: unknown): { onPage(actionId: string, pathname: string): boolean; anyOnPage(pathname: string): boolean } {
  const routes = new Map<string, RegExp[]>();
  const node = (manifest as { node?: Record<string, { workers?: Record<string, unknown> }> } | null)?.node ?? {};
  for (const [id, entry] of Object.entries(node)) {
    routes.set(id, Object.keys(entry.workers ?? {}).map(pagePattern));
  }
  const clean = (pathname: string) => (pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname);
  const all = [...routes.values()].flat();
  return {
    onPage: (actionId, pathname) => (routes.get(actionId) ?? []).some((re) => re.test(clean(pathname))),
    anyOnPage: (pathname) => all.some((re) => re.test(clean(pathname))),
  };
}

/** "app/admin/(tools)/users/[id]/page" → /^\/admin\/users\/[^/]+$/ */
function pagePattern(worker: string): RegExp {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  const parts = segments.map((s) => {
    if (/^\[\[\.\.\..+\]\]$/.test(s)) return "(?:/[^/]+)*";
    if (/^\[\.\.\..+\]$/.test(s)) return "(?:/[^/]+)+";
    if (/^\[.+\]$/.test(s)) return "/[^/]+";
    return "/" + s.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  });
  return new RegExp(`^${parts.join("") || "/"}$`);
}

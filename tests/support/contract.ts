// The API contract, checked on every real response the integration suites receive (issue 21):
// each answer from /api/** must be an operation of the OpenAPI document (lib/openapi/document.ts)
// with its status listed (exactly, or by the document's "4XX"), its media type documented, and a
// JSON body valid against the documented schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses).
// tests/support/api.ts fails the request, and so the test, on any mismatch. Pure but for the
// document it loads once.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/openapi/document";
import { apiRoutes } from "@/lib/server/api-fallbacks";

interface MediaObject {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
let compiled: { routeOf: ReturnType<typeof apiRoutes>; paths: Record<string, Record<string, Operation>>; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | null = null;

function load() {
  if (compiled) return compiled;
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
  // the whole document as one schema, so responses' $refs into #/components resolve
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(doc, "openapi");
  // paths matched as the server matches them (literal paths first, a trailing parameter as a catch-all)
  compiled = { routeOf: apiRoutes(doc.paths), paths: doc.paths, ajv, validators: new Map() };
  return compiled;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).map(encodeURIComponent).join("/");

/**
 * What is wrong with this answer as the document describes it, or null when it conforms.
 * Paths outside /api/ (pages, assets) and the document itself are not operations: null.
 */
export function contractMismatch(method: string, url: string, status: number, contentType: string | undefined, body: unknown): string | null {
  const { pathname } = new URL(url, "http://x");
  if (!pathname.startsWith("/api/") || pathname === "/api/openapi.json") return null;
  // Next.js itself redirects a path with a trailing or doubled slash to its normal form (308)
  if (status === 308 && (/\/\//.test(pathname) || pathname.endsWith("/"))) return null;
  const { routeOf, paths, ajv, validators } = load();
  const hit = routeOf(pathname);
  const route = hit && { template: hit.template, operations: paths[hit.template]! };
  const m = method.toLowerCase();
  if (!route) {
    // no such path: the catch-all answers 404 (405 for a method nobody implements, such as TRACE)
    return status === 404 || status === 405 ? null : `${method} ${pathname}: no operation in the document, yet answered ${status} (expected 404 or 405)`;
  }
  const operation = route.operations[m === "head" ? "get" : m];
  if (!operation) {
    // 405 for a method the path does not take; 404 when the path only looks like one (deeper than any route)
    return status === 405 || status === 404 || (m === "options" && status < 300) ? null : `${method} ${route.template}: not an operation of the document, yet answered ${status} (expected 405)`;
  }
  const responses = operation.responses ?? {};
  const key = String(status) in responses ? String(status) : `${String(status)[0]}XX` in responses ? `${String(status)[0]}XX` : "default" in responses ? "default" : null;
  if (!key) return `${method} ${route.template}: status ${status} is not listed (listed: ${Object.keys(responses).join(", ")})`;
  const content = responses[key]!.content;
  if (m === "head" || status === 204 || status === 304) return null;
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!content) {
    return body === "" || body === undefined ? null : `${method} ${route.template} ${status}: the document lists no body, yet ${media || "a body"} came back`;
  }
  // documented media types may carry parameters ("text/csv; charset=utf-8"): compare the types
  const documented = Object.keys(content).find((k) => k.split(";")[0]!.trim().toLowerCase() === media);
  if (!documented) return `${method} ${route.template} ${status}: ${media || "no content type"} is not a documented media type (${Object.keys(content).join(", ")})`;
  if (!media.includes("json") || content[documented]!.schema === undefined) return null;
  const ref = `openapi#/${pointer("paths", route.template, m === "head" ? "get" : m, "responses", key, "content", documented, "schema")}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.getSchema(ref);
    if (!validate) return `${method} ${route.template} ${status}: its schema could not be compiled`;
    validators.set(ref, validate);
  }
  if (validate(body)) return null;
  const problems = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
  return `${method} ${route.template} ${status}: the body does not match the documented schema: ${problems.join("; ")}`;
}

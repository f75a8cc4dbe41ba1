import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../openapi/document";
import { allowedMethods } from "./api-fallbacks";
import { methodRefusal, READ_ONLY_ROUTES, refusalBody, serverActionPages } from "./method-gate";

const manifest = {
  node: {
    a1: { workers: { "app/admin/users/page": {} } },
    b2: { workers: { "app/(public)/login/page": {}, "app/admin/courses/[id]/page": {} } },
  },
};
const actions = serverActionPages(manifest);
const sources = {
  apiMethods: allowedMethods(openApiDocument().paths as Record<string, Record<string, unknown>>),
  isReadOnly: (p: string) => p === "/manifest.webmanifest" || READ_ONLY_ROUTES.some((re) => re.test(p)),
  hasActions: actions.anyOnPage,
};

describe("methodRefusal", () => {
  it("refuses methods nobody implements on every kind of path, naming what is allowed", () => {
    expect(methodRefusal("TRACE", "/api/health", sources)).toEqual({ status: 405, allow: ["GET", "HEAD", "OPTIONS"], api: true });
    expect(methodRefusal("TRACE", "/api/nope", sources)).toEqual({ status: 404, allow: [], api: true });
    expect(methodRefusal("TRACE", "/home", sources)).toEqual({ status: 405, allow: ["GET", "HEAD", "OPTIONS"], api: false });
    expect(methodRefusal("PROPFIND", "/admin/users", sources)).toEqual({ status: 405, allow: ["GET", "HEAD", "POST", "OPTIONS"], api: false });
    expect(methodRefusal("POST", "/manifest.webmanifest", sources)).toEqual({ status: 405, allow: ["GET", "HEAD", "OPTIONS"], api: false });
    expect(methodRefusal("POST", "/s/v2.abc", sources)?.status).toBe(405);
  });

  it("lets through what a route or page answers", () => {
    expect(methodRefusal("GET", "/api/health", sources)).toBeNull();
    expect(methodRefusal("DELETE", "/api/events/abcdefabcdef", sources)).toBeNull();
    expect(methodRefusal("PUT", "/api/nope", sources)).toBeNull(); // Next's JSON 404
    expect(methodRefusal("POST", "/api/health", sources)).toBeNull(); // Next's 405, given its Allow by server.ts
    expect(methodRefusal("GET", "/login", sources)).toBeNull();
    expect(methodRefusal("POST", "/admin/users", sources)).toBeNull();
    expect(methodRefusal("POST", "/admin/courses/abc", sources)).toBeNull();
    expect(methodRefusal("POST", "/home", sources)?.status).toBe(405);
  });

  it("answers OPTIONS on pages with the methods, and leaves API preflights to CORS", () => {
    expect(methodRefusal("OPTIONS", "/login", sources)).toEqual({ status: 204, allow: ["GET", "HEAD", "POST", "OPTIONS"], api: false });
    expect(methodRefusal("OPTIONS", "/api/health", sources)).toBeNull();
  });

  it("writes the API's error shape for API paths, plain words for pages", () => {
    const api = refusalBody({ status: 405, allow: ["POST", "OPTIONS"], api: true }, "trace");
    expect(JSON.parse(api.body)).toEqual({ error: { code: "method_not_allowed", message: "TRACE is not allowed here; use POST, OPTIONS.", details: { allow: ["POST", "OPTIONS"] } } });
    expect(refusalBody({ status: 405, allow: ["GET"], api: false }, "PUT")).toEqual({ contentType: "text/plain; charset=utf-8", body: "PUT is not allowed here; use GET." });
  });
});

describe("serverActionPages", () => {
  it("knows each action's pages, route groups dropped and dynamic segments matched", () => {
    expect(actions.onPage("a1", "/admin/users")).toBe(true);
    expect(actions.onPage("a1", "/admin/users/")).toBe(true);
    expect(actions.onPage("a1", "/login")).toBe(false);
    expect(actions.onPage("b2", "/login")).toBe(true);
    expect(actions.onPage("b2", "/admin/courses/x1")).toBe(true);
    expect(actions.onPage("b2", "/admin/courses/x1/report")).toBe(false);
    expect(actions.onPage("zz", "/admin/users")).toBe(false);
    expect(serverActionPages(null).anyOnPage("/")).toBe(false);
  });
});

describe("READ_ONLY_ROUTES", () => {
  it("covers every route handler outside /api/, each exporting GET only", () => {
    const app = path.resolve(__dirname, "../../app");
    const routes: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory() && p !== path.join(app, "api")) walk(p);
        else if (e.name === "route.ts") routes.push(p);
      }
    };
    walk(app);
    expect(routes.length).toBeGreaterThan(0);
    for (const file of routes) {
      const exported = [...fs.readFileSync(file, "utf8").matchAll(/export (?:async )?(?:function|const) (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)].map((m) => m[1]);
      expect(exported, file).toEqual(["GET"]);
      // a sample URL for the route: each [param] becomes "x"
      const url = "/" + path.relative(app, path.dirname(file)).split(path.sep).map((s) => (s.startsWith("[") ? "x" : s)).filter((s) => !/^\(.*\)$/.test(s)).join("/");
      expect(READ_ONLY_ROUTES.some((re) => re.test(url)), url).toBe(true);
    }
  });
});

// Every route handler file under app/api, with each HTTP method it exports, must appear in
// the OpenAPI document (and the document must not list endpoints that do not exist).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";
import { API_DIR, exportedMethods, openApiPathOf, routeFiles } from "./route-files";

// the JSON 404 for unknown API paths answers every method and is no endpoint
const UNKNOWN_PATH_FALLBACK = path.join(API_DIR, "[...path]", "route.ts");

const routes = routeFiles(API_DIR).filter((f) => f !== UNKNOWN_PATH_FALLBACK).flatMap((file) => exportedMethods(fs.readFileSync(file, "utf8")).map((m) => ({ file, path: openApiPathOf(file), method: m.toLowerCase() })));

describe("OpenAPI coverage", () => {
  const doc = openApiDocument();
  const paths = doc.paths as Record<string, Record<string, unknown>>;

  it("finds the route files", () => {
    expect(routes.length).toBeGreaterThan(5);
  });

  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))("documents %s", (_name, r) => {
    expect(paths[r.path]?.[r.method], `${r.file} exports ${r.method.toUpperCase()} but the OpenAPI document lacks it`).toBeTruthy();
  });

  it("documents nothing that has no route handler", () => {
    const real = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
    expect(documented.filter((d) => !real.has(d))).toEqual([]);
  });

  it("is OpenAPI 3.1 with bearer auth, error shapes and request/response schemas", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const patchUser = paths["/api/admin/users/{id}"]!.patch as {
      requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown>; additionalProperties: boolean } } } };
      responses: Record<string, { content?: { "application/json": { schema: unknown } } }>;
      parameters: { name: string; in: string; required: boolean }[];
      security: unknown[];
    };
    expect(Object.keys(patchUser.requestBody.content["application/json"].schema.properties)).toEqual(["role", "active", "full_name"]);
    expect(patchUser.requestBody.content["application/json"].schema.additionalProperties).toBe(false);
    expect(patchUser.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path", required: true }));
    expect(patchUser.responses["409"]!.content!["application/json"].schema).toEqual({ $ref: "#/components/schemas/Error" });
    expect(patchUser.responses["401"]).toBeTruthy();
    expect(patchUser.responses["200"]!.content!["application/json"].schema).toMatchObject({ type: "object" });
    expect(patchUser.security).toContainEqual({ bearerAuth: [] });
  });
});

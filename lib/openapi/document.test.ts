// What the generator guarantees for every endpoint, including ones declared later with no
// thought for the lint (scripts/openapi-lint.ts runs Redocly's recommended rules on the result).
import { describe, expect, it } from "vitest";
import { licenseObject, openApiDocument } from "./document";
import { buildOpenApiDocument, defineEndpoint } from "./registry";

const bare = defineEndpoint({ method: "get", path: "/api/widgets", tag: "Widgets", summary: "List widgets", responses: { 200: { description: "The widgets" } } });
// a made-up endpoint: its policy row comes from this lookup, not the product's table
const publicRule = () => ({ access: "public" }) as const;
const info = { title: "T", version: "1", description: "D", serverUrl: "https://rollcall.example.edu", license: licenseObject("MIT"), tagDescriptions: {} };

describe("OpenAPI document: what the lint needs, from the generator", () => {
  it("gives an endpoint declared with no errors a 4XX response with the error shape", () => {
    const op = buildOpenApiDocument([bare], info, publicRule).paths["/api/widgets"]!.get as { responses: Record<string, { content?: unknown }> };
    expect(op.responses["4XX"]?.content).toEqual({ "application/json": { schema: { $ref: "#/components/schemas/Error" } } });
  });

  it("describes a tag without a hand-written description by its operations' summaries", () => {
    const second = { ...bare, method: "post" as const, summary: "Add a widget" };
    expect(buildOpenApiDocument([bare, second], info, publicRule).tags).toEqual([{ name: "Widgets", description: "List widgets. Add a widget" }]);
    expect(buildOpenApiDocument([bare], { ...info, tagDescriptions: { Widgets: "Widgets." } }, publicRule).tags).toEqual([{ name: "Widgets", description: "Widgets." }]);
  });

  it("names the server it is built for, and a license with an SPDX identifier", () => {
    const doc = openApiDocument("https://attendance.college.edu");
    expect(doc.servers).toEqual([{ url: "https://attendance.college.edu" }]);
    expect(doc.info.license.identifier).toBeTruthy();
    expect(licenseObject("UNLICENSED")).toEqual({ name: "UNLICENSED: proprietary, no license is granted", identifier: "LicenseRef-UNLICENSED" });
    expect(licenseObject("MIT")).toEqual({ name: "MIT", identifier: "MIT" });
  });
});

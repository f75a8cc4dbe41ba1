import { describe, expect, inject, it } from "vitest";
import { get } from "../support/api";
import { openApiDocument } from "@/lib/openapi/document";

describe(`OpenAPI and /docs (${inject("provider")})`, () => {
  it("serves the document generated from the zod schemas", async () => {
    const res = await get("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument(inject("serverEnv").APP_URL))));
    expect(res.body.servers).toEqual([{ url: inject("serverEnv").APP_URL }]);
    expect(res.body.openapi).toBe("3.1.0");
    expect(res.body.paths["/api/admin/audit-logs"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["action", "user_id", "ip_address", "from", "to", "cursor", "limit"]),
    );
  });

  it("renders /docs on the server with no external assets", async () => {
    const res = await get("/docs");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Rollcall API");
    expect(res.text).toContain("/api/admin/users/{id}");
    expect(res.text).toContain("last_admin");
    // downloads answer with their own media type, not JSON: the page names it
    expect(res.text).toContain("/api/courses/{id}/report.csv");
    expect(res.text).toContain("A file download (<code class=\"font-mono text-xs\">text/csv; charset=utf-8</code>)");
    const external = [...res.text.matchAll(/(?:src|href)="(https?:)?\/\/[^"]+"/g)].map((m) => m[0]);
    const own = new URL(inject("serverEnv").APP_URL).host;
    expect(external.filter((u) => !u.includes("127.0.0.1") && !u.includes(own))).toEqual([]);
  });
});

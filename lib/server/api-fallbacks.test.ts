import { describe, expect, it } from "vitest";
import { openApiDocument } from "../openapi/document";
import { allowedMethods, hasMalformedEncoding } from "./api-fallbacks";

describe("allowedMethods", () => {
  const allowFor = allowedMethods(openApiDocument().paths as Record<string, Record<string, unknown>>);

  it("names each API path's methods from the OpenAPI document, with HEAD for GET and OPTIONS", () => {
    expect(allowFor("/api/attendance/mark")).toEqual(["POST", "OPTIONS"]);
    expect(allowFor("/api/events/ck123")?.sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH"]);
  });

  it("matches a trailing parameter across segments only when nothing matches exactly (next-auth's catch-all)", () => {
    expect(allowFor("/api/auth/callback/credentials")).toEqual(allowFor("/api/auth/session"));
    expect(allowFor("/api/auth/login")).toEqual(["POST", "OPTIONS"]);
  });

  it("knows no methods for paths no route answers", () => {
    expect(allowFor("/api")).toBeNull();
    expect(allowFor("/home")).toBeNull();
  });
});

describe("hasMalformedEncoding", () => {
  it("spots percent-encodings that cannot be decoded", () => {
    for (const bad of ["/s/%", "/s/%E0%A4%A", "/api/x%zz", "/s/%C0%AF"]) expect(hasMalformedEncoding(bad)).toBe(true);
    for (const ok of ["/s/%25", "/s/v1.abc", "/api/events/%41"]) expect(hasMalformedEncoding(ok)).toBe(false);
  });
});

import { describe, expect, inject, it } from "vitest";
import { get } from "../support/api";

describe(`health (${inject("provider")})`, () => {
  it("reports the database as reachable", async () => {
    const res = await get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: "ok" });
    expect(res.headers["x-request-id"]).toBeTruthy();
  });

  it("answers unknown API paths with 404", async () => {
    const res = await get("/api/no-such-endpoint");
    expect(res.status).toBe(404);
  });
});

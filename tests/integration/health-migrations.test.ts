import { describe, expect, inject, it } from "vitest";
import { get } from "../support/api";
import { migrationsIn } from "@/lib/health/migration-state";

describe(`health: migration state (${inject("provider")})`, () => {
  it("reports every shipped migration as applied, keeping status and database ok", async () => {
    const res = await get("/api/health");
    expect(res.status).toBe(200);
    const shipped = migrationsIn(inject("provider"))!;
    expect(res.body).toEqual({
      status: "ok",
      database: "ok",
      build: { id: expect.stringMatching(/^\S+$/), release: null }, // the test server runs from a build, not a release
      migrations: { state: "up_to_date", applied: shipped.length, available: shipped.length, pending: [], failed: [], latest: shipped.at(-1) },
    });
  });
});

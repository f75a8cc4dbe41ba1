import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { get } from "../support/api";
import { ROOT, startServer } from "../support/test-server";

describe(`health (${inject("provider")})`, () => {
  it("reports the database as reachable", async () => {
    const res = await get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ok", database: "ok" });
  });

  it("names the build it serves (and no release: the test server runs from the checkout)", async () => {
    const res = await get("/api/health");
    expect(res.body.build).toEqual({ id: fs.readFileSync(path.join(ROOT, ".next", "BUILD_ID"), "utf8").trim(), release: null });
  });

  it("answers unknown API paths with 404", async () => {
    const res = await get("/api/no-such-endpoint");
    expect(res.status).toBe(404);
  });

  it("answers 503 when the database is unreachable", async () => {
    const unreachable = inject("provider") === "postgresql" ? "postgresql://postgres@127.0.0.1:1/nowhere" : "file:/etc/hostname/not-a-directory/x.db";
    const server = await startServer(unreachable, {}, "listening");
    try {
      const res = await fetch(`${server.url}/api/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "degraded", database: "unreachable" });
    } finally {
      await server.stop();
    }
  });
});

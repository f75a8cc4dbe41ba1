import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { afterCursor, decodeCursor, encodeCursor, pageOf } from "./pagination";

describe("cursor pagination", () => {
  it("round-trips a cursor", () => {
    const row = { createdAt: new Date("2026-01-02T03:04:05.678Z"), id: "abc123" };
    expect(decodeCursor(encodeCursor(row))).toEqual({ t: row.createdAt, id: "abc123" });
    expect(afterCursor(encodeCursor(row))).toEqual({ OR: [{ createdAt: { lt: row.createdAt } }, { createdAt: row.createdAt, id: { lt: "abc123" } }] });
    expect(afterCursor(undefined)).toEqual({});
  });

  it("rejects forged or broken cursors as a 400", () => {
    for (const bad of ["", "abc", Buffer.from("[1,2]").toString("base64url"), Buffer.from('["not a date","x"]').toString("base64url"),
      // years past 9999 (and before 1) are valid JavaScript dates that no database column holds
      Buffer.from('["+010000-01-01T00:00:00.000Z","x"]').toString("base64url"),
      Buffer.from('["+275760-09-13T00:00:00.000Z","x"]').toString("base64url"),
      Buffer.from('["-000001-01-01T00:00:00.000Z","x"]').toString("base64url"),
      Buffer.from('["2026-01-02","x"]').toString("base64url"),
      // a lone UTF-16 surrogate in the id (JSON escape): no database stores it
      Buffer.from('["2026-01-02T00:00:00.000Z","\\ud800"]').toString("base64url")]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
    }
  });

  it("returns a next cursor only when there is more", () => {
    const rows = [3, 2, 1].map((n) => ({ createdAt: new Date(n * 1000), id: String(n) }));
    expect(pageOf(rows, 2)).toEqual({ items: rows.slice(0, 2), nextCursor: encodeCursor(rows[1]!) });
    expect(pageOf(rows, 3).nextCursor).toBeNull();
  });
});

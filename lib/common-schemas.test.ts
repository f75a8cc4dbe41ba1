// The shared string and date types (lib/common-schemas.ts), and the rule that every schema uses them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IsoDateTime, isWellFormedText, LocalDate, Str } from "./common-schemas";

const LONE = ["\ud800", "a\udfffb", "\udc00\ud800", "x\ud83d"];

describe("Str: well-formed UTF-16 only", () => {
  it("refuses every lone surrogate, high or low, anywhere", () => {
    for (const s of LONE) {
      expect(isWellFormedText(s), JSON.stringify(s)).toBe(false);
      expect(Str.safeParse(s).success, JSON.stringify(s)).toBe(false);
      expect(Str.trim().max(200).safeParse(s).success).toBe(false);
    }
  });

  it("accepts paired surrogates (emoji, astral letters) and plain text", () => {
    for (const s of ["", "Ada", "Café 😀", "𝔸𝕕𝕒", "\ud83d\ude00"]) expect(Str.safeParse(s).success, s).toBe(true);
  });
});

describe("IsoDateTime: bounded after its offset is applied", () => {
  it("refuses times that leave the years 1–9999 once converted to UTC", () => {
    for (const s of ["9999-12-31T23:59:59-23:59", "9999-12-31T23:00:00-01:00", "0001-01-01T00:00:00+00:01", "0000-06-01T00:00:00Z"]) {
      expect(IsoDateTime.safeParse(s).success, s).toBe(false);
    }
  });

  it("accepts the edges that stay inside", () => {
    expect(IsoDateTime.parse("9999-12-31T23:59:59Z").toISOString()).toBe("9999-12-31T23:59:59.000Z");
    expect(IsoDateTime.parse("9999-12-31T23:59:59+23:59").getUTCFullYear()).toBe(9999);
    expect(IsoDateTime.parse("0001-01-01T00:00:00-00:01").getUTCFullYear()).toBe(1);
  });
});

describe("LocalDate: a day from which every zone converts inside the bounds", () => {
  it("refuses the first and last day, accepts the next ones in", () => {
    for (const s of ["0000-01-01", "0001-01-01", "9999-12-31"]) expect(LocalDate.safeParse(s).success, s).toBe(false);
    for (const s of ["0001-01-02", "2026-12-07", "9999-12-30"]) expect(LocalDate.safeParse(s).success, s).toBe(true);
  });
});

describe("every schema builds on the shared types", () => {
  const schemaFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return schemaFiles(p);
      return /schemas\.ts$/.test(e.name) && !e.name.endsWith(".test.ts") && p !== path.join(__dirname, "common-schemas.ts") ? [p] : [];
    });

  it("no schema file calls z.string() or builds its own date-time type", () => {
    const files = schemaFiles(__dirname);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /\bz\s*\.\s*string\s*\(|offset:\s*true|z\s*\.\s*iso\s*\.\s*date\s*\(/.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(__dirname, f))).toEqual([]);
  });
});

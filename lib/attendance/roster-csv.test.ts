import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./roster-csv";

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const lead of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${lead}cmd`)).toBe(`"'${lead}cmd"`);
    expect(csvCell("Ada")).toBe('"Ada"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(true)).toBe('"true"');
  });
  it("never emits a cell that starts a formula, for any text (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = csvCell(text);
        expect(cell.startsWith('"')).toBe(true);
        expect(/^"[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
    );
  });
  it("joins rows with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe('"a","b"\r\n"1","x"\r\n');
  });
});

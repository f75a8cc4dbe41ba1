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
  it("sees through invisible characters and spaces before the formula, and full-width signs", () => {
    for (const lead of ["\u200B", "\u202E", "\u2066", "\uFEFF", "\u00AD", " ", "\u00A0", "\u200B \u200D"]) {
      expect(csvCell(`${lead}=HYPERLINK("http://evil")`)).toBe(`"'${lead}=HYPERLINK(""http://evil"")"`);
    }
    for (const sign of ["\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]) expect(csvCell(`${sign}1+1`)).toBe(`"'${sign}1+1"`);
    expect(csvCell("\u200BAda")).toBe('"\u200BAda"');
    expect(csvCell("Ada = Lovelace")).toBe('"Ada = Lovelace"');
  });
  it("never emits a cell that starts a formula, for any text (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("\u200B", "\u202E", "\uFEFF", " ", "=", "+", "-", "@", "a", "\t") })), (text) => {
        const cell = csvCell(text);
        expect(cell.startsWith('"')).toBe(true);
        expect(/^"[=+\-@\t\r]/.test(cell)).toBe(false);
        expect(/^"[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\s]*[=+\-@]/u.test(cell)).toBe(false);
      }),
    );
  });
  it("joins rows with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe('"a","b"\r\n"1","x"\r\n');
  });
});
